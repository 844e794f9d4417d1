// Column definitions of the variance grid: one row per target, figures with one decimal for rates, gaps in
// 个百分点, the status as a coloured, labelled cell. Gaps sort with the empty ones last either way.
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatAmountZh, formatNumberZh, formatPeriodZh, formatSectionZh } from '../../shared/format/chinese';
import type { Target } from '../../shared/domain/target';
import { STATUS_LABELS, type Status, type VarianceRow } from '../../shared/variance/types';
import type { Lang } from '../i18n';
import { gapTone } from '../../shared/brief/statusStyle';
import { planTargetText } from './planTargetText';

/** A row as the grid holds it: the analysis, and the target as the plan states it (`12亿吨以上`). */
export type VarianceGridRow = VarianceRow & { planTarget?: string };

type P = ValueFormatterParams<VarianceGridRow, number | null>;

const rate = (p: P) => (p.value == null ? '—' : `${formatNumberZh(p.value)}%`);

/** A quantity in the row's unit: whole numbers for large values, up to two decimals for small ones. */
export function amountText(v: number | null | undefined, unit: string | null): string {
  if (v == null) return '—';
  if (unit === '%') return `${formatNumberZh(v)}%`;
  const text = formatAmountZh(v, { maxDecimals: Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 100 ? 1 : 2, thousands: true });
  return `${text}${unit ?? ''}`;
}

export function gapText(row: VarianceRow, lang: Lang): string {
  if (row.gap === null) return '—';
  const sign = row.gap > 0.05 ? '+' : '';
  if (row.gapUnit === '个百分点') return `${sign}${formatNumberZh(row.gap)}${lang === 'zh' ? '个百分点' : ' pp'}`;
  return `${sign}${amountText(row.gap, row.gapUnit)}`;
}

export function periodText(row: VarianceRow, lang: Lang): string {
  if (!row.asOf) return '—';
  if (lang === 'en') return row.asOf;
  return formatPeriodZh(row.asOf, row.method !== 'latest');
}

/** 较上月: the service's Chinese sentence; in English said from last month's reading (status change, else gap change). */
export function sinceLastMonthText(row: VarianceRow, lang: Lang): string {
  if (lang === 'zh') return row.sincePrevious ?? '—';
  const prev = row.previous;
  if (!prev) return '—';
  if (prev.status !== row.status) return `${STATUS_LABELS[prev.status].en} → ${STATUS_LABELS[row.status].en}`;
  if (row.gap === null || prev.gap === null) return '—';
  const change = Math.round((row.gap - prev.gap) * 10) / 10;
  if (change === 0) return 'unchanged';
  const unit = row.gapUnit === '个百分点' ? ' pp' : (row.gapUnit ?? '');
  return `${change > 0 ? '+' : ''}${formatNumberZh(change)}${unit} on last month`;
}

/** Empty figures sort after every number, ascending or descending. */
function nullsLast(a: number | null, b: number | null, _na: unknown, _nb: unknown, descending: boolean): number {
  if (a === null && b === null) return 0;
  if (a === null) return descending ? -1 : 1;
  if (b === null) return descending ? 1 : -1;
  return a - b;
}

export const STATUS_ORDER: Status[] = ['off_track', 'at_risk', 'on_track', 'met', 'no_data'];

/** The rows for the grid, each with its target as the plan states it (in the chosen language). */
export function withPlanTargets(rows: readonly VarianceRow[], targets: ReadonlyMap<number, Target>, lang: Lang): VarianceGridRow[] {
  return rows.map((r) => {
    const plan = targets.get(r.targetId);
    if (!plan) return r;
    const figure = r.target == null ? undefined : amountText(r.target, r.actualUnit);
    return { ...r, planTarget: planTargetText(plan, lang, figure) };
  });
}

/** The grid's columns. */
export function varianceColumns(lang: Lang): ColDef<VarianceGridRow>[] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const num = { type: 'rightAligned', comparator: nullsLast, width: 96 } as const;
  return [
    { field: 'section', headerName: t('章节', 'Section'), width: 92, pinned: 'left', valueFormatter: (p) => formatSectionZh(String(p.value ?? '')) },
    { field: 'indicator', headerName: t('指标', 'Indicator'), width: 170, pinned: 'left', tooltipField: 'indicator' },
    {
      field: 'status',
      headerName: t('状态', 'Status'),
      width: 92,
      pinned: 'left',
      cellClass: (p) => `status-cell status-${p.value as Status}`,
      valueFormatter: (p) => (p.value ? STATUS_LABELS[p.value as Status][lang] : ''),
      comparator: (a: Status, b: Status) => STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b),
      tooltipValueGetter: (p) => p.data?.rule ?? '',
    },
    {
      colId: 'previousStatus',
      headerName: t('上月状态', 'Last month'),
      width: 92,
      valueGetter: (p) => p.data?.previous?.status ?? null,
      valueFormatter: (p) => (p.value ? STATUS_LABELS[p.value as Status][lang] : '—'),
      cellClass: (p) => (p.value ? `status-text status-${p.value as Status}` : ''),
      comparator: (a: Status | null, b: Status | null) => (a === null ? 1 : b === null ? -1 : STATUS_ORDER.indexOf(a) - STATUS_ORDER.indexOf(b)),
      headerTooltip: t('上月数据截至时的状态', 'The status as of the month before'),
    },
    {
      colId: 'sincePrevious',
      headerName: t('较上月', 'Since last month'),
      width: 170,
      valueGetter: (p) => (p.data ? sinceLastMonthText(p.data, lang) : ''),
      tooltipValueGetter: (p) => (p.data ? sinceLastMonthText(p.data, lang) : ''),
    },
    { field: 'asOf', headerName: t('数据期', 'Period'), width: 118, valueFormatter: (p) => (p.data ? periodText(p.data, lang) : '') },
    { field: 'actual', headerName: t('实际', 'Actual'), ...num, valueFormatter: (p: P) => amountText(p.value, p.data?.actualUnit ?? null) },
    {
      // Every target shows what counts as met: linked ones in the series' unit with the plan's comparator (the
      // export keeps the number), unlinked ones as the plan states it.
      field: 'target',
      headerName: t('目标', 'Target'),
      ...num,
      width: 120,
      valueFormatter: (p: P) => p.data?.planTarget ?? amountText(p.value, p.data?.actualUnit ?? null),
      tooltipValueGetter: (p) => (p.data?.target != null ? t(`折算为序列单位：${amountText(p.data.target, p.data.actualUnit)}`, `In the series' unit: ${amountText(p.data.target, p.data.actualUnit)}`) : ''),
    },
    {
      field: 'gap',
      headerName: t('差距', 'Gap'),
      ...num,
      width: 112,
      sort: 'asc',
      valueFormatter: (p: P) => (p.data ? gapText(p.data, lang) : ''),
      headerTooltip: t('增速：实际−目标；总量：完成率−序时进度', 'Rates: actual − target; levels: completion − schedule'),
      // Coloured by the status, never by the sign: a negative gap under a ceiling (CPI, unemployment) is good news.
      cellClassRules: {
        'gap-negative': (p) => p.value != null && p.data != null && gapTone(p.data.status) === 'bad',
        'gap-positive': (p) => p.value != null && p.data != null && gapTone(p.data.status) === 'good',
      },
    },
    { field: 'completionRate', headerName: t('完成率', 'Completion'), ...num, valueFormatter: rate },
    { field: 'scheduleCalendar', headerName: t('时间进度', 'Calendar'), ...num, valueFormatter: rate },
    { field: 'scheduleSeasonal', headerName: t('季节进度', 'Seasonal'), ...num, valueFormatter: rate },
    { field: 'projectionRunRate', headerName: t('预计全年(按进度)', 'Projection (run-rate)'), ...num, width: 128, valueFormatter: (p: P) => amountText(p.value, p.data?.actualUnit ?? null) },
    { field: 'projectionSeasonal', headerName: t('预计全年(季节)', 'Projection (seasonal)'), ...num, width: 122, valueFormatter: (p: P) => amountText(p.value, p.data?.actualUnit ?? null) },
    { field: 'required', headerName: t('尚需完成', 'Still required'), ...num, valueFormatter: (p: P) => amountText(p.value, p.data?.actualUnit ?? null) },
    { field: 'requiredGrowth', headerName: t('其余月份需增长', 'Required growth'), ...num, width: 124, valueFormatter: rate },
    { field: 'seriesName', headerName: t('关联序列', 'Linked series'), width: 200, tooltipField: 'seriesName', valueFormatter: (p) => p.value ?? t('未关联', 'not linked') },
  ];
}
