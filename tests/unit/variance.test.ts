// Hand-computed variance cases: each expected figure is worked out in the comment beside it.

import { describe, expect, it } from 'vitest';
import { analyzeTarget } from '../../shared/variance/analyzeTarget';
import { analyzeAll, latestPeriodWithData, type TargetLink } from '../../shared/variance/analyzeAll';
import { DEFAULT_STATUS_THRESHOLDS } from '../../shared/variance/thresholds';
import { evaluateFormula, evaluateFormulaText, parseFormula } from '../../shared/variance/formula';
import { toSeriesData, type SeriesData } from '../../shared/variance/seriesData';
import type { Series, Observation } from '../../shared/domain/series';
import type { Target } from '../../shared/domain/target';
import { makeSeries, makeTarget, months } from './variance-fixtures';

const one = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

describe('growth targets', () => {
  const gdpTarget = makeTarget({ indicator: '地区生产总值', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
  const gdpGrowth = makeSeries(1, '地区生产总值累计增长(%)', '%', 'yoy_cumulative', 'quarterly', { '2025-Q1': 5.8, '2025-Q2': 5.6, '2025-Q3': 5.8 });
  // Levels 亿元: 2024 Q1..Q4 cumulative 5000, 11000, 17000, 25000; 2025 前三季度 18000.
  const gdpLevels = makeSeries(2, '地区生产总值累计值(亿元)', '亿元', 'cumulative', 'quarterly', {
    '2024-Q1': 5000,
    '2024-Q2': 11000,
    '2024-Q3': 17000,
    '2024-Q4': 25000,
    '2025-Q3': 18000,
  });

  it('quarterly GDP: as of October reads Q3; gap in points; required growth of Q4 from the level series', () => {
    const row = analyzeTarget(gdpTarget, { series: gdpGrowth, levels: gdpLevels }, '2025-10');
    expect(row.asOf).toBe('2025-Q3');
    expect(row.actual).toBe(5.8);
    expect(row.actualUnit).toBe('%');
    expect(row.target).toBe(6);
    // gap = 5.8 − 6 = −0.2 pp
    expect(row.gap).toBeCloseTo(-0.2, 9);
    expect(row.gapUnit).toBe('个百分点');
    // required = (1.06 × 25000 − 18000) / (25000 − 17000) − 1 = 8500 / 8000 − 1 = 0.0625 → 6.25 %
    expect(row.requiredGrowth).toBeCloseTo(6.25, 9);
    // 5.8 lies in [6 − 0.5, ∞) → on track, and the rule names the band
    expect(row.status).toBe('on_track');
    expect(row.rule).toContain('6%左右（±0.5个百分点）');
    expect(row.rule).toContain('≥5.5%');
    expect(row.rule).toContain('→ 符合进度');
    expect(row.rule).toContain('→ on track');
    expect(row.completionRate).toBeNull();
    expect(row.projectionRunRate).toBeNull();
    expect(row.required).toBeNull();
    // provenance: the growth observation and the three level observations
    expect(row.provenance.map((p) => `${p.seriesId}:${p.period}`).sort()).toEqual(['1:2025-Q3', '2:2024-Q3', '2:2024-Q4', '2:2025-Q3']);
  });

  it('derives growth from cumulative levels of this and last year, and the required growth', () => {
    const t = makeTarget({ indicator: '固定资产投资', kind: 'growth_rate', value: 10, unit: '%', comparator: 'about' });
    const s = makeSeries(3, '固定资产投资额累计值(亿元)', '亿元', 'cumulative', 'monthly', { '2024-10': 8000, '2024-12': 10000, '2025-10': 8600 });
    const row = analyzeTarget(t, { series: s }, '2025-10');
    // growth = 8600 / 8000 − 1 = 0.075 → 7.5 %
    expect(row.actual).toBeCloseTo(7.5, 9);
    expect(row.method).toBe('derived_cumulative');
    // gap = 7.5 − 10 = −2.5 pp
    expect(row.gap).toBeCloseTo(-2.5, 9);
    // required = (1.10 × 10000 − 8600) / (10000 − 8000) − 1 = 2400 / 2000 − 1 = 0.2 → 20 %
    expect(row.requiredGrowth).toBeCloseTo(20, 9);
    // zone [9.5, ∞): 2.0 below, beyond the 1.0-point at-risk band → off track
    expect(row.status).toBe('off_track');
    expect(row.provenance.map((p) => p.period).sort()).toEqual(['2024-10', '2024-12', '2025-10']);
    expect(row.provenance[0]).toMatchObject({ seriesId: 3, batchId: 7, file: 'stats.xlsx', sheet: 'Sheet1' });
  });

  it('derives growth from summed monthly values over the months present in both years', () => {
    const t = makeTarget({ indicator: '社会消费品零售总额', kind: 'growth_rate', value: 5, unit: '%', comparator: 'at_least' });
    // 2024 Jan..Mar 100, 100, 100; 2025 Jan..Mar 104, 105, 106
    const s = makeSeries(4, '社会消费品零售总额当期值(亿元)', '亿元', 'monthly', 'monthly', { ...months(2024, [100, 100, 100]), ...months(2025, [104, 105, 106]) });
    const row = analyzeTarget(t, { series: s }, '2025-03');
    // growth = (104 + 105 + 106) / 300 − 1 = 315 / 300 − 1 = 0.05 → 5 %; at least 5 → on track
    expect(row.actual).toBeCloseTo(5, 9);
    expect(row.method).toBe('derived_period_sum');
    expect(row.status).toBe('on_track');
  });

  it('reads an index (上年同期=100) as growth: 102.0 → +2.0 %', () => {
    const t = makeTarget({ indicator: '居民消费价格', kind: 'growth_rate', value: 2, unit: '%', comparator: 'at_least' });
    const s = makeSeries(5, '居民消费价格指数(上年同期=100)', '上年同期=100', 'index', 'monthly', { '2025-06': 101.2, '2025-07': 102.0 });
    const row = analyzeTarget(t, { series: s }, '2025-07');
    // 102.0 − 100 = 2.0; gap 2.0 − 2 = 0
    expect(row.actual).toBeCloseTo(2, 9);
    expect(row.gap).toBeCloseTo(0, 9);
    expect(row.status).toBe('on_track');
    // June: 101.2 → 1.2, 0.8 below [2, ∞) ≤ 1.0 → at risk
    const june = analyzeTarget(t, { series: s }, '2025-06');
    expect(june.actual).toBeCloseTo(1.2, 9);
    expect(june.status).toBe('at_risk');
  });

  it('uses monthly YoY only as a substitute, and says so in the rule', () => {
    const t = makeTarget({ indicator: '规上工业增加值', kind: 'growth_rate', value: 7, unit: '%', comparator: 'about' });
    const s = makeSeries(6, '规上工业增加值当月同比(%)', '%', 'yoy', 'monthly', { '2025-09': 7.3 });
    const row = analyzeTarget(t, { series: s }, '2025-09');
    expect(row.actual).toBe(7.3);
    expect(row.method).toBe('yoy_period');
    expect(row.rule).toContain('仅有当月同比');
  });

  it('falls back to the newest month before the as-of month and notes it', () => {
    const s = makeSeries(7, '固定资产投资额累计增长(%)', '%', 'yoy_cumulative', 'monthly', { '2025-08': 9.1, '2025-09': 9.4 });
    const t = makeTarget({ indicator: '固定资产投资', kind: 'growth_rate', value: 10, unit: '%', comparator: 'about' });
    const row = analyzeTarget(t, { series: s }, '2025-10');
    expect(row.asOf).toBe('2025-09');
    expect(row.actual).toBe(9.4);
    // 9.4 − 10 = −0.6, inside [9.5, ∞)? no: 0.1 below → at risk
    expect(row.gap).toBeCloseTo(-0.6, 9);
    expect(row.status).toBe('at_risk');
    expect(row.notes?.join()).toContain('2025-10尚无数据');
  });

  it('a full-year figure decides met or off track', () => {
    const t = makeTarget({ indicator: '地区生产总值', kind: 'growth_rate', value: 6, unit: '%', comparator: 'at_least' });
    const hit = makeSeries(8, 'GDP', '%', 'yoy_cumulative', 'quarterly', { '2025-Q4': 6.0 });
    const miss = makeSeries(9, 'GDP', '%', 'yoy_cumulative', 'quarterly', { '2025-Q4': 5.9 });
    expect(analyzeTarget(t, { series: hit }, '2025-12').status).toBe('met');
    // 5.9 is 0.1 short with the year complete → off track (no risk left to run)
    expect(analyzeTarget(t, { series: miss }, '2025-12').status).toBe('off_track');
  });
});

describe('status edge cases per comparator (growth scale)', () => {
  const yoy = (v: number) => makeSeries(10, '增速(%)', '%', 'yoy_cumulative', 'monthly', { '2025-06': v });
  const status = (target: Target, v: number) => analyzeTarget(target, { series: yoy(v) }, '2025-06').status;
  const about = makeTarget({ indicator: 'x', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });

  it('about: band [5.5, ∞) with the edge inside; 1.0-point at-risk band below it', () => {
    expect(status(about, 5.5)).toBe('on_track'); // on the edge
    expect(status(about, 5.4)).toBe('at_risk'); // 0.1 below
    expect(status(about, 4.5)).toBe('at_risk'); // 1.0 below: still within the band
    expect(status(about, 4.4)).toBe('off_track'); // 1.1 below
    expect(status(about, 8.0)).toBe('on_track'); // growth above plan is no risk
  });

  it('about with the target’s own tolerance', () => {
    const wide = makeTarget({ indicator: 'x', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about', tolerance: 1 });
    expect(status(wide, 5.0)).toBe('on_track'); // 6 − 1 = 5.0 edge
    const row = analyzeTarget(wide, { series: yoy(5.0) }, '2025-06');
    expect(row.rule).toContain('±1个百分点');
  });

  it('at_least, exceed, at_most, range', () => {
    const atLeast = makeTarget({ indicator: 'x', kind: 'growth_rate', value: 4, unit: '%', comparator: 'at_least' });
    expect(status(atLeast, 4)).toBe('on_track');
    expect(status(atLeast, 3.9)).toBe('at_risk');
    const exceed = makeTarget({ indicator: 'x', kind: 'growth_rate', value: 4, unit: '%', comparator: 'exceed' });
    expect(status(exceed, 4)).toBe('at_risk'); // must be strictly above
    expect(status(exceed, 4.1)).toBe('on_track');
    const atMost = makeTarget({ indicator: 'CPI', kind: 'growth_rate', value: 3, unit: '%', comparator: 'at_most' });
    expect(status(atMost, 2)).toBe('on_track');
    expect(status(atMost, 3.2)).toBe('at_risk'); // 0.2 above the cap
    expect(status(atMost, 4.5)).toBe('off_track'); // 1.5 above
    const range = makeTarget({ indicator: 'x', kind: 'growth_rate', value: null, valueLow: 5, valueHigh: 6, unit: '%', comparator: 'range' });
    expect(status(range, 5.2)).toBe('on_track');
    expect(status(range, 4.5)).toBe('at_risk');
  });

  it('strive and ensure carry different at-risk bands', () => {
    // 1.2 points below [6, ∞): strive band 1.5 → at risk; base 1.0 and ensure 0.5 → off track
    const strive = makeTarget({ indicator: 'x', kind: 'growth_rate', value: 6, unit: '%', comparator: 'at_least', qualifier: 'strive' });
    const ensure = makeTarget({ indicator: 'x', kind: 'growth_rate', value: 6, unit: '%', comparator: 'at_least', qualifier: 'ensure' });
    const plain = makeTarget({ indicator: 'x', kind: 'growth_rate', value: 6, unit: '%', comparator: 'at_least' });
    expect(status(strive, 4.8)).toBe('at_risk');
    expect(status(plain, 4.8)).toBe('off_track');
    expect(status(ensure, 4.8)).toBe('off_track');
    // ensure: 0.4 below is within its 0.5 band
    expect(status(ensure, 5.6)).toBe('at_risk');
    // thresholds are a parameter
    const lenient = { ...DEFAULT_STATUS_THRESHOLDS, base: { ...DEFAULT_STATUS_THRESHOLDS.base, rateAtRisk: 2 } };
    expect(analyzeTarget(plain, { series: yoy(4.8) }, '2025-06', { thresholds: lenient }).status).toBe('at_risk');
  });
});

describe('reduction targets', () => {
  const t = makeTarget({ indicator: '单位地区生产总值能耗', kind: 'reduction', value: 3, unit: '%' });
  const yoy = (v: number) => makeSeries(11, '单位GDP能耗累计增长(%)', '%', 'yoy_cumulative', 'monthly', { '2025-06': v });

  it('reads 下降3% as growth ≤ −3', () => {
    const row = analyzeTarget(t, { series: yoy(-3.4) }, '2025-06');
    expect(row.target).toBe(-3);
    // gap = −3.4 − (−3) = −0.4 (0.4 points more reduction than planned)
    expect(row.gap).toBeCloseTo(-0.4, 9);
    expect(row.status).toBe('on_track');
    expect(row.rule).toContain('≤-3%');
    // −2.5: 0.5 above the zone (−∞, −3] → at risk
    expect(analyzeTarget(t, { series: yoy(-2.5) }, '2025-06').status).toBe('at_risk');
    // +0.5: 3.5 above → off track
    expect(analyzeTarget(t, { series: yoy(0.5) }, '2025-06').status).toBe('off_track');
  });

  it('a reduction against 2020 is refused, not compared with year-on-year data', () => {
    const vs2020 = makeTarget({ indicator: '万元GDP用水量', kind: 'reduction', value: 12, unit: '%', basis: '较2020年' });
    const row = analyzeTarget(vs2020, { series: yoy(-2) }, '2025-06');
    expect(row.status).toBe('no_data');
    expect(row.actual).toBeNull();
    expect(row.rule).toContain('2020年为基期');
  });
});

describe('level and increment targets', () => {
  // 煤炭产量 12 亿吨以上; series in 万吨: 2024 Jan–Oct 95000, full year 115000; 2025 Jan–Oct 98000.
  const coal = makeTarget({ indicator: '煤炭产量', kind: 'level', value: 12, unit: '亿吨', comparator: 'at_least' });
  const coalSeries = makeSeries(20, '原煤产量累计值(万吨)', '万吨', 'cumulative', 'monthly', { '2024-10': 95000, '2024-12': 115000, '2025-10': 98000 });

  it('converts 万吨 to 亿吨 and computes every schedule figure', () => {
    const row = analyzeTarget(coal, { series: coalSeries }, '2025-10');
    // ytd = 98000 万吨 = 9.8 亿吨
    expect(row.actual).toBe(9.8);
    expect(row.actualUnit).toBe('亿吨');
    expect(row.target).toBe(12);
    // completion = 9.8 / 12 = 81.666… %
    expect(one(row.completionRate)).toBe(81.7);
    // calendar = 10 / 12 = 83.333… %
    expect(one(row.scheduleCalendar)).toBe(83.3);
    // seasonal = 95000 / 115000 = 82.608… %
    expect(one(row.scheduleSeasonal)).toBe(82.6);
    // gap against the seasonal schedule = 81.667 − 82.609 = −0.942 pp
    expect(row.gap).toBeCloseTo(81.6666667 - 82.6086957, 5);
    expect(row.scheduleBasis).toBe('seasonal');
    // run-rate = 9.8 × 12 / 10 = 11.76 亿吨
    expect(row.projectionRunRate).toBeCloseTo(11.76, 9);
    // seasonal = 9.8 × 115000 / 95000 = 11.863 亿吨
    expect(row.projectionSeasonal).toBeCloseTo(11.8631579, 6);
    // required = 12 − 9.8 = 2.2 亿吨
    expect(row.required).toBeCloseTo(2.2, 9);
    // required growth = 2.2 / (11.5 − 9.5) − 1 = 0.1 → 10 %
    expect(row.requiredGrowth).toBeCloseTo(10, 9);
    // behind by 0.94 ≤ 5 → at risk (on track needs no lag with the default 0)
    expect(row.status).toBe('at_risk');
    expect(row.rule).toContain('季节性序时进度');
    expect(row.provenance.map((p) => p.period).sort()).toEqual(['2024-10', '2024-12', '2025-10']);
  });

  it('refuses incompatible units with a message, never compares', () => {
    const money = makeSeries(21, '原煤产值累计值(亿元)', '亿元', 'cumulative', 'monthly', { '2025-10': 980 });
    const row = analyzeTarget(coal, { series: money }, '2025-10');
    expect(row.status).toBe('no_data');
    expect(row.completionRate).toBeNull();
    expect(row.rule).toContain('单位不可比');
    expect(row.rule).toContain('units cannot be compared');
  });

  it('sums a monthly (当期值) series to the year to date; seasonal share from last year', () => {
    // 城镇新增就业 18 万人以上; series in 人.
    // 2024: Jan–Mar 12000 each (36000), Apr–Dec 14000 each (126000) → full 162000.
    // 2025: Jan–Mar 15000, 14000, 16000 → ytd 45000 人 = 4.5 万人.
    const t = makeTarget({ indicator: '城镇新增就业', kind: 'increment', value: 18, unit: '万人', comparator: 'at_least' });
    const s = makeSeries(22, '城镇新增就业人数当期值(人)', '人', 'monthly', 'monthly', {
      ...months(2024, [12000, 12000, 12000, 14000, 14000, 14000, 14000, 14000, 14000, 14000, 14000, 14000]),
      ...months(2025, [15000, 14000, 16000]),
    });
    const row = analyzeTarget(t, { series: s }, '2025-03');
    expect(row.actual).toBeCloseTo(4.5, 9);
    // completion = 4.5 / 18 = 25 %; calendar = 3 / 12 = 25 %; seasonal = 36000 / 162000 = 22.22 %
    expect(row.completionRate).toBeCloseTo(25, 9);
    expect(row.scheduleCalendar).toBeCloseTo(25, 9);
    expect(row.scheduleSeasonal).toBeCloseTo(22.2222222, 6);
    // gap = 25 − 22.222 = +2.78 → ahead → on track
    expect(row.gap).toBeCloseTo(2.7777778, 6);
    expect(row.status).toBe('on_track');
    // run-rate 4.5 × 12 / 3 = 18; seasonal 4.5 / (36000/162000) = 20.25
    expect(row.projectionRunRate).toBeCloseTo(18, 9);
    expect(row.projectionSeasonal).toBeCloseTo(20.25, 9);
    // required 18 − 4.5 = 13.5; required growth 13.5 / (16.2 − 3.6) − 1 = 0.0714… → 7.14 %
    expect(row.required).toBeCloseTo(13.5, 9);
    expect(row.requiredGrowth).toBeCloseTo(7.1428571, 6);
    expect(row.method).toBe('level_period_sum');
  });

  it('flags a missing month of a monthly series instead of filling it', () => {
    const t = makeTarget({ indicator: '城镇新增就业', kind: 'increment', value: 18, unit: '万人', comparator: 'at_least' });
    const s = makeSeries(23, '城镇新增就业人数当期值(万人)', '万人', 'monthly', 'monthly', { '2025-01': 1.5, '2025-03': 1.6 });
    const row = analyzeTarget(t, { series: s }, '2025-03');
    // ytd = 1.5 + 1.6 = 3.1 (February missing); no last year → calendar schedule 25 %
    expect(row.actual).toBeCloseTo(3.1, 9);
    expect(row.scheduleSeasonal).toBeNull();
    expect(row.projectionSeasonal).toBeNull();
    expect(row.requiredGrowth).toBeNull();
    expect(row.scheduleBasis).toBe('calendar');
    expect(row.rule).toContain('缺2025-02');
    // completion 3.1 / 18 = 17.2 %, calendar 25 % → 7.8 behind > 5 → off track
    expect(one(row.completionRate)).toBe(17.2);
    expect(row.status).toBe('off_track');
  });

  it('a cumulative series without January reads 1-2月 from February (calendar 2/12)', () => {
    const s = makeSeries(24, '原煤产量累计值(万吨)', '万吨', 'cumulative', 'monthly', { '2025-02': 19000 });
    const row = analyzeTarget(coal, { series: s }, '2025-02');
    // ytd 1.9 亿吨; completion 1.9 / 12 = 15.83 %; calendar 2 / 12 = 16.67 %
    expect(row.actual).toBeCloseTo(1.9, 9);
    expect(one(row.completionRate)).toBe(15.8);
    expect(one(row.scheduleCalendar)).toBe(16.7);
    expect(row.notes).toEqual(['缺上年同期或全年数据，按时间进度比较 / last year\'s figures missing: compared with the calendar schedule']);
  });

  it('statuses: met mid-year, off track at year end, strive band, cap breached', () => {
    const s = (ytd: number, period = '2025-06') =>
      makeSeries(25, 'x累计值(万吨)', '万吨', 'cumulative', 'monthly', { '2024-06': 50, '2024-12': 100, [period]: ytd });
    const t = makeTarget({ indicator: 'x', kind: 'level', value: 100, unit: '万吨', comparator: 'at_least' });
    // completion 100 % in June → met
    expect(analyzeTarget(t, { series: s(100) }, '2025-06').status).toBe('met');
    // seasonal schedule 50/100 = 50 %; completion 44 % → 6 behind: off track (base band 5), at risk for strive (band 8)
    expect(analyzeTarget(t, { series: s(44) }, '2025-06').status).toBe('off_track');
    const strive = { ...t, qualifier: 'strive' as const };
    expect(analyzeTarget(strive, { series: s(44) }, '2025-06').status).toBe('at_risk');
    // December, 99 % → off track
    expect(analyzeTarget(t, { series: s(99, '2025-12') }, '2025-12').status).toBe('off_track');
    // a cap (以内): 105 % already → off track; 45 % against a 50 % schedule → on track
    const cap = makeTarget({ indicator: 'x', kind: 'level', value: 100, unit: '万吨', comparator: 'at_most' });
    expect(analyzeTarget(cap, { series: s(105) }, '2025-06').status).toBe('off_track');
    expect(analyzeTarget(cap, { series: s(45) }, '2025-06').status).toBe('on_track');
  });
});

describe('share, rate and count targets', () => {
  it('share: latest value against target, gap in points', () => {
    const t = makeTarget({ indicator: '可再生能源发电量比例', kind: 'share', value: 90, unit: '%', comparator: 'at_least' });
    const s = makeSeries(30, '比例(%)', '%', 'monthly', 'monthly', { '2025-08': 89.5, '2025-09': 91.2 });
    const row = analyzeTarget(t, { series: s }, '2025-10');
    // latest ≤ 2025-10 is 2025-09: 91.2; gap 91.2 − 90 = 1.2
    expect(row.asOf).toBe('2025-09');
    expect(row.actual).toBe(91.2);
    expect(row.gap).toBeCloseTo(1.2, 9);
    expect(row.gapUnit).toBe('个百分点');
    expect(row.status).toBe('on_track');
    expect(row.completionRate).toBeNull();
  });

  it('an unemployment rate about a target is a ceiling: 失业率5.5%左右 at 4.7 % is on track', () => {
    const t = makeTarget({ indicator: '城镇调查失业率', kind: 'share', value: 5.5, unit: '%', comparator: 'about' });
    const at = (v: number, direction?: Target['direction']) =>
      analyzeTarget({ ...t, direction }, { series: makeSeries(31, '失业率(%)', '%', 'monthly', 'monthly', { '2025-06': v }) }, '2025-06').status;
    expect(at(5.9)).toBe('on_track'); // within (−∞, 6.0]
    expect(at(6.3)).toBe('at_risk'); // 0.3 above
    expect(at(7.2)).toBe('off_track'); // 1.2 above
    expect(at(4.7)).toBe('on_track'); // below a ceiling is good news, not a risk
    expect(at(4.9, 'band')).toBe('at_risk'); // the analyst made it a band: 0.1 below [5.0, 6.0]
    expect(at(4.9, 'higher_better')).toBe('at_risk');
    expect(at(7.2, 'higher_better')).toBe('on_track');
  });

  it('count: band relative to the target', () => {
    const t = makeTarget({ indicator: '保障性住房', kind: 'count', value: 5000, unit: '套', comparator: 'reach' });
    const s = makeSeries(32, '保障性住房累计值(套)', '套', 'cumulative', 'monthly', { '2025-09': 4800 });
    const row = analyzeTarget(t, { series: s }, '2025-09');
    // gap 4800 − 5000 = −200 套; band 5 % × 5000 = 250 → at risk
    expect(row.gap).toBe(-200);
    expect(row.gapUnit).toBe('套');
    expect(row.status).toBe('at_risk');
  });

  it('uses last year’s value for an annual share and says so', () => {
    const t = makeTarget({ indicator: '森林覆盖率', kind: 'share', value: 23, unit: '%', comparator: 'reach' });
    const s = makeSeries(33, '森林覆盖率(%)', '%', 'monthly', 'yearly', { '2024': 23.1 });
    const row = analyzeTarget(t, { series: s }, '2025-06');
    expect(row.asOf).toBe('2024');
    expect(row.status).toBe('on_track'); // not final: it is last year's figure
    expect(row.rule).toContain('2025年尚无数据');
  });
});

describe('no data', () => {
  const t = makeTarget({ indicator: '固定资产投资', kind: 'growth_rate', value: 10, unit: '%', comparator: 'about' });

  it('no link, task, no number, no data in the year, missing last year', () => {
    expect(analyzeTarget(t, null, '2025-10')).toMatchObject({ status: 'no_data', actual: null, gap: null });
    expect(analyzeTarget(t, null, '2025-10').rule).toContain('未关联统计序列');
    const task = makeTarget({ indicator: '推进国家公园创建', kind: 'task' });
    expect(analyzeTarget(task, null, '2025-10').rule).toContain('定性任务');
    const noNumber = makeTarget({ indicator: 'x', kind: 'level', unit: '万吨' });
    expect(analyzeTarget(noNumber, null, '2025-10').rule).toContain('目标无数值');
    const old = makeSeries(40, '固定资产投资额累计增长(%)', '%', 'yoy_cumulative', 'monthly', { '2024-12': 3 });
    const row = analyzeTarget(t, { series: old }, '2025-10');
    expect(row.status).toBe('no_data');
    expect(row.rule).toContain('无数据');
    const cumNoLastYear = makeSeries(41, '固定资产投资额累计值(亿元)', '亿元', 'cumulative', 'monthly', { '2025-10': 8600 });
    expect(analyzeTarget(t, { series: cumNoLastYear }, '2025-10').rule).toContain('缺上年同期累计值');
  });

  it('a level target linked to a growth series cannot give a completion rate', () => {
    const lvl = makeTarget({ indicator: '煤炭产量', kind: 'level', value: 12, unit: '亿吨', comparator: 'at_least' });
    const yoy = makeSeries(42, '原煤产量累计增长(%)', '%', 'yoy_cumulative', 'monthly', { '2025-10': 3 });
    const row = analyzeTarget(lvl, { series: yoy }, '2025-10');
    expect(row.status).toBe('no_data');
    expect(row.completionRate).toBeNull();
  });
});

describe('analyzeAll and latestPeriodWithData', () => {
  const monthly = makeSeries(50, 'a累计增长(%)', '%', 'yoy_cumulative', 'monthly', { '2025-09': 6.1, '2025-10': 6.2, '2026-01': 1 });
  const quarterly = makeSeries(51, 'b累计增长(%)', '%', 'yoy_cumulative', 'quarterly', { '2025-Q3': 5.8 });
  const seriesById = new Map<number, SeriesData>([
    [50, monthly],
    [51, quarterly],
  ]);

  it('the newest month with data, capped by the plan year', () => {
    expect(latestPeriodWithData([monthly, quarterly])).toBe('2026-01');
    expect(latestPeriodWithData([monthly, quarterly], { year: 2025 })).toBe('2025-10');
    // a quarter counts as its last month
    expect(latestPeriodWithData([quarterly])).toBe('2025-09');
    expect(latestPeriodWithData([])).toBeNull();
  });

  it('analyses every target as of the default month', () => {
    const a = makeTarget({ indicator: 'a', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
    const b = makeTarget({ indicator: 'b', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
    const c = makeTarget({ indicator: 'c', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
    const d = makeTarget({ indicator: 'd', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
    const links = new Map<number, TargetLink>([
      [a.id, { seriesId: 50 }],
      [b.id, { seriesId: 51 }],
      [d.id, { seriesId: 999 }],
    ]);
    const rows = analyzeAll([a, b, c, d], links, seriesById, undefined, { planYear: 2025 });
    expect(rows.map((r) => r.asOf)).toEqual(['2025-10', '2025-Q3', null, null]);
    expect(rows.map((r) => r.actual)).toEqual([6.2, 5.8, null, null]);
    expect(rows[2].rule).toContain('未关联统计序列');
    expect(rows[3].rule).toContain('#999');
  });

  it('measures a target by a formula link', () => {
    const north = makeSeries(60, '甲盟原煤产量累计值(万吨)', '万吨', 'cumulative', 'monthly', { '2025-06': 30000 });
    const south = makeSeries(61, '乙市原煤产量累计值(亿吨)', '亿吨', 'cumulative', 'monthly', { '2025-06': 2.5 });
    const t = makeTarget({ indicator: '煤炭产量', kind: 'level', value: 12, unit: '亿吨', comparator: 'at_least' });
    const rows = analyzeAll([t], new Map([[t.id, { seriesId: null, formula: 's60 + s61' }]]), new Map([[60, north], [61, south]]), '2025-06');
    // 30000 万吨 + 2.5 亿吨 = 30000 + 25000 = 55000 万吨 = 5.5 亿吨; completion 5.5 / 12 = 45.83 %
    expect(rows[0].actual).toBeCloseTo(5.5, 9);
    expect(one(rows[0].completionRate)).toBe(45.8);
    expect(rows[0].provenance.map((p) => p.seriesId).sort()).toEqual([60, 61]);
  });
});

describe('formula', () => {
  const a = makeSeries(70, '出口额(亿元)', '亿元', 'cumulative', 'monthly', { '2025-01': 200, '2025-02': 500 });
  const b = makeSeries(71, '进出口总额(万亿元)', '万亿元', 'cumulative', 'monthly', { '2025-01': 0.1, '2025-02': 0.2 });
  const w = makeSeries(72, '原煤产量(万吨)', '万吨', 'cumulative', 'monthly', { '2025-01': 1 });
  const byId = new Map([[70, a], [71, b], [72, w]]);

  it('a ratio of two quantities of one dimension, in the unit the spec names', () => {
    const r = evaluateFormula({ expr: 'ratio(s70, s71) * 100', unit: '%' }, byId);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Jan: 200 亿元 / 0.1 万亿元 = 200 / 1000 亿元 = 0.2 → 20 %; Feb: 500 / 2000 = 25 %
    expect(r.value.points.get('2025-01')?.value).toBeCloseTo(20, 9);
    expect(r.value.points.get('2025-02')?.value).toBeCloseTo(25, 9);
    expect(r.value.unit).toBe('%');
    expect(r.value.points.get('2025-02')?.sources?.length).toBe(2);
  });

  it('refuses mismatched units, unitless ratios, syntax and anything that is not arithmetic', () => {
    const mixed = evaluateFormulaText('s70 + s72', byId);
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.reason.zh).toContain('单位不可比');
    const unitless = evaluateFormulaText('s70 / s71', byId);
    expect(unitless.ok).toBe(false);
    expect(parseFormula('s70 +').ok).toBe(false);
    expect(parseFormula('process.exit(1)').ok).toBe(false);
    expect(parseFormula('(s1 + s2) * 2 - -s3').ok).toBe(true);
    const json = evaluateFormulaText('{"expr":"s70/s71*100","unit":"%","name":"出口占比"}', byId);
    expect(json.ok && json.series.label).toBe('出口占比');
  });
});

describe('toSeriesData', () => {
  it('keeps the current vintage of each period with its cell', () => {
    const series: Series = {
      id: 80, name: '原煤产量', label: '原煤产量累计值(万吨)', unit: '万吨', measure: 'cumulative', frequency: 'monthly',
      region: null, firstPeriod: '2025-02', lastPeriod: '2025-03', observationCount: 2, lastBatchId: 2,
    };
    const obs = (period: string, value: number, batchId: number, vintage: number, current: boolean): Observation => ({
      seriesId: 80, period, value, batchId, vintage, current,
      source: { file: `b${batchId}.xlsx`, sheet: 'S', cell: 'C3', label: series.label, sourcePeriod: period },
    });
    const data = toSeriesData(series, [obs('2025-02', 100, 1, 1, false), obs('2025-02', 101, 2, 2, true), obs('2025-03', 150, 1, 1, true)]);
    expect(data.points.get('2025-02')).toMatchObject({ value: 101, batchId: 2, file: 'b2.xlsx' });
    expect(data.points.get('2025-03')?.value).toBe(150);
    expect(data.lastPeriod).toBe('2025-03');
  });
});

describe('price targets are ceilings', () => {
  it('reads 居民消费价格涨幅2%左右 as a ceiling: 0.3 % is on track, 2.8 % is off', async () => {
    const { deriveDirection } = await import('../../shared/domain/direction');
    expect(deriveDirection(makeTarget({ indicator: '居民消费价格', kind: 'growth_rate', value: 2, unit: '%', comparator: 'about' }))).toBe('lower_better');
    expect(deriveDirection(makeTarget({ indicator: '地区生产总值', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' }))).toBe('higher_better');
    const cpi = makeTarget({ indicator: '居民消费价格', kind: 'growth_rate', value: 2, unit: '%', comparator: 'about' });
    // Index 上年同期=100: 100.3 → +0.3 %; zone (−∞, 2 + 0.5]: within → on track, gap 0.3 − 2 = −1.7 pp.
    const low = analyzeTarget(cpi, { series: makeSeries(1, '居民消费价格指数(上年同期=100)', '上年同期=100', 'index', 'monthly', { '2025-10': 100.3 }) }, '2025-10');
    expect(low.status).toBe('on_track');
    expect(low.gap).toBeCloseTo(-1.7, 6);
    // 102.8 → +2.8 %: 0.3 pp above the band's top (2.5) → not on track.
    const high = analyzeTarget(cpi, { series: makeSeries(1, '居民消费价格指数(上年同期=100)', '上年同期=100', 'index', 'monthly', { '2025-10': 102.8 }) }, '2025-10');
    expect(['at_risk', 'off_track']).toContain(high.status);
  });
});
