// What may cross a boundary (a file's cells, a grid edit, a call's arguments, a returned workbook, an export):
// finite numbers within the range of any real statistic, and text without control characters. One definition,
// used by the importers, the contract schemas, the grid's field check and the workbook readers and writers, so a
// value refused in one place is refused in all of them.

/**
 * The largest magnitude any statistic or target can have. China's GDP in 元 is about 1.3e14; a value beyond
 * 1e15 (in whatever unit) is a typo, an overflow (`1e309` → Infinity) or a hostile file, never a figure.
 */
export const MAX_PLAUSIBLE_MAGNITUDE = 1e15;

/** A finite number no larger in magnitude than any real statistic. */
export function isPlausibleNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_PLAUSIBLE_MAGNITUDE;
}

export const IMPLAUSIBLE_NUMBER_MESSAGE =
  '数值无效：不是有限数或超出任何统计数的范围（绝对值上限 1e15） / Not a valid number: not finite or beyond the range of any statistic (magnitude limit 1e15)';

/**
 * Control characters: C0 except tab, line feed and carriage return; DEL; C1; the byte-order/non-characters
 * U+FFFE and U+FFFF; bidirectional overrides that can make a name read differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffe\uffff]/;

/** Index of the first control character, or -1. */
export function findControlChar(text: string): number {
  const m = CONTROL_CHAR.exec(text);
  return m ? m.index : -1;
}

export function hasControlChars(text: string): boolean {
  return CONTROL_CHAR.test(text);
}

/**
 * Text read from a file (cells, plan documents) has its control characters removed: they carry no meaning in a
 * statistic or a plan sentence, and a NUL must never reach a series name. Form feed (a page break in text
 * exports of plans) becomes a line break. Typed arguments are refused instead (see `controlCharMessage`).
 */
export function stripControlChars(text: string): string {
  if (!CONTROL_CHAR.test(text)) return text;
  return text.replace(/\f/g, '\n').replace(CONTROL_CHARS, '');
}

/** The refusal for a typed argument holding a control character. */
export function controlCharMessage(text: string, field: { zh: string; en: string } = { zh: '文本', en: 'The text' }): string {
  const at = findControlChar(text);
  const code = at >= 0 ? `U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}` : '';
  return `${field.zh}含控制字符 ${code}（第 ${at + 1} 个字符），已拒绝 / ${field.en} contains the control character ${code} (character ${at + 1}); refused`;
}
