// Small readers over a dense sheet: cell text, A1 references, row classification (footer, totals, blank).

import { cellAddress, columnName } from '../../shared/sheet/cellAddress';
import type { SheetCell, WorkbookSheet } from './readWorkbook';

/** `0` → `A`, `26` → `AA` (the shared implementation). */
export { columnName };

/** The A1 address of a 0-based row and column. */
export const a1 = cellAddress;

export function cellAt(sheet: WorkbookSheet, r: number, c: number): SheetCell | undefined {
  const row = sheet.rows[r];
  return row ? row[c] : undefined;
}

/** The text a cell shows, trimmed; '' for empty, error and stub cells. */
export function cellText(cell: SheetCell | undefined): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'e' || cell.t === 'z') return '';
  if (cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  return String(cell.v).trim();
}

/**
 * How far a label cell is indented by the spaces it begins with, in half-width spaces (a full-width space counts
 * two, a tab four). Statistical tables show the parts of a total (其中 rows) indented this way; cellText trims the
 * spaces off, so the indent is read here, from the text as written.
 */
export function labelIndent(cell: SheetCell | undefined): number {
  if (!cell || typeof cell.v !== 'string') return 0;
  let width = 0;
  for (const ch of cell.v) {
    if (ch === ' ' || ch === '\u00a0') width += 1;
    else if (ch === '\u3000') width += 2;
    else if (ch === '\t') width += 4;
    else break;
  }
  return width;
}

export function textAt(sheet: WorkbookSheet, r: number, c: number): string {
  return cellText(cellAt(sheet, r, c));
}

export function rowIsBlank(sheet: WorkbookSheet, r: number): boolean {
  const row = sheet.rows[r];
  if (!row) return true;
  for (const cell of row) if (cellText(cell) !== '') return false;
  return true;
}

/** `注：…`, `数据来源：…`: the notes under a table, where the table ends. */
const FOOTER = /^(注|附注|说明|备注|数据来源|资料来源|来源)\s*[:：]|^注\s*\d*\s*[:：.、]|^\*?注[:：]/;
export function isFooterLabel(text: string): boolean {
  return FOOTER.test(text.normalize('NFKC').trim());
}

/** Totals rows are derived from the rows above, not indicators of their own. */
const TOTALS = /^(合计|总计|小计|全省合计|全区合计|全市合计|总合计|total|sum)$/i;
export function isTotalsLabel(text: string): boolean {
  return TOTALS.test(text.normalize('NFKC').replace(/[\s\u3000]+/g, ''));
}

/** `地区：内蒙古自治区` in the title rows above an NBS table (or the nation, for the national databases). */
export function regionFromTitleRows(sheet: WorkbookSheet, beforeRow: number): string | null {
  const title = titleRows(sheet, beforeRow);
  return title.region;
}

export interface TitleRows {
  /** `数据库：分省月度数据` → `分省月度数据`. */
  database: string | null;
  /** `地区：…`, or `全国` for the NBS national databases (`月度数据`, `季度数据`, `年度数据`). */
  region: string | null;
  /** `指标：居民消费价格指数(上年同月=100)`: the one indicator of a by-region table. */
  indicator: string | null;
  /** Row of the `指标：` cell, for its cell reference. */
  indicatorCell: { r: number; c: number } | null;
}

/** NBS national databases name no region: their figures are the nation's. */
const NATIONAL_DATABASE = /^(月度|季度|年度)数据$/;

/** The `键：值` rows above a table, as the NBS portal writes them. */
export function titleRows(sheet: WorkbookSheet, beforeRow: number): TitleRows {
  const out: TitleRows = { database: null, region: null, indicator: null, indicatorCell: null };
  for (let r = 0; r < Math.min(beforeRow, sheet.rows.length); r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    for (let c = 0; c < Math.min(row.length, 5); c++) {
      const m = cellText(row[c]).normalize('NFKC').match(/^(数据库|地区|指标)[:：]\s*(.{1,200})$/);
      if (!m) continue;
      const value = m[2].trim();
      if (m[1] === '数据库' && out.database === null) out.database = value;
      else if (m[1] === '地区' && out.region === null) out.region = value.slice(0, 100);
      else if (m[1] === '指标' && out.indicator === null) {
        out.indicator = value;
        out.indicatorCell = { r, c };
      }
    }
  }
  if (out.region === null && out.database !== null && NATIONAL_DATABASE.test(out.database)) out.region = '全国';
  return out;
}

/** Regions as the NBS and provincial bureaus name them: provinces, autonomous regions, the nation, cities, leagues. */
const REGION_NAME = /^(全国|全省|全区|全市|北京|天津|上海|重庆)$|(省|市|自治区|特别行政区|地区|自治州|盟|州|县|区|旗)$/;
export function looksLikeRegion(text: string): boolean {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  return t.length >= 2 && t.length <= 20 && REGION_NAME.test(t) && !/[\d()（）%]/.test(t);
}

/** Cells of a merged range other than its top-left corner read as that corner (merged headers). */
export function mergedOrigin(sheet: WorkbookSheet, r: number, c: number): { r: number; c: number } {
  for (const m of sheet.merges) {
    if (r >= m.s.r && r <= m.e.r && c >= m.s.c && c <= m.e.c) return { r: m.s.r, c: m.s.c };
  }
  return { r, c };
}

/** Index of the last row with any content. */
export function findLastRow(sheet: WorkbookSheet): number {
  for (let r = sheet.rows.length - 1; r >= 0; r--) if (!rowIsBlank(sheet, r)) return r;
  return -1;
}
