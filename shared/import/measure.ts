// Which measure a row (or column) of a statistics table holds, from what the file says about it: a 口径 cell, the
// label's suffix, the period headers (`1-10月` spans say year-to-date) and the frequency (a year's value as a whole
// is a level). Null when nothing says: the caller refuses the row or asks, never defaults silently.
import type { Frequency, Measure } from '../domain/series';

export interface MeasureEvidence {
  /** From a 口径 column or the label, whichever the file wrote (the 口径 column first). */
  said: Measure | null;
  /** True for year-to-date words, false for period words, null when the words do not say. */
  saidCumulative: boolean | null;
  /** The period headers of the row include spans from January (1-3月, 上半年, 前三季度). */
  headerCumulative: boolean;
  frequency: Frequency;
}

export function resolveMeasure(e: MeasureEvidence): Measure | null {
  const { said, saidCumulative, headerCumulative, frequency } = e;
  if (said === null) {
    if (headerCumulative) return 'cumulative';
    // A year as a whole: year-to-date and the year's own value are the same number.
    if (frequency === 'yearly') return 'level';
    return null;
  }
  // A bare `增速` / `同比增长` under 1-N月 headers is year-to-date growth.
  if (said === 'yoy' && saidCumulative === null && headerCumulative) return 'yoy_cumulative';
  // `当季值`, `当期值` of a year: the value of the quarter or year as a whole.
  if (said === 'monthly' && frequency !== 'monthly') return 'level';
  return said;
}

export const MEASURE_UNKNOWN_REASON = (what: string): string =>
  `${what}：文件没有说明口径（当期值、累计值、同比、期末值……），请指定 / ${what}: the file does not say which measure this is (period value, cumulative, YoY, stock…); choose one`;
