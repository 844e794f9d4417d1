// Stores for the engine benchmarks, built the same way on SQLite and on PostgreSQL (through the store
// interface and the bulk insert), so the figures side by side measure the engines and nothing else.
import { insertRows } from '../electron/store/bulkInsert';
import { ObservationRowWriter } from '../electron/import/observationRows';
import type { StoreDb } from '../electron/store/storeDb';
import { insertPlan } from '../electron/store/targetsRepo';
import { writeTransaction } from '../electron/store/writeTransaction';
import type { TargetDraft } from '../shared/domain/target';
import { FIRST_YEAR, SERIES, SHAPES, TARGETS, YEARS, rng } from './varianceWorkload';

/**
 * The columns an import writes for each observation (electron/import/observationRows.ts), in its order: the ids of
 * the batch's texts (sheet and label, period as printed) and the cell. The benchmark's texts: one source per
 * series row, one period text per month, written by importTexts.
 */
export const OBSERVATION_COLUMNS = ['series_id', 'period', 'value', 'batch_id', 'source_id', 'cell', 'source_period_id'] as const;

/** The import workload: 20,000 series × 50 months = 1,000,000 observations, as the NBS wide file of bench/import.ts. */
export const IMPORT_SERIES = 20_000;
export const IMPORT_PERIODS = 50;

function months(count: number): { key: string; label: string }[] {
  const out: { key: string; label: string }[] = [];
  let y = 2025;
  let m = 12;
  for (let i = 0; i < count; i++) {
    out.push({ key: `${y}-${m < 10 ? '0' : ''}${m}`, label: `${y}年${m}月` });
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

/** Creates the batch and the series of the import workload; returns the batch id and the series ids in order. */
export function importHeader(db: StoreDb, fileName: string): { batchId: number; seriesIds: number[] } {
  const batchId = (db.prepare('INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES (?, ?, ?) RETURNING id').get(fileName, 'bench', new Date().toISOString()) as { id: number }).id;
  const rows: unknown[][] = [];
  for (let s = 0; s < IMPORT_SERIES; s++) rows.push([`指标${s}`, `指标${s}累计值(万吨)`, '万吨', 'cumulative', 'monthly', '']);
  insertRows(db, 'series', ['name', 'label', 'unit', 'measure', 'frequency', 'region'], rows);
  const ids = db.prepare("SELECT id FROM series WHERE unit = '万吨' AND measure = 'cumulative' ORDER BY id").pluck().all() as number[];
  return { batchId, seriesIds: ids.slice(-IMPORT_SERIES) };
}

/** The batch's texts (a source per series row, a period text per month); their ids, for importObservations. */
export function importTexts(db: StoreDb, batchId: number, seriesCount: number): { sourceIds: number[]; periodIds: number[] } {
  insertRows(db, 'observation_sources', ['batch_id', 'sheet', 'label'], Array.from({ length: seriesCount }, (_, s) => [batchId, 'Sheet1', `指标${s}累计值(万吨)`]));
  insertRows(db, 'source_periods', ['batch_id', 'text'], months(IMPORT_PERIODS).map((p) => [batchId, p.label]));
  const sourceIds = db.prepare('SELECT id FROM observation_sources WHERE batch_id = ? ORDER BY id').pluck().all(batchId) as number[];
  const periodIds = db.prepare('SELECT id FROM source_periods WHERE batch_id = ? ORDER BY id').pluck().all(batchId) as number[];
  return { sourceIds, periodIds };
}

/** The import's observation rows, `limit` of them at most, made as they are written (no million-row array). */
export function* importObservations(batchId: number, seriesIds: readonly number[], texts: { sourceIds: number[]; periodIds: number[] }, limit = Infinity): Generator<unknown[]> {
  const periods = months(IMPORT_PERIODS);
  let n = 0;
  for (let s = 0; s < seriesIds.length; s++) {
    for (let p = 0; p < IMPORT_PERIODS; p++) {
      if (n++ >= limit) return;
      yield [seriesIds[s], periods[p].key, Math.round(((s * 7919 + p * 104729) % 1_000_000) / 10) / 10 + 1, batchId, texts.sourceIds[s], `${String.fromCharCode(66 + (p % 24))}${s + 5}`, texts.periodIds[p]];
    }
  }
}

/** The variance workload of bench/varianceService.ts (2,000 targets linked to 10,000 series × 120 months), on any engine. */
export function buildVarianceStore(db: StoreDb): void {
  const rand = rng(42);
  writeTransaction(db, () => {
    const batchId = (db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('bench.xlsx', 'x', '2025-11-20T00:00:00Z') RETURNING id").get() as { id: number }).id;
    const series: unknown[][] = [];
    for (let i = 1; i <= SERIES; i++) {
      const shape = SHAPES[i % SHAPES.length];
      series.push([`指标${i}`, `指标${i}(${shape.unit})`, shape.unit, shape.measure, shape.frequency]);
    }
    insertRows(db, 'series', ['name', 'label', 'unit', 'measure', 'frequency'], series);
    const idOf = new Map((db.prepare('SELECT name, id FROM series').raw().all() as [string, number][]).map(([n, id]) => [n, id]));
    const obs = new ObservationRowWriter(db, batchId);
    for (let i = 1; i <= SERIES; i++) {
      const shape = SHAPES[i % SHAPES.length];
      const id = idOf.get(`指标${i}`)!;
      for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
        let cum = 0;
        for (let m = 1; m <= 12; m++) {
          const monthValue = 1000 + rand() * 200;
          cum += monthValue;
          const value = shape.measure === 'yoy_cumulative' ? 4 + rand() * 4 : shape.measure === 'cumulative' ? cum : shape.measure === 'index' ? 100 + rand() * 4 : monthValue;
          const key = shape.frequency === 'quarterly' ? (m % 3 === 0 ? `${y}-Q${m / 3}` : null) : `${y}-${m < 10 ? '0' : ''}${m}`;
          if (key) obs.add(id, key, value, 'Sheet1', `指标${i}(${shape.unit})`, `B${m}`, '');
        }
      }
    }
    obs.finish();
  });
  const drafts: TargetDraft[] = [];
  const seriesNames: string[] = [];
  for (let i = 1; i <= TARGETS; i++) {
    const seriesNo = ((i * 7919) % SERIES) + 1;
    const shape = SHAPES[seriesNo % SHAPES.length];
    const kind = shape.measure === 'cumulative' ? 'level' : shape.measure === 'monthly' ? 'increment' : 'growth_rate';
    drafts.push({
      section: '一、', indicator: `指标${seriesNo}`, kind, value: kind === 'level' ? 1.4 : kind === 'increment' ? 13000 : 6, valueLow: null, valueHigh: null,
      unit: kind === 'level' ? '亿吨' : kind === 'increment' ? '万人' : '%', comparator: i % 3 === 0 ? 'about' : 'at_least', qualifier: i % 5 === 0 ? 'strive' : null,
      basis: null, quote: '', quoteStart: 0, quoteEnd: 0,
    });
    seriesNames.push(`指标${seriesNo}`);
  }
  const planId = insertPlan(db, { year: 2025, region: '基准', title: 'bench', sourceFile: 'bench', sourceText: '' }, drafts);
  const targetIds = db.prepare('SELECT id FROM targets WHERE plan_id = ? ORDER BY position').pluck().all(planId) as number[];
  const idOf = new Map((db.prepare('SELECT name, id FROM series').raw().all() as [string, number][]).map(([n, id]) => [n, id]));
  insertRows(db, 'links', ['target_id', 'series_id', 'source', 'created_at'], targetIds.map((t, i) => [t, idOf.get(seriesNames[i])!, 'auto', '2025-11-20']));
}
