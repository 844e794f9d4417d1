// The chart behind a variance row: the series through the year against last year, and the target as a line.
// A level or increment target is charted in the target's own unit, as the table states it (a 万吨 series
// against 12 亿吨 is drawn in 亿吨, converted exactly), with the 序时进度 line (target × months / 12) beside it;
// other targets are in the series' unit (增长6% on a 累计值 series is last year's total × 1.06).

import type { Frequency, Measure, PeriodKey } from '../domain/series';
import type { Target } from '../domain/target';
import { conversionFactor } from '../domain/units';
import { clean } from './wording';
import { periodKeyAt, stepsPerYear } from './period';
import type { SeriesData } from './seriesData';
import type { VarianceRow } from './types';
import { type Bilingual, bi } from './wording';

export interface TrendPoint {
  period: PeriodKey;
  /** The month the step ends in (a quarter counts as its last month). */
  month: number;
  value: number | null;
  lastYear: number | null;
  /** Level targets: where the year to date should stand at this step by the calendar (序时进度), else null. */
  schedule: number | null;
}

export interface Trend {
  kind: Target['kind'];
  seriesLabel: string | null;
  unit: string | null;
  measure: Measure | null;
  frequency: Frequency | null;
  year: number | null;
  /** True when period values were summed to year-to-date levels. */
  cumulated: boolean;
  points: TrendPoint[];
  targetLine: number | null;
  note: string | null;
}

const isLevel = (m: Measure) => m === 'cumulative' || m === 'monthly';
const text = (b: Bilingual) => `${b.zh} / ${b.en}`;

/** One year of a series, step by step; period values summed when `cumulate` (a missing step stays empty). */
function yearValues(series: SeriesData, year: number, cumulate: boolean): (number | null)[] {
  const out: (number | null)[] = [];
  let sum = 0;
  let any = false;
  for (let s = 1; s <= stepsPerYear(series.frequency); s++) {
    const p = series.points.get(periodKeyAt(year, s, series.frequency));
    if (cumulate) {
      if (p) {
        sum += p.value;
        any = true;
      }
      out.push(p && any ? sum : null);
    } else out.push(p ? p.value : null);
  }
  return out;
}

/** `row.target` (in the row's unit) expressed in the series' unit; null when it cannot be. */
function targetInSeriesUnit(target: Target, row: VarianceRow, series: SeriesData, lastYearTotal: number | null): number | null {
  if (row.target === null) return null;
  switch (target.kind) {
    case 'growth_rate':
    case 'reduction':
      if (series.measure === 'yoy' || series.measure === 'yoy_cumulative') return row.target;
      if (series.measure === 'index') return 100 + row.target;
      return lastYearTotal === null ? null : Number((lastYearTotal * (1 + row.target / 100)).toPrecision(12));
    default: {
      const unit = row.actualUnit ?? target.unit;
      if (unit === null) return null;
      const f = unit === series.unit ? 1 : conversionFactor(unit, series.unit);
      return f === null ? null : Number((row.target * f).toPrecision(12));
    }
  }
}

/**
 * The chart data for one target: `series` is what the row was read from (for level targets the level
 * series), `year` the year of the as-of month.
 */
export function varianceTrend(target: Target, row: VarianceRow, series: SeriesData | null, year: number | null): Trend {
  const empty = (note: Bilingual): Trend => ({
    kind: target.kind, seriesLabel: series?.label ?? null, unit: series?.unit ?? null, measure: series?.measure ?? null,
    frequency: series?.frequency ?? null, year, cumulated: false, points: [], targetLine: null, note: text(note),
  });
  if (!series) return empty(bi('未关联统计序列', 'no series linked'));
  if (year === null) return empty(bi('关联序列无数据', 'the linked series has no data'));
  const levelReading = target.kind === 'level' || target.kind === 'increment' || target.kind === 'growth_rate' || target.kind === 'reduction';
  const cumulate = series.measure === 'monthly' && levelReading;
  const cy = yearValues(series, year, cumulate);
  const ly = yearValues(series, year - 1, cumulate);
  const steps = stepsPerYear(series.frequency);
  const inTargetUnit = levelInTargetUnit(target, row, series);
  const scale = (v: number | null) => (v === null || inTargetUnit === null || inTargetUnit.factor === 1 ? v : clean(v * inTargetUnit.factor));
  const points: TrendPoint[] = cy.map((value, i) => {
    const month = ((i + 1) * 12) / steps;
    return {
      period: periodKeyAt(year, i + 1, series.frequency),
      month,
      value: scale(value),
      lastYear: scale(ly[i]),
      schedule: inTargetUnit !== null && row.target !== null && isLevel(series.measure) ? clean((row.target * month) / 12) : null,
    };
  });
  if (inTargetUnit !== null) {
    return { kind: target.kind, seriesLabel: series.label, unit: inTargetUnit.unit, measure: series.measure, frequency: series.frequency, year, cumulated: cumulate, points, targetLine: row.target, note: null };
  }
  const lastYearTotal = isLevel(series.measure) ? ly[ly.length - 1] : null;
  const targetLine = targetInSeriesUnit(target, row, series, lastYearTotal);
  const note =
    targetLine === null && row.target !== null
      ? text(bi('目标无法换算为序列单位，未画目标线', 'the target cannot be expressed in the series unit: no target line'))
      : null;
  return { kind: target.kind, seriesLabel: series.label, unit: series.unit, measure: series.measure, frequency: series.frequency, year, cumulated: cumulate, points, targetLine, note };
}

/** A level or increment target whose row is in a unit the series converts to exactly: that unit and the factor. */
function levelInTargetUnit(target: Target, row: VarianceRow, series: SeriesData): { unit: string; factor: number } | null {
  if (target.kind !== 'level' && target.kind !== 'increment') return null;
  if (!isLevel(series.measure) || row.completionRate === null || row.actualUnit === null) return null;
  const factor = row.actualUnit === series.unit ? 1 : conversionFactor(series.unit, row.actualUnit);
  return factor === null ? null : { unit: row.actualUnit, factor };
}
