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
