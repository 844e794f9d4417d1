// The grid mapper reads the common value cell (a finite number in a format that is not a percent) without asking
// readValueCell (layouts/gridTable.ts): every cell must still read as readValueCell reads it — the same value, bit
// for bit, or the same problem, or nothing — whatever its type, value and number format.
import { describe, expect, it } from 'vitest';
import { cellOf, isGridMapping } from '../../shared/import/mapping';
import { detectLayout } from '../../electron/import/detectLayout';
import { applyGridMapping } from '../../electron/import/layouts/gridTable';
import { percentFormatCache, readValueCell } from '../../electron/import/layouts/valueCell';
import { cellAddress } from '../../shared/sheet/cellAddress';
import type { SheetCell, WorkbookSheet } from '../../electron/import/readWorkbook';

const FORMATS: (string | number | undefined)[] = [undefined, 'General', '0.0', '0.0%', '0.00%', '"%"0', 'yyyy-mm', '#,##0.00', 10, 9];
const NUMBERS = [0, -0, 1, -1.5, 0.1 + 0.2, 1234.5, 5e-324, 1e15, 1e16, -1e300, Number.MAX_VALUE, NaN, Infinity, -Infinity];
const OTHERS: (SheetCell | undefined)[] = [
  undefined,
  { t: 's', v: '12.5' },
  { t: 's', v: '8.1%' },
  { t: 's', v: '…' },
  { t: 's', v: '约5' },
  { t: 's', v: '=1+1' },
  { t: 's', v: '' },
  { t: 'b', v: true },
  { t: 'e', v: 7 },
  { t: 'z' },
  { t: 'n' },
  { t: 'n', v: '12' },
  { t: 'd', v: 45000 },
];

/** Every number in every format, then the other kinds of cell, laid out over rows of `width` period columns. */
function cells(): (SheetCell | undefined)[] {
  const out: (SheetCell | undefined)[] = [];
  for (const z of FORMATS) for (const v of NUMBERS) out.push(z === undefined ? { t: 'n', v } : { t: 'n', v, z });
  return [...out, ...OTHERS];
}

function sheetOf(width: number, unit: string): WorkbookSheet {
  const all = cells();
  const header: (SheetCell | undefined)[] = [{ t: 's', v: '指标' }];
  for (let p = 0; p < width; p++) header.push({ t: 's', v: `2025年${12 - p}月` });
  const rows: (SheetCell | undefined)[][] = [[{ t: 's', v: '地区：示例省' }], header];
  for (let i = 0, s = 0; i < all.length; i += width, s++) {
    const row: (SheetCell | undefined)[] = [{ t: 's', v: `示例指标${s}当期值(${unit})` }];
    for (let p = 0; p < width; p++) row[p + 1] = all[i + p];
    rows.push(row);
  }
  // A first data row of plain numbers, so detection finds the table whatever the cells below it.
  rows.splice(2, 0, [{ t: 's', v: `首行指标当期值(${unit})` }, ...Array.from({ length: width }, (_, p): SheetCell => ({ t: 'n', v: p + 1 }))]);
  return { name: '表1', rows, merges: [], csv: false };
}

describe('grid value cells', () => {
  for (const unit of ['万吨', '%']) {
    it(`read as readValueCell reads them (unit ${unit})`, () => {
      const width = 6;
      const sheet = sheetOf(width, unit);
      const rows = sheet.rows.map((r) => [...r]);
      const mapping = detectLayout(sheet).mapping!;
      expect(isGridMapping(mapping)).toBe(true);
      if (!isGridMapping(mapping)) return;
      const result = applyGridMapping(sheet, mapping, 'cells.xlsx', { measure: 'monthly' });
      const observed = new Map<string, number>();
      for (const s of result.series) for (const o of s.observations) observed.set(cellOf(o), o.value);
      const problems = new Map(result.problems.map((p) => [p.cell, p.code]));
      const isPercent = percentFormatCache();
      let numbers = 0;
      for (let r = mapping.firstDataRow; r <= mapping.lastDataRow; r++) {
        for (const col of mapping.periodColumns) {
          const at = cellAddress(r, col.column);
          const got = readValueCell(rows[r][col.column], isPercent);
          if (got.kind === 'missing') {
            expect(observed.has(at) || problems.has(at), at).toBe(false);
          } else if (got.kind === 'problem') {
            expect(problems.get(at), at).toBe(got.code);
            expect(observed.has(at), at).toBe(false);
          } else if (got.percent && unit !== '%') {
            // A percent in a row of another unit: the mapper's own refusal, the same either way.
            expect(problems.get(at), at).toBe('percent_unit');
          } else {
            numbers++;
            expect(observed.has(at), at).toBe(true);
            expect(Object.is(observed.get(at), got.value), `${at}: ${observed.get(at)} vs ${got.value}`).toBe(true);
          }
        }
      }
      expect(numbers).toBeGreaterThan(80);
    });
  }
});
