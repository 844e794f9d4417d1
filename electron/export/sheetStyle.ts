// The look shared by every exported sheet: fonts, title rows, header rows, borders, status fills and
// column widths that fit Chinese text, so each sheet reads as if an analyst had formatted it.

import { isPlausibleNumber } from '../../shared/boundary/safeValues';
import type ExcelJS from 'exceljs';
import type { Status } from '../../shared/variance/types';
import { displayWidth } from '../../shared/format/chinese';
import { cellAddress as a1, columnName } from '../../shared/sheet/cellAddress';

export const FONT_NAME = '微软雅黑';

const THIN = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
export const CELL_BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
/** Light yellow marks the cells a colleague may edit and send back. */
export const EDITABLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E5' } };
export const EDITABLE_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF7F6000' } };

/**
 * Status fills in the Office "good / neutral / bad" family: light backgrounds with dark text of the same hue,
 * and the status written in the cell, so the meaning survives a grey-scale printout.
 */
export const STATUS_STYLE: Record<Status, { fill: string; font: string }> = {
  met: { fill: 'FFC6EFCE', font: 'FF006100' },
  on_track: { fill: 'FFDDEBF7', font: 'FF1F4E79' },
  at_risk: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  off_track: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  no_data: { fill: 'FFEDEDED', font: 'FF595959' },
};

export function statusFill(status: Status): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: STATUS_STYLE[status].fill } };
}

/** Row 1: the sheet's title across the used columns; row 2: a line of context (cut-off, definitions). */
export function writeTitleRows(sheet: ExcelJS.Worksheet, title: string, subtitle: string, columnCount: number): void {
  const last = Math.max(columnCount, 1);
  sheet.mergeCells(1, 1, 1, last);
  const titleCell = sheet.getCell(1, 1);
  titleCell.value = title;
  titleCell.font = { name: FONT_NAME, size: 14, bold: true };
  titleCell.alignment = { vertical: 'middle', horizontal: 'left' };
  sheet.getRow(1).height = 26;
  sheet.mergeCells(2, 1, 2, last);
  const subtitleCell = sheet.getCell(2, 1);
  subtitleCell.value = subtitle;
  subtitleCell.font = { name: FONT_NAME, size: 9, color: { argb: 'FF595959' } };
  subtitleCell.alignment = { vertical: 'middle', horizontal: 'left' };
  sheet.getRow(2).height = 18;
}

/** A header row: white bold text on dark blue, wrapped, with editable columns in a darker gold. */
export function writeHeaderRow(sheet: ExcelJS.Worksheet, rowNumber: number, headers: string[], editable: boolean[] = []): void {
  const row = sheet.getRow(rowNumber);
  headers.forEach((header, i) => {
    const cell = row.getCell(i + 1);
    cell.value = header;
    cell.font = { name: FONT_NAME, size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = editable[i] ? EDITABLE_HEADER_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = CELL_BORDER;
  });
  row.height = 30;
}

/** Freeze the rows down to the header and the first `columns` columns, and put a filter on the header. */
export function freezeBelowHeader(sheet: ExcelJS.Worksheet, headerRow: number, columns: number, columnCount: number): void {
  sheet.views = [{ state: 'frozen', xSplit: columns, ySplit: headerRow, topLeftCell: cellAddress(headerRow + 1, columns + 1), activeCell: cellAddress(headerRow + 1, 1) }];
  sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: columnCount } };
}

export function styleBodyCell(cell: ExcelJS.Cell, options: { numFmt?: string; wrap?: boolean; align?: 'left' | 'right' | 'center'; fill?: ExcelJS.Fill } = {}): void {
  // Every body cell of every export passes here: a number that is not finite (a rate over a zero base) or beyond
  // any statistic is never written (exceljs would write `<v>Infinity</v>`, which Excel reports as a damaged file);
  // the cell is left empty, as for a figure that does not exist.
  if (typeof cell.value === 'number' && !isPlausibleNumber(cell.value)) cell.value = null;
  cell.font = { name: FONT_NAME, size: 10 };
  cell.border = CELL_BORDER;
  cell.alignment = { vertical: 'top', horizontal: options.align, wrapText: options.wrap ?? false };
  if (options.numFmt) cell.numFmt = options.numFmt;
  if (options.fill) cell.fill = options.fill;
}

/**
 * Column width in Excel's units (about one Latin digit): the widest of header and values, CJK counting two,
 * clamped so one long quote does not make a column a screen wide (those columns wrap instead).
 */
export function fitWidth(texts: Iterable<string>, min: number, max: number): number {
  let widest = 0;
  for (const t of texts) {
    for (const line of t.split('\n')) widest = Math.max(widest, displayWidth(line));
  }
  return Math.min(max, Math.max(min, Math.ceil(widest * 1.1) + 2));
}

/** Landscape A4, one page wide, header rows repeated on each printed page. */
export function setPrintLayout(sheet: ExcelJS.Worksheet, headerRow: number, landscape = true): void {
  sheet.pageSetup = {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    printTitlesRow: `${headerRow}:${headerRow}`,
  };
  sheet.headerFooter = { oddFooter: '&C第 &P 页 / 共 &N 页' };
}

/** ExcelJS counts rows and columns from 1: `(1, 1)` → `A1`. */
export function cellAddress(row: number, column: number): string {
  return a1(row - 1, column - 1);
}

/** ExcelJS counts columns from 1: `1` → `A`. */
export function columnLetter(column: number): string {
  return columnName(column - 1);
}

/** Number format for a level with as many decimals as the figures carry (at most `cap`), thousands grouped. */
export function levelFormat(values: Iterable<number | null | undefined>, cap = 2, signed = false): string {
  let decimals = 0;
  for (const v of values) {
    if (v == null || !Number.isFinite(v)) continue;
    decimals = Math.max(decimals, decimalsOf(v, cap));
  }
  const body = decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
  return signed ? `+${body};-${body};${body}` : body;
}

/** Decimal places a figure carries as written (12.30 → 1), at most `cap`. */
export function decimalsOf(value: number, cap: number): number {
  for (let d = 0; d < cap; d++) {
    if (Math.abs(Number(value.toFixed(d)) - value) < 1e-9 * Math.max(1, Math.abs(value))) return d;
  }
  return cap;
}

export const RATE_FORMAT = '0.0';
export const PP_FORMAT = '+0.0;-0.0;0.0';

/**
 * Row heights for wrapped text. Excel and LibreOffice do not grow a row written without a height when it
 * opens, so a wrapped provenance line would show one line and hide the rest; estimate the lines instead.
 */
export function fitWrappedRowHeights(sheet: ExcelJS.Worksheet, firstRow: number, lineHeight = 14): void {
  for (let r = firstRow; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    let lines = 1;
    row.eachCell((cell, col) => {
      if (!cell.alignment?.wrapText || typeof cell.value !== 'string' || cell.isMerged) return;
      const width = Math.max(4, (sheet.getColumn(col).width ?? 10) - 1);
      const count = cell.value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / width)), 0);
      lines = Math.max(lines, count);
    });
    if (lines > 1) row.height = Math.min(409, lines * lineHeight + 3);
  }
}
