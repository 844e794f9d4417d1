// How the workbench writes periods, numbers and gaps in Chinese for print and export:
// the wording analysts use in briefings (`2025年1-10月`, `数据截至2025年10月`, `个百分点`).

const MONTH_KEY = /^(\d{4})-(\d{2})$/;
const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const YEAR_KEY = /^(\d{4})$/;

const CUMULATIVE_QUARTER = ['一季度', '上半年', '前三季度', '全年'];
const SINGLE_QUARTER = ['一季度', '二季度', '三季度', '四季度'];

/**
 * A period key (`2025-10`, `2025-Q3`, `2025`) in Chinese. Cumulative months run from January:
 * `2025年1-10月`; January alone is `2025年1月` (the bureau publishes 1-2月 together, but a
 * January key still has to print as something true).
 */
export function formatPeriodZh(period: string, cumulative: boolean): string {
  const month = MONTH_KEY.exec(period);
  if (month) {
    const year = month[1];
    const m = Number(month[2]);
    if (!cumulative || m === 1) return `${year}年${m}月`;
    return `${year}年1-${m}月`;
  }
  const quarter = QUARTER_KEY.exec(period);
  if (quarter) {
    const q = Number(quarter[2]);
    return `${quarter[1]}年${(cumulative ? CUMULATIVE_QUARTER : SINGLE_QUARTER)[q - 1]}`;
  }
  if (YEAR_KEY.test(period)) return `${period}年`;
  return period;
}

/** The short month label for a chart axis: `1-10月` (cumulative) or `10月`. */
export function formatMonthAxisLabel(period: string, cumulative: boolean): string {
  const full = formatPeriodZh(period, cumulative);
  const m = /^\d{4}年(.+)$/.exec(full);
  return m ? m[1] : full;
}

/** `数据截至2025年10月` for `2025-10`, `数据截至2025年三季度` for `2025-Q3`; without any data, says so. */
export function cutoffLine(asOf: string, hasData = true): string {
  return hasData ? `数据截至${formatPeriodZh(asOf, false)}` : '暂无已导入的统计数据';
}

/**
 * A section path with full-width brackets, as Chinese official documents write it: `三、(三)` → `三、（三）`.
 * Plans taken from PDFs mix both widths; the store keeps what was read, print and screens show this.
 */
export function formatSectionZh(section: string): string {
  return section.replace(/\(\s*([一二三四五六七八九十百\d]+)\s*\)/g, '（$1）');
}

export interface NumberFormatOptions {
  /** Digits after the decimal point; default 1. */
  decimals?: number;
  /** Group thousands with `,`; default false. */
  thousands?: boolean;
  /** Text for a missing value; default `—`. */
  missing?: string;
  /** Show `+` for positive numbers. */
  signed?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** One Intl.NumberFormat per (decimals, grouping), reused: creating one is far slower than formatting. */
function numberFormat(minDecimals: number, maxDecimals: number, grouping: boolean): Intl.NumberFormat {
  const key = `${minDecimals}:${maxDecimals}:${grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: minDecimals, maximumFractionDigits: maxDecimals, useGrouping: grouping });
    formatters.set(key, f);
  }
  return f;
}

/**
 * A number as printed in a Chinese briefing: fixed decimals, optional thousands separators, `—` when missing.
 * The one number formatter of the workbench (Intl.NumberFormat('zh-CN')); every other helper goes through it.
 */
export function formatNumberZh(value: number | null | undefined, options: NumberFormatOptions = {}): string {
  const { decimals = 1, thousands = false, missing = '—', signed = false } = options;
  if (value == null || !Number.isFinite(value)) return missing;
  // Round first so -0.04 with one decimal prints 0.0, not -0.0.
  const rounded = Number(value.toFixed(decimals));
  const text = numberFormat(decimals, decimals, thousands).format(Math.abs(rounded));
  if (rounded < 0) return `-${text}`;
  if (signed && rounded > 0) return `+${text}`;
  return text;
}

/**
 * A quantity with as many decimals as it needs, up to `maxDecimals` (8630.2, 12, 0.35), thousands grouped
 * when asked: `120,000`. Levels in tables and chart labels use it, so `7.2亿吨` never prints as `7.20`.
 */
export function formatAmountZh(value: number | null | undefined, options: { maxDecimals?: number; thousands?: boolean; missing?: string } = {}): string {
  const { maxDecimals = 2, thousands = false, missing = '—' } = options;
  if (value == null || !Number.isFinite(value)) return missing;
  const rounded = Number(value.toFixed(maxDecimals));
  const text = numberFormat(0, maxDecimals, thousands).format(Math.abs(rounded));
  return rounded < 0 ? `-${text}` : text;
}

/** A rate with its sign: `85.3%`. */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  const text = formatNumberZh(value, { decimals });
  return value == null || !Number.isFinite(value) ? text : `${text}%`;
}

/**
 * A gap between an actual rate and its target, in words: `低于目标0.2个百分点`, `高于目标1.5个百分点`,
 * `与目标持平` when it rounds to zero.
 */
export function formatGapPp(gap: number | null | undefined, decimals = 1): string {
  if (gap == null || !Number.isFinite(gap)) return '—';
  const magnitude = formatNumberZh(Math.abs(gap), { decimals });
  if (Number(magnitude) === 0) return '与目标持平';
  return `${gap < 0 ? '低于' : '高于'}目标${magnitude}个百分点`;
}

/** A gap in the unit of the indicator, in words: `低于目标12.5亿元`. */
export function formatGapLevel(gap: number | null | undefined, unit: string, decimals = 1): string {
  if (gap == null || !Number.isFinite(gap)) return '—';
  if (Number(Math.abs(gap).toFixed(decimals)) === 0) return '与目标持平';
  const magnitude = formatNumberZh(Math.abs(gap), { decimals, thousands: true });
  return `${gap < 0 ? '低于' : '高于'}目标${magnitude}${unit}`;
}

/** Export timestamp in Chinese: `2025年11月20日 09:30`. Accepts an ISO string; local wall time is what it says. */
export function formatTimestampZh(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  const date = `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date;
}

/**
 * Display width of text in a monospace-ish grid: CJK and full-width characters count 2, others 1.
 * Used to size spreadsheet columns and to wrap chart labels.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  );
}
