// Opens a store file for one of the shells: open (refusing foreign or newer files), migrate, seed if new.
import { openStore } from './store/openStore';
import { seedIfEmpty } from './store/seed';
import { createService, type Service } from './service/service';
import { currentUser } from './paths';
import { VERSION } from './version';

export function openWorkbench(storePath: string, shell: 'electron' | 'web' | 'cli'): Service {
  const db = openStore(storePath);
  try {
    seedIfEmpty(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return createService({ db, storePath, shell, user: currentUser(), version: VERSION });
}
