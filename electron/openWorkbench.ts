// Opens a store file for one of the shells: open (refusing foreign or newer files), migrate, seed if new.
// Only a caller that may create a store does so (the CLI's `init`, and any shell on its default store): a
// mistyped path is refused, naming it, instead of becoming a new seeded store that looks like lost work.
import fs from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../shared/errors';
import { openStore } from './store/openStore';
import { seedIfEmpty } from './store/seed';
import { createService, type Service } from './service/service';
import { currentUser, defaultDataDir } from './paths';
import { VERSION } from './version';

export interface OpenWorkbenchOptions {
  /** May a store be created (and seeded) where none exists? Only `init` and the default store say yes. */
  create?: boolean;
  /** The default store's folder (Electron's userData, or the data folder): missing folders may be made there. */
  defaultFolder?: string;
}

/** Refuses a path where no store exists unless the caller may create one. */
export function checkStoreExists(storePath: string, options: OpenWorkbenchOptions): void {
  if (storePath === ':memory:' || options.create) return;
  let size: number;
  try {
    size = fs.statSync(storePath).size;
  } catch {
    throw new WorkbenchError(
      'store',
      `数据文件不存在：${storePath}（未创建新文件；请检查路径，或用 init 命令新建） / No store at ${storePath} (none was created; check the path, or create one with the init command)`,
    );
  }
  if (size === 0) {
    throw new WorkbenchError('store', `${storePath} 是空文件，不是数据文件（未做任何修改；可用 init 命令初始化） / ${storePath} is an empty file, not a store (left untouched; the init command can set it up)`);
  }
}

export function openWorkbench(storePath: string, shell: 'electron' | 'web' | 'cli', options: OpenWorkbenchOptions = {}): Service {
  checkStoreExists(storePath, options);
  const folder = path.resolve(options.defaultFolder ?? defaultDataDir());
  const createFolders = options.create === true && path.dirname(path.resolve(storePath)) === folder;
  const db = openStore(storePath, { createFolders });
  try {
    seedIfEmpty(db);
  } catch (e) {
    db.close();
    throw e;
  }
  return createService({ db, storePath, shell, user: currentUser(), version: VERSION });
}
