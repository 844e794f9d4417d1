// Writes a parsed statistics file into the store as one import batch, in one transaction, under the vintage rule:
// a new observation row only when the value differs from the current one (the row of the newest batch).
// Also undoes a batch, and lists batches, series and observations with the cells they came from.

import { writeTransaction } from '../store/writeTransaction';
import type Database from 'better-sqlite3';
import type { ImportBatch, Measure, Frequency, Observation, Series } from '../../shared/domain/series';
import type { CellProblem, ParsedFile } from '../../shared/import/mapping';
import { ImportFileError } from './importFileError';
import { seriesKeyString } from './parseFile';

export interface CommitOptions {
  fileName: string;
  /** sha256 of the file's bytes, hex. */
  fileHash: string;
  /** Import the rest when cells are flagged; otherwise refuse the whole file. */
  skipInvalid: boolean;
  /** For tests; defaults to the clock. */
  now?: Date;
}

export interface CommitResult {
  batchId: number;
  /** Distinct series the file holds values for. */
  seriesCount: number;
  /** New observation rows written (new periods and changed values). */
  observationCount: number;
  /** Values equal to the current one, not written again. */
  unchangedCount: number;
  skipped: CellProblem[];
}

/** What a batch remembers beyond its counts: enough to undo it safely and to show what was skipped. */
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
}

const MAX_LISTED_PROBLEMS = 20;
const MAX_STORED_PROBLEMS = 1000;

function sameValue(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function describeProblems(problems: CellProblem[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `${p.sheet}!${p.cell}${p.value !== undefined ? `「${p.value}」` : ''}：${p.reason}`);
  const more = problems.length > MAX_LISTED_PROBLEMS ? `\n…另有 ${problems.length - MAX_LISTED_PROBLEMS} 处 / …and ${problems.length - MAX_LISTED_PROBLEMS} more` : '';
  return listed.join('\n') + more;
}

export function commitImport(db: Database.Database, parsed: ParsedFile, opts: CommitOptions): CommitResult {
  if (parsed.problems.length > 0 && !opts.skipInvalid) {
    throw new ImportFileError(
      'refused_problems',
      `文件中有 ${parsed.problems.length} 处单元格无法导入，整个文件未导入（可选择跳过这些单元格）/ ` +
        `${parsed.problems.length} cell(s) cannot be imported, so nothing was imported (you may choose to skip them):\n${describeProblems(parsed.problems)}`,
      { problems: parsed.problems },
    );
  }
  const total = parsed.sheets.reduce((n, s) => n + s.series.reduce((m, x) => m + x.observations.length, 0), 0);
  if (total === 0) {
    throw new ImportFileError('no_table', '文件中没有可导入的数值 / The file holds no values to import');
  }

  const insertBatch = db.prepare('INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES (?, ?, ?)');
  const findSeries = db.prepare('SELECT id FROM series WHERE label = ? AND unit = ? AND measure = ? AND frequency = ? AND region = ?').pluck();
  const insertSeries = db.prepare('INSERT INTO series (name, label, unit, measure, frequency, region) VALUES (?, ?, ?, ?, ?, ?)');
  const currentValues = db.prepare(
    `SELECT period, value FROM observations o
     WHERE series_id = ? AND batch_id = (SELECT MAX(batch_id) FROM observations i WHERE i.series_id = o.series_id AND i.period = o.period)`,
  ).raw();
  const insertObservation = db.prepare(
    'INSERT INTO observations (series_id, period, value, batch_id, sheet, cell, label, source_period) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const finishBatch = db.prepare(
    'UPDATE import_batches SET series_count = ?, observation_count = ?, skipped_count = ?, details = ? WHERE id = ?',
  );

  const run = () => writeTransaction(db, (): CommitResult => {
    const batchId = Number(insertBatch.run(opts.fileName, opts.fileHash, (opts.now ?? new Date()).toISOString()).lastInsertRowid);
    const seriesIds = new Map<string, number>();
    const created = new Set<number>();
    let written = 0;
    let unchanged = 0;
    for (const sheet of parsed.sheets) {
      for (const s of sheet.series) {
        if (s.observations.length === 0) continue;
        const region = s.region ?? '';
        const key = seriesKeyString(s);
        let seriesId = seriesIds.get(key);
        if (seriesId === undefined) {
          const existing = findSeries.get(s.label, s.unit, s.measure, s.frequency, region) as number | undefined;
          if (existing === undefined) {
            seriesId = Number(insertSeries.run(s.name, s.label, s.unit, s.measure, s.frequency, region).lastInsertRowid);
            created.add(seriesId);
          } else {
            seriesId = existing;
          }
          seriesIds.set(key, seriesId);
        }
        // A series created in this batch has no earlier values: skip the lookup (the common case in bulk loads).
        let current: Map<string, number> | null = null;
        if (!created.has(seriesId)) {
          current = new Map();
          for (const [period, value] of currentValues.all(seriesId) as [string, number][]) current.set(period, value);
        }
        for (const o of s.observations) {
          if (current) {
            const before = current.get(o.period);
            if (before !== undefined && sameValue(before, o.value)) {
              unchanged++;
              continue;
            }
          }
          const src = o.source;
          insertObservation.run(seriesId, o.period, o.value, batchId, src.sheet, src.cell, src.label, src.sourcePeriod);
          written++;
        }
      }
    }
    const skipped = opts.skipInvalid ? parsed.problems : [];
    const details: BatchDetails = {
      seriesIds: [...new Set(seriesIds.values())],
      createdSeriesIds: [...created],
      unchangedCount: unchanged,
      sheets: parsed.sheets.map((s) => ({ name: s.name, layout: s.layout })),
      skippedSheets: parsed.skippedSheets,
      skipped: skipped.slice(0, MAX_STORED_PROBLEMS),
      warnings: parsed.warnings.slice(0, 200),
      format: parsed.format,
      encoding: parsed.encoding,
    };
    const seriesCount = details.seriesIds.length;
    finishBatch.run(seriesCount, written, skipped.length, JSON.stringify(details), batchId);
    return { batchId, seriesCount, observationCount: written, unchangedCount: unchanged, skipped };
  });
  return run();
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
export function undoImportBatch(db: Database.Database, batchId: number): UndoResult {
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
    const removedObservations = db.prepare('DELETE FROM observations WHERE batch_id = ?').run(batchId).changes;
    // Series this batch created go too, once empty and not linked to a target (links are the analyst's work).
    const dropSeries = db.prepare(
      'DELETE FROM series WHERE id = ? AND NOT EXISTS (SELECT 1 FROM observations WHERE series_id = ?) AND NOT EXISTS (SELECT 1 FROM links WHERE series_id = ?)',
    );
    let removedSeries = 0;
    for (const id of details.createdSeriesIds ?? []) removedSeries += dropSeries.run(id, id, id).changes;
    db.prepare('UPDATE import_batches SET undone = 1 WHERE id = ?').run(batchId);
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

export function listBatches(db: Database.Database): ImportBatch[] {
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
export function batchDetails(db: Database.Database, batchId: number): Partial<BatchDetails> | null {
  const row = db.prepare('SELECT details FROM import_batches WHERE id = ?').pluck().get(batchId) as string | undefined;
  return row === undefined ? null : readDetails(row);
}

interface SeriesRow {
  id: number;
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  region: string;
  first_period: string | null;
  last_period: string | null;
  observation_count: number;
  last_batch_id: number | null;
}

export function listSeries(db: Database.Database): Series[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.name, s.label, s.unit, s.measure, s.frequency, s.region,
              MIN(o.period) AS first_period, MAX(o.period) AS last_period,
              COUNT(DISTINCT o.period) AS observation_count, MAX(o.batch_id) AS last_batch_id
       FROM series s LEFT JOIN observations o ON o.series_id = s.id
       GROUP BY s.id ORDER BY s.name, s.measure, s.frequency, s.region, s.id`,
    )
    .all() as SeriesRow[];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    label: r.label,
    unit: r.unit,
    measure: r.measure,
    frequency: r.frequency,
    region: r.region === '' ? null : r.region,
    firstPeriod: r.first_period,
    lastPeriod: r.last_period,
    observationCount: r.observation_count,
    lastBatchId: r.last_batch_id,
  }));
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
export function seriesObservations(db: Database.Database, seriesId: number, opts: { allVintages?: boolean } = {}): Observation[] {
  const rows = db
    .prepare(
      `SELECT * FROM (
         SELECT o.series_id, o.period, o.value, o.batch_id, o.sheet, o.cell, o.label, o.source_period, b.file_name,
                ROW_NUMBER() OVER (PARTITION BY o.period ORDER BY o.batch_id) AS vintage,
                COUNT(*) OVER (PARTITION BY o.period) AS vintages
         FROM observations o JOIN import_batches b ON b.id = o.batch_id
         WHERE o.series_id = ?)
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
