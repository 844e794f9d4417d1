// The server engine: PostgreSQL behind the store interface (storeDb.ts). Statements keep the SQLite form the
// service writes (`?` parameters) and are numbered for PostgreSQL here; transactions and the writers' lock
// follow SQLite's: every write transaction takes one store-wide lock at its start (an advisory lock), so two
// imports never interleave their batches and a writer that must wait is told so.
import type { RunResult, StoreDb, StoreStatement, StoreTransaction } from '../storeDb';
import { PgConnection, type Notification } from './pgConnection';

/** `?` → `$1, $2, …`, outside quoted strings and identifiers. */
export function numberParameters(sql: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      out += c;
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?') {
      out += `$${++n}`;
    } else {
      out += c;
    }
  }
  return out;
}

/** The key of the store-wide writers' lock (pg_advisory_xact_lock): any fixed number, the same in every workbench. */
export const WRITE_LOCK_KEY = 7_202_611;
/** How long a writer waits for another (as SQLite's busy timeout, writeTransaction.ts). */
export const LOCK_WAIT_SECONDS = 60;

/** better-sqlite3 binds undefined as NULL only in some places; PostgreSQL's driver must never see it. */
function bindable(params: unknown[]): unknown[] {
  // A single array argument is the parameters (better-sqlite3 accepts both forms).
  const list = params.length === 1 && Array.isArray(params[0]) ? (params[0] as unknown[]) : params;
  return list.map((p) => (p === undefined ? null : typeof p === 'bigint' ? Number(p) : p));
}

class PgStatement implements StoreStatement {
  private plucked = false;
  private asArrays = false;
  private readonly text: string;

  constructor(
    private readonly store: PgStore,
    sql: string,
  ) {
    this.text = numberParameters(sql);
  }

  pluck(toggle = true): this {
    this.plucked = toggle;
    if (toggle) this.asArrays = false;
    return this;
  }

  raw(toggle = true): this {
    this.asArrays = toggle;
    if (toggle) this.plucked = false;
    return this;
  }

  private rows(params: unknown[]): unknown[] {
    const answer = this.store.query(this.text, bindable(params), this.plucked || this.asArrays ? 'array' : 'object');
    return this.plucked ? answer.rows.map((r) => (r as unknown[])[0]) : answer.rows;
  }

  run(...params: unknown[]): RunResult {
    const answer = this.store.query(this.text, bindable(params), 'object');
    // An INSERT … RETURNING id answers its id here too, as SQLite's lastInsertRowid would.
    const first = answer.rows[0] as { id?: unknown } | undefined;
    return { changes: answer.changes, lastInsertRowid: typeof first?.id === 'number' ? first.id : 0 };
  }

  get(...params: unknown[]): unknown {
    return this.rows(params)[0];
  }

  all(...params: unknown[]): unknown[] {
    return this.rows(params);
  }

  iterate(...params: unknown[]): IterableIterator<unknown> {
    return this.rows(params)[Symbol.iterator]();
  }
}

export class PgStore implements StoreDb {
  readonly engine = 'postgres' as const;
  private depth = 0;
  private written = 0;
  private savepoints = 0;

  constructor(
    private readonly connection: PgConnection,
    readonly location: string,
  ) {}

  query(sql: string, params: unknown[], rowMode: 'object' | 'array') {
    const answer = this.connection.query(sql, params, rowMode);
    if (answer.command !== 'SELECT') this.written += answer.changes;
    return answer;
  }

  prepare(sql: string): StoreStatement {
    return new PgStatement(this, sql);
  }

  exec(sql: string): void {
    const answer = this.connection.query(sql, [], 'object');
    this.written += answer.changes;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  /**
   * Runs `fn` in a transaction (a savepoint when nested). The immediate form first takes the writers' lock;
   * `onWait` is told when another writer holds it, before waiting for it.
   */
  runTransaction<T>(fn: () => T, lock: boolean, onWait?: () => void): T {
    if (this.depth > 0) {
      const name = `wb_sp_${++this.savepoints}`;
      this.exec(`SAVEPOINT ${name}`);
      this.depth++;
      try {
        const value = fn();
        this.exec(`RELEASE SAVEPOINT ${name}`);
        return value;
      } catch (e) {
        this.exec(`ROLLBACK TO SAVEPOINT ${name}`);
        throw e;
      } finally {
        this.depth--;
      }
    }
    this.connection.query('BEGIN', [], 'object');
    this.depth = 1;
    try {
      if (lock) {
        const got = this.connection.query('SELECT pg_try_advisory_xact_lock($1) AS got', [WRITE_LOCK_KEY], 'object').rows[0] as { got: boolean };
        if (!got.got) {
          onWait?.();
          this.connection.query(`SET LOCAL lock_timeout = '${LOCK_WAIT_SECONDS}s'`, [], 'object');
          this.connection.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK_KEY], 'object');
        }
      }
      const value = fn();
      this.connection.query('COMMIT', [], 'object');
      return value;
    } catch (e) {
      try {
        this.connection.query('ROLLBACK', [], 'object');
      } catch {
        // the connection is gone: the server has rolled back already
      }
      throw e;
    } finally {
      this.depth = 0;
    }
  }

  transaction<T>(fn: () => T): StoreTransaction<T> {
    const run = (() => this.runTransaction(fn, false)) as StoreTransaction<T>;
    run.immediate = () => this.runTransaction(fn, true);
    return run;
  }

  changeCount(): number {
    return this.written;
  }

  /** The data version row the triggers raise on every committed write (pgMigrations.ts), and this connection's own writes. */
  changeKey(): string {
    const row = this.connection.query('SELECT n FROM workbench_changes', [], 'array').rows[0] as [number] | undefined;
    return `${row?.[0] ?? 0}:${this.written}`;
  }

  /** Colleagues' commits, as they happen (LISTEN on the channel the triggers NOTIFY). */
  listen(channel: string, onNotify: (n: Notification) => void): void {
    this.connection.listen(channel, onNotify);
  }

  close(): void {
    this.connection.close();
  }
}
