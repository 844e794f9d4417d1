// Detects the wide layout: one header row of self-contained period labels (`2025年6月`, newest first in NBS
// exports), indicator names with the unit in brackets in a column to the left, footnotes below.

import type { GridMapping, PeriodColumn } from '../../../shared/import/mapping';
import { parsePeriodLabel } from '../../../shared/import/period';
import { cellText, regionFromTitleRows } from '../grid';
import type { WorkbookSheet } from '../readWorkbook';
import { findDataEnd, findLabelColumn, findUnitColumn } from './gridTable';

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
  const labelColumn = findLabelColumn(sheet, firstDataRow, lastDataRow, firstPeriodColumn);
  const headerRows = yearRow === null ? [headerRow] : [yearRow, headerRow];
  const unitColumn = findUnitColumn(sheet, headerRows, firstDataRow, lastDataRow, labelColumn, firstPeriodColumn);
  const analyst = yearRow !== null || unitColumn !== null || sheet.merges.length > 0;
  return {
    layout: analyst ? 'analyst' : 'wide',
    headerRow,
    yearRow,
    labelColumn,
    unitColumn,
    firstDataRow,
    lastDataRow,
    periodColumns,
    region: regionFromTitleRows(sheet, headerRow),
    rowOverrides: [],
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
