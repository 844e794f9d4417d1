// The variance analysis of one target as of a month: picks the reading by the target's kind
// (growth and reduction → growth; level and increment → completion and schedule; share, rate, count →
// latest value) and refuses, with a reason, what cannot be compared.

import type { PeriodKey } from '../domain/series';
import type { Target } from '../domain/target';
import { growthVariance } from './growthVariance';
import { levelVariance } from './levelVariance';
import { periodEnd } from './period';
import { noDataRow } from './row';
import type { LinkInput } from './seriesData';
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from './thresholds';
import type { VarianceRow } from './types';
import { valueVariance } from './valueVariance';
import { bi } from './wording';

export interface AnalyzeOptions {
  thresholds?: StatusThresholds;
  /**
   * Figures and status only, without the rule's sentence: for the month before (month-on-month), of which a row
   * keeps the status, actual, gap and completion rate. Nothing else of the row differs.
   */
  figuresOnly?: boolean;
}

/** A growth measured against a year other than the last (`较2020年下降12%`) cannot be read from year-on-year data. */
function multiYearBasis(target: Target, year: number): number | null {
  const m = target.basis ? /(\d{4})\s*年/.exec(target.basis) : null;
  if (!m) return null;
  const base = Number(m[1]);
  return base === year - 1 ? null : base;
}

/**
 * Analyse one target. `asOf` is a month key (`2025-10`); a quarter or year key reads as its last month.
 * The figures refer to the newest period of the linked series at or before it, within its year.
 */
export function analyzeTarget(target: Target, link: LinkInput | null, asOf: PeriodKey, opts: AnalyzeOptions = {}): VarianceRow {
  const thresholds = opts.thresholds ?? DEFAULT_STATUS_THRESHOLDS;
  const series = link?.series ?? null;
  if (target.kind === 'task') {
    return noDataRow(target, series, bi('定性任务，无数值可比，按进展跟踪', 'a task without figures: tracked by its progress'));
  }
  if (target.value === null && target.valueLow === null && target.valueHigh === null) {
    return noDataRow(target, series, bi('目标无数值', 'the target has no number'));
  }
  if (!link) return noDataRow(target, null, bi('未关联统计序列', 'no series linked'));
  const ym = periodEnd(asOf);
  if (!ym) return noDataRow(target, series, bi(`分析期“${asOf}”无法识别`, `as-of period "${asOf}" not understood`));

  switch (target.kind) {
    case 'growth_rate':
    case 'reduction': {
      const base = multiYearBasis(target, ym.year);
      if (base !== null) {
        return noDataRow(
          target,
          series,
          bi(`目标以${base}年为基期，同比数据无法衡量，需关联以${base}年为基期的序列`, `the target is measured against ${base}: year-on-year data cannot measure it`),
        );
      }
      return growthVariance(target, link, ym, thresholds, opts.figuresOnly);
    }
    case 'level':
    case 'increment':
      return levelVariance(target, link, ym, thresholds, opts.figuresOnly);
    case 'share':
    case 'count':
      return valueVariance(target, link, ym, thresholds, opts.figuresOnly);
  }
}
