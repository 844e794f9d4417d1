// One value cell read as a number, as "not published" (missing), or flagged for the analyst with a reason.
// Nothing is guessed: `约5`, `12亿`, `=1+1` are flagged, never turned into numbers.
import { isPlausibleNumber } from '../boundary/safeValues';

export type CellValue =
  | { kind: 'number'; value: number; /** the text carried a `%` sign */ percent: boolean }
  | { kind: 'missing' }
  | { kind: 'flagged'; reason: string; code: CellValueProblem; text: string };

export type CellValueProblem = 'text' | 'formula_like' | 'not_finite' | 'boolean' | 'error_cell';

/** How offices write "not published". NFKC turns `…` into `...` and `－` into `-`, so both spellings are listed. */
const MISSING_MARKERS = new Set(['', '…', '……', '...', '......', '—', '——', '-', '--', '–', '－']);

// Thousands separators only in groups of three, so `1,2` (a European decimal or a typo) is not read as 12.
const NUMBER_TEXT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?%?$/;
const DECIMAL_ONLY = /^-?\.\d+%?$/;

export const REASONS = {
  text: '数值含文字，未导入 / The value contains text and was not imported',
  formula_like: '以 = + @ 开头的文本按文字处理，未作公式计算 / Text starting with = + @ is data, not a formula; not imported',
  not_finite: '数值无效：不是有限数或超出任何统计数的范围 / The number is not finite or beyond the range of any statistic',
  boolean: '逻辑值不是统计数 / A TRUE/FALSE cell is not a statistic',
  error_cell: '单元格为错误值 / The cell holds an error value',
} as const satisfies Record<CellValueProblem, string>;

function flagged(code: CellValueProblem, text: string): CellValue {
  return { kind: 'flagged', code, reason: REASONS[code], text };
}

/** Parse cell content already typed by the reader: numbers pass through, text is read strictly. */
export function parseCellValue(raw: unknown): CellValue {
  if (raw === null || raw === undefined) return { kind: 'missing' };
  if (typeof raw === 'number') {
    return isPlausibleNumber(raw) ? { kind: 'number', value: raw, percent: false } : flagged('not_finite', String(raw));
  }
  if (typeof raw === 'boolean') return flagged('boolean', String(raw));
  if (typeof raw !== 'string') return flagged('text', String(raw));
  return parseValueText(raw);
}

export function parseValueText(raw: string): CellValue {
  const s = raw.normalize('NFKC').replace(/[\s\u00a0\u3000]+/g, '');
  if (MISSING_MARKERS.has(s)) return { kind: 'missing' };
  const first = s[0];
  if (first === '=' || first === '@' || first === '+') return flagged('formula_like', raw);
  if (NUMBER_TEXT.test(s) || DECIMAL_ONLY.test(s)) {
    const percent = s.endsWith('%');
    const value = Number((percent ? s.slice(0, -1) : s).replace(/,/g, ''));
    return isPlausibleNumber(value) ? { kind: 'number', value, percent } : flagged('not_finite', raw);
  }
  // `-abc` and the like: a leading minus on text is still text.
  return flagged('text', raw);
}

/** Scale a fraction shown with a percent format (0.081 shown as 8.1%) to percent units, without binary noise. */
export function fractionToPercent(value: number): number {
  return Number((value * 100).toPrecision(12));
}
