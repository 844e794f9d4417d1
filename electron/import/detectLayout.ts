// Per sheet: which layout it is in and how its cells map to series (a proposal the analyst may correct),
// and applying a mapping, detected or corrected, to the sheet.

import type { SheetMapping } from '../../shared/import/mapping';
import { applyGridMapping } from './layouts/gridTable';
import { detectAnalyst, periodsUnderYears } from './layouts/analyst';
import { applyLongMapping, detectLong } from './layouts/long';
import type { SheetResult } from './layouts/problems';
import { completeGridMapping, detectWide, selfContainedPeriods } from './layouts/wide';
import type { WorkbookSheet } from './readWorkbook';

export type Detection = { mapping: SheetMapping; reason?: undefined } | { mapping: null; reason: string };

export const NO_TABLE_REASON = '未找到可识别的数据表（没有时期表头或“指标/时间/数值”列）/ No recognisable table (no period header row, nor indicator/period/value columns)';

export function detectLayout(sheet: WorkbookSheet): Detection {
  if (sheet.rows.length === 0) return { mapping: null, reason: '工作表为空 / The sheet is empty' };
  // Long first: its header names are explicit, while a grid is recognised only by period-looking headers.
  const mapping = detectLong(sheet) ?? detectAnalyst(sheet) ?? detectWide(sheet);
  return mapping ? { mapping } : { mapping: null, reason: NO_TABLE_REASON };
}

/**
 * A grid mapping from the header row the analyst names (and the year row above it, if any), instead of the row
 * detection chose: the period columns, label and unit columns and the data rows are derived from that row.
 */
export function mappingForHeaderRow(sheet: WorkbookSheet, headerRow: number, yearRow: number | null): Detection {
  const columns = yearRow === null ? selfContainedPeriods(sheet, headerRow) : periodsUnderYears(sheet, yearRow, headerRow);
  const mapping = columns.length === 0 ? null : completeGridMapping(sheet, headerRow, yearRow, columns);
  if (mapping) return { mapping };
  return {
    mapping: null,
    reason: `第 ${headerRow + 1} 行不是可识别的时期表头（或其下没有指标行）/ Row ${headerRow + 1} is not a recognisable period header (or no indicator rows follow it)`,
  };
}

export function applyMapping(sheet: WorkbookSheet, mapping: SheetMapping, fileName: string): SheetResult {
  return mapping.layout === 'long' ? applyLongMapping(sheet, mapping, fileName) : applyGridMapping(sheet, mapping, fileName);
}
