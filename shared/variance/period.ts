// Period keys as the analysis walks them: a year is 12 monthly, 4 quarterly or 1 yearly step, and a
// step ends on a calendar month, so a quarterly GDP series can be read "as of" a month.

import type { Frequency, PeriodKey } from '../domain/series';

export interface YearMonth {
  year: number;
  /** 1..12 */
  month: number;
}

export function stepsPerYear(frequency: Frequency): number {
  return frequency === 'monthly' ? 12 : frequency === 'quarterly' ? 4 : 1;
}

export function monthsPerStep(frequency: Frequency): number {
  return 12 / stepsPerYear(frequency);
}

function buildKey(year: number, step: number, frequency: Frequency): PeriodKey {
  if (frequency === 'monthly') return `${year}-${step < 10 ? '0' : ''}${step}`;
  if (frequency === 'quarterly') return `${year}-Q${step}`;
  return String(year);
}

// Keys are looked up thousands of times per analysis: build each year's keys once.
const KEY_TABLE = new Map<number, PeriodKey[]>();
const FREQUENCY_INDEX: Record<Frequency, number> = { monthly: 0, quarterly: 1, yearly: 2 };

/** The key of step `step` (1-based) of `year`: `2025-03`, `2025-Q1`, `2025`. */
export function periodKeyAt(year: number, step: number, frequency: Frequency): PeriodKey {
  const slot = year * 3 + FREQUENCY_INDEX[frequency];
  let keys = KEY_TABLE.get(slot);
  if (!keys) {
    keys = [];
    for (let s = 1; s <= stepsPerYear(frequency); s++) keys.push(buildKey(year, s, frequency));
    KEY_TABLE.set(slot, keys);
  }
  return keys[step - 1] ?? buildKey(year, step, frequency);
}

/** The last step of a year that has ended by the end of `month` (as of October: month 10, Q3, no year). */
export function lastCompleteStep(month: number, frequency: Frequency): number {
  return Math.floor(month / monthsPerStep(frequency));
}

/** The month a period ends in: `2025-10` → 2025/10, `2025-Q3` → 2025/9, `2025` → 2025/12; null if not a key. */
export function periodEnd(key: PeriodKey): YearMonth | null {
  const year = Number(key.slice(0, 4));
  if (!Number.isInteger(year) || year < 1000) return null;
  if (key.length === 4) return { year, month: 12 };
  if (key.length === 7 && key[4] === '-') {
    if (key[5] === 'Q') {
      const q = Number(key[6]);
      return q >= 1 && q <= 4 ? { year, month: q * 3 } : null;
    }
    const month = Number(key.slice(5));
    return Number.isInteger(month) && month >= 1 && month <= 12 ? { year, month } : null;
  }
  return null;
}

/** Months since year 0: makes months, quarters and years comparable by the month they end in. */
export function monthIndex(ym: YearMonth): number {
  return ym.year * 12 + ym.month - 1;
}

export function monthKeyOf(ym: YearMonth): PeriodKey {
  return periodKeyAt(ym.year, ym.month, 'monthly');
}

/** Whether a period covers the whole year (December, Q4 or the year itself): the figure is final. */
export function coversFullYear(key: PeriodKey): boolean {
  const end = periodEnd(key);
  return end !== null && end.month === 12;
}

/** A period key in Chinese, cumulative reading: `2025-10` → `2025年1-10月`, `2025-Q3` → `2025年前三季度`. */
export function cumulativeLabelZh(key: PeriodKey): string {
  const end = periodEnd(key);
  if (!end) return key;
  if (key.length === 4) return `${end.year}年`;
  if (key[5] === 'Q') return `${end.year}年${['一季度', '上半年', '前三季度', '全年'][end.month / 3 - 1]}`;
  return end.month === 1 ? `${end.year}年1月` : `${end.year}年1-${end.month}月`;
}

/** The same, in English: `Jan-Oct 2025`, `Q1-Q3 2025`. */
export function cumulativeLabelEn(key: PeriodKey): string {
  const end = periodEnd(key);
  if (!end) return key;
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  if (key.length === 4) return `${end.year}`;
  if (key[5] === 'Q') return end.month === 3 ? `Q1 ${end.year}` : `Q1-Q${end.month / 3} ${end.year}`;
  return end.month === 1 ? `Jan ${end.year}` : `Jan-${names[end.month - 1]} ${end.year}`;
}
