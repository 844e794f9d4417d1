// Every write to a store is one IMMEDIATE transaction: it takes SQLite's write lock at BEGIN, before its first
// read. A deferred transaction that reads first and then writes cannot wait for the lock (SQLite returns BUSY at
// once, skipping the busy timeout, to avoid a deadlock), which is how edits failed with "database is locked"
// while an import ran. Waiting at BEGIN is safe, and a writer that has to wait says so in words.
import type { StoreDb } from './storeDb';
import { SqliteStore } from './sqliteStore';
import { PgError } from './pg/pgConnection';
import type { PgStore } from './pg/pgStore';
import { WorkbenchError } from '../../shared/errors';

/**
 * How long a writer waits for another (another CLI import, the browser shell saving edits). Longer than the
 * longest commit: the import of a 200 MB file commits its rows in a few seconds.
 */
export const BUSY_TIMEOUT_MS = 60_000;
/** The first try waits this long before the writer is told it is waiting. */
const QUICK_TRY_MS = 250;

export type BusyNotice = (message: string) => void;

const notices = new WeakMap<StoreDb, BusyNotice>();

/** Where to say that a write is waiting (the CLI: stderr). Without one, the wait is silent but still happens. */
export function onBusyWait(db: StoreDb, notice: BusyNotice): void {
  notices.set(db, notice);
}

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string })?.code ?? '';
  return code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_') || code === 'SQLITE_LOCKED';
}

export const WAITING_MESSAGE = '另一个程序正在写入数据文件（如另一个导入），等待其完成后保存… / Another program is writing to the store (another import?); waiting for it to finish before saving…';

export function busyTimeoutError(): WorkbenchError {
  return new WorkbenchError(
    'store',
    `数据文件被另一个程序占用超过 ${BUSY_TIMEOUT_MS / 1000} 秒，本次未保存任何内容，请稍后重试 / The store stayed busy with another program for over ${BUSY_TIMEOUT_MS / 1000} s; nothing was saved; try again later`,
  );
}

/**
 * BEGIN IMMEDIATE on a SQLite connection whose transaction spans awaits (the streamed import's own connection, which
 * nothing else uses), waiting as writeTransaction waits and saying so where `noticeOf` (the service's store) says
 * its notices. The caller commits or rolls back.
 */
export function beginImmediate(store: SqliteStore, noticeOf: StoreDb = store): void {
  waitingForTheLock(store, noticeOf, () => store.sqlite.exec('BEGIN IMMEDIATE'));
}

/** Runs `fn` as one IMMEDIATE transaction, waiting (and saying so) while another connection writes. */
export function writeTransaction<T>(store: StoreDb, fn: () => T): T {
  if (!(store instanceof SqliteStore)) return serverWriteTransaction(store, fn);
  const tx = store.sqlite.transaction(fn);
  if (store.sqlite.inTransaction) return tx(); // nested: a savepoint inside the caller's transaction, lock already held
  return waitingForTheLock(store, store, () => tx.immediate());
}

/**
 * `begin` (a BEGIN IMMEDIATE, with or without the work after it) tried with a short busy timeout, then, once the
 * waiting has been said, with the full one. A busy refusal comes from BEGIN, before any work ran, so trying again
 * repeats nothing.
 */
function waitingForTheLock<T>(store: SqliteStore, noticeOf: StoreDb, begin: () => T): T {
  const db = store.sqlite;
  db.pragma(`busy_timeout = ${QUICK_TRY_MS}`);
  try {
    return begin();
  } catch (e) {
    if (!isBusy(e)) throw e;
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
  notices.get(noticeOf)?.(WAITING_MESSAGE);
  try {
    return begin();
  } catch (e) {
    if (isBusy(e)) throw busyTimeoutError();
    throw e;
  }
}

/** On the server: the store-wide writers' lock at BEGIN (pgStore.ts), the same wait and the same words. */
function serverWriteTransaction<T>(store: StoreDb, fn: () => T): T {
  const server = store as PgStore;
  try {
    return server.runTransaction(fn, true, () => notices.get(store)?.(WAITING_MESSAGE));
  } catch (e) {
    // 55P03 lock_not_available: the lock wait ran out, before `fn` wrote anything.
    if (e instanceof PgError && e.code === '55P03') throw busyTimeoutError();
    throw e;
  }
}
