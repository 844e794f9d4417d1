// Detects the wide layout: one header row of self-contained period labels (`2025年6月`, newest first in NBS
// exports), indicator names with the unit in brackets in a column to the left, footnotes below.

import type { GridMapping, PeriodColumn } from '../../../shared/import/mapping';
import { parsePeriodLabel } from '../../../shared/import/period';
import { cellText, looksLikeRegion, mergedOrigin, textAt, titleRows } from '../grid';
import type { WorkbookSheet } from '../readWorkbook';
import { findDataEnd, findLabelColumn, findUnitColumn } from './gridTable';
import { percentFormatCache, readValueCell } from './valueCell';

export const HEADER_SCAN_ROWS = 30;

/** Period columns of one header row, read without any context (each label names its own year). */
export function selfContainedPeriods(sheet: WorkbookSheet, r: number): PeriodColumn[] {
  const row = sheet.rows[r];
  if (!row) return [];
  const columns: PeriodColumn[] = [];
  for (let c = 0; c < row.length; c++) {
    const label = cellText(row[c]);
    if (label === '') continue;
    const p = parsePeriodLabel(label);
    if (p) columns.push({ column: c, label, ...p });
  }
  return columns;
}

/** A `地区` / `区域` / `省份` header beside the names. */
const REGION_HEADER = /^(地区|区域|省份|地区名称|省市|盟市)$/;

function columnHasText(sheet: WorkbookSheet, c: number, firstDataRow: number, lastDataRow: number): boolean {
  for (let r = firstDataRow; r <= Math.min(lastDataRow, firstDataRow + 50); r++) {
    const t = textAt(sheet, r, c);
    if (t !== '' && !/^[-+]?[\d.,]+$/.test(t)) return true;
  }
  return false;
}

/** A `口径` / `指标口径` / `统计口径` header: the column saying each row's measure. */
const MEASURE_HEADER = /口径$/;
/** `累计同比（最新）`, `最新累计增长`: the row's latest cumulative growth, beside the period columns. */
function isLatestHeader(text: string): boolean {
  const t = text.normalize('NFKC');
  return /最新/.test(t) && /同比|增长|增速/.test(t);
}

function headerText(sheet: WorkbookSheet, headerRows: number[], c: number): string {
  for (const r of headerRows) {
    const o = mergedOrigin(sheet, r, c);
    const t = textAt(sheet, o.r, o.c).replace(/[\s\u3000]+/g, '');
    if (t !== '') return t;
  }
  return '';
}

/** Most label cells name regions (北京市 … 新疆维吾尔自治区): the rows are regions, not indicators. */
function labelsAreRegions(sheet: WorkbookSheet, labelColumn: number, firstDataRow: number, lastDataRow: number): boolean {
  let regions = 0;
  let filled = 0;
  for (let r = firstDataRow; r <= Math.min(lastDataRow, firstDataRow + 100); r++) {
    const t = textAt(sheet, r, labelColumn);
    if (t === '') continue;
    filled++;
    if (looksLikeRegion(t)) regions++;
  }
  return filled > 0 && regions / filled >= 0.8;
}

/** Do the cells under the period columns hold numbers (most of those filled)? */
function numbersUnder(sheet: WorkbookSheet, columns: PeriodColumn[], firstDataRow: number, lastDataRow: number): boolean {
  const isPercent = percentFormatCache();
  let filled = 0;
  let numbers = 0;
  for (let r = firstDataRow; r <= Math.min(lastDataRow, firstDataRow + 50); r++) {
    for (const p of columns.slice(0, 40)) {
      const got = readValueCell(sheet.rows[r]?.[p.column], isPercent);
      if (got.kind === 'missing') continue;
      filled++;
      if (got.kind === 'number') numbers++;
    }
  }
  return filled === 0 || numbers / filled >= 0.5;
}

/** Finish a grid mapping once the header rows and period columns are known; null if no indicator rows follow. */
export function completeGridMapping(
  sheet: WorkbookSheet,
  headerRow: number,
  yearRow: number | null,
  periodColumns: PeriodColumn[],
): GridMapping | null {
  const firstPeriodColumn = Math.min(...periodColumns.map((p) => p.column));
  if (firstPeriodColumn === 0) return null;
  const firstDataRow = headerRow + 1;
  const lastDataRow = findDataEnd(sheet, firstDataRow);
  if (lastDataRow < firstDataRow) return null;
  // Dates in a row of metadata (起始日期, 更新时间) look like a header of periods: the cells below must be numbers.
  if (!numbersUnder(sheet, periodColumns, firstDataRow, lastDataRow)) return null;
  const headerRows = yearRow === null ? [headerRow] : [headerRow, yearRow];
  const periodSet = new Set(periodColumns.map((p) => p.column));
  const width = Math.max(...headerRows.map((r) => sheet.rows[r]?.length ?? 0));
  let measureColumn: number | null = null;
  let latestColumn: number | null = null;
  let regionColumn: number | null = null;
  for (let c = 0; c < width; c++) {
    if (periodSet.has(c)) continue;
    const h = headerText(sheet, headerRows, c);
    if (measureColumn === null && c < firstPeriodColumn && MEASURE_HEADER.test(h)) measureColumn = c;
    else if (regionColumn === null && c < firstPeriodColumn && REGION_HEADER.test(h)) regionColumn = c;
    else if (latestColumn === null && isLatestHeader(h)) latestColumn = c;
  }
  // A 地区 column is the regions' only where another column holds the names (else the rows are regions: by_region).
  const otherColumns = Array.from({ length: firstPeriodColumn }, (_, c) => c).filter((c) => c !== measureColumn && c !== regionColumn);
  if (regionColumn !== null && !otherColumns.some((c) => columnHasText(sheet, c, firstDataRow, lastDataRow))) regionColumn = null;
  const labelColumn = findLabelColumn(sheet, firstDataRow, lastDataRow, firstPeriodColumn, measureColumn, regionColumn);
  const unitColumn = findUnitColumn(sheet, headerRows, firstDataRow, lastDataRow, labelColumn, firstPeriodColumn, measureColumn, regionColumn);
  const title = titleRows(sheet, headerRow);
  const byRegion = title.indicator !== null && unitColumn === null && labelsAreRegions(sheet, labelColumn, firstDataRow, lastDataRow);
  const analyst = yearRow !== null || unitColumn !== null || measureColumn !== null || latestColumn !== null || regionColumn !== null || sheet.merges.length > 0;
  return {
    layout: byRegion ? 'by_region' : analyst ? 'analyst' : 'wide',
    headerRow,
    yearRow,
    labelColumn,
    unitColumn,
    firstDataRow,
    lastDataRow,
    periodColumns,
    region: byRegion ? null : title.region,
    rowOverrides: [],
    measureColumn,
    latestColumn,
    indicator: byRegion ? title.indicator : null,
    regionColumn,
  };
}

export function detectWide(sheet: WorkbookSheet): GridMapping | null {
  const scan = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const columns = selfContainedPeriods(sheet, r);
    const first = cellText(sheet.rows[r]?.[0]);
    if (columns.length >= 2 || (columns.length === 1 && /^指标(名称)?$/.test(first))) {
      const mapping = completeGridMapping(sheet, r, null, columns);
      if (mapping) return mapping;
    }
  }
  return null;
}
