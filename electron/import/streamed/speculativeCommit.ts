// The store thread's side of the streamed import (SQLite): inside the import's one transaction, each batch of series
// the parse thread sends is written at once — new series rows, then their observation rows, as the classic commit
// writes them — straight from the batch's arrays (no observation objects on this thread) while the parse thread
// reads on. That is safe only for a series the store does not hold yet and the file names once: then the classic
// plan can only call every value of it new. A series the store holds, or a second one under the same identity, stops
// the speculation (the caller rolls back and imports the classic way). At the end the parse thread's plan arrives
// (speculativePlan.ts: the classic plan of the whole-file parse, on the store as it was) and must name exactly the
// series written, in the order written.
import { cellAddress } from '../../../shared/sheet/cellAddress';
import { identityKey, seriesIdentity } from '../../../shared/import/seriesIdentity';
import { insertNumbered } from '../../store/bulkInsert';
import type { SqliteStore } from '../../store/sqliteStore';
import { addWrittenCounts, keptCountsCurrent, type WrittenCounts } from '../../store/seriesCounts';
import { seriesLookup } from '../../store/seriesLookup';
import { homeRegion } from '../../store/settingsRepo';
import { ObservationRowWriter } from '../observationRows';
import { insertBatchRow, recordBatchDetails, refuseProblems, SERIES_COLUMNS, type CommitOptions, type CommitResult, type RecordedParse } from '../commitImport';
import { ImportFileError } from '../importFileError';
import type { CellProblem } from '../../../shared/import/mapping';
import type { SeriesBatch } from './seriesBatch';
import type { SpeculativePlan } from './speculativePlan';
import type { StoreLookup } from '../../../shared/import/importChanges';

/** The speculation cannot go on: the caller rolls the transaction back and imports the classic way. */
export class SpeculationStopped extends Error {}

/** The whole-file parse as the store thread gets it: what the batch records and the refusals it may meet. */
export type FinishedParse = RecordedParse & { problems: CellProblem[]; observationCount: number };

export class SpeculativeCommit {
  private readonly home: string | null;
  private readonly lookup: StoreLookup;
  private readonly batchId: number;
  private readonly countsWereCurrent: boolean;
  private readonly rows: ObservationRowWriter;
  /** Every series written, in order: its key and id. */
  private readonly keys: string[] = [];
  private readonly ids: number[] = [];
  private readonly seen = new Set<string>();
  private readonly counts: WrittenCounts[] = [];
  private observations = 0;

  /** Inside the caller's write transaction on `db`. */
  constructor(
    private readonly db: SqliteStore,
    private readonly opts: CommitOptions,
  ) {
    if (!db.inTransaction) throw new Error('speculative commit: must run inside the caller\'s write transaction');
    this.home = homeRegion(db).region;
    // A series this commit wrote is caught by `seen` before it is looked up: the store's answer is the store's as it was.
    this.lookup = seriesLookup(db);
    // As the classic commit: asked before anything is written; the batch row first, then series and rows.
    this.countsWereCurrent = keptCountsCurrent(db);
    this.batchId = insertBatchRow(db, opts);
    this.rows = new ObservationRowWriter(db, this.batchId);
  }

  /** Writes a batch of series (their new series rows, then their observation rows, in order). */
  add(batch: SeriesBatch): void {
    const { heads, counts } = batch;
    // The batch's names a few hundred a query (not a query a series), before anything of the batch is written.
    this.lookup.preloadNames?.(heads.map((h) => h.name));
    const fresh: number[] = [];
    const rows: unknown[][] = [];
    for (let j = 0; j < heads.length; j++) {
      // The plan leaves out a series without values; so does this.
      if (counts[j] === 0) continue;
      const head = heads[j];
      const identity = seriesIdentity(head, this.home);
      const key = identityKey(identity);
      if (this.seen.has(key)) throw new SpeculationStopped(`the file names ${key} twice`);
      if (this.lookup.find(identity)) throw new SpeculationStopped(`the store holds ${key}`);
      this.seen.add(key);
      this.keys.push(key);
      fresh.push(j);
      rows.push([identity.name, head.label, identity.unit, identity.measure, identity.frequency, identity.region]);
    }
    const ids = rows.length > 0 ? insertNumbered(this.db, 'series', SERIES_COLUMNS, rows) : [];
    const { values, periods, sourcePeriods, sources, texts, sourceTable } = batch;
    const cellRows = batch.rows;
    const cellColumns = batch.columns;
    let k = 0;
    let f = 0;
    for (let j = 0; j < heads.length; j++) {
      const n = counts[j];
      if (n === 0) continue;
      if (fresh[f] !== j) throw new Error('speculative commit: series out of step');
      const id = ids[f++];
      this.ids.push(id);
      let first = texts[periods[k]];
      let last = first;
      for (const end = k + n; k < end; k++) {
        const period = texts[periods[k]];
        const source = sourceTable[sources[k]];
        this.rows.add(id, period, values[k], source.sheet, source.label, cellAddress(cellRows[k], cellColumns[k]), texts[sourcePeriods[k]]);
        if (period < first) first = period;
        if (period > last) last = period;
      }
      this.counts.push([id, first, last, n]);
      this.observations += n;
    }
  }

  /**
   * The whole-file parse and its plan: refused as the classic commit refuses, or checked against what was written
   * and recorded. Throws SpeculationStopped where the plan is not what was written.
   */
  finish(parsed: FinishedParse, plan: SpeculativePlan): CommitResult {
    // The classic commit's refusals, in its order.
    if (parsed.problems.length > 0 && !this.opts.skipInvalid) refuseProblems(parsed.problems);
    if (parsed.observationCount === 0) throw new ImportFileError('no_table', '文件中没有可导入的数值 / The file holds no values to import');
    const { keys } = this;
    if (plan.keys.length !== keys.length || plan.keys.some((key, k) => key !== keys[k])) throw new SpeculationStopped('the plan names other series than those written');
    const rowsWritten = this.rows.finish();
    const planned = plan.counts.observationsNew + plan.counts.observationsRevised;
    if (rowsWritten !== planned || rowsWritten !== this.observations) throw new SpeculationStopped(`wrote ${rowsWritten} observation rows for ${planned} planned`);
    addWrittenCounts(this.db, this.batchId, this.counts, this.countsWereCurrent);
    const ids = new Map<string, number>(keys.map((key, k) => [key, this.ids[k]]));
    // The summary was made without ids (the parse thread has none): the k-th planned series is the k-th written.
    const changes = { ...plan.changes, series: plan.changes.series.map((s, k) => ({ ...s, seriesId: this.ids[k] })) };
    const skipped = this.opts.skipInvalid ? parsed.problems : [];
    return recordBatchDetails(this.db, parsed, { counts: plan.counts, changes, checks: plan.checks, skipped, batchId: this.batchId, ids, created: [...this.ids], relabelled: {} });
  }
}
