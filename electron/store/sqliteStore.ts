// The embedded engine: better-sqlite3 behind the store interface. Statements are the driver's own.
import type Database from 'better-sqlite3';
import type { StoreDb, StoreStatement, StoreTransaction } from './storeDb';

export class SqliteStore implements StoreDb {
  readonly engine = 'sqlite' as const;

  constructor(
    /** The driver's connection, for what only SQLite has (pragmas, the file's header). */
    readonly sqlite: Database.Database,
    readonly location: string,
  ) {}

  prepare(sql: string): StoreStatement {
    return this.sqlite.prepare(sql) as unknown as StoreStatement;
  }

  exec(sql: string): void {
    this.sqlite.exec(sql);
  }

  transaction<T>(fn: () => T): StoreTransaction<T> {
    return this.sqlite.transaction(fn) as unknown as StoreTransaction<T>;
  }

  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  pragma(source: string, options?: { simple?: boolean }): unknown {
    return this.sqlite.pragma(source, options);
  }

  changeCount(): number {
    return this.sqlite.prepare('SELECT total_changes()').pluck().get() as number;
  }

  /** data_version moves when another connection commits; total_changes when this one writes. */
  changeKey(): string {
    return `${this.sqlite.pragma('data_version', { simple: true }) as number}:${this.changeCount()}`;
  }

  close(): void {
    this.sqlite.close();
  }
}
