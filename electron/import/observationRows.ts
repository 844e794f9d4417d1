// The one place a commit writes observation rows: through the store's bulk insert (bulkInsert.ts: 50 rows a
// statement on SQLite, column arrays of 10,000 rows on PostgreSQL), fed a chunk at a time.
import type { Store } from '../store/openStore';
import { insertRows, PG_ROWS_PER_STATEMENT, SQLITE_ROWS_PER_STATEMENT } from '../store/bulkInsert';

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

const COLUMN_NAMES = ['series_id', 'period', 'value', 'batch_id', 'sheet', 'cell', 'label', 'source_period'];

/** Inserts the rows in order (inside the caller's transaction), many to a statement on either engine (bulkInsert.ts). */
export function insertObservationRows(db: Store, rows: readonly ObservationRow[]): void {
  insertRows(db, 'observations', COLUMN_NAMES, rows.map((r) => [r.seriesId, r.period, r.value, r.batchId, r.sheet, r.cell, r.label, r.sourcePeriod]));
}

/**
 * Collects rows and writes them a chunk at a time, so a commit never holds all of its rows as objects at once.
 * `flush` writes what is left.
 */
export class ObservationRowWriter {
  private readonly rows: ObservationRow[] = [];
  constructor(
    private readonly db: Store,
    private readonly chunk = db.engine === 'postgres' ? PG_ROWS_PER_STATEMENT : 20 * SQLITE_ROWS_PER_STATEMENT,
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
