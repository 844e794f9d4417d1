// Exports the grid as the analyst sees it (filtered rows, column order) to a styled one-sheet workbook:
// title, frozen header with units, number formats by column type, status cells coloured.

import ExcelJS from 'exceljs';
import { STATUS_LABELS, STATUSES, type Status } from '../../shared/variance/types';
import type { GridView, GridViewColumn } from '../../shared/export/types';
import { formatTimestampZh } from '../../shared/format/chinese';
import {
  fitWidth,
  fitWrappedRowHeights,
  FONT_NAME,
  freezeBelowHeader,
  levelFormat,
  setPrintLayout,
  STATUS_STYLE,
  statusFill,
  styleBodyCell,
  writeHeaderRow,
  writeTitleRows,
} from './sheetStyle';

const HEADER_ROW = 3;

/** Sheet names may not hold `\ / ? * [ ] :` and are at most 31 characters. */
export function safeSheetName(title: string): string {
  const cleaned = title.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31);
  return cleaned === '' ? '表格' : cleaned;
}

/** The header, with the unit when one unit holds for the whole column and the cells do not show it. */
export function headerWithUnit(column: GridViewColumn): string {
  // Percent and 个百分点 cells carry their unit in the number format; a per-row unit is in each cell's format.
  if (column.unitField || column.type === 'percent' || column.type === 'pp') return column.unit && column.unit !== '%' && column.unit !== '个百分点' ? `${column.headerName}(${column.unit})` : column.headerName;
  return column.unit ? `${column.headerName}(${column.unit})` : column.headerName;
}

/** Excel's percent: the grid's 4.4 (in %) is the number 0.044 shown as `4.4%`, so formulas compute with it. */
export const PERCENT_FORMAT = '0.0%';
/** A difference of rates: the number −5.6 shown as `-5.6个百分点`. */
export const PP_UNIT_FORMAT = '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"';

const asFraction = (percent: number) => Number((percent / 100).toPrecision(12));

/** A unit as literal text in a number format (quotes and backslashes cannot appear inside one). */
function quotedUnit(unit: string): string {
  const clean = unit.replace(/["\\]/g, '').trim();
  return clean === '' ? '' : `"${clean}"`;
}

/**
 * A number with its own unit: `%` → Excel percent, `个百分点` → the pp format, any other unit → the figure with
 * as many decimals as it carries and the unit after it (`10.35"亿吨"`). Returns the value to store and its format.
 */
export function unitCell(value: number, unit: string | null | undefined, signed: boolean): { value: number; numFmt: string } {
  const u = (unit ?? '').trim();
  if (u === '%') return { value: asFraction(value), numFmt: signed ? '+0.0%;-0.0%;0.0%' : PERCENT_FORMAT };
  if (u === '个百分点' || u === 'pp') return { value, numFmt: PP_UNIT_FORMAT };
  const base = levelFormat([value], 2);
  const q = quotedUnit(u);
  return { value, numFmt: signed ? `+${base}${q};-${base}${q};${base}${q}` : `${base}${q}` };
}

const STATUS_BY_TEXT = new Map<string, Status>(STATUSES.flatMap((s) => [[s, s] as [string, Status], [STATUS_LABELS[s].zh, s] as [string, Status]]));

/** A cell value by column type; anything that is not a finite number in a numeric column is written as text. */
function cellValue(column: GridViewColumn, raw: unknown): string | number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (column.type === 'status') {
    const status = STATUS_BY_TEXT.get(String(raw));
    return status ? STATUS_LABELS[status].zh : String(raw);
  }
  if (column.type === 'text' || column.type === 'date') return String(raw);
  return typeof raw === 'number' && Number.isFinite(raw) ? raw : String(raw);
}

function numberFormat(column: GridViewColumn, values: unknown[]): string | undefined {
  switch (column.type) {
    case 'integer':
      return '#,##0';
    case 'number':
      return levelFormat(values.filter((v): v is number => typeof v === 'number'));
    case 'percent':
      return PERCENT_FORMAT;
    case 'pp':
      return PP_UNIT_FORMAT;
    default:
      return undefined;
  }
}

export async function writeGridViewWorkbook(view: GridView, filePath: string): Promise<{ sheets: string[]; rows: number }> {
  const workbook = buildGridViewWorkbook(view);
  await workbook.xlsx.writeFile(filePath);
  return { sheets: workbook.worksheets.map((s) => s.name), rows: view.rows.length };
}

export async function gridViewWorkbookBytes(view: GridView): Promise<Uint8Array> {
  return new Uint8Array((await buildGridViewWorkbook(view).xlsx.writeBuffer()) as ArrayBuffer);
}

function buildGridViewWorkbook(view: GridView): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Plan Workbench 计划执行分析工作台';
  const sheet = workbook.addWorksheet(safeSheetName(view.title));
  const columns = view.columns;
  writeTitleRows(sheet, view.title, view.subtitle ?? `导出时间：${formatTimestampZh(new Date().toISOString())}　共 ${view.rows.length} 行`, columns.length);
  writeHeaderRow(sheet, HEADER_ROW, columns.map(headerWithUnit));
  const formats = columns.map((c) => numberFormat(c, view.rows.map((r) => r[c.field])));

  view.rows.forEach((source, i) => {
    const row = sheet.getRow(HEADER_ROW + 1 + i);
    columns.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      const value = cellValue(column, source[column.field]);
      let stored: string | number | null = value;
      let numFmt = typeof value === 'number' ? formats[c] : undefined;
      if (typeof value === 'number' && column.unitField) {
        const withUnit = unitCell(value, source[column.unitField] as string | null | undefined, column.type === 'pp');
        stored = withUnit.value;
        numFmt = withUnit.numFmt;
      } else if (typeof value === 'number' && column.type === 'percent') stored = asFraction(value);
      // Grid text is user or file content: a plain string cell, never a formula.
      cell.value = stored;
      styleBodyCell(cell, { numFmt, align: typeof value === 'number' ? 'right' : undefined, wrap: column.type === 'text' });
      if (column.type === 'status') {
        const status = STATUS_BY_TEXT.get(String(source[column.field]));
        if (status) {
          cell.fill = statusFill(status);
          cell.font = { name: FONT_NAME, size: 10, bold: true, color: { argb: STATUS_STYLE[status].font } };
          cell.alignment = { horizontal: 'center', vertical: 'top' };
        }
      }
    });
  });
  columns.forEach((column, c) => {
    const texts = [headerWithUnit(column), ...view.rows.slice(0, 500).map((r) => String(cellValue(column, r[column.field]) ?? ''))];
    sheet.getColumn(c + 1).width = fitWidth(texts, 6, column.type === 'text' ? 40 : 18);
  });
  fitWrappedRowHeights(sheet, HEADER_ROW + 1);
  freezeBelowHeader(sheet, HEADER_ROW, 0, Math.max(columns.length, 1));
  setPrintLayout(sheet, HEADER_ROW);
  return workbook;
}
