// One variance cache per store: after the variance view has loaded the linked series, the workbook and the
// briefing read the same points (no second load from SQLite) and give the figures the store holds (the same
// current values seriesObservations returns); a later import by another process (the CLI) or its undo is seen
// at the next call. The bureau file is written here; its figures are made up.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../electron/cli/run';
import { seriesObservations } from '../../electron/import/commitImport';
import { openWorkbench } from '../../electron/openWorkbench';
import { createHandoffInputs } from '../../electron/service/handoffInputs';
import { dispatch, type Service } from '../../electron/service/service';
import { varianceDataFor } from '../../electron/service/varianceData';
import type { VarianceResult } from '../../shared/contract/varianceCalls';
import type { ImportBatch, Series } from '../../shared/domain/series';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const header = ['数据库：分省月度数据', '地区：内蒙古自治区', '时间：最近4个月', '指标,2025年8月,2025年7月,2025年6月,2025年5月'];
const FIRST = [...header, '规模以上工业增加值累计增长(%),6.2,6.0,5.8,5.9', '原煤产量累计值(万吨),98000,86000,74000,61000', '数据来源：国家统计局'].join('\n');
// The next month's file revises August's growth (6.2 → 6.4) and adds September.
const SECOND = [
  '数据库：分省月度数据',
  '地区：内蒙古自治区',
  '时间：最近2个月',
  '指标,2025年9月,2025年8月',
  '规模以上工业增加值累计增长(%),6.5,6.4',
  '原煤产量累计值(万吨),110000,98000',
  '数据来源：国家统计局',
].join('\n');

let dir: string;
let db: string;
let service: Service;
const io = { out: () => undefined, err: () => undefined };

/** How many times the points of series are read from the observations while `fn` runs. */
async function pointLoads(fn: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(service.ctx.db, 'prepare');
  try {
    await fn();
    return spy.mock.calls.filter(([sql]) => /FROM observations o JOIN import_batches b/.test(String(sql))).length;
  } finally {
    spy.mockRestore();
  }
}

const growthSeriesId = () => (service.handlers.listSeries({}) as Series[]).find((s) => s.label.startsWith('规模以上工业增加值'))!.id;

beforeAll(async () => {
  dir = makeTmpDir('wb-shared-cache-');
  process.env.PLAN_WORKBENCH_LOG_DIR = path.join(dir, 'logs');
  db = path.join(dir, 'store.sqlite');
  fs.writeFileSync(path.join(dir, 'first.csv'), FIRST);
  fs.writeFileSync(path.join(dir, 'second.csv'), SECOND);
  expect(await runCli(['init', '--db', db], io)).toBe(0);
  expect(await runCli(['import', path.join(dir, 'first.csv'), '--db', db], io)).toBe(0);
  expect(await runCli(['link', '--auto', '--db', db], io)).toBe(0);
  service = openWorkbench(db, 'cli');
}, 120_000);

afterAll(() => {
  service.ctx.db.close();
  removeDir(dir);
});

describe('the variance cache shared by the views and the exports', () => {
  it('is one per store connection', () => {
    expect(varianceDataFor(service.ctx.db)).toBe(varianceDataFor(service.ctx.db));
  });

  it('lets the briefing and the workbook after the variance view load no points again', async () => {
    const variance = (await dispatch(service, 'variance', {})) as VarianceResult;
    expect(variance.rows.some((r) => r.actual !== null)).toBe(true);
    expect(await pointLoads(() => dispatch(service, 'briefHtml', {}))).toBe(0);
    expect(await pointLoads(() => dispatch(service, 'exportWorkbook', {}))).toBe(0);
    // An exporter built on its own (as tests and scripts do) reads the same cache as well.
    expect(await pointLoads(() => createHandoffInputs(service.ctx).briefInput({}))).toBe(0);
    // Rendering the briefing and writing the workbook: allowed as long as the other export tests (a loaded machine).
  }, 120_000);

  it('gives the workbook the current values and cells seriesObservations reads, up to the cut-off', async () => {
    const input = await createHandoffInputs(service.ctx).exportInput({ asOf: '2025-07' });
    expect(input.series.length).toBeGreaterThanOrEqual(2);
    for (const s of input.series) {
      const expected = seriesObservations(service.ctx.db, s.series.id)
        .filter((o) => o.period <= '2025-07')
        .map((o) => ({ period: o.period, value: o.value, batchId: o.batchId, file: o.source.file, sheet: o.source.sheet, cell: o.source.cell }));
      expect(s.observations).toEqual(expected);
    }
    const growth = input.series.find((s) => s.series.id === growthSeriesId())!;
    expect(growth.observations.map((o) => [o.period, o.value])).toEqual([
      ['2025-05', 5.9],
      ['2025-06', 5.8],
      ['2025-07', 6.0],
    ]);
  });

  it('sees an import by another process, and its undo, at the next call', async () => {
    const growthAug = async () => {
      const input = await createHandoffInputs(service.ctx).exportInput({ asOf: '2025-08' });
      return input.series.find((s) => s.series.id === growthSeriesId())!.observations.find((o) => o.period === '2025-08')!.value;
    };
    expect(await growthAug()).toBe(6.2);
    expect(await runCli(['import', path.join(dir, 'second.csv'), '--db', db], io)).toBe(0);
    expect(await growthAug()).toBe(6.4);
    const latest = (await dispatch(service, 'variance', {})) as VarianceResult;
    expect(latest.asOf).toBe('2025-09');
    const batch = (service.handlers.listBatches({}) as ImportBatch[])[0];
    await dispatch(service, 'undoBatch', { batchId: batch.id });
    expect(await growthAug()).toBe(6.2);
    expect(((await dispatch(service, 'variance', {})) as VarianceResult).asOf).toBe('2025-08');
  }, 120_000);
});

describe('level companions from the series table', () => {
  it('are those of the counted list, ties broken by observation count and then natural order', async () => {
    const { openStore } = await import('../../electron/store/openStore');
    const { listSeries } = await import('../../electron/import/commitImport');
    const { levelCompanions } = await import('../../shared/variance/levelCompanion');
    const { createVarianceData } = await import('../../electron/service/varianceData');
    const store = openStore(path.join(dir, 'companions.sqlite'));
    try {
      store.prepare("INSERT INTO import_batches (id, file_name, file_hash, imported_at) VALUES (1, 'f.csv', 'h', '2025-09-01T00:00:00Z')").run();
      const add = store.prepare('INSERT INTO series (id, name, label, unit, measure, frequency, region) VALUES (?, ?, ?, ?, ?, ?, ?)');
      store.prepare("INSERT INTO observation_sources (id, batch_id, sheet, label) VALUES (1, 1, 'S', '')").run();
      const obs = store.prepare("INSERT INTO observations (series_id, period, value, batch_id, source_id, cell) VALUES (?, ?, 1, 1, 1, 'A1')");
      // 用电量: two cumulative series in different units (the one with more months wins) and a growth series.
      add.run(1, '用电量', '用电量累计值(亿千瓦时)', '亿千瓦时', 'cumulative', 'monthly', '');
      add.run(2, '用电量', '用电量累计值(万千瓦时)', '万千瓦时', 'cumulative', 'monthly', '');
      add.run(3, '用电量', '用电量累计增长(%)', '%', 'yoy_cumulative', 'monthly', '');
      // 货运量: two period-value series with equal counts (the same name: the lower id comes first) and a growth series.
      add.run(4, '货运量', '货运量当期值(万吨)', '万吨', 'monthly', 'monthly', '');
      add.run(5, '货运量', '货运量当期值(吨)', '吨', 'monthly', 'monthly', '');
      add.run(6, '货运量', '货运量当期增长(%)', '%', 'yoy', 'monthly', '');
      // 客运量 in another region: its own companion, not 货运量's.
      add.run(7, '客运量', '客运量累计值(万人)', '万人', 'cumulative', 'monthly', '包头市');
      add.run(8, '客运量', '客运量累计增长(%)', '%', 'yoy_cumulative', 'monthly', '包头市');
      for (const p of ['2025-07', '2025-08']) obs.run(1, p);
      for (const p of ['2025-06', '2025-07', '2025-08']) obs.run(2, p);
      for (const id of [4, 5]) obs.run(id, '2025-08');
      const expected = levelCompanions(listSeries(store));
      expect(expected.get(3)).toBe(2);
      expect(expected.get(6)).toBe(4);
      expect(expected.get(8)).toBe(7);
      expect(createVarianceData(store).companions()).toEqual(expected);
    } finally {
      store.close();
    }
  });
});
