// Writes a parsed statistics file into the store as one import batch, in one transaction, under the vintage rule:
// a new observation row only when the value differs from the current one (the row of the newest batch).
// Also undoes a batch, and lists batches, series and observations with the cells they came from.

import { writeTransaction } from '../store/writeTransaction';
import { withoutForeignKeyChecks } from '../store/foreignKeys';
import { checkpointAfterwards } from '../store/walCheckpoint';
import type { Store } from '../store/openStore';
import { ObservationRowWriter } from './observationRows';
import type { ImportBatch, Measure, Frequency, Observation, Series, SeriesKey } from '../../shared/domain/series';
import { cellOf, type CellProblem, type ParsedFile } from '../../shared/import/mapping';
import { planImport, STATUS_NEW, STATUS_UNCHANGED, summariseChanges, type ChangeCounts, type ChangeSummary, type ImportPlan, type PlannedSeries, type RevisionView } from '../../shared/import/importChanges';
import { identityKey } from '../../shared/import/seriesIdentity';
import { insertNumbered, insertReturning } from '../store/bulkInsert';
import type { ImportCheck } from '../../shared/import/checks';
import { warningsPass, type WarningsPass } from '../../shared/import/importWarnings';
import { seriesLookup } from '../store/seriesLookup';
import { homeRegion } from '../store/settingsRepo';
import { ImportFileError } from './importFileError';
import { seriesDataVersion } from '../store/seriesDataRepo';
import { batchRowsFilter } from '../store/batchRanges';
import { addWrittenCounts, keptCountsCurrent, keptSeriesCounts, recountSeries, type SeriesCountsRow, type WrittenCounts } from '../store/seriesCounts';

export interface CommitOptions {
  fileName: string;
  /** sha256 of the file's bytes, hex. */
  fileHash: string;
  /** Import the rest when cells are flagged; otherwise refuse the whole file. */
  skipInvalid: boolean;
  /** For tests; defaults to the clock. */
  now?: Date;
  /** Who imported (issue 14: ServiceContext.user), kept on the batch. */
  user?: string;
}

export interface CommitResult {
  /** The batch written; null when the file changed nothing (every value already stored): then nothing is written. */
  batchId: number | null;
  /** Distinct series the file holds values for. */
  seriesCount: number;
  /** New observation rows written (new periods and revised values). */
  observationCount: number;
  /** Values equal to the current one, not written again. */
  unchangedCount: number;
  skipped: CellProblem[];
  /** Per series: continued or new and why; per observation: new, unchanged, revised (old → new). */
  changes: ChangeSummary;
  /** The analyst's checks and second-series notices: warnings, never refusals. */
  checks: ImportCheck[];
}

/** What a batch remembers beyond its counts: enough to undo it safely and to show what was skipped and revised. */
interface BatchDetails {
  seriesIds: number[];
  createdSeriesIds: number[];
  unchangedCount: number;
  sheets: { name: string; layout: string }[];
  skippedSheets: { name: string; reason: string }[];
  skipped: CellProblem[];
  warnings: string[];
  format: string;
  encoding: string | null;
  counts: ChangeCounts;
  revisions: RevisionView[];
  revisionCount: number;
  checks: ImportCheck[];
  /** Labels this batch replaced (series id → the label before), so undo can put them back. */
  relabelled: Record<string, string>;
}

const MAX_LISTED_PROBLEMS = 20;
const MAX_STORED_PROBLEMS = 1000;
const MAX_STORED_REVISIONS = 1000;

export function describeProblems(problems: CellProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `${p.sheet}!${p.cell}${p.value !== undefined ? `「${p.value}」` : ''}：${p.reason}`);
  const more = problems.length > MAX_LISTED_PROBLEMS ? `\n…另有 ${problems.length - MAX_LISTED_PROBLEMS} 处 / …and ${problems.length - MAX_LISTED_PROBLEMS} more` : '';
  return listed.join('\n') + more;
}

export function refuseProblems(problems: CellProblem[]): never {
  throw new ImportFileError(
    'refused_problems',
    `文件中有 ${problems.length} 处单元格无法导入，整个文件未导入（可选择跳过这些单元格）/ ` +
      `${problems.length} cell(s) cannot be imported, so nothing was imported (you may choose to skip them):\n${describeProblems(problems)}`,
    { problems },
  );
}

/** What the file would change, without writing: the same plan the commit makes (for the preview). */
export function planFileImport(db: Store, parsed: ParsedFile): { plan: ImportPlan; checks: ImportCheck[] } {
  const lookup = seriesLookup(db);
  // The warnings are checked as the plan classifies each series, against the same values read once.
  let pass: WarningsPass | undefined;
  const plan = planImport(parsed, lookup, homeRegion(db).region, (series) => {
    const started = warningsPass(series, lookup);
    pass = started;
    return (p, current) => started.add(p, current);
  });
  if (!pass) throw new Error('plan: the warnings pass was never started');
  return { plan, checks: pass.finish() };
}

export const SERIES_COLUMNS = ['name', 'label', 'unit', 'measure', 'frequency', 'region'];
const IDENTITY_COLUMNS = ['id', 'name', 'unit', 'measure', 'frequency', 'region'];

/** The series new to the store, written together; their ids by plan key, in plan order. */
export function createSeries(db: Store, fresh: readonly PlannedSeries[]): Map<string, number> {
  if (db.engine === 'sqlite') {
    // SQLite: 500 rows a statement, each row's id the rowid SQLite gave it, in plan order (insertNumbered: one past
    // the highest, checked after each statement), so no RETURNING rows come back to be matched to the plan by
    // identity (which took more CPU than the inserts: 0.24–0.32 s against 0.14 s for 20,000 series). The same ids
    // as one statement a row, which cost a call into SQLite per series (0.12 s of CPU for the bench's 20,000).
    const rows = fresh.map((p) => {
      const i = p.identity;
      return [i.name, p.label, i.unit, i.measure, i.frequency, i.region];
    });
    const numbered = insertNumbered(db, 'series', SERIES_COLUMNS, rows);
    const out = new Map<string, number>();
    for (let k = 0; k < fresh.length; k++) out.set(fresh[k].key, numbered[k]);
    return out;
  }
  const rows = fresh.map((p) => {
    const i = p.identity;
    return [i.name, p.label, i.unit, i.measure, i.frequency, i.region];
  });
  const back = insertReturning(db, 'series', SERIES_COLUMNS, rows, IDENTITY_COLUMNS) as [number, string, string, Measure, Frequency, string][];
  // Matched by identity (unique in the store), since RETURNING's order is not promised.
  const idOf = new Map(back.map(([id, name, unit, measure, frequency, region]) => [identityKey({ name, unit, measure, frequency, region }), id]));
  const out = new Map<string, number>();
  for (const p of fresh) {
    const id = idOf.get(p.key);
    if (id === undefined) throw new Error(`commit: no id came back for the new series ${p.key}`);
    out.set(p.key, id);
  }
  return out;
}

/** What a commit has written, for the batch's details and the result. */
export interface WrittenBatch {
  plan: ImportPlan;
  checks: ImportCheck[];
  skipped: CellProblem[];
  batchId: number;
  /** Series id by plan key, in plan order. */
  ids: Map<string, number>;
  created: number[];
  relabelled: Record<string, string>;
}

/** The batch's counts and details written onto its row (inside the commit's transaction), and the commit's result. */
export function recordBatch(db: Store, parsed: ParsedFile, w: WrittenBatch): CommitResult {
  const { plan, ids, ...rest } = w;
  return recordBatchDetails(db, parsed, { ...rest, ids, counts: plan.counts, changes: summariseChanges(plan, ids) });
}

/** What recordBatch writes, from the plan's counts and its summary of changes (the streamed import has no plan here). */
export interface BatchRecord extends Omit<WrittenBatch, 'plan'> {
  counts: ChangeCounts;
  changes: ChangeSummary;
}

/** The parse as recordBatch reads it: its sheets' names and layouts, what it skipped and warned of, the file's format. */
export type RecordedParse = Pick<ParsedFile, 'skippedSheets' | 'warnings' | 'format' | 'encoding'> & { sheets: readonly { name: string; layout: string }[] };

export function recordBatchDetails(db: Store, parsed: RecordedParse, w: BatchRecord): CommitResult {
  const { counts, changes, checks, skipped, batchId, ids } = w;
  const written = counts.observationsNew + counts.observationsRevised;
  const details: BatchDetails = {
    seriesIds: [...new Set(ids.values())],
    createdSeriesIds: w.created,
    unchangedCount: counts.observationsUnchanged,
    sheets: parsed.sheets.map((s) => ({ name: s.name, layout: s.layout })),
    skippedSheets: parsed.skippedSheets,
    skipped: skipped.slice(0, MAX_STORED_PROBLEMS),
    warnings: parsed.warnings.slice(0, 200),
    format: parsed.format,
    encoding: parsed.encoding,
    counts,
    revisions: changes.revisions.slice(0, MAX_STORED_REVISIONS),
    revisionCount: changes.revisionCount,
    checks: checks.slice(0, 200),
    relabelled: w.relabelled,
  };
  const seriesCount = details.seriesIds.length;
  db.prepare('UPDATE import_batches SET series_count = ?, observation_count = ?, skipped_count = ?, details = ? WHERE id = ?').run(seriesCount, written, skipped.length, JSON.stringify(details), batchId);
  return { batchId, seriesCount, observationCount: written, unchangedCount: counts.observationsUnchanged, skipped, changes, checks };
}

/** The result of a commit that found every value already stored: nothing written, no batch. */
export function unchangedResult(plan: ImportPlan, checks: ImportCheck[], skipped: CellProblem[]): CommitResult {
  const changes = summariseChanges(plan);
  return { batchId: null, seriesCount: plan.series.length, observationCount: 0, unchangedCount: plan.counts.observationsUnchanged, skipped, changes, checks };
}

/** Inserts the batch's row (its counts and details follow in recordBatch); answers its id. */
export function insertBatchRow(db: Store, opts: CommitOptions): number {
  return (db.prepare('INSERT INTO import_batches (file_name, file_hash, imported_at, imported_by) VALUES (?, ?, ?, ?) RETURNING id').get(opts.fileName, opts.fileHash, (opts.now ?? new Date()).toISOString(), opts.user ?? '') as { id: number }).id;
}

export function commitImport(db: Store, parsed: ParsedFile, opts: CommitOptions): CommitResult {
  if (parsed.problems.length > 0 && !opts.skipInvalid) refuseProblems(parsed.problems);
  const total = parsed.sheets.reduce((n, s) => n + s.series.reduce((m, x) => m + x.observations.length, 0), 0);
  if (total === 0) {
    throw new ImportFileError('no_table', '文件中没有可导入的数值 / The file holds no values to import');
  }

  const relabel = db.prepare('UPDATE series SET label = ? WHERE id = ?');

  // Planned inside the transaction, so what is written is exactly what was classified against the current store.
  const run = () => writeTransaction(db, (): CommitResult => {
    const { plan, checks } = planFileImport(db, parsed);
    if (plan.conflicts.length > 0 && !opts.skipInvalid) refuseProblems(plan.conflicts);
    const skipped = opts.skipInvalid ? [...parsed.problems, ...plan.conflicts] : [];
    const written = plan.counts.observationsNew + plan.counts.observationsRevised;
    const relabels = plan.series.filter((p) => p.stored && p.stored.label !== p.label);
    if (written === 0 && plan.counts.seriesNew === 0 && relabels.length === 0) {
      // Every value is already stored: no batch, no rows (a no-op batch would only block undoing the earlier one).
      return unchangedResult(plan, checks, skipped);
    }
    // Asked before anything is written: do the kept counts describe the store as it is (seriesCounts.ts)?
    const countsWereCurrent = keptCountsCurrent(db);
    const writtenCounts: WrittenCounts[] = [];
    const batchId = insertBatchRow(db, opts);
    const created = createSeries(db, plan.series.filter((p) => !p.stored));
    const ids = new Map<string, number>();
    const relabelled: Record<string, string> = {};
    const rows = new ObservationRowWriter(db, batchId);
    for (const p of plan.series) {
      let seriesId: number;
      if (p.stored) {
        seriesId = p.stored.id;
        // The newest label as printed is the one shown; the old one is kept for undo.
        if (p.stored.label !== p.label) {
          relabelled[String(seriesId)] = p.stored.label;
          relabel.run(p.label, seriesId);
        }
      } else {
        seriesId = created.get(p.key)!;
      }
      ids.set(p.key, seriesId);
      // Every value of a series the plan holds no statuses for is new; otherwise only new and revised ones are written.
      // The series' kept counts follow from what is written: a new period adds one, a revised one was counted already.
      const { observations, statuses } = p;
      let first: string | null = null;
      let last: string | null = null;
      let added = 0;
      for (let k = 0; k < observations.length; k++) {
        if (statuses !== null && statuses[k] === STATUS_UNCHANGED) continue;
        const o = observations[k];
        rows.add(seriesId, o.period, o.value, o.source.sheet, o.source.label, cellOf(o), o.sourcePeriod);
        if (statuses === null || statuses[k] === STATUS_NEW) added++;
        if (first === null || o.period < first) first = o.period;
        if (last === null || o.period > last) last = o.period;
      }
      if (first !== null) writtenCounts.push([seriesId, first, last!, added]);
    }
    const rowsWritten = rows.finish();
    if (rowsWritten !== written) throw new Error(`commit: wrote ${rowsWritten} observation rows for ${written} planned`);
    addWrittenCounts(db, batchId, writtenCounts, countsWereCurrent);
    return recordBatch(db, parsed, { plan, checks, skipped, batchId, ids, created: [...created.values()], relabelled });
  });
  // Foreign keys unchecked while the rows go in (SQLite; foreignKeys.ts): every row refers to the batch row inserted
  // above and to series either created above or read by the plan, all in this one transaction under the write lock,
  // so no reference can be missing; the rows' text ids have no constraint (migration 8) and are the writer's own.
  // SQLite's checkpoint of the import's WAL frames runs after the commit has answered (walCheckpoint.ts).
  return checkpointAfterwards(db, () => withoutForeignKeyChecks(db, run));
}

function readDetails(json: string): Partial<BatchDetails> {
  try {
    const d = JSON.parse(json) as unknown;
    return d && typeof d === 'object' ? (d as Partial<BatchDetails>) : {};
  } catch {
    return {};
  }
}

export interface UndoResult {
  batchId: number;
  removedObservations: number;
  removedSeries: number;
}

/**
 * Undo one batch: its observations go, so the earlier vintages are current again. Refused when a later batch that
 * is still in force touched the same series: that batch may have confirmed values without writing rows (the vintage
 * rule), and removing this batch's rows would lose them. Undo the newer batch first.
 */
export function undoImportBatch(db: Store, batchId: number): UndoResult {
  const run = () => writeTransaction(db, (): UndoResult => {
    const batch = db.prepare('SELECT id, undone, details FROM import_batches WHERE id = ?').get(batchId) as
      | { id: number; undone: number; details: string }
      | undefined;
    if (!batch) throw new ImportFileError('batch_not_found', `导入批次 ${batchId} 不存在 / Import batch ${batchId} does not exist`);
    if (batch.undone) throw new ImportFileError('batch_undone', `导入批次 ${batchId} 已撤销 / Import batch ${batchId} has already been undone`);
    const details = readDetails(batch.details);
    const mine = new Set(details.seriesIds ?? []);
    const later = db.prepare('SELECT id, details FROM import_batches WHERE id > ? AND undone = 0 ORDER BY id').all(batchId) as { id: number; details: string }[];
    const blocking = later.filter((b) => (readDetails(b.details).seriesIds ?? []).some((id) => mine.has(id))).map((b) => b.id);
    if (blocking.length > 0) {
      throw new ImportFileError(
        'batch_superseded',
        `较新的导入批次 ${blocking.join('、')} 涉及相同指标，请先撤销它们 / Newer import batch(es) ${blocking.join(', ')} touch the same series; undo them first`,
        { blocking },
      );
    }
    const countsWereCurrent = keptCountsCurrent(db);
    // The batch's rows: a read of its id range while the kept state is current, else a scan (batchRanges.ts).
    const rowsOf = batchRowsFilter(db, batchId, countsWereCurrent);
    // The series whose rows go: counted again once they are gone (and the series dropped below lose their counts).
    const touched = db.prepare(`SELECT DISTINCT series_id FROM observations WHERE ${rowsOf.where}`).pluck().all(...rowsOf.params) as number[];
    const removedObservations = db.prepare(`DELETE FROM observations WHERE ${rowsOf.where}`).run(...rowsOf.params).changes;
    db.prepare('DELETE FROM batch_observation_ranges WHERE batch_id = ?').run(batchId);
    // The batch's texts of provenance go with its rows (after them: only its own rows refer to them).
    db.prepare('DELETE FROM observation_sources WHERE batch_id = ?').run(batchId);
    db.prepare('DELETE FROM source_periods WHERE batch_id = ?').run(batchId);
    // Series this batch created go too, once empty and not linked to a target (links are the analyst's work).
    const dropSeries = db.prepare(
      'DELETE FROM series WHERE id = ? AND NOT EXISTS (SELECT 1 FROM observations WHERE series_id = ?) AND NOT EXISTS (SELECT 1 FROM links WHERE series_id = ?)',
    );
    let removedSeries = 0;
    for (const id of details.createdSeriesIds ?? []) removedSeries += dropSeries.run(id, id, id).changes;
    const relabel = db.prepare('UPDATE series SET label = ? WHERE id = ?');
    for (const [id, label] of Object.entries(details.relabelled ?? {})) relabel.run(label, Number(id));
    db.prepare('UPDATE import_batches SET undone = 1 WHERE id = ?').run(batchId);
    recountSeries(db, touched, countsWereCurrent);
    return { batchId, removedObservations, removedSeries };
  });
  return run();
}

interface BatchRow {
  id: number;
  file_name: string;
  file_hash: string;
  imported_at: string;
  series_count: number;
  observation_count: number;
  skipped_count: number;
  undone: number;
}

export function listBatches(db: Store): ImportBatch[] {
  const rows = db
    .prepare('SELECT id, file_name, file_hash, imported_at, series_count, observation_count, skipped_count, undone FROM import_batches ORDER BY id DESC')
    .all() as BatchRow[];
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    fileHash: r.file_hash,
    importedAt: r.imported_at,
    seriesCount: r.series_count,
    observationCount: r.observation_count,
    skippedCount: r.skipped_count,
    undone: r.undone === 1,
  }));
}

/** The details a batch stored: skipped cells, warnings, sheets. */
export function batchDetails(db: Store, batchId: number): Partial<BatchDetails> | null {
  const row = db.prepare('SELECT details FROM import_batches WHERE id = ?').pluck().get(batchId) as string | undefined;
  return row === undefined ? null : readDetails(row);
}

/**
 * Indicator names in natural order, as an analyst reads them: 指标2 before 指标10, Chinese by pinyin (the
 * order of WPS and Excel in a Chinese locale), then measure, frequency, region and id as tie-breaks.
 */
const NAME_ORDER = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'variant' });
export function compareSeries(a: SeriesKey & { id: number }, b: SeriesKey & { id: number }): number {
  return (
    NAME_ORDER.compare(a.name, b.name) ||
    (a.measure < b.measure ? -1 : a.measure > b.measure ? 1 : 0) ||
    (a.frequency < b.frequency ? -1 : a.frequency > b.frequency ? 1 : 0) ||
    NAME_ORDER.compare(a.region ?? '', b.region ?? '') ||
    a.id - b.id
  );
}

type SeriesTableRow = [id: number, name: string, label: string, unit: string, measure: Measure, frequency: Frequency, region: string];

/** The list and the series data version it describes. */
interface ListState {
  version: string;
  list: Series[];
}

// The list is kept per connection until the store's series data version changes (an import, an undo, a renamed
// series), then read again: the series table and each series' kept counts (seriesCounts.ts, 20,000 rows), or, when
// the kept counts do not describe the store as it is (rows written by something that does not keep them), one
// grouped pass over every observation's index entry (0.4–0.9 s at 1,000,000).
const listCache = new WeakMap<Store, ListState>();

/** Every series with its period range and count, in natural name order (a fresh array each call). */
export function listSeries(db: Store): Series[] {
  // Read before the data it describes: a commit landing in between leaves an older version, counted again next call.
  const version = seriesDataVersion(db);
  const cached = listCache.get(db);
  if (cached && cached.version === version) return [...cached.list];
  const series = db.prepare('SELECT id, name, label, unit, measure, frequency, region FROM series').raw().all() as SeriesTableRow[];
  const counts = keptSeriesCounts(db) ?? scanCounts(db);
  const list = joinCounts(series, counts).sort(compareSeries);
  listCache.set(db, { version, list });
  return [...list];
}

const COUNTS_SELECT = 'SELECT series_id, MIN(period), MAX(period), COUNT(DISTINCT period), MAX(batch_id) FROM observations';

/**
 * The counts and period ranges from one grouped scan of the observations index alone ((series_id, period,
 * batch_id) holds every column counted), to be joined to the series table afterwards; the same fields as a
 * LEFT JOIN grouped per series, without a seek into the index for each of 20,000 series.
 */
function scanCounts(db: Store): Map<number, SeriesCountsRow> {
  const counts = new Map<number, SeriesCountsRow>();
  for (const row of db.prepare(`${COUNTS_SELECT} GROUP BY series_id`).raw().iterate() as IterableIterator<SeriesCountsRow>) counts.set(row[0], row);
  return counts;
}

/** The series table's rows with their counts; a series without observations has no range, a count of 0 and no batch. */
function joinCounts(series: readonly SeriesTableRow[], counts: ReadonlyMap<number, SeriesCountsRow>): Series[] {
  return series.map(([id, name, label, unit, measure, frequency, region]) => {
    const c = counts.get(id);
    return {
      id,
      name,
      label,
      unit,
      measure,
      frequency,
      region: region === '' ? null : region,
      firstPeriod: c ? c[1] : null,
      lastPeriod: c ? c[2] : null,
      observationCount: c ? c[3] : 0,
      lastBatchId: c ? c[4] : null,
    };
  });
}

interface ObservationRow {
  series_id: number;
  period: string;
  value: number;
  batch_id: number;
  sheet: string;
  cell: string;
  label: string;
  source_period: string;
  file_name: string;
  vintage: number;
  vintages: number;
}

/** Current values by period (with the cell each came from); with allVintages, earlier values too (oldest first). */
export function seriesObservations(db: Store, seriesId: number, opts: { allVintages?: boolean } = {}): Observation[] {
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT o.series_id, o.period, o.value, o.batch_id, COALESCE(src.sheet, '') AS sheet, o.cell,
                COALESCE(src.label, '') AS label, COALESCE(sp.text, '') AS source_period, b.file_name,
                ROW_NUMBER() OVER (PARTITION BY o.period ORDER BY o.batch_id) AS vintage,
                COUNT(*) OVER (PARTITION BY o.period) AS vintages
         FROM observations o JOIN import_batches b ON b.id = o.batch_id
         LEFT JOIN observation_sources src ON src.id = o.source_id LEFT JOIN source_periods sp ON sp.id = o.source_period_id
         WHERE o.series_id = ?) AS v
       ${opts.allVintages ? '' : 'WHERE vintage = vintages'}
       ORDER BY period, vintage`,
    )
    .all(seriesId) as ObservationRow[];
  return rows.map((r) => ({
    seriesId: r.series_id,
    period: r.period,
    value: r.value,
    batchId: r.batch_id,
    vintage: r.vintage,
    current: r.vintage === r.vintages,
    source: { file: r.file_name, sheet: r.sheet, cell: r.cell, label: r.label, sourcePeriod: r.source_period },
  }));
}
