// Opens a store file for one of the shells: open (refusing foreign or newer files), migrate, seed if new.
// Only a caller that may create a store does so (the CLI's `init`, and any shell on its default store): a
// mistyped path is refused, naming it, instead of becoming a new seeded store that looks like lost work.
import path from 'node:path';
import { openStore, type Store } from './store/openStore';
import { isServerLocation, openPgStore } from './store/pg/openPgStore';
import { seedIfEmpty } from './store/seed';
import { checkStoreExists } from './store/storeExists';
import { createService, type Service } from './service/service';
import { currentUser, defaultDataDir } from './paths';
import { VERSION } from './version';

export { checkStoreExists };

export interface OpenWorkbenchOptions {
  /** May a store be created (and seeded) where none exists? Only `init` and the default store say yes. */
  create?: boolean;
  /** The default store's folder (Electron's userData, or the data folder): missing folders may be made there. */
  defaultFolder?: string;
}

export function openWorkbench(storePath: string, shell: 'electron' | 'web' | 'cli', options: OpenWorkbenchOptions = {}): Service {
  const db = openStoreAt(storePath, options);
  try {
    // A server is seeded only when it is set up (init): a viewer's first look must not try to write plans.
    if (!isServerLocation(storePath) || options.create) seedIfEmpty(db);
    return createService({ db, storePath: db.location, shell, user: storeUser(db), version: VERSION });
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Opens the store at a path or a server URL; only a caller that may create one sets it up. */
export function openStoreAt(storePath: string, options: OpenWorkbenchOptions = {}): Store {
  if (isServerLocation(storePath)) return openPgStore(storePath, { create: options.create });
  checkStoreExists(storePath, options);
  const folder = path.resolve(options.defaultFolder ?? defaultDataDir());
  const createFolders = options.create === true && path.dirname(path.resolve(storePath)) === folder;
  return openStore(storePath, { createFolders });
}

/**
 * Who the history names for this session's edits, links and imports: the name the analyst set
 * (PLAN_WORKBENCH_USER), else on a server the database role they signed in as, else the account's name.
 */
export function storeUser(db: Store): string {
  const chosen = process.env.PLAN_WORKBENCH_USER?.trim();
  if (chosen) return chosen.slice(0, 80);
  if (db.engine === 'postgres') return db.prepare('SELECT current_user').pluck().get() as string;
  return currentUser();
}
