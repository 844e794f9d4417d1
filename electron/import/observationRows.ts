// The one place a commit writes observation rows. Rows go in multi-row INSERT statements (50 rows, 400
// parameters, a statement SQLite and PostgreSQL both accept), which halves the cost of a million single-row
// statements: most of that cost is the call into SQLite per statement, not the B-tree work.
import type { Store } from '../store/openStore';
import { insertRows } from '../store/bulkInsert';

export interface ObservationRow {
  seriesId: number;
  period: string;
  value: number;
  batchId: number;
  sheet: string;
  cell: string;
  label: string;
  sourcePeriod: string;
}

/** Rows per statement: 50 × 8 parameters stays far below SQLite's limit of 32,766 variables. */
export const ROWS_PER_STATEMENT = 50;

const COLUMNS = '(series_id, period, value, batch_id, sheet, cell, label, source_period)';
const PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?)';

type Statement = ReturnType<Store['prepare']>;
const statements = new WeakMap<Store, { many: Statement; one: Statement }>();

function statementsOf(db: Store): { many: Statement; one: Statement } {
  let s = statements.get(db);
  if (!s) {
    s = {
      many: db.prepare(`INSERT INTO observations ${COLUMNS} VALUES ${Array(ROWS_PER_STATEMENT).fill(PLACEHOLDERS).join(', ')}`),
      one: db.prepare(`INSERT INTO observations ${COLUMNS} VALUES ${PLACEHOLDERS}`),
    };
    statements.set(db, s);
  }
  return s;
}

function push(args: unknown[], r: ObservationRow): void {
  args.push(r.seriesId, r.period, r.value, r.batchId, r.sheet, r.cell, r.label, r.sourcePeriod);
}

const COLUMN_NAMES = ['series_id', 'period', 'value', 'batch_id', 'sheet', 'cell', 'label', 'source_period'];

/** Inserts the rows in order (inside the caller's transaction). */
export function insertObservationRows(db: Store, rows: readonly ObservationRow[]): void {
  if (db.engine === 'postgres') {
    // A server: one statement per chunk of thousands, as column arrays (bulkInsert.ts), not a round trip per 50 rows.
    insertRows(db, 'observations', COLUMN_NAMES, rows.map((r) => [r.seriesId, r.period, r.value, r.batchId, r.sheet, r.cell, r.label, r.sourcePeriod]));
    return;
  }
  const { many, one } = statementsOf(db);
  let i = 0;
  const args: unknown[] = [];
  for (; i + ROWS_PER_STATEMENT <= rows.length; i += ROWS_PER_STATEMENT) {
    args.length = 0;
    for (let j = i; j < i + ROWS_PER_STATEMENT; j++) push(args, rows[j]);
    many.run(args);
  }
  for (; i < rows.length; i++) {
    args.length = 0;
    push(args, rows[i]);
    one.run(args);
  }
}

/**
 * Collects rows and writes them a chunk at a time, so a commit never holds all of its rows as objects at once.
 * `flush` writes what is left.
 */
export class ObservationRowWriter {
  private readonly rows: ObservationRow[] = [];
  constructor(
    private readonly db: Store,
    private readonly chunk = db.engine === 'postgres' ? 10_000 : 20 * ROWS_PER_STATEMENT,
  ) {}

  add(row: ObservationRow): void {
    this.rows.push(row);
    if (this.rows.length >= this.chunk) this.flush();
  }

  flush(): void {
    if (this.rows.length === 0) return;
    insertObservationRows(this.db, this.rows);
    this.rows.length = 0;
  }
}
