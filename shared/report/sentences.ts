// The sentences of the analysis report (分析报告初稿), built by rules from variance rows (pure, no model):
// each figure in the order DRC analyses state it — period, area, indicator, value, comparison —
// `1-10月，全区规模以上工业增加值累计增长8.4%，高于年度目标1.4个百分点。`
// `原煤产量10.3亿吨，完成年度目标的85.5%，快于序时进度2.2个百分点。`
// Every figure comes from one field of the row, formatted as the briefing formats it, so the report and
// `variance --json` never disagree; a figure that is missing is left out, never printed as NaN or 0.

import { formatMonthAxisLabel, formatNumberZh, formatPercent } from '../format/chinese';
import { periodEnd } from '../variance/period';
import { STATUS_LABELS, STATUSES, type Status, type VarianceRow } from '../variance/types';

/** The fields a sentence reads (a VarianceRow has them all). */
export type SentenceRow = Pick<
  VarianceRow,
  | 'indicator'
  | 'asOf'
  | 'actual'
  | 'actualUnit'
  | 'target'
  | 'gap'
  | 'gapUnit'
  | 'completionRate'
  | 'required'
  | 'requiredGrowth'
  | 'status'
  | 'method'
  | 'sincePrevious'
>;

export interface SentenceOptions {
  /** `全区`, `全省`: the area the figures cover (see areaWord). Empty to leave it out. */
  area?: string;
  /** Leave out the period and area (the paragraph already said them). */
  omitPeriod?: boolean;
  /** The target's kind: a reduction is worded as a fall (`下降3.5%`). */
  kind?: string;
}

/** `全区` for an autonomous region (内蒙古自治区), `全省`, `全市`; empty when the region says nothing. */
export function areaWord(region: string): string {
  const r = region.trim();
  if (r.endsWith('自治区') || r.endsWith('区')) return '全区';
  if (r.endsWith('省')) return '全省';
  if (r.endsWith('市')) return '全市';
  if (r === '全国' || r === '中国') return '全国';
  return '';
}

const isFiniteNumber = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

/** Figures print with one decimal (`8.4%`, `10.3亿吨`), two below 1 (`0.85亿吨`); whole numbers keep none (`12亿吨`). */
export function amountText(value: number): string {
  const text = formatNumberZh(value, { decimals: Math.abs(value) < 1 ? 2 : 1 });
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `1-10月` for a cumulative month, `10月` for a single month, `前三季度` for a quarter. */
export function periodWords(period: string, cumulative: boolean): string {
  return formatMonthAxisLabel(period, cumulative);
}

/** Whether a row is a rate (its figures in %, its gap in 个百分点) rather than a level judged by completion. */
export function isRateRow(row: Pick<VarianceRow, 'actualUnit' | 'gapUnit' | 'completionRate'>): boolean {
  return row.completionRate === null && (row.actualUnit === '%' || row.gapUnit === '个百分点');
}

/** An index unit (`上年同期=100`): its figures are points, not amounts of the unit. */
function isIndexUnit(unit: string | null): boolean {
  return unit !== null && /=\s*100/.test(unit);
}

/** A difference in words: `高于年度目标1.4个百分点`, `低于…`, `与年度目标持平` when it rounds to zero. */
export function differenceWords(difference: number, than: string, unit: string, words: [string, string] = ['高于', '低于']): string {
  // Points of a rate always with one decimal, as the briefing's table prints them; amounts as amounts.
  const magnitude = unit === '个百分点' ? formatNumberZh(Math.abs(difference), { decimals: 1 }) : amountText(Math.abs(difference));
  if (Number(magnitude.replace(/,/g, '')) === 0) return `与${than}持平`;
  return `${difference > 0 ? words[0] : words[1]}${than}${magnitude}${unit}`;
}

/** The indicator without a trailing `增速`/`增长` (the verb says it); `涨幅` becomes the verb `上涨`. */
function growthSubject(indicator: string): { subject: string; rise: string; fall: string } {
  const m = /^(.+?)(涨幅|增速|增幅|增长率|增长)$/.exec(indicator);
  if (!m) return { subject: indicator, rise: '增长', fall: '下降' };
  return { subject: m[1], rise: m[2] === '涨幅' ? '上涨' : '增长', fall: '下降' };
}

function leadIn(row: SentenceRow, cumulative: boolean, opts: SentenceOptions): string {
  if (opts.omitPeriod || !row.asOf) return '';
  return `${periodWords(row.asOf, cumulative)}，${opts.area ?? ''}`;
}

function growthClause(row: SentenceRow & { actual: number }, opts: SentenceOptions): string {
  const { subject, rise, fall } = growthSubject(row.indicator);
  const quarterly = row.asOf !== null && /Q/.test(row.asOf);
  const single = row.method === 'yoy_period' || row.method === 'latest';
  const cumulative = !quarterly && !single;
  const lead = leadIn(row, !single, opts);
  const prefix = cumulative ? '累计' : '同比';
  const rounded = Number(formatNumberZh(row.actual, { decimals: 1 }));
  if (opts.kind === 'reduction') {
    const goal = isFiniteNumber(row.target) ? Math.abs(row.target) : null;
    if (rounded < 0) {
      const drop = Math.abs(row.actual);
      const comparison = goal === null ? '' : `，${differenceWords(drop - goal, '年度目标', '个百分点', ['降幅大于', '降幅小于'])}`.replace('降幅大于年度目标', '降幅超过年度目标');
      return `${lead}${subject}${fall}${formatPercent(drop)}${comparison}`;
    }
    const goalText = goal === null ? '' : `（年度目标为${fall}${formatPercent(goal)}）`;
    return `${lead}${subject}${rounded === 0 ? '与上年持平' : `上升${formatPercent(row.actual)}`}${goalText}`;
  }
  const value = rounded === 0 ? `${subject}与上年同期持平` : `${subject}${prefix}${rounded > 0 ? rise : fall}${formatPercent(Math.abs(row.actual))}`;
  const comparison = isFiniteNumber(row.gap) ? `，${differenceWords(row.gap, '年度目标', '个百分点')}` : '';
  return `${lead}${value}${comparison}`;
}

function levelClause(row: SentenceRow & { actual: number; completionRate: number }, opts: SentenceOptions): string {
  const lead = leadIn(row, true, opts);
  const unit = row.actualUnit ?? '';
  const done = Number(formatNumberZh(row.completionRate, { decimals: 1 })) >= 100;
  const completion = `完成年度目标的${formatPercent(row.completionRate)}`;
  const schedule = done ? '，已提前完成全年目标' : isFiniteNumber(row.gap) ? `，${differenceWords(row.gap, '序时进度', '个百分点', ['快于', '慢于'])}` : '';
  return `${lead}${row.indicator}${amountText(row.actual)}${unit}，${completion}${schedule}`;
}

function valueClause(row: SentenceRow & { actual: number }, opts: SentenceOptions): string {
  const lead = leadIn(row, false, opts);
  const percent = row.actualUnit === '%';
  const index = isIndexUnit(row.actualUnit);
  const value = percent ? formatPercent(row.actual) : index ? `${amountText(row.actual)}（${row.actualUnit}）` : `${amountText(row.actual)}${row.actualUnit ?? ''}`;
  const gapUnit = percent || row.gapUnit === '个百分点' ? '个百分点' : index ? '个点' : (row.gapUnit ?? row.actualUnit ?? '');
  const comparison = isFiniteNumber(row.gap) ? `，${differenceWords(row.gap, '年度目标', gapUnit)}` : '';
  return `${lead}${row.indicator}为${value}${comparison}`;
}

const GROWTH_METHODS = new Set(['yoy_cumulative', 'index', 'derived_cumulative', 'derived_period_sum', 'yoy_period']);

/** A growth reading (a rate of change), as opposed to a value read as it stands (a share, a rate, an index). */
function isGrowthReading(row: SentenceRow, kind: string | undefined): boolean {
  if (row.method) return GROWTH_METHODS.has(row.method);
  return kind === 'growth_rate' || kind === 'reduction';
}

/**
 * One target in one sentence, with the change since last month when there is one:
 * `1-10月，全区规模以上工业增加值累计增长8.4%，高于年度目标1.4个百分点，较上月提高0.3个百分点。`
 * Null for a row without data (those are listed together, see noDataSentence).
 */
export function targetSentence(row: SentenceRow, opts: SentenceOptions = {}): string | null {
  if (row.status === 'no_data' || !isFiniteNumber(row.actual)) return null;
  const actual = row.actual;
  let clause: string;
  if (isFiniteNumber(row.completionRate)) clause = levelClause({ ...row, actual, completionRate: row.completionRate }, opts);
  else if (isGrowthReading(row, opts.kind)) clause = growthClause({ ...row, actual }, opts);
  else clause = valueClause({ ...row, actual }, opts);
  const since = row.sincePrevious ? `，${row.sincePrevious}` : '';
  return `${clause}${since}。`;
}

/** Months of the year left after the row's period (0 in December or after a full-year figure). */
export function remainingMonths(period: string | null): number | null {
  const end = period ? periodEnd(period) : null;
  return end ? 12 - end.month : null;
}

/**
 * What the rest of the year requires, for the 需要关注的指标 part: `其余2个月需月均增长12.3%，完成难度较大。`
 * Null when nothing can be said (no months left, nothing computed).
 */
export function requirementSentence(row: SentenceRow): string | null {
  const months = remainingMonths(row.asOf);
  if (months === null || months <= 0) return null;
  const rest = `其余${months}个月`;
  if (isFiniteNumber(row.completionRate)) {
    if (!isFiniteNumber(row.required)) return null;
    if (Number(amountText(row.required)) <= 0) return '全年目标已完成。';
    const unit = row.actualUnit ?? '';
    const growth = isFiniteNumber(row.requiredGrowth) ? `，同比需增长${formatPercent(row.requiredGrowth)}` : '';
    return `${rest}需完成${amountText(row.required)}${unit}，月均${amountText(row.required / months)}${unit}${growth}。`;
  }
  if (!isFiniteNumber(row.requiredGrowth)) return null;
  const need = row.requiredGrowth;
  const hard = isFiniteNumber(row.actual) && need - row.actual >= 2 ? '，完成难度较大' : '';
  const verb = Number(formatNumberZh(need, { decimals: 1 })) < 0 ? `下降${formatPercent(Math.abs(need))}即可完成` : `增长${formatPercent(need)}`;
  return `${rest}需月均${verb}${hard}。`;
}

/** `地区生产总值、城镇新增就业等2项指标暂无可比数据。` Null when every row has data. */
export function noDataSentence(indicators: readonly string[]): string | null {
  if (indicators.length === 0) return null;
  const shown = indicators.slice(0, 5).join('、');
  return indicators.length === 1 ? `${shown}暂无可比数据。` : `${shown}${indicators.length > 5 ? '等' : ''}${indicators.length}项指标暂无可比数据。`;
}

/** Counts per status, in the order the statuses are listed. */
export function statusCounts(rows: readonly Pick<VarianceRow, 'status'>[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const r of rows) counts[r.status]++;
  return counts;
}

/**
 * The overview: `1-10月，纳入监测的15项指标中，已完成2项、符合进度6项、有风险1项、滞后5项、无数据1项。`
 * Every status is named, with 0 where none (the analyst sees the whole picture at once).
 */
export function overviewSentence(rows: readonly Pick<VarianceRow, 'status'>[], asOf: string): string {
  const counts = statusCounts(rows);
  const parts = STATUSES.map((s) => `${STATUS_LABELS[s].zh}${counts[s]}项`).join('、');
  return `${periodWords(asOf, true)}，纳入监测的${rows.length}项指标中，${parts}。`;
}

const STATUS_RANK: Record<Status, number> = { met: 4, on_track: 3, at_risk: 2, off_track: 1, no_data: 0 };

/**
 * Month-on-month in one sentence: `与上月相比，2项指标状态好转（固定资产投资由有风险转为符合进度等），1项转差（…）。`
 * Null when there is no previous month; `与上月相比，各项指标状态均未变化。` when nothing moved.
 */
export function monthOnMonthSentence(rows: readonly Pick<VarianceRow, 'indicator' | 'status' | 'previous'>[]): string | null {
  const compared = rows.filter((r) => r.previous && r.previous.status !== 'no_data' && r.status !== 'no_data');
  if (compared.length === 0) return null;
  const better = compared.filter((r) => STATUS_RANK[r.status] > STATUS_RANK[r.previous!.status]);
  const worse = compared.filter((r) => STATUS_RANK[r.status] < STATUS_RANK[r.previous!.status]);
  if (better.length === 0 && worse.length === 0) return '与上月相比，各项指标状态均未变化。';
  const moved = (list: typeof compared) =>
    list
      .slice(0, 3)
      .map((r) => `${r.indicator}由${STATUS_LABELS[r.previous!.status].zh}转为${STATUS_LABELS[r.status].zh}`)
      .join('，') + (list.length > 3 ? '等' : '');
  const parts: string[] = [];
  if (better.length) parts.push(`${better.length}项指标状态好转（${moved(better)}）`);
  if (worse.length) parts.push(`${worse.length}项指标状态转差（${moved(worse)}）`);
  return `与上月相比，${parts.join('，')}。`;
}
