// The one store interface the service is written against, over both engines: SQLite (better-sqlite3, the
// embedded default for one desk) and PostgreSQL (a commission's server, for a team). It is better-sqlite3's
// synchronous statement API, which the whole service already used: on SQLite it is the driver itself; on
// PostgreSQL (pg/pgStore.ts) each call waits for the `pg` client running in a worker thread. The service never
// runs on a window's thread (issue 12: its own thread or process), so waiting there freezes nothing. SQL is
// written once where both engines read it alike (`?` parameters, `RETURNING id`, COALESCE); where they differ
// the statement branches on `db.engine`, both versions side by side.

export type StoreEngine = 'sqlite' | 'postgres';

export interface RunResult {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface StoreStatement {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  /** Rows as their first column's value. */
  pluck(toggle?: boolean): this;
  /** Rows as arrays of column values, in the order selected. */
  raw(toggle?: boolean): this;
}

export interface StoreTransaction<T> {
  (): T;
  /** Takes the store's write lock before running: the form every write uses (writeTransaction.ts). */
  immediate(): T;
}

export interface StoreDb {
  readonly engine: StoreEngine;
  /** What the analyst sees as the store's place: a file path, or the server URL without any password. */
  readonly location: string;
  prepare(sql: string): StoreStatement;
  exec(sql: string): void;
  transaction<T>(fn: () => T): StoreTransaction<T>;
  readonly inTransaction: boolean;
  /** Rows written through this connection so far: a call that moved it changed the store. */
  changeCount(): number;
  /** Changes whenever anything in the store may have changed: this connection's writes or another's commit. */
  changeKey(): string;
  close(): void;
}
