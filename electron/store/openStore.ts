// Opens (or, for the caller that may, creates) a workbench store: refuses files that are not SQLite or come from a newer
// version, leaving them untouched, and applies pending migrations in one transaction.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { messageError, WorkbenchError } from '../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { BUSY_TIMEOUT_MS } from './writeTransaction';
import { SqliteStore } from './sqliteStore';
import type { StoreDb } from './storeDb';

/** A store on either engine (storeDb.ts): what the service and the repositories take. */
export type Store = StoreDb;
export { SqliteStore };

const SQLITE_HEADER = 'SQLite format 3\0';

function checkExistingFile(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw messageError('store', 'store.cannotOpen', { file, reason: (e as Error).message });
  }
  try {
    const header = Buffer.alloc(16);
    const n = fs.readSync(fd, header, 0, 16, 0);
    if (n === 0) return; // an empty file is a new store
    if (n < 16 || header.toString('latin1') !== SQLITE_HEADER) {
      throw messageError('store', 'store.notSqlite', { file });
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Creates missing folders one level at a time: Node's recursive mkdir can spin forever on
 * pseudo file systems such as /proc, and a clear refusal is better than a hang.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  let cur = dir;
  while (!fs.existsSync(cur)) {
    missing.unshift(cur);
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  for (const d of missing) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      throw messageError('store', 'store.cannotCreateFolder', { dir: d, reason: (e as Error).message });
    }
  }
}

export interface OpenStoreOptions {
  readonly?: boolean;
  /** Create the store's missing folders (only for the default data folder; any other path must exist). */
  createFolders?: boolean;
}

/** The page size of a store created from nothing (bytes; SQLite's default is 4,096). */
export const NEW_STORE_PAGE_SIZE = 16_384;

export function openStore(file: string, options: OpenStoreOptions = {}): SqliteStore {
  if (file !== ':memory:') {
    const dir = path.dirname(path.resolve(file));
    if (fs.existsSync(file)) {
      if (fs.statSync(file).isDirectory()) {
        throw messageError('store', 'store.isFolder', { file });
      }
      checkExistingFile(file);
    } else if (!fs.existsSync(dir)) {
      if (!options.createFolders) {
        throw new WorkbenchError('store', `文件夹 ${dir} 不存在，未创建数据文件 / The folder ${dir} does not exist; no store was created`);
      }
      makeFolders(dir);
    }
  }
  let db: Database.Database;
  try {
    // Wait for another writer (another process importing) instead of failing at once; see writeTransaction.ts.
    db = new Database(file, { readonly: options.readonly ?? false, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw messageError('store', 'store.cannotOpen', { file, reason: (e as Error).message });
  }
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw messageError('store', 'store.newerVersion', { version, known: SCHEMA_VERSION });
    }
    if (!options.readonly) {
      // A new store's pages are 16 KiB instead of SQLite's 4 KiB (set before anything is written: a store that
      // exists keeps its own). An import writes its observations as a quarter as many pages, with fewer B-tree
      // splits and WAL frames: the raw insert of 1,000,000 observation rows took 0.80–0.87 of its time with 4 KiB
      // pages (bench/insertFloor.ts), and the grouped and per-series reads were no slower. Same rows either way.
      if ((db.pragma('page_count', { simple: true }) as number) === 0) db.pragma(`page_size = ${NEW_STORE_PAGE_SIZE}`);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('synchronous = NORMAL');
      if (version < SCHEMA_VERSION) {
        // Foreign keys off while migrating: a table rebuild drops the old table, which would otherwise cascade
        // into its children (SQLite's 12-step procedure). They are checked before the transaction commits.
        db.pragma('foreign_keys = OFF');
        db.transaction(() => {
          for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new WorkbenchError('store', `数据文件升级后有 ${broken.length} 处引用失效，未做任何修改 / Upgrading the store broke ${broken.length} reference(s); it was left untouched`);
          db.pragma(`user_version = ${SCHEMA_VERSION}`);
        }).immediate();
        db.pragma('foreign_keys = ON');
      }
    }
    return new SqliteStore(db, file);
  } catch (e) {
    db.close();
    if (e instanceof WorkbenchError) throw e;
    throw messageError('store', 'store.unreadable', { file, reason: (e as Error).message });
  }
}
