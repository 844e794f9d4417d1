// The commit's whole outcome on a file written here to hold every case at once: several sheets, a duplicated row
// (equal and different values), the same series on two sheets (one naming the region, one leaving it to the home
// region) with a conflicting value, a 合计 with its 其中 rows, a level with its growth rate, then a second file
// with revisions, new months, a relabelled row, a second series for a stored indicator and a falling cumulative
// value. Every stored row (with its cell), every count, revision, skipped cell and check is asserted, as are undo
// back to the first file's store and the preview's classification, on SQLite and on PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../electron/store/openStore';
import { batchDetails, commitImport, planFileImport, undoImportBatch } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { buildPreview } from '../../electron/service/importPreview';
import { setHomeRegion } from '../../electron/store/settingsRepo';
import { ENGINES, freshStore, type StorePlace } from '../helpers/stores';
import { workbook, type Cell } from './helpers/layoutFixtures';
import { sha256 } from './helpers/importStore';

/** A wide sheet: the region line (when given), the header row of periods, then one row per indicator. */
function wide(name: string, region: string | null, periods: string[], rows: Cell[][]) {
  return { name, rows: [...(region ? [[`地区：${region}`]] : []), ['指标', ...periods], ...rows] };
}

const HOME = '内蒙古自治区';
const TRADE = '进出口合计当期值(亿元)';
const EXPORTS = '其中：出口当期值(亿元)';
const IMPORTS = '其中：进口当期值(亿元)';
const RETAIL = '社会消费品零售总额当期值(亿元)';
const RETAIL_GROWTH = '社会消费品零售总额同比增长(%)';
const COAL = '原煤产量当期值(万吨)';
const STEEL = '粗钢产量当期值(万吨)';
const POWER = '发电量累计值(亿千瓦时)';

const FILE_A = workbook(
  [
    wide('月度', HOME, ['2025年3月', '2025年2月', '2025年1月'], [
      [TRADE, 100.4, 90, 80],
      [EXPORTS, 60.2, 50, 45],
      [IMPORTS, 40.1, 40, 35],
      [RETAIL, 500, 480, 470],
      [RETAIL_GROWTH, 6.4, 4.8, 4.1],
      [COAL, 300, 300, 310],
      // The same row again: equal values are kept once, the different February is imported from neither cell.
      [COAL, 300, 301, 310],
      [STEEL, 50, 48, null],
    ]),
    // No region line: filed under the home region, so this is the 粗钢产量 of 月度 again; March disagrees.
    wide('无地区', null, ['2025年3月', '2025年2月'], [[STEEL, 51, 48]]),
    wide('全国', '全国', ['2025年3月', '2025年2月'], [[COAL, 4.1, 3.9]]),
  ],
  'xlsx',
);

const FILE_B = workbook(
  [
    wide('月度', HOME, ['2025年4月', '2025年3月', '2025年2月', '2025年1月', '2024年4月', '2024年3月'], [
      [TRADE, 110, 101.9, 90, 80],
      // Printed with an ASCII colon this time: the same series, relabelled.
      ['其中:出口当期值(亿元)', 66, 60.2, 50, 45],
      [IMPORTS, 44, 40.1, 40, 35],
      [RETAIL, 520, 500, 480, 470, 500, 470],
      [RETAIL_GROWTH, 5.0, 6.4, 4.8, 4.1],
      [COAL, 320, 300, 302, 310],
      [STEEL, 55, 50, 48.5],
    ]),
    wide('包头', '包头市', ['2025年3月', '2025年2月'], [[COAL, 30, 29]]),
    wide('累计', HOME, ['2025年3月', '2025年2月'], [[POWER, 90, 100]]),
  ],
  'xlsx',
);

/** [name, region, measure, period, value, batch, sheet, cell, label as printed, period as printed] */
type Row = [string, string, string, string, number, string, string, string, string, string];

function storedRows(db: Store, batches: Record<number, string>): Row[] {
  const rows = db
    .prepare(
      // The row's texts from the batch's own text rows (migration 8): an inner join, so a row without them is missing here.
      `SELECT s.name, s.region, s.measure, o.period, o.value, o.batch_id, src.sheet, o.cell, src.label, sp.text
       FROM observations o JOIN series s ON s.id = o.series_id
       JOIN observation_sources src ON src.id = o.source_id AND src.batch_id = o.batch_id
       JOIN source_periods sp ON sp.id = o.source_period_id AND sp.batch_id = o.batch_id`,
    )
    .raw()
    .all() as [string, string, string, string, number, number, string, string, string, string][];
  // Sorted here, not by the engine: PostgreSQL's text order depends on the database's collation.
  return rows.map((r): Row => [r[0], r[1], r[2], r[3], r[4], batches[r[5]], r[6], r[7], r[8], r[9]]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const sorted = (rows: Row[]) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Rows of one indicator row of a sheet: [period, value, cell, period as printed] each. */
function rowsOf(name: string, region: string, measure: string, batch: string, sheet: string, label: string, cells: [string, number, string, string][]): Row[] {
  return cells.map(([period, value, cell, printed]) => [name, region, measure, period, value, batch, sheet, cell, label, printed]);
}

const ROWS_A: Row[] = [
  ...rowsOf('进出口合计', HOME, 'monthly', 'A', '月度', TRADE, [['2025-03', 100.4, 'B3', '2025年3月'], ['2025-02', 90, 'C3', '2025年2月'], ['2025-01', 80, 'D3', '2025年1月']]),
  ...rowsOf('出口', HOME, 'monthly', 'A', '月度', EXPORTS, [['2025-03', 60.2, 'B4', '2025年3月'], ['2025-02', 50, 'C4', '2025年2月'], ['2025-01', 45, 'D4', '2025年1月']]),
  ...rowsOf('进口', HOME, 'monthly', 'A', '月度', IMPORTS, [['2025-03', 40.1, 'B5', '2025年3月'], ['2025-02', 40, 'C5', '2025年2月'], ['2025-01', 35, 'D5', '2025年1月']]),
  ...rowsOf('社会消费品零售总额', HOME, 'monthly', 'A', '月度', RETAIL, [['2025-03', 500, 'B6', '2025年3月'], ['2025-02', 480, 'C6', '2025年2月'], ['2025-01', 470, 'D6', '2025年1月']]),
  ...rowsOf('社会消费品零售总额', HOME, 'yoy', 'A', '月度', RETAIL_GROWTH, [['2025-03', 6.4, 'B7', '2025年3月'], ['2025-02', 4.8, 'C7', '2025年2月'], ['2025-01', 4.1, 'D7', '2025年1月']]),
  ...rowsOf('原煤产量', HOME, 'monthly', 'A', '月度', COAL, [['2025-03', 300, 'B8', '2025年3月'], ['2025-01', 310, 'D8', '2025年1月']]),
  ...rowsOf('粗钢产量', HOME, 'monthly', 'A', '月度', STEEL, [['2025-02', 48, 'C10', '2025年2月']]),
  ...rowsOf('原煤产量', '全国', 'monthly', 'A', '全国', COAL, [['2025-03', 4.1, 'B3', '2025年3月'], ['2025-02', 3.9, 'C3', '2025年2月']]),
];

const ROWS_B: Row[] = [
  ...rowsOf('进出口合计', HOME, 'monthly', 'B', '月度', TRADE, [['2025-04', 110, 'B3', '2025年4月'], ['2025-03', 101.9, 'C3', '2025年3月']]),
  ...rowsOf('出口', HOME, 'monthly', 'B', '月度', '其中:出口当期值(亿元)', [['2025-04', 66, 'B4', '2025年4月']]),
  ...rowsOf('进口', HOME, 'monthly', 'B', '月度', IMPORTS, [['2025-04', 44, 'B5', '2025年4月']]),
  ...rowsOf('社会消费品零售总额', HOME, 'monthly', 'B', '月度', RETAIL, [['2025-04', 520, 'B6', '2025年4月'], ['2024-04', 500, 'F6', '2024年4月'], ['2024-03', 470, 'G6', '2024年3月']]),
  ...rowsOf('社会消费品零售总额', HOME, 'yoy', 'B', '月度', RETAIL_GROWTH, [['2025-04', 5, 'B7', '2025年4月']]),
  ...rowsOf('原煤产量', HOME, 'monthly', 'B', '月度', COAL, [['2025-04', 320, 'B8', '2025年4月'], ['2025-02', 302, 'D8', '2025年2月']]),
  ...rowsOf('粗钢产量', HOME, 'monthly', 'B', '月度', STEEL, [['2025-04', 55, 'B9', '2025年4月'], ['2025-03', 50, 'C9', '2025年3月'], ['2025-02', 48.5, 'D9', '2025年2月']]),
  ...rowsOf('原煤产量', '包头市', 'monthly', 'B', '包头', COAL, [['2025-03', 30, 'B3', '2025年3月'], ['2025-02', 29, 'C3', '2025年2月']]),
  ...rowsOf('发电量', HOME, 'cumulative', 'B', '累计', POWER, [['2025-03', 90, 'B3', '2025年3月'], ['2025-02', 100, 'C3', '2025年2月']]),
];

function seriesRows(db: Store) {
  const rows = db.prepare('SELECT id, name, label, unit, measure, frequency, region FROM series').all() as { id: number }[];
  return rows.sort((a, b) => a.id - b.id);
}

describe.each(ENGINES)('the commit of a file with every case, on %s', (engine) => {
  let place: StorePlace & { db: Store };
  let db: Store;
  beforeEach(async () => {
    place = await freshStore(engine, 'w_commit_exact');
    db = place.db;
    setHomeRegion(db, HOME);
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('stores exactly the rows of the vintage rule, with counts, revisions, skipped cells and checks; undo restores', async () => {
    const parsedA = await parseStatisticsFile(FILE_A, 'a.xlsx');
    const a = commitImport(db, parsedA, { fileName: 'a.xlsx', fileHash: sha256(FILE_A), skipInvalid: true });
    const batches: Record<number, string> = { [a.batchId!]: 'A' };
    expect(storedRows(db, batches)).toEqual(sorted(ROWS_A));
    expect(a).toMatchObject({ seriesCount: 8, observationCount: 20, unchangedCount: 0, checks: [] });
    expect(a.changes.counts).toEqual({ seriesNew: 8, seriesContinued: 0, observationsNew: 20, observationsUnchanged: 0, observationsRevised: 0 });
    expect(a.changes.revisions).toEqual([]);
    // The file's own duplicate first (both cells), then the conflict found once the region is resolved.
    expect(a.skipped.map((p) => [p.sheet, p.cell, p.code, p.value])).toEqual([
      ['月度', 'C8', 'duplicate_conflict', '300'],
      ['月度', 'C9', 'duplicate_conflict', '301'],
      ['月度', 'B10', 'duplicate_conflict', '50'],
      ['无地区', 'B2', 'duplicate_conflict', '51'],
    ]);
    expect(a.changes.series.map((s) => [s.name, s.region, s.measure, s.status, s.regionSource, s.observations])).toEqual([
      ['进出口合计', HOME, 'monthly', 'new', 'file', { new: 3, unchanged: 0, revised: 0 }],
      ['出口', HOME, 'monthly', 'new', 'file', { new: 3, unchanged: 0, revised: 0 }],
      ['进口', HOME, 'monthly', 'new', 'file', { new: 3, unchanged: 0, revised: 0 }],
      ['社会消费品零售总额', HOME, 'monthly', 'new', 'file', { new: 3, unchanged: 0, revised: 0 }],
      ['社会消费品零售总额', HOME, 'yoy', 'new', 'file', { new: 3, unchanged: 0, revised: 0 }],
      ['原煤产量', HOME, 'monthly', 'new', 'file', { new: 2, unchanged: 0, revised: 0 }],
      ['粗钢产量', HOME, 'monthly', 'new', 'file', { new: 1, unchanged: 0, revised: 0 }],
      ['原煤产量', '全国', 'monthly', 'new', 'file', { new: 2, unchanged: 0, revised: 0 }],
    ]);
    const ids = seriesRows(db).map((s) => s.id);
    expect(a.changes.series.map((s) => s.seriesId)).toEqual(ids);
    expect(batchDetails(db, a.batchId!)).toMatchObject({ seriesIds: ids, createdSeriesIds: ids, unchangedCount: 0, revisionCount: 0 });
    const seriesAfterA = seriesRows(db);
    const rowsAfterA = storedRows(db, batches);

    // The preview of the second file classifies each value as the commit will.
    const parsedB = await parseStatisticsFile(FILE_B, 'b.xlsx');
    const { plan, checks: previewChecks } = planFileImport(db, parsedB);
    const COUNTS_B = { seriesNew: 2, seriesContinued: 7, observationsNew: 15, observationsUnchanged: 16, observationsRevised: 2 };
    expect(plan.counts).toEqual(COUNTS_B);
    const preview = buildPreview(parsedB, plan, previewChecks);
    const shown = (cell: string) => preview.observations.filter((o) => o.sheet === '月度' && o.cell === cell).map((o) => [o.change, o.oldValue, o.value]);
    expect([shown('B3'), shown('C3'), shown('D3'), shown('D9')]).toEqual([[['new', null, 110]], [['revised', 100.4, 101.9]], [['unchanged', 90, 90]], [['revised', 48, 48.5]]]);

    const b = commitImport(db, parsedB, { fileName: 'b.xlsx', fileHash: sha256(FILE_B), skipInvalid: false });
    batches[b.batchId!] = 'B';
    expect(storedRows(db, batches)).toEqual(sorted([...ROWS_A, ...ROWS_B]));
    expect(b).toMatchObject({ seriesCount: 9, observationCount: 17, unchangedCount: 16, skipped: [] });
    expect(b.changes.counts).toEqual(COUNTS_B);
    expect(b.changes.revisionCount).toBe(2);
    expect(b.changes.revisions.map((r) => [r.name, r.period, r.oldValue, r.newValue, r.sheet, r.cell, r.sourcePeriod])).toEqual([
      ['进出口合计', '2025-03', 100.4, 101.9, '月度', 'C3', '2025年3月'],
      ['粗钢产量', '2025-02', 48, 48.5, '月度', 'D9', '2025年2月'],
    ]);
    const coalStored = seriesAfterA.find((s) => (s as unknown as { region: string }).region === '全国')!.id;
    expect(b.checks.map((c) => [c.code, c.name, c.region, c.period, c.sheet, c.cell])).toEqual([
      ['second_series', '原煤产量', '包头市', null, '包头', 'B3'],
      ['cumulative_falls', '发电量', HOME, '2025-03', '累计', 'B3'],
      ['growth_mismatch', '社会消费品零售总额', HOME, '2025-04', '月度', 'B7'],
      ['total_mismatch', '进出口合计', HOME, '2025-03', '月度', 'C3'],
    ]);
    expect(b.checks[0].message).toContain(`库中已有 #${coalStored}（地区 全国，单位 万吨）`);
    expect(b.checks[2].message).toContain('公布的增速 5% 与由绝对值（520 比上年同期 500）计算的 4% 相差 1 个百分点');
    expect(b.checks[3].message).toContain('合计 101.9 与其中各项（出口、进口）之和 100.3 不符');
    expect(previewChecks).toEqual(b.checks);
    const exportsChange = b.changes.series.find((s) => s.name === '出口')!;
    expect(exportsChange).toMatchObject({ status: 'continued', label: '其中:出口当期值(亿元)', previousLabel: EXPORTS, observations: { new: 1, unchanged: 3, revised: 0 } });
    expect(b.changes.series.filter((s) => s.status === 'new').map((s) => [s.name, s.region])).toEqual([['原煤产量', '包头市'], ['发电量', HOME]]);
    const labelOf = (name: string) => (seriesRows(db) as unknown as { name: string; label: string }[]).find((s) => s.name === name)!.label;
    expect(labelOf('出口')).toBe('其中:出口当期值(亿元)');

    // Undo the second file: the store is the first file's again, labels included.
    expect(undoImportBatch(db, b.batchId!)).toEqual({ batchId: b.batchId, removedObservations: 17, removedSeries: 2 });
    expect(seriesRows(db)).toEqual(seriesAfterA);
    expect(storedRows(db, batches)).toEqual(rowsAfterA);
    // And the same second file again finds the same changes.
    const again = commitImport(db, parsedB, { fileName: 'b.xlsx', fileHash: sha256(FILE_B), skipInvalid: false });
    expect(again.changes.counts).toEqual(COUNTS_B);
    batches[again.batchId!] = 'B';
    expect(storedRows(db, batches)).toEqual(sorted([...ROWS_A, ...ROWS_B]));
  });
});
