// The one place a commit writes observation rows: through the store's bulk insert (bulkInsert.ts: many rows a
// statement on SQLite, column arrays of 10,000 rows on PostgreSQL), one value at a time as the commit walks its plan.
// A row keeps its cell; the texts its values share (sheet and label as printed: one per indicator row; the period as
// printed: one per column) are written once per batch (observation_sources, source_periods; migration 8) and the
// row holds their ids, so a million rows no longer carry a million copies of the label.
import type { Store } from '../store/openStore';
import { rowInserter, type RowInserter } from '../store/bulkInsert';
import { writeTransaction } from '../store/writeTransaction';
import { highestObservationId, widenBatchRange } from '../store/batchRanges';

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

const COLUMN_NAMES = ['series_id', 'period', 'value', 'batch_id', 'source_id', 'cell', 'source_period_id'];

/** Ids reserved this many at a time on PostgreSQL (one round trip each), from the table's own identity sequence. */
const PG_ID_BLOCK = 1000;

/**
 * A batch's distinct texts of one kind (observation_sources or source_periods): each written when first seen,
 * answering its id. SQLite: one row a statement, its id SQLite's own (a few thousand texts per file, against a
 * million rows). PostgreSQL: ids from the table's identity sequence, reserved in blocks (an id left unused is a
 * gap, nothing more) so the rows go in bulk without a round trip each.
 */
class BatchTexts {
  private readonly write: (values: readonly string[]) => number;
  private readonly flush: () => void;

  constructor(db: Store, table: 'observation_sources' | 'source_periods', columns: readonly string[], batchId: number) {
    if (db.engine === 'sqlite') {
      const insert = db.prepare(`INSERT INTO ${table} (batch_id, ${columns.join(', ')}) VALUES (?${', ?'.repeat(columns.length)})`);
      this.write = (values) => Number(insert.run(batchId, ...values).lastInsertRowid);
      this.flush = () => {};
      return;
    }
    const inserter = rowInserter(db, table, ['id', 'batch_id', ...columns]);
    const reserve = db.prepare(`SELECT nextval(pg_get_serial_sequence('${table}', 'id')) FROM generate_series(1, ?)`).pluck();
    let block: number[] = [];
    let at = 0;
    this.write = (values) => {
      if (at === block.length) {
        block = (reserve.all(PG_ID_BLOCK) as (number | string)[]).map(Number);
        at = 0;
      }
      const id = block[at++];
      inserter.add([id, batchId, ...values]);
      return id;
    };
    this.flush = () => inserter.flush();
  }

  /** Writes a new text row (its values after the batch) and answers its id. */
  add(values: readonly string[]): number {
    return this.write(values);
  }

  finish(): void {
    this.flush();
  }
}

/**
 * Writes one batch's observation rows (inside the caller's transaction) as they come, each with the cell it was
 * read from. The statements are prepared once per commit and one row array is reused: at a million rows the commit
 * makes no object per row. `finish` writes what is left. One writer per batch at a time: a writer made for a batch
 * after another one finished reuses the texts that one wrote (read back at construction); two open at once would
 * each write the same text, which the table's UNIQUE (batch_id, …) refuses, rolling the import back.
 */
export class ObservationRowWriter {
  private readonly inserter: RowInserter;
  private readonly row: unknown[] = new Array(COLUMN_NAMES.length);
  private readonly sources: BatchTexts;
  private readonly periods: BatchTexts;
  /** sheet → label → source id. */
  private readonly sourceIds = new Map<string, Map<string, number>>();
  private readonly periodIds = new Map<string, number>();
  // The values of an indicator row come one after another: the last source answers most rows without a lookup.
  private lastSheet: string | null = null;
  private lastLabel: string | null = null;
  private lastSourceId = 0;
  private readonly db: Store;
  private readonly batchId: number;
  /** The highest observation id before this writer's first row: its rows' ids are above it (batchRanges.ts). */
  private readonly idsAbove: number;

  constructor(db: Store, batchId: number) {
    this.db = db;
    this.batchId = batchId;
    this.idsAbove = highestObservationId(db);
    this.inserter = rowInserter(db, 'observations', COLUMN_NAMES);
    this.sources = new BatchTexts(db, 'observation_sources', ['sheet', 'label'], batchId);
    this.periods = new BatchTexts(db, 'source_periods', ['text'], batchId);
    this.row[3] = batchId;
    // Texts this batch already has (a second writer for the same batch: rows written in parts) are reused, never
    // written twice.
    for (const [id, sheet, label] of db.prepare('SELECT id, sheet, label FROM observation_sources WHERE batch_id = ?').raw().all(batchId) as [number, string, string][]) {
      this.labelsOf(sheet).set(label, id);
    }
    for (const [id, text] of db.prepare('SELECT id, text FROM source_periods WHERE batch_id = ?').raw().all(batchId) as [number, string][]) {
      this.periodIds.set(text, id);
    }
  }

  private labelsOf(sheet: string): Map<string, number> {
    let labels = this.sourceIds.get(sheet);
    if (labels === undefined) {
      labels = new Map();
      this.sourceIds.set(sheet, labels);
    }
    return labels;
  }

  /** One row: the value, and where it came from (the texts as printed and the cell's A1 reference). */
  add(seriesId: number, period: string, value: number, sheet: string, label: string, cell: string, sourcePeriod: string): void {
    const row = this.row;
    row[0] = seriesId;
    row[1] = period;
    row[2] = value;
    row[4] = this.sourceId(sheet, label);
    row[5] = cell;
    row[6] = this.periodId(sourcePeriod);
    this.inserter.add(row);
  }

  private sourceId(sheet: string, label: string): number {
    if (sheet === this.lastSheet && label === this.lastLabel) return this.lastSourceId;
    const labels = this.labelsOf(sheet);
    let id = labels.get(label);
    if (id === undefined) {
      id = this.sources.add([sheet, label]);
      labels.set(label, id);
    }
    this.lastSheet = sheet;
    this.lastLabel = label;
    this.lastSourceId = id;
    return id;
  }

  private periodId(text: string): number {
    let id = this.periodIds.get(text);
    if (id === undefined) {
      id = this.periods.add([text]);
      this.periodIds.set(text, id);
    }
    return id;
  }

  /**
   * The lowest and highest id this writer's rows can have. SQLite numbers each row one past the highest, so its rows
   * are exactly those above the highest id before it. PostgreSQL's sequence does not reuse the ids of rows undone,
   * and colleagues' batches may take ids meanwhile: there the batch's own lowest and highest id above that mark are
   * read back (a read of the rows just written, on the primary key), so the range is as tight as on SQLite.
   */
  private writtenIds(): [number, number] {
    if (this.db.engine === 'sqlite') return [this.idsAbove + 1, highestObservationId(this.db)];
    const [first, last] = this.db.prepare('SELECT MIN(id), MAX(id) FROM observations WHERE id > ? AND batch_id = ?').raw().get(this.idsAbove, this.batchId) as [number | string, number | string];
    return [Number(first), Number(last)];
  }

  /**
   * Writes the rows still buffered and records the batch's id range (its rows lie between the highest id before the
   * first and the highest after the last); answers how many observation rows were written in all.
   */
  finish(): number {
    this.sources.finish();
    this.periods.finish();
    this.inserter.flush();
    const written = this.inserter.written;
    if (written > 0) {
      const [first, last] = this.writtenIds();
      widenBatchRange(this.db, this.batchId, first, last);
    }
    return written;
  }
}

/**
 * Inserts the rows in order, many to a statement on either engine (bulkInsert.ts), in the caller's transaction or
 * in one of their own; each batch's texts once, as the commit writes them.
 */
export function insertObservationRows(db: Store, rows: readonly ObservationRow[]): void {
  const run = () => {
    const writers = new Map<number, ObservationRowWriter>();
    for (const r of rows) {
      let w = writers.get(r.batchId);
      if (w === undefined) {
        w = new ObservationRowWriter(db, r.batchId);
        writers.set(r.batchId, w);
      }
      w.add(r.seriesId, r.period, r.value, r.sheet, r.label, r.cell, r.sourcePeriod);
    }
    for (const w of writers.values()) w.finish();
  };
  if (db.inTransaction) run();
  else writeTransaction(db, run);
}
