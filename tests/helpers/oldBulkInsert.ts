// A verbatim copy of electron/store/bulkInsert.ts at main 428c77f (before round 9), for the equality tests: only the
// import paths differ. Not used by the workbench.
// Inserting many rows at once (an import's observations: up to millions). On SQLite the engine is in this process,
// so the cost is the calls into it: 50 rows a statement take about 0.73 of the CPU time of one row a statement at
// 1,000,000 observation rows (100 or 500 rows a statement no better: `npm run -s bench -- insert-floor`). On
// PostgreSQL every statement is a round trip to the server through the connection's worker thread
// (pg/pgConnection.ts), so one INSERT per row would spend the import waiting; rows go instead in chunks of
// thousands, each one statement whose parameters are one array per column (`INSERT … SELECT * FROM unnest(?::integer[],
// ?::text[], …)`): a handful of parameters whatever the chunk's size, far from the protocol's 65,535. Measured on
// the dev server, 200,000 observation rows: 8.4 s this way, 13.5 s as multi-row VALUES lists of 8,000 parameters,
// against a floor of 3.9 s for the server generating the same rows itself (INSERT … SELECT generate_series). Either
// way the rows are written inside the caller's write transaction: an import's batch is whole or absent.
import type { StoreDb } from '../../electron/store/storeDb';
import { writeTransaction } from '../../electron/store/writeTransaction';

/** Rows per statement on PostgreSQL: large enough that round trips no longer count, small enough to keep messages modest. */
export const PG_ROWS_PER_STATEMENT = 10_000;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

function quoted(name: string): string {
  // Table and column names come from the program, never from a file; still, only plain names are accepted.
  if (!IDENTIFIER.test(name)) throw new Error(`bulk insert: not a plain identifier: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

/** `INSERT INTO "t" ("a", "b") VALUES (?, ?)`: SQLite's statement, run once per row. */
export function singleRowInsertSql(table: string, columns: readonly string[]): string {
  return `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

/**
 * Rows per statement on SQLite: 500 rows of the widest table written in bulk (observations, 8 columns: 4,000
 * parameters) stay well below its limit of 32,766. On a quiet machine 500 rows a statement took 0.49 of one row a
 * statement for 1,000,000 observations, against 0.78 for 50 (`npm run -s bench -- insert-floor`).
 */
export const SQLITE_ROWS_PER_STATEMENT = 500;

/** `INSERT INTO "t" ("a", "b") VALUES (?, ?), (?, ?), …`: `rows` rows in one statement. */
export function multiRowInsertSql(table: string, columns: readonly string[], rows: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) VALUES ${Array(rows).fill(tuple).join(', ')}`;
}

/** PostgreSQL's statement for a chunk: one array parameter per column, cast to the column's type. */
export function unnestInsertSql(table: string, columns: readonly string[], types: readonly string[]): string {
  const arrays = types.map((t) => {
    // Type names come from the server's catalogue (format_type): letters, digits, spaces, parentheses, commas.
    if (!/^[a-z0-9 _(),]+$/i.test(t)) throw new Error(`bulk insert: unexpected column type ${JSON.stringify(t)}`);
    return `?::${t}[]`;
  });
  return `INSERT INTO ${quoted(table)} (${columns.map(quoted).join(', ')}) SELECT * FROM unnest(${arrays.join(', ')})`;
}

/** The declared types of `columns` of `table` on the server, in the given order. */
function columnTypes(db: StoreDb, table: string, columns: readonly string[]): string[] {
  const rows = db
    .prepare('SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped')
    .raw()
    .all(quoted(table)) as [string, string][];
  const byName = new Map(rows);
  return columns.map((c) => {
    const t = byName.get(c);
    if (t === undefined) throw new Error(`bulk insert: ${table} has no column ${c}`);
    return t;
  });
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
  /** PostgreSQL: rows per statement (tests use small chunks to cross chunk borders; the bench compares sizes). */
  rowsPerStatement?: number;
}

/** A row inserter for `table`; it must be used inside a write transaction (writeTransaction.ts). */
export function rowInserter(db: StoreDb, table: string, columns: readonly string[], options: InserterOptions = {}): RowInserter {
  const width = columns.length;
  const requireTransaction = () => {
    if (!db.inTransaction) throw new Error('bulk insert: must run inside the caller\'s write transaction');
  };
  const checkRow = (row: readonly unknown[]) => {
    if (row.length !== width) throw new Error(`bulk insert into ${table}: a row has ${row.length} values for ${width} columns`);
  };

  if (db.engine === 'sqlite') {
    // Many rows a statement: part of a single-row statement's cost is the call into SQLite, not the B-tree work.
    // The rest go one by one.
    const many = db.prepare(multiRowInsertSql(table, columns, SQLITE_ROWS_PER_STATEMENT));
    const one = db.prepare(singleRowInsertSql(table, columns));
    // One parameter list, filled in place and reused for every statement: no array per row or per statement.
    // It is passed spread, as arguments: better-sqlite3 reads an array argument element by element through V8's
    // generic property lookup (Object::Get), arguments directly; at 1,000,000 rows of 7 values that lookup was
    // about a fifth of the raw insert's CPU (bench/insertFloor.ts, 1.70 → 1.43 s on a quiet machine). The values
    // bound are the same either way.
    const pending: unknown[] = new Array(width * SQLITE_ROWS_PER_STATEMENT);
    let buffered = 0;
    let written = 0;
    return {
      add(row) {
        checkRow(row);
        const at = buffered * width;
        for (let i = 0; i < width; i++) pending[at + i] = row[i];
        if (++buffered === SQLITE_ROWS_PER_STATEMENT) {
          // Checked once a statement, before it writes (a million rows: a call into the driver per row saved).
          requireTransaction();
          buffered = 0;
          many.run(...pending);
          written += SQLITE_ROWS_PER_STATEMENT;
        }
      },
      flush() {
        if (buffered === 0) return;
        requireTransaction();
        for (let i = 0; i < buffered; i++) one.run(...pending.slice(i * width, (i + 1) * width));
        written += buffered;
        buffered = 0;
      },
      get written() {
        return written;
      },
    };
  }

  const chunk = Math.max(1, options.rowsPerStatement ?? PG_ROWS_PER_STATEMENT);
  const statement = db.prepare(unnestInsertSql(table, columns, columnTypes(db, table, columns)));
  let buffer: unknown[][] = columns.map(() => []);
  let buffered = 0;
  let written = 0;
  const write = () => {
    if (buffered === 0) return;
    requireTransaction();
    // The parameters as one list (the store's form for a list): one array of values per column.
    statement.run(buffer);
    written += buffered;
    buffer = columns.map(() => []);
    buffered = 0;
  };
  return {
    add(row) {
      checkRow(row);
      // bigint has no array form in the driver; its exact digits as text are read by the column's integer type.
      for (let i = 0; i < width; i++) buffer[i].push(typeof row[i] === 'bigint' ? String(row[i]) : row[i]);
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

/**
 * Inserts `rows` (in the caller's write transaction) and answers the `returning` columns of each row written, in
 * no promised order (neither engine promises RETURNING's order): match them to the rows by a unique key. On
 * SQLite many rows a statement, as rowInserter; on PostgreSQL one statement of column arrays per chunk, so 20,000
 * new series are two round trips instead of 20,000.
 */
export function insertReturning(db: StoreDb, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], returning: readonly string[], options: InserterOptions = {}): unknown[][] {
  if (!db.inTransaction) throw new Error('bulk insert: must run inside the caller\'s write transaction');
  const width = columns.length;
  for (const row of rows) if (row.length !== width) throw new Error(`bulk insert into ${table}: a row has ${row.length} values for ${width} columns`);
  const back = ` RETURNING ${returning.map(quoted).join(', ')}`;
  const out: unknown[][] = [];
  if (db.engine === 'sqlite') {
    const many = db.prepare(multiRowInsertSql(table, columns, SQLITE_ROWS_PER_STATEMENT) + back).raw();
    const one = db.prepare(singleRowInsertSql(table, columns) + back).raw();
    let start = 0;
    for (; start + SQLITE_ROWS_PER_STATEMENT <= rows.length; start += SQLITE_ROWS_PER_STATEMENT) {
      for (const r of many.all(...rows.slice(start, start + SQLITE_ROWS_PER_STATEMENT).flat()) as unknown[][]) out.push(r);
    }
    for (const row of rows.slice(start)) out.push(one.get(...row) as unknown[]);
    return out;
  }
  const chunk = Math.max(1, options.rowsPerStatement ?? PG_ROWS_PER_STATEMENT);
  const statement = db.prepare(unnestInsertSql(table, columns, columnTypes(db, table, columns)) + back).raw();
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    const arrays = columns.map((_, i) => part.map((r) => (typeof r[i] === 'bigint' ? String(r[i]) : r[i])));
    for (const r of statement.all(arrays) as unknown[][]) out.push(r);
  }
  return out;
}
