// The words and figures of a briefing beside its charts (pure): the summary sentence and the rows of the
// short table, each cell formatted from one field of a variance row or target.

import type { Target } from '../domain/target';
import { STATUS_LABELS, STATUSES, type Status, type VarianceRow } from '../variance/types';
import { formatGapLevel, formatGapPp, formatNumberZh, formatPercent, formatPeriodZh } from '../format/chinese';

export interface BriefTableRow {
  targetId: number;
  indicator: string;
  /** The target as the plan prints it: `6%左右`, `12亿吨以上`, `2—3家`. */
  target: string;
  actual: string;
  /** `低于目标0.4个百分点` for rates; `完成86.3%` for levels. */
  assessment: string;
  schedule: string;
  status: Status;
  statusText: string;
}

const COMPARATOR_SUFFIX: Partial<Record<string, string>> = { about: '左右', at_least: '以上', at_most: '以内', exceed: '以上' };

export function targetText(target: Target | undefined, row: VarianceRow): string {
  if (!target) return row.target !== null ? `${formatNumber(row.target)}${row.actualUnit ?? ''}` : '—';
  const unit = target.unit ?? '';
  if (target.valueLow !== null && target.valueHigh !== null) return `${formatNumber(target.valueLow)}—${formatNumber(target.valueHigh)}${unit}`;
  if (target.value === null) return '—';
  const prefix = target.comparator === 'exceed' ? '突破' : target.comparator === 'stable' ? '稳定在' : target.comparator === 'reach' ? '达到' : '';
  const verb = target.kind === 'growth_rate' && !prefix ? '增长' : target.kind === 'reduction' && !prefix ? '下降' : '';
  const suffix = target.comparator ? (COMPARATOR_SUFFIX[target.comparator] ?? '') : '';
  return `${prefix}${verb}${formatNumber(target.value)}${unit}${target.comparator === 'exceed' ? '' : suffix}`;
}

function formatNumber(value: number): string {
  // Chinese statistical releases print levels without thousands separators (8630.2亿元).
  return formatNumberZh(value, { decimals: decimals(value) });
}

function decimals(value: number): number {
  for (let d = 0; d < 3; d++) if (Math.abs(Number(value.toFixed(d)) - value) < 1e-9) return d;
  return 2;
}

export function briefTableRows(rows: readonly VarianceRow[], targets: readonly Target[]): BriefTableRow[] {
  const byId = new Map(targets.map((t) => [t.id, t]));
  return rows.map((row) => {
    // A level row's gap is also in 个百分点 (completion against schedule): only rows without a completion rate are rates.
    const rate = row.actualUnit === '%' || (row.completionRate === null && row.gapUnit === '个百分点');
    const actual = row.actual === null ? '—' : rate ? formatPercent(row.actual) : `${formatNumber(Number(row.actual.toFixed(2)))}${row.actualUnit ?? ''}`;
    const assessment =
      row.completionRate !== null
        ? `完成${formatPercent(row.completionRate)}`
        : rate
          ? formatGapPp(row.gap)
          : formatGapLevel(row.gap, row.gapUnit ?? '');
    return {
      targetId: row.targetId,
      indicator: row.indicator,
      target: targetText(byId.get(row.targetId), row),
      actual,
      assessment,
      schedule: row.scheduleCalendar !== null ? formatPercent(row.scheduleCalendar) : '—',
      status: row.status,
      statusText: STATUS_LABELS[row.status].zh,
    };
  });
}

/**
 * `截至2025年10月，纳入监测的15项指标中，已完成2项、符合进度6项、有风险1项、滞后5项、无数据1项。` (截至 names a
 * point in time: the month, not the span 1-10月.) Without any figure, it says that there is no data.
 */
export function briefSummaryText(rows: readonly VarianceRow[], asOf: string): string {
  if (!hasAnyData(rows)) return `纳入监测的${rows.length}项指标均暂无已导入的统计数据，请先导入统计数据并关联指标。`;
  const counts = STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  const parts = counts.map(([s, n]) => `${STATUS_LABELS[s].zh}${n}项`).join('、');
  return `截至${formatPeriodZh(asOf, false)}，纳入监测的${rows.length}项指标中，${parts}。`;
}

/** Whether any row has a figure read from data (else the cut-off month is not a fact about the data). */
export function hasAnyData(rows: readonly VarianceRow[]): boolean {
  return rows.some((r) => r.asOf !== null);
}

