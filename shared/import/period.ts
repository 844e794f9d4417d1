// Period labels as statistics files write them (`2025年1-10月`, `前三季度`, `2025Q1`, `2025-03`) turned into
// canonical period keys. Cumulative periods (January to N) are keyed by the month or quarter they run to.

import type { Frequency, PeriodKey } from '../domain/series';

export interface ParsedPeriod {
  period: PeriodKey;
  frequency: Frequency;
  /** True when the label itself names a span from the start of the year (`1-10月`, `上半年`, `前三季度`). */
  cumulative: boolean;
}

export interface PeriodContext {
  /** The year from a header above (`2025年` over `1-2月`), used when the label carries none. */
  year?: number;
}

const CN_DIGITS = new Map<string, number>([
  ['一', 1], ['二', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6],
  ['七', 7], ['八', 8], ['九', 9], ['十', 10], ['十一', 11], ['十二', 12],
]);

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

function month(year: number, m: number, cumulative: boolean): ParsedPeriod | null {
  if (!Number.isInteger(m) || m < 1 || m > 12) return null;
  return { period: `${year}-${String(m).padStart(2, '0')}`, frequency: 'monthly', cumulative };
}

function quarter(year: number, q: number, cumulative: boolean): ParsedPeriod | null {
  if (!Number.isInteger(q) || q < 1 || q > 4) return null;
  return { period: `${year}-Q${q}`, frequency: 'quarterly', cumulative };
}

function smallNumber(text: string): number {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  return CN_DIGITS.get(text) ?? NaN;
}

/** Normalise width and spacing so `２０２５年１－３月` and `2025年 1-3 月` read alike. */
function normalise(label: string): string {
  return label
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[—–－~～至]/g, '-')
    .replace(/-+/g, '-');
}

/** Labels that carry no year: `1-10月`, `3月`, `一季度`, `上半年`, `前三季度`, `全年`. */
function parseWithinYear(rest: string, year: number): ParsedPeriod | null {
  let m: RegExpMatchArray | null;
  if ((m = rest.match(/^(\d{1,2})月?-(\d{1,2})月(份)?$/))) {
    const from = Number(m[1]);
    const to = Number(m[2]);
    // Only spans from January are cumulative values as the bureau publishes them.
    if (from !== 1 || to < from) return null;
    return month(year, to, to > 1);
  }
  if ((m = rest.match(/^(\d{1,2})月(份)?$/))) return month(year, Number(m[1]), false);
  if ((m = rest.match(/^(第)?([一二三四1-4])季(度)?$/))) return quarter(year, smallNumber(m[2]), false);
  if ((m = rest.match(/^Q([1-4])$/i))) return quarter(year, Number(m[1]), false);
  if ((m = rest.match(/^([一1])-([一二三四1-4])季(度)?$/))) return quarter(year, smallNumber(m[2]), true);
  if (rest === '上半年') return quarter(year, 2, true);
  if ((m = rest.match(/^前([一二三四1-4])(个)?季(度)?$/))) {
    const q = smallNumber(m[1]);
    return quarter(year, q, q > 1);
  }
  if (rest === '全年' || rest === '年度' || rest === '') return { period: String(year), frequency: 'yearly', cumulative: false };
  return null;
}

/**
 * Parse a period label into its canonical key. Returns null when the label is not a period
 * (callers decide whether that is a problem: in a header row it just means "not a period column").
 */
export function parsePeriodLabel(label: string, context: PeriodContext = {}): ParsedPeriod | null {
  if (typeof label !== 'string') return null;
  const s = normalise(label);
  if (s === '' || s.length > 40) return null;
  let m: RegExpMatchArray | null;

  // Machine forms: 2025-03, 2025/3, 2025.03, 2025M03, 2025Q1, 2025-Q1, 2025
  if ((m = s.match(/^(\d{4})[-/.](\d{1,2})$/)) || (m = s.match(/^(\d{4})M(\d{1,2})$/i))) {
    return validYear(Number(m[1])) ? month(Number(m[1]), Number(m[2]), false) : null;
  }
  if ((m = s.match(/^(\d{4})-?Q([1-4])$/i))) return validYear(Number(m[1])) ? quarter(Number(m[1]), Number(m[2]), false) : null;
  if ((m = s.match(/^(\d{4})年?$/))) {
    const y = Number(m[1]);
    return validYear(y) ? { period: String(y), frequency: 'yearly', cumulative: false } : null;
  }
  // 2025-03-31 style dates written as text: the month they fall in.
  if ((m = s.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/))) {
    return validYear(Number(m[1])) ? month(Number(m[1]), Number(m[2]), false) : null;
  }

  // Chinese forms with the year: 2025年10月, 2025年1-10月, 2025年一季度, 2025年上半年, 2025年前三季度, 2025年全年
  if ((m = s.match(/^(\d{4})年(.*)$/))) {
    const y = Number(m[1]);
    if (!validYear(y)) return null;
    return parseWithinYear(m[2], y);
  }
  // A year from the header above.
  if (context.year !== undefined && validYear(context.year)) return parseWithinYear(s, context.year);
  return null;
}

function validYear(y: number): boolean {
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}

/**
 * `202510`: year and month run together, as some exports write a period column. Only for a column known to hold
 * periods (a long table's, a periods-down table's): in a header row or among values it would be a number.
 */
export function parseCompactMonth(label: string): ParsedPeriod | null {
  const m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(label.trim());
  return m && validYear(Number(m[1])) ? month(Number(m[1]), Number(m[2]), false) : null;
}

/** `2025年` / `2025` / `2025年度` on its own: a year header over sub-period columns. */
export function parseYearHeader(label: string): number | null {
  if (typeof label !== 'string') return null;
  const m = normalise(label).match(/^(\d{4})(年|年度)?$/);
  if (!m) return null;
  const y = Number(m[1]);
  return validYear(y) ? y : null;
}

/** The months a cumulative key runs over, e.g. `2025-Q3` → 9. Used to tell `1-2月` (combined release) from real spans. */
export function monthsCovered(p: ParsedPeriod): number {
  if (p.frequency === 'yearly') return 12;
  if (p.frequency === 'quarterly') return p.cumulative ? Number(p.period.slice(-1)) * 3 : 3;
  return p.cumulative ? Number(p.period.slice(5, 7)) : 1;
}

/** Excel serial day number (1900 date system) to a `YYYY-MM` key; null if outside sane years. */
export function excelSerialToMonth(serial: number): PeriodKey | null {
  if (!Number.isFinite(serial) || serial < 1) return null;
  // Serial 25569 is 1970-01-01; Excel's fictitious 1900-02-29 only shifts dates before March 1900.
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (!validYear(y)) return null;
  return `${y}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
