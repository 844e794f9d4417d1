// Spreadsheet cell addresses (`A1`, `AB12`), the one implementation for the readers, the exporters and the
// renderer. Indices are 0-based here (row 0, column 0 is `A1`); callers with 1-based numbers (ExcelJS)
// convert at their edge.

const NAMES: string[] = [];

/** `0` → `A`, `25` → `Z`, `26` → `AA`, `701` → `ZZ`, `702` → `AAA` (bijective base 26). Cached: the same
 * columns are named for every row of a large sheet. */
export function columnName(column: number): string {
  if (!Number.isInteger(column) || column < 0) throw new RangeError(`列号无效 / Invalid column index: ${column}`);
  let name = NAMES[column];
  if (name === undefined) {
    name = '';
    for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    if (column < 16384) NAMES[column] = name; // Excel's last column is XFD (16383)
  }
  return name;
}

/** `(0, 0)` → `A1`, `(9, 27)` → `AB10`. */
export function cellAddress(row: number, column: number): string {
  return columnName(column) + (row + 1);
}

/**
 * `AB10` → `{ row: 9, column: 27 }`; null for anything that is not a plain A1 address: one to three capitals, then
 * a row number of one to seven digits without a leading zero (/^([A-Z]{1,3})([1-9]\d{0,6})$/, read by character
 * codes: an import of a million cells reads a million of them).
 */
export function parseCellAddress(ref: string): { row: number; column: number } | null {
  const n = ref.length;
  let i = 0;
  let column = 0;
  for (; i < n && i < 4; i++) {
    const ch = ref.charCodeAt(i);
    if (ch < 65 || ch > 90) break;
    column = column * 26 + (ch - 64);
  }
  if (i === 0 || i > 3) return null;
  const digits = n - i;
  if (digits < 1 || digits > 7) return null;
  let row = 0;
  for (let j = i; j < n; j++) {
    const ch = ref.charCodeAt(j);
    if (ch < 48 || ch > 57 || (j === i && ch === 48)) return null;
    row = row * 10 + (ch - 48);
  }
  return { row: row - 1, column: column - 1 };
}
