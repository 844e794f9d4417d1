// A1 addresses: one implementation for the readers, the exporters and the renderer.
import { describe, expect, it } from 'vitest';
import { cellAddress, columnName, parseCellAddress } from '../../shared/sheet/cellAddress';
import { cellAddress as excelAddress, columnLetter } from '../../electron/export/sheetStyle';
import { a1 } from '../../electron/import/grid';
import { columnLetter as rendererColumn } from '../../renderer/import/mappingDraft';

describe('cell addresses', () => {
  it('names columns in bijective base 26 up to Excel’s last column', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702, 16383].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
    expect(() => columnName(-1)).toThrow(/Invalid column index/);
    expect(() => columnName(1.5)).toThrow(/Invalid column index/);
  });

  it('round-trips every column and a spread of rows', () => {
    for (let c = 0; c < 16384; c++) expect(parseCellAddress(cellAddress(c * 61 % 1_048_576, c))).toEqual({ row: c * 61 % 1_048_576, column: c });
    expect(cellAddress(9, 27)).toBe('AB10');
  });

  it('refuses what is not a plain A1 address', () => {
    for (const bad of ['', 'A', '1', 'A0', 'a1', '$A$1', 'A1:B2', 'AAAA1', 'A01', 'Sheet1!A1']) expect(parseCellAddress(bad), bad).toBeNull();
  });

  it('is what the import grid, the workbook writer (1-based) and the renderer use', () => {
    expect(a1(0, 0)).toBe('A1');
    expect(excelAddress(1, 1)).toBe('A1');
    expect(excelAddress(12, 28)).toBe('AB12');
    expect(columnLetter(703)).toBe('AAA');
    expect(rendererColumn(27)).toBe('AB');
  });
});

describe('parseCellAddress read by character codes', () => {
  // The pattern it replaces, kept here as the specification.
  const byPattern = (ref: string) => {
    const m = /^([A-Z]{1,3})([1-9]\d{0,6})$/.exec(ref);
    if (!m) return null;
    let column = 0;
    for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, column: column - 1 };
  };

  it('answers what the pattern answers, for addresses and near-misses alike', () => {
    const refs = ['A1', 'Z9', 'AA10', 'XFD1048576', 'ZZZ9999999', 'ZZZ10000000', 'AAAA1', 'A0', 'A01', 'A', '1', '', 'a1', 'A1 ', ' A1', 'A-1', 'A1.5', 'Ä1', 'A\u00001', '@1', '[1', 'A/', 'A:', 'B2:C3', '$A$1', 'A12345678'];
    for (let c = 0; c < 800; c += 7) for (const r of [0, 8, 9, 99, 12345, 9_999_998]) refs.push(cellAddress(r, c));
    for (const ref of refs) expect(parseCellAddress(ref), JSON.stringify(ref)).toEqual(byPattern(ref));
  });
});
