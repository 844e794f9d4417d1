// The analyst's checks on an import (warnings, never refusals) and the import plan's classification, on series
// written here: a falling cumulative value, growth against levels, 合计 against 其中, jumps, new/unchanged/revised.
import { describe, expect, it } from 'vitest';
import type { Measure } from '../../shared/domain/series';
import { cumulativeFalls, growthMismatches, jumps, previousPeriod, runImportChecks, totalMismatches, type CheckSeries } from '../../shared/import/checks';
import { plannedObservations, planImport, summariseChanges, type StoreLookup, type StoredSeries } from '../../shared/import/importChanges';
import { importWarnings } from '../../shared/import/importWarnings';
import type { CellAt, ParsedFile } from '../../shared/import/mapping';
import { parseCellAddress } from '../../shared/sheet/cellAddress';

function series(name: string, measure: Measure, values: Record<string, number>, opts: { unit?: string; label?: string; order?: number; indent?: number; stored?: Record<string, number> } = {}): CheckSeries {
  const all = new Map<string, number>(Object.entries(opts.stored ?? {}));
  // B2, C2, … on the series' row (order + 2 as printed).
  const fromFile = new Map<string, CellAt>();
  let col = 0;
  for (const [p, v] of Object.entries(values)) {
    all.set(p, v);
    fromFile.set(p, { row: (opts.order ?? 0) + 1, column: 1 + col++ });
  }
  return {
    identity: { name, unit: opts.unit ?? (measure.startsWith('yoy') ? '%' : '亿元'), measure, frequency: 'monthly', region: '内蒙古自治区' },
    label: opts.label ?? name,
    sheet: 'S',
    order: opts.order ?? 0,
    ...(opts.indent !== undefined ? { indent: opts.indent } : {}),
    values: all,
    fromFile,
  };
}

describe('period steps', () => {
  it('steps back across a year', () => {
    expect([previousPeriod('2025-01'), previousPeriod('2025-10'), previousPeriod('2025-Q1'), previousPeriod('2025')]).toEqual(['2024-12', '2025-09', '2024-Q4', '2024']);
  });
});

describe('a cumulative value that falls within a year', () => {
  it('warns at the cell that falls, not across a new year', () => {
    const s = series('原煤产量', 'cumulative', { '2025-03': 300, '2025-04': 290, '2026-02': 100 }, { stored: { '2025-02': 200 } });
    const found = cumulativeFalls(s);
    expect(found.map((c) => [c.code, c.period, c.cell])).toEqual([['cumulative_falls', '2025-04', 'C2']]);
    expect(found[0].message).toContain('2025年1-4月为 290，低于2025年1-3月的 300');
  });
  it('leaves period values alone', () => {
    expect(cumulativeFalls(series('原煤产量', 'monthly', { '2025-03': 300, '2025-04': 100 }))).toEqual([]);
  });
});

describe('published growth against the levels', () => {
  const level = series('社会消费品零售总额', 'cumulative', { '2025-10': 5420 }, { stored: { '2024-10': 5000 } });
  it('accepts a rate within 0.2 points of the computed one', () => {
    expect(growthMismatches(level, series('社会消费品零售总额', 'yoy_cumulative', { '2025-10': 8.3 }))).toEqual([]);
  });
  it('warns beyond 0.2 points, with both figures', () => {
    const found = growthMismatches(level, series('社会消费品零售总额', 'yoy_cumulative', { '2025-10': 8.7 }));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('公布的增速 8.7% 与由绝对值（5420 比上年同期 5000）计算的 8.4% 相差 0.3 个百分点');
  });
  it('pairs a file’s growth with a stored level series through runImportChecks', () => {
    const growth = series('社会消费品零售总额', 'yoy_cumulative', { '2025-10': 9.9 });
    const storedLevel = { ...level, sheet: null, fromFile: new Map<string, CellAt>() };
    expect(runImportChecks([growth], [storedLevel]).map((c) => c.code)).toEqual(['growth_mismatch']);
  });
});

describe('合计 against its 其中 rows', () => {
  it('warns when a 合计 row is not the sum of its parts beyond rounding', () => {
    const total = series('进出口合计', 'cumulative', { '2025-10': 100.4 }, { label: '进出口合计', order: 0 });
    // The second part is not labelled 其中: its label cell is indented as far as the first part's.
    const a = series('出口', 'cumulative', { '2025-10': 60.2 }, { label: '其中：出口', order: 1, indent: 4 });
    const b = series('进口', 'cumulative', { '2025-10': 40.1 }, { label: '进口', order: 2, indent: 4 });
    expect(totalMismatches([total, a, b])).toEqual([]);
    const off = series('进出口合计', 'cumulative', { '2025-10': 101.9 }, { label: '进出口合计', order: 0 });
    const found = totalMismatches([off, a, b]);
    expect(found.map((c) => [c.code, c.name, c.period])).toEqual([['total_mismatch', '进出口合计', '2025-10']]);
    expect(found[0].message).toContain('合计 101.9 与其中各项（出口、进口）之和 100.3 不符');
  });
  it('passes over a part of a part, and ends the group at a row indented no further than the total', () => {
    const total = series('能源生产总量合计', 'cumulative', { '2025-10': 100 }, { order: 0 });
    const coal = series('原煤', 'cumulative', { '2025-10': 70 }, { label: '其中：原煤', order: 1, indent: 2 });
    const lignite = series('褐煤', 'cumulative', { '2025-10': 30 }, { label: '其中：褐煤', order: 2, indent: 4 });
    const gas = series('天然气', 'cumulative', { '2025-10': 30 }, { label: '天然气', order: 3, indent: 2 });
    const next = series('发电量', 'cumulative', { '2025-10': 5 }, { order: 4 });
    expect(totalMismatches([total, coal, lignite, gas, next])).toEqual([]);
    const off = series('能源生产总量合计', 'cumulative', { '2025-10': 130 }, { order: 0 });
    expect(totalMismatches([off, coal, lignite, gas, next])[0].message).toContain('与其中各项（原煤、天然气）之和 100 不符');
  });
  it('for a total that is not a 合计, warns only when the parts exceed it', () => {
    const total = series('工业增加值', 'cumulative', { '2025-10': 100 }, { order: 0 });
    expect(totalMismatches([total, series('采矿业', 'cumulative', { '2025-10': 40 }, { label: '其中：采矿业', order: 1 })])).toEqual([]);
    expect(totalMismatches([total, series('采矿业', 'cumulative', { '2025-10': 140 }, { label: '其中：采矿业', order: 1 })]).map((c) => c.code)).toEqual(['total_mismatch']);
  });
});

describe('a jump far outside the usual change', () => {
  const history: Record<string, number> = {};
  const noise = [0.3, -0.2, 0.5, -0.4, 0.1, 0.0, -0.3, 0.4, -0.1, 0.2, -0.5, 0.3];
  for (let m = 1; m <= 12; m++) history[`2024-${String(m).padStart(2, '0')}`] = 100 + m + noise[m - 1];
  it('flags the file’s outlying month and leaves ordinary months alone', () => {
    const ok = series('M2', 'stock', { '2025-01': 113.2, '2025-02': 114.1 }, { stored: history });
    expect(jumps(ok)).toEqual([]);
    const jump = series('M2', 'stock', { '2025-01': 113.2, '2025-02': 160 }, { stored: history });
    expect(jumps(jump).map((c) => [c.code, c.period])).toEqual([['jump', '2025-02']]);
  });
  it('needs a history before it judges', () => {
    expect(jumps(series('M2', 'stock', { '2025-01': 100, '2025-02': 500 }))).toEqual([]);
  });
});

describe('the import plan against a store', () => {
  const stored: StoredSeries = { id: 7, name: '原煤产量', label: '原煤产量累计值(万吨)', unit: '万吨', measure: 'cumulative', frequency: 'monthly', region: '内蒙古自治区' };
  const other: StoredSeries = { ...stored, id: 8, region: '山西省' };
  const lookup: StoreLookup = {
    find: (i) => [stored, other].find((s) => s.name === i.name && s.unit === i.unit && s.measure === i.measure && s.frequency === i.frequency && s.region === i.region),
    byName: (n) => [stored, other].filter((s) => s.name === n),
    current: (id) => new Map(id === 7 ? [['2025-09', 93000], ['2025-10', 103000]] : []),
  };
  function file(region: string | null, name = '原煤产量'): ParsedFile {
    const obs = [
      ['2025-11', 112000, 'B2'],
      ['2025-10', 103500, 'C2'],
      ['2025-09', 93000, 'D2'],
    ].map(([period, value, cell]) => ({ period: period as string, value: value as number, source: { file: 'f.csv', sheet: 'f', label: `${name}累计值(万吨)` }, sourcePeriod: period as string, ...parseCellAddress(cell as string)! }));
    const s = { name, label: `${name}累计值(万吨)`, unit: '万吨', measure: 'cumulative' as const, frequency: 'monthly' as const, region, observations: obs };
    const mapping = { layout: 'long', headerRow: 0, firstDataRow: 1, lastDataRow: 1, indicatorColumn: 0, periodColumn: 1, valueColumn: 2, unitColumn: null, regionColumn: null, region, measureColumn: null } as const;
    return { fileName: 'f.csv', format: 'csv', encoding: 'utf-8', sheets: [{ name: 'f', layout: 'long', mapping, series: [s], problems: [], warnings: [] }], skippedSheets: [], problems: [], warnings: [], observationCount: 3 };
  }

  it('continues the home region’s series and classifies each observation', () => {
    const plan = planImport(file(null), lookup, '内蒙古自治区');
    expect(plan.counts).toEqual({ seriesNew: 0, seriesContinued: 1, observationsNew: 1, observationsUnchanged: 1, observationsRevised: 1 });
    expect(plannedObservations(plan.series[0]).map((o) => [o.period, o.status, o.oldValue])).toEqual([['2025-11', 'new', null], ['2025-10', 'revised', 103000], ['2025-09', 'unchanged', 93000]]);
    const summary = summariseChanges(plan);
    expect(summary.series[0]).toMatchObject({ status: 'continued', seriesId: 7, regionSource: 'home' });
    expect(summary.revisions.map((r) => [r.period, r.oldValue, r.newValue])).toEqual([['2025-10', 103000, 103500]]);
  });

  it('names the stored series of other regions when the file starts a new one', () => {
    const plan = planImport(file('全国'), lookup, '内蒙古自治区');
    expect(plan.counts.seriesNew).toBe(1);
    const warnings = importWarnings(plan, lookup).filter((w) => w.code === 'second_series');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('#7（地区 内蒙古自治区');
    expect(warnings[0].message).toContain('#8（地区 山西省');
  });
});
