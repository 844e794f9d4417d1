// Month-on-month (较上月): the same target's reading as of the month before, and the change since in the
// words a DRC analysis uses — `较上月提高0.3个百分点`, `由有风险转为符合进度`. Pure.

import { formatNumberZh } from '../format/chinese';
import { monthIndex, monthKeyOf, periodEnd } from './period';
import { STATUS_LABELS, type PreviousReading, type VarianceRow } from './types';

/** The month before `month` (`2025-10` → `2025-09`); null before the plan's year or when the key is not a period. */
export function monthBefore(month: string, planYear?: number): string | null {
  const end = periodEnd(month);
  if (!end) return null;
  const index = monthIndex(end) - 1;
  const ym = { year: Math.floor(index / 12), month: (index % 12) + 1 };
  // January is compared with nothing: December belongs to last year's plan.
  if (ym.year < (planYear ?? end.year)) return null;
  return monthKeyOf(ym);
}

/** What a row keeps of last month's analysis. */
export function previousReading(row: VarianceRow, asOf: string): PreviousReading {
  return { asOf, period: row.asOf, status: row.status, actual: row.actual, gap: row.gap, completionRate: row.completionRate };
}

/** A level row is judged by its completion rate; a rate row by its value in %. */
function isRate(row: Pick<VarianceRow, 'actualUnit' | 'gapUnit' | 'completionRate'>): boolean {
  return row.actualUnit === '%' || (row.completionRate === null && row.gapUnit === '个百分点');
}

/** Difference of two figures as printed (one decimal), so the words never contradict the figures shown. */
function printedDifference(current: number, previous: number): number {
  return Number(formatNumberZh(current, { decimals: 1 })) - Number(formatNumberZh(previous, { decimals: 1 }));
}

function changeWords(difference: number, unit: string): string {
  const magnitude = formatNumberZh(Math.abs(difference), { decimals: 1 });
  if (Number(magnitude) === 0) return '持平';
  return `${difference > 0 ? '提高' : '回落'}${magnitude}${unit}`;
}

/**
 * The change since last month: the figure (rates in 个百分点, levels by completion rate, other values in their
 * unit), then the status if it changed. Null when there is nothing to compare (no previous month, or no data in either).
 */
export function sincePreviousText(row: Pick<VarianceRow, 'asOf' | 'actual' | 'actualUnit' | 'gapUnit' | 'completionRate' | 'status'>, previous: PreviousReading | null | undefined): string | null {
  if (!previous) return null;
  const now = STATUS_LABELS[row.status].zh;
  const before = STATUS_LABELS[previous.status].zh;
  if (row.actual === null && previous.actual === null) return null;
  if (previous.actual === null) return `上月无数据，本月${now}`;
  if (row.actual === null) return `本月无数据（上月${before}）`;
  const parts: string[] = [];
  if (previous.period && previous.period === row.asOf) {
    parts.push('本月无新数据');
  } else {
    const consecutive = previous.period && row.asOf ? stepBetween(previous.period, row.asOf) === 1 : true;
    const than = consecutive ? '较上月' : '较上期';
    if (row.completionRate !== null && previous.completionRate != null) {
      parts.push(`完成率${than}${changeWords(printedDifference(row.completionRate, previous.completionRate), '个百分点')}`);
    } else if (isRate(row)) {
      const words = changeWords(printedDifference(row.actual, previous.actual), '个百分点');
      parts.push(words === '持平' ? `与上${consecutive ? '月' : '期'}持平` : `${than}${words}`);
    } else {
      const words = changeWords(printedDifference(row.actual, previous.actual), row.actualUnit ?? '');
      parts.push(words === '持平' ? `与上${consecutive ? '月' : '期'}持平` : `${than}${words}`);
    }
  }
  if (previous.status !== row.status) parts.push(`由${before}转为${now}`);
  return parts.join('，');
}

/** Months between the ends of two periods (`2025-09` → `2025-10` is 1; `2025-Q2` → `2025-Q3` is 3). */
function stepBetween(from: string, to: string): number | null {
  const a = periodEnd(from);
  const b = periodEnd(to);
  return a && b ? monthIndex(b) - monthIndex(a) : null;
}

export interface StatusMove {
  targetId: number;
  indicator: string;
  from: VarianceRow['status'];
  to: VarianceRow['status'];
  /** `由有风险转为符合进度` with the figure's change before it. */
  text: string;
}

/** Targets whose status differs from last month's, in the rows' order. */
export function statusMoves(rows: readonly VarianceRow[]): StatusMove[] {
  return rows
    .filter((r) => r.previous && r.previous.status !== r.status)
    .map((r) => ({ targetId: r.targetId, indicator: r.indicator, from: r.previous!.status, to: r.status, text: r.sincePrevious ?? `由${STATUS_LABELS[r.previous!.status].zh}转为${STATUS_LABELS[r.status].zh}` }));
}
