// SQLite checks every foreign key of every row it writes: for an import's million observation rows, a look-up in
// series and in import_batches per row (about a fifth of the insert). Those rows are valid by construction (see
// withoutForeignKeyChecks), so the import writes them with enforcement off — on SQLite only, on the import's own
// connection, and for that transaction alone. PostgreSQL keeps its constraints.
import type { StoreDb } from './storeDb';
import { SqliteStore } from './sqliteStore';

/**
 * Runs `fn` (which opens its own write transaction) with SQLite's foreign-key enforcement off, and turns it back
 * on afterwards whatever happens. The pragma is a no-op inside a transaction, so it is set before BEGIN and
 * restored after COMMIT or ROLLBACK; called inside a caller's transaction, or on PostgreSQL, or where enforcement
 * is off already, `fn` runs as it is. Only for writes whose every reference is to a row written or read in the
 * same transaction.
 */
export function withoutForeignKeyChecks<T>(db: StoreDb, fn: () => T): T {
  if (!(db instanceof SqliteStore) || db.inTransaction) return fn();
  if ((db.pragma('foreign_keys', { simple: true }) as number) !== 1) return fn();
  db.pragma('foreign_keys = OFF');
  try {
    return fn();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}
