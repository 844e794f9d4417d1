// The variance analysis end to end through the CLI, as an analyst would run it: a new store, a hand-made
// statistics file imported, links set by name (ambiguous, unknown and incompatible ones refused) and by
// --auto, then `variance --json` compared figure by figure with values computed by hand below.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import type { VarianceProvenance, VarianceTrend } from '../../shared/contract/varianceCalls';
import type { Target } from '../../shared/domain/target';
import { csvLines } from '../fixtures/varianceSample';
import { runCliProcess } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';

let dir: string;
let db: string;
let csv: string;
let ids: Record<string, number>;

const cli = (...args: string[]) => runCliProcess([...args, '--db', db]);
const json = <T>(...args: string[]): T => {
  const r = cli(...args, '--json');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
};

interface VarianceJson {
  targetId: number;
  indicator: string;
  seriesName: string | null;
  asOf: string | null;
  actual: number | null;
  actualUnit: string | null;
  target: number | null;
  gap: number | null;
  gapUnit: string | null;
  completionRate: number | null;
  scheduleCalendar: number | null;
  scheduleSeasonal: number | null;
  projectionRunRate: number | null;
  projectionSeasonal: number | null;
  required: number | null;
  requiredGrowth: number | null;
  status: string;
  rule: string;
}

const FIELDS = [
  'targetId', 'indicator', 'seriesName', 'asOf', 'actual', 'actualUnit', 'target', 'gap', 'gapUnit', 'completionRate', 'scheduleCalendar',
  'scheduleSeasonal', 'projectionRunRate', 'projectionSeasonal', 'required', 'requiredGrowth', 'status', 'rule', 'previous', 'sincePrevious',
];

/** Compares each given figure to 0.1, as the acceptance check does; null must be null. */
function expectFigures(row: VarianceJson, expected: Partial<Record<keyof VarianceJson, number | string | null>>) {
  for (const [k, v] of Object.entries(expected)) {
    const got = row[k as keyof VarianceJson];
    if (typeof v === 'number') {
      expect(got, `${row.indicator}.${k}`).not.toBeNull();
      expect(Math.abs((got as number) - v), `${row.indicator}.${k}: ${String(got)} vs ${v}`).toBeLessThanOrEqual(0.1);
    } else expect(got, `${row.indicator}.${k}`).toBe(v);
  }
}

// The whole run on both engines: a SQLite file, and a database on the PostgreSQL test server (--db postgres://…).
describe.each(ENGINES)('on %s', (engine) => {
  let place: StorePlace;

  beforeAll(async () => {
    dir = makeTmpDir('wb-variance-');
    place = await freshPlace(engine, 'i14copy_variance');
    db = place.location;
    csv = path.join(dir, 'stats.csv');
    fs.writeFileSync(csv, csvLines().join('\n') + '\n');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const imported = runCliProcess(['import', csv, '--db', db]);
    expect(imported.stderr).toBe('');
    const targets = json<Target[]>('targets');
    const byName = (name: string) => targets.find((t) => t.indicator === name)!.id;
    ids = {
      gdp: byName('地区生产总值'),
      investment: byName('固定资产投资'),
      employment: byName('城镇新增就业'),
      unemployment: byName('城镇调查失业率'),
      cpi: byName('居民消费价格'),
      coal: byName('煤炭产量'),
    };
  });

  afterAll(async () => {
    removeDir(dir);
    await place.remove();
  });

  describe('link', () => {
    it('refuses a name that fits two series, listing both with ids, units and measures', () => {
      const r = cli('link', '--target', String(ids.coal), '--series', '原煤产量');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('对应多个序列');
      expect(r.stderr).toMatch(/#\d+ 原煤产量累计值\(万吨\)（累计值，万吨/);
      expect(r.stderr).toMatch(/#\d+ 原煤产量当期值\(万吨\)（当期值，万吨/);
    });

    it('refuses an unknown name', () => {
      const r = cli('link', '--target', String(ids.coal), '--series', '天然气产量');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('找不到序列“天然气产量”');
    });

    it('refuses a series whose unit cannot measure the target (万人 for 亿吨), saving nothing', () => {
      const r = cli('link', '--target', String(ids.coal), '--series', '城镇新增就业人数累计值');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('单位不可比：目标为亿吨，序列为万人');
      expect(json<unknown[]>('link', '--list')).toEqual([]);
    });

    it('links by the indicator as written without its unit, and lists the link', () => {
      const linked = json<{ targetId: number; seriesLabel: string; source: string }>('link', '--target', String(ids.coal), '--series', '原煤产量累计值');
      expect(linked).toMatchObject({ targetId: ids.coal, seriesLabel: '原煤产量累计值(万吨)', source: 'manual' });
    });

    it('--auto accepts the suggestions for unlinked targets, keeps the manual link, and prints them', () => {
      const r = json<{ linked: { targetId: number; seriesLabel: string; reason: string }[]; keptExisting: number }>('link', '--auto');
      const to = (id: number) => r.linked.find((l) => l.targetId === id)?.seriesLabel;
      expect(to(ids.gdp)).toBe('地区生产总值累计增长(%)');
      expect(to(ids.investment)).toBe('固定资产投资累计增长(%)');
      expect(to(ids.employment)).toBe('城镇新增就业人数累计值(万人)');
      expect(to(ids.unemployment)).toBe('城镇调查失业率(%)');
      expect(to(ids.cpi)).toBe('居民消费价格指数(上年同期=100)');
      expect(to(ids.coal)).toBeUndefined();
      expect(r.keptExisting).toBe(1);
      expect(r.linked.every((l) => l.reason.includes(' / '))).toBe(true);
      const list = json<{ targetId: number; seriesLabel: string; source: string }[]>('link', '--list');
      expect(list.find((l) => l.targetId === ids.coal)).toMatchObject({ seriesLabel: '原煤产量累计值(万吨)', source: 'manual' });
    });
  });

  describe('variance --json', () => {
    let rows: VarianceJson[];
    const row = (id: number) => rows.find((r) => r.targetId === id)!;

    beforeAll(() => {
      rows = json<VarianceJson[]>('variance', '--as-of', '2025-10');
    });

    it('prints one object per non-task target with exactly the public fields', () => {
      const targets = json<Target[]>('targets').filter((t) => t.kind !== 'task');
      expect(rows.map((r) => r.targetId).sort((a, b) => a - b)).toEqual(targets.map((t) => t.id).sort((a, b) => a - b));
      for (const r of rows) expect(Object.keys(r)).toEqual(FIELDS);
      const unlinked = rows.find((r) => r.indicator === '粮食产量')!;
      expect(unlinked).toMatchObject({ status: 'no_data', seriesName: null, actual: null, gap: null });
      expect(unlinked.rule).toContain('未关联统计序列');
    });

    it('growth target with a level companion: GDP', () => {
      // As of October the newest quarter is Q3 (前三季度): 5.6 % against 6 %左右 → gap 5.6 − 6 = −0.4 pp.
      // The tolerance ±0.5 opens the zone to ≥ 5.5 %, so 5.6 is on track.
      // Required growth of Q4 from the levels 地区生产总值累计值: LY full 24000, LY Q1-Q3 17000, CY Q1-Q3 17952:
      //   (1.06 × 24000 − 17952) / (24000 − 17000) − 1 = (25440 − 17952) / 7000 − 1 = 7488 / 7000 − 1 = 6.97 %.
      expectFigures(row(ids.gdp), {
        seriesName: '地区生产总值累计增长(%)', asOf: '2025-Q3', actual: 5.6, actualUnit: '%', target: 6, gap: -0.4, gapUnit: '个百分点',
        completionRate: null, scheduleCalendar: null, projectionRunRate: null, required: null, requiredGrowth: 6.97, status: 'on_track',
      });
      expect(row(ids.gdp).rule).toContain('其余月份需增长7.0%');
    });

    it('level target with unit conversion and seasonal schedule: 煤炭产量 12 亿吨 from a 万吨 series', () => {
      // YTD 96000 万吨 = 9.6 亿吨. Completion 9.6 / 12 = 80.0 %. Calendar schedule 10/12 = 83.3 %.
      // Seasonal schedule from 2024: 94000 / 114000 = 82.46 %. Gap = 80.0 − 82.46 = −2.46 pp.
      // Run-rate projection 9.6 × 12 / 10 = 11.52 亿吨; seasonal 9.6 / 0.8246 = 9.6 × 114000 / 94000 = 11.64 亿吨.
      // Required 12 − 9.6 = 2.4 亿吨 over Nov-Dec, which last year gave 11.4 − 9.4 = 2.0 亿吨 → +20.0 %.
      // 力争 widens the at-risk band to 8 points: 2.46 behind is at risk.
      expectFigures(row(ids.coal), {
        seriesName: '原煤产量累计值(万吨)', asOf: '2025-10', actual: 9.6, actualUnit: '亿吨', target: 12, gap: -2.46, gapUnit: '个百分点',
        completionRate: 80.0, scheduleCalendar: 83.3, scheduleSeasonal: 82.5, projectionRunRate: 11.52, projectionSeasonal: 11.64,
        required: 2.4, requiredGrowth: 20.0, status: 'at_risk',
      });
    });

    it('increment target without last year: calendar schedule (城镇新增就业 18 万人)', () => {
      // 15.3 / 18 = 85.0 %; calendar 83.3 %; gap +1.7 pp → on track; run-rate 15.3 × 12 / 10 = 18.36; required 2.7 万人.
      // No 2024 figures: no seasonal schedule, no seasonal projection, no required growth.
      expectFigures(row(ids.employment), {
        actual: 15.3, actualUnit: '万人', target: 18, gap: 1.67, completionRate: 85.0, scheduleCalendar: 83.3, scheduleSeasonal: null,
        projectionRunRate: 18.36, projectionSeasonal: null, required: 2.7, requiredGrowth: null, status: 'on_track',
      });
    });

    it('growth target off track: 固定资产投资 7.0 % against 10 %左右', () => {
      // Gap 7.0 − 10 = −3.0 pp; 2.5 below the zone ≥ 9.5 %, beyond the 1-point at-risk band → off track. No levels: no required growth.
      expectFigures(row(ids.investment), { actual: 7.0, target: 10, gap: -3.0, gapUnit: '个百分点', requiredGrowth: null, status: 'off_track' });
    });

    it('index target: CPI 100.3 (上年同期=100) read as +0.3 %', () => {
      // 100.3 − 100 = 0.3 %; gap 0.3 − 2 = −1.7 pp.
      // Prices are a ceiling: 0.3 % is inside (−∞, 2 + 0.5] → on track, though 1.7 points under the figure.
      expectFigures(row(ids.cpi), { actual: 0.3, actualUnit: '%', target: 2, gap: -1.7, gapUnit: '个百分点', status: 'on_track' });
    });

    it('share target: 城镇调查失业率 5.3 % against 5.5 %左右', () => {
      // Latest value 5.3; gap −0.2 pp; inside 5.0-6.0 → on track.
      expectFigures(row(ids.unemployment), { asOf: '2025-10', actual: 5.3, actualUnit: '%', target: 5.5, gap: -0.2, gapUnit: '个百分点', completionRate: null, status: 'on_track' });
    });

    it('defaults to the latest month with data, and a different as-of recomputes', () => {
      const latest = json<VarianceJson[]>('variance');
      expect(latest.find((r) => r.targetId === ids.investment)?.asOf).toBe('2025-10');
      const june = json<VarianceJson[]>('variance', '--as-of', '2025-06');
      const inv = june.find((r) => r.targetId === ids.investment)!;
      // June: 9.6 % ≥ 9.5 → on track, gap −0.4 pp.
      expectFigures(inv, { asOf: '2025-06', actual: 9.6, gap: -0.4, status: 'on_track' });
      // Coal, June: 56900 万吨 = 5.69 亿吨 → 47.4 %; seasonal 56000 / 114000 = 49.1 %; calendar 50 %.
      expectFigures(june.find((r) => r.targetId === ids.coal)!, { asOf: '2025-06', actual: 5.69, completionRate: 47.4, scheduleSeasonal: 49.1, scheduleCalendar: 50 });
    });

    it('a narrower tolerance moves GDP from on track to at risk', () => {
      // ±0.3: zone ≥ 5.7; 5.6 is 0.1 below, inside the 1-point band → at risk.
      const narrow = json<VarianceJson[]>('variance', '--as-of', '2025-10', '--tolerance', '0.3');
      expectFigures(narrow.find((r) => r.targetId === ids.gdp)!, { gap: -0.4, status: 'at_risk' });
    });

    it('refuses a malformed as-of month', () => {
      const r = cli('variance', '--as-of', '2025-13');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('YYYY-MM');
    });

    it('prints a readable Chinese table without --json', () => {
      const r = cli('variance', '--as-of', '2025-10');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('数据截至2025年10月');
      expect(r.stdout).toMatch(/煤炭产量\s+2025年1-10月\s+9\.6亿吨\s+12亿吨\s+-2\.5个百分点\s+80\.0%/);
      expect(r.stdout).toMatch(/未关联数据序列/);
    });
  });

  describe('chart and provenance calls', () => {
    it('trend of the coal target: the year through October against last year, in the target’s 亿吨 with its 序时进度', () => {
      const service = openWorkbench(db, 'cli', { create: true });
      try {
        const trend = service.handlers.varianceTrend({ targetId: ids.coal, asOf: '2025-10' }) as VarianceTrend;
        // The table states the target in 亿吨: the chart says the same, the 万吨 series converted exactly.
        expect(trend.unit).toBe('亿吨');
        expect(trend.targetLine).toBe(12);
        expect(trend.points).toHaveLength(12);
        expect(trend.points[9]).toMatchObject({ period: '2025-10', value: 9.6, lastYear: 9.4, schedule: 10 });
        expect(trend.points[11]).toMatchObject({ value: null, lastYear: 11.4, schedule: 12 });
        expect(trend.points[0]).toMatchObject({ value: null, lastYear: null }); // 1-2月 published together: no January

        const gdp = service.handlers.varianceTrend({ targetId: ids.gdp, asOf: '2025-10' }) as VarianceTrend;
        expect(gdp.targetLine).toBe(6);
        expect(gdp.points.map((p) => p.value)).toEqual([5.8, 5.7, 5.6, null]);
      } finally {
        service.ctx.db.close();
      }
    });

    it('provenance names the file, sheet, cell and batch of each observation behind the coal figures', () => {
      const service = openWorkbench(db, 'cli', { create: true });
      try {
        const p = service.handlers.varianceProvenance({ targetId: ids.coal, asOf: '2025-10' }) as VarianceProvenance;
        const lines = csvLines();
        const cellOf = (text: string) => `C${lines.indexOf(text) + 1}`; // value column C, one line per row
        const byPeriod = new Map(p.items.map((i) => [i.period, i]));
        expect(byPeriod.get('2025-10')).toMatchObject({ value: 96000, file: 'stats.csv', cell: cellOf('原煤产量累计值(万吨),2025年1-10月,96000'), batchId: 1, sourcePeriod: '2025年1-10月' });
        expect(byPeriod.get('2025-10')!.role).toContain('完成率');
        expect(byPeriod.get('2024-10')).toMatchObject({ value: 94000, cell: cellOf('原煤产量累计值(万吨),2024年1-10月,94000') });
        expect(byPeriod.get('2024-10')!.role).toContain('季节性序时进度');
        expect(byPeriod.get('2024-12')).toMatchObject({ value: 114000 });
        expect(byPeriod.get('2024-12')!.role).toContain('所需增速');
        expect(p.items.every((i) => i.importedAt !== null && i.seriesLabel === '原煤产量累计值(万吨)')).toBe(true);
      } finally {
        service.ctx.db.close();
      }
    });
  });
});
