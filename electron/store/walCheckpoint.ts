// SQLite's WAL checkpoint after a large write, once the writer has answered, instead of inside its COMMIT. By default
// SQLite checkpoints on the COMMIT that leaves the WAL over 1,000 pages (wal_autocheckpoint): after an import of
// 1,000,000 observations that is the whole import copied from the WAL into the store's file, with a sync of each,
// before the import can answer (0.13–0.3 s of the bench's commit). checkpointAfterwards runs the write with the
// automatic checkpoint off on this connection and schedules a PASSIVE checkpoint for the next turn of the event loop
// (after the answer has gone out: the service's reply, the CLI's output); closing the store checkpoints too.
//
// What a committed import means is unchanged where SQLite promises it: with journal_mode=WAL and synchronous=NORMAL
// the transaction is atomic whatever happens (a crash mid-import leaves the store as it was: its frames have no
// commit frame), and once COMMIT returns it survives the program being killed (the frames are in the WAL, which the
// next open reads). What moves is the moment it is also safe from a power cut or a crash of the operating system:
// synchronous=NORMAL syncs the WAL only at a checkpoint, which used to come inside the COMMIT and now comes just
// after the answer. A power cut in between loses the whole import, never part of it, exactly as it would lose any
// smaller write under synchronous=NORMAL today (SQLite's documented trade-off for that setting).
import type { StoreDb } from './storeDb';
import { SqliteStore } from './sqliteStore';

/**
 * Runs `fn` (a write that opens its own transaction) with SQLite's automatic checkpoint off on this connection, and
 * checkpoints on the next turn of the event loop (PASSIVE: it waits for no reader; a reader still on an older
 * snapshot leaves the rest to the next checkpoint, as SQLite's own would). Called inside a transaction, on
 * PostgreSQL, or where the automatic checkpoint is off already, `fn` runs as it is.
 */
export function checkpointAfterwards<T>(db: StoreDb, fn: () => T): T {
  if (!(db instanceof SqliteStore) || db.inTransaction) return fn();
  const sqlite = db.sqlite;
  const limit = sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (!(limit > 0) || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return fn();
  sqlite.pragma('wal_autocheckpoint = 0');
  try {
    return fn();
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${limit}`);
    setImmediate(() => {
      if (!sqlite.open || sqlite.inTransaction) return;
      try {
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // A checkpoint that cannot run now (the store busy, or closing) is left to the next commit or the close.
      }
    });
  }
}
