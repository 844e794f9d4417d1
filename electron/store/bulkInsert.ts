// Inserting many rows at once (an import's observations: up to millions). On SQLite a prepared statement run in
// a loop is already the fastest form (no round trips: the engine is in this process). On PostgreSQL every
// statement is a round trip to the server through the connection's worker thread (pg/pgConnection.ts), so one
// INSERT per row would spend the import waiting; rows go instead as multi-row INSERTs of many rows each,
// kept well under the protocol's limit of 65,535 parameters per statement. Either way the rows are written
// inside the caller's write transaction: an import's batch is whole or absent.
import type { StoreDb, StoreStatement } from './storeDb';
import { writeTransaction } from './writeTransaction';

/** PostgreSQL's wire protocol numbers parameters with 16 bits. */
export const PG_MAX_PARAMETERS = 65_535;
/**
 * Parameters per statement on PostgreSQL. Measured (npm run bench -- server): beyond a few thousand the
 * statement's parse and bind cost grows as fast as the round trips saved, and memory per statement grows.
 */
export const PG_PARAMETERS_PER_STATEMENT = 8_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoted(name: string): string {
  // Table and column names come from the program, never from a file; still, only plain names are accepted.
  if (!IDENTIFIER.test(name)) throw new Error(`bulk insert: not a plain identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** Rows per multi-row INSERT on PostgreSQL for a table of `columns` columns. */
export function rowsPerStatement(columns: number, parameters = PG_PARAMETERS_PER_STATEMENT): number {
  if (columns < 1) throw new Error('bulk insert: no columns');
  return Math.max(1, Math.min(Math.floor(parameters / columns), Math.floor(PG_MAX_PARAMETERS / columns)));
}

/** `INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?), …` for `rows` rows. */
export function multiRowInsertSql(table: string, columns: readonly string[], rows: number): string {
  const one = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES ${Array.from({ length: rows }, () => one).join(', ')}`;
}

/** Adds rows one at a time and writes them in chunks: for callers that produce rows as they go (an import). */
export interface RowInserter {
  add(row: readonly unknown[]): void;
  /** Writes what is buffered; call before reading the rows back, and at the end. */
  flush(): void;
  /** Rows written so far (after flush: all rows added). */
  readonly written: number;
}

export interface InserterOptions {
  /** PostgreSQL: parameters per statement (tests use small chunks to cross chunk borders). */
  parametersPerStatement?: number;
}

/** A row inserter for `table`; it must be used inside a write transaction (writeTransaction.ts). */
export function rowInserter(db: StoreDb, table: string, columns: readonly string[], options: InserterOptions = {}): RowInserter {
  const width = columns.length;
  const sql = multiRowInsertSql(table, columns, 1);
  const requireTransaction = () => {
    if (!db.inTransaction) throw new Error('bulk insert: must run inside the caller\'s write transaction');
  };
  const checkRow = (row: readonly unknown[]) => {
    if (row.length !== width) throw new Error(`bulk insert into ${table}: a row has ${row.length} values for ${width} columns`);
  };

  if (db.engine === 'sqlite') {
    const insert = db.prepare(sql);
    let written = 0;
    return {
      add(row) {
        checkRow(row);
        requireTransaction();
        insert.run(...row);
        written++;
      },
      flush() {},
      get written() {
        return written;
      },
    };
  }

  const chunk = rowsPerStatement(width, options.parametersPerStatement);
  let full: StoreStatement | null = null; // the statement for a whole chunk, made once
  let buffer: unknown[] = [];
  let buffered = 0;
  let written = 0;
  const write = () => {
    if (buffered === 0) return;
    requireTransaction();
    const statement = buffered === chunk ? (full ??= db.prepare(multiRowInsertSql(table, columns, chunk))) : db.prepare(multiRowInsertSql(table, columns, buffered));
    statement.run(buffer);
    written += buffered;
    buffer = [];
    buffered = 0;
  };
  return {
    add(row) {
      checkRow(row);
      for (const v of row) buffer.push(v);
      if (++buffered === chunk) write();
    },
    flush: write,
    get written() {
      return written;
    },
  };
}

/**
 * Inserts `rows` into `table` (columns in the given order), in the caller's write transaction, or in one of its
 * own when there is none. Returns the number of rows written.
 */
export function insertRows(db: StoreDb, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>, options: InserterOptions = {}): number {
  const run = () => {
    const inserter = rowInserter(db, table, columns, options);
    for (const row of rows) inserter.add(row);
    inserter.flush();
    return inserter.written;
  };
  return db.inTransaction ? run() : writeTransaction(db, run);
}
