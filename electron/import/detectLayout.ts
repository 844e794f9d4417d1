// Per sheet: which layout it is in and how its cells map to series (a proposal the analyst may correct),
// and applying a mapping, detected or corrected, to the sheet.

import type { SheetMapping } from '../../shared/import/mapping';
import { applyGridMapping } from './layouts/gridTable';
import { detectAnalyst } from './layouts/analyst';
import { applyLongMapping, detectLong } from './layouts/long';
import type { SheetResult } from './layouts/problems';
import { detectWide } from './layouts/wide';
import type { WorkbookSheet } from './readWorkbook';

export type Detection = { mapping: SheetMapping; reason?: undefined } | { mapping: null; reason: string };

export const NO_TABLE_REASON = '未找到可识别的数据表（没有时期表头或“指标/时间/数值”列）/ No recognisable table (no period header row, nor indicator/period/value columns)';

export function detectLayout(sheet: WorkbookSheet): Detection {
  if (sheet.rows.length === 0) return { mapping: null, reason: '工作表为空 / The sheet is empty' };
  // Long first: its header names are explicit, while a grid is recognised only by period-looking headers.
  const mapping = detectLong(sheet) ?? detectAnalyst(sheet) ?? detectWide(sheet);
  return mapping ? { mapping } : { mapping: null, reason: NO_TABLE_REASON };
}

export function applyMapping(sheet: WorkbookSheet, mapping: SheetMapping, fileName: string): SheetResult {
  return mapping.layout === 'long' ? applyLongMapping(sheet, mapping, fileName) : applyGridMapping(sheet, mapping, fileName);
}
