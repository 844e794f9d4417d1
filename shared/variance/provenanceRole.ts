// Which figure an observation feeds, for the "数据来源" list: the analysis keeps the cells it read; this says
// what each was used for (this year's value → actual and completion; last year's → growth or seasonal schedule).

import { periodEnd } from './period';
import type { ProvenanceRef, VarianceRow } from './types';
import { type Bilingual, bi } from './wording';

const GROWTH_METHODS = new Set(['yoy_cumulative', 'index', 'derived_cumulative', 'derived_period_sum', 'yoy_period']);

/** `readingSeriesId`: the series the actual was read from (the first observation of the row's provenance). */
export function provenanceRole(ref: ProvenanceRef, row: VarianceRow, readingSeriesId: number | null): Bilingual {
  const asOf = row.asOf ? periodEnd(row.asOf) : null;
  const end = periodEnd(ref.period);
  if (!asOf || !end) return bi('数据', 'data');
  const thisYear = end.year === asOf.year;
  const samePeriod = end.month === asOf.month;
  const method = row.method ?? '';
  if (method === 'latest') return bi('最新值：实际值', 'latest value: the actual');
  if (GROWTH_METHODS.has(method)) {
    if (ref.seriesId === readingSeriesId || readingSeriesId === null) {
      if (thisYear) return method === 'derived_cumulative' || method === 'derived_period_sum' ? bi('本年累计：推算增速', 'this year to date: growth derived') : bi('实际值（累计增速）', 'the actual (YTD growth)');
      if (end.year === asOf.year - 1 && (samePeriod || method === 'derived_period_sum')) return bi('上年同期：推算增速', 'last year, same period: growth derived');
    }
    if (thisYear) return bi('所需增速：本年累计总量', 'required growth: this year to date (level)');
    if (end.month === 12) return bi('所需增速：上年全年总量', 'required growth: last year, full year (level)');
    return bi('所需增速：上年同期总量', 'required growth: last year, same period (level)');
  }
  // Levels and increments.
  if (thisYear) return bi('本年累计：实际值、完成率、预计全年', 'this year to date: actual, completion, projections');
  if (end.year === asOf.year - 1 && end.month === 12) return bi('上年全年：季节性序时进度、所需增速', 'last year, full year: seasonal schedule, required growth');
  if (end.year === asOf.year - 1 && samePeriod) return bi('上年同期：季节性序时进度', 'last year, same months: seasonal schedule');
  return bi('上年当期值：季节性序时进度', 'last year, period value: seasonal schedule');
}
