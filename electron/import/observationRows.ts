// The one place a commit writes observation rows: through the store's bulk insert (bulkInsert.ts: many rows a
// statement on SQLite, column arrays of 10,000 rows on PostgreSQL), one value at a time as the commit walks its plan.
import type { Store } from '../store/openStore';
import { insertRows, rowInserter, type RowInserter } from '../store/bulkInsert';
import type { CellSource } from '../../shared/domain/series';

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

/**
 * Writes one batch's observation rows (inside the caller's transaction) as they come, each with the cell it was
 * read from. The statement is prepared once per commit and one row array is reused: at a million rows the commit
 * makes no object per row. `finish` writes what is left.
 */
export class ObservationRowWriter {
  private readonly inserter: RowInserter;
  private readonly row: unknown[] = new Array(COLUMN_NAMES.length);

  constructor(db: Store, batchId: number) {
    this.inserter = rowInserter(db, 'observations', COLUMN_NAMES);
    this.row[3] = batchId;
  }

  add(seriesId: number, period: string, value: number, source: CellSource): void {
    const row = this.row;
    row[0] = seriesId;
    row[1] = period;
    row[2] = value;
    row[4] = source.sheet;
    row[5] = source.cell;
    row[6] = source.label;
    row[7] = source.sourcePeriod;
    this.inserter.add(row);
  }

  /** Writes the rows still buffered; answers how many rows were written in all. */
  finish(): number {
    this.inserter.flush();
    return this.inserter.written;
  }
}

/**
 * Inserts the rows in order, many to a statement on either engine (bulkInsert.ts), in the caller's transaction or
 * in one of their own.
 */
export function insertObservationRows(db: Store, rows: readonly ObservationRow[]): void {
  insertRows(db, 'observations', COLUMN_NAMES, rows.map((r) => [r.seriesId, r.period, r.value, r.batchId, r.sheet, r.cell, r.label, r.sourcePeriod]));
}
