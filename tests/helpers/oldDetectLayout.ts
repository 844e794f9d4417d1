// A verbatim copy of electron/import/detectLayout.ts as it was before the map9 changes (only the import paths differ, and the parsed values' types are the older shape of tests/helpers/oldParsedShape.ts): the
// reference the equality tests (tests/unit/grid-mapping-equal.test.ts) compare the new parse with.
// Per sheet: which layout it is in and how its cells map to series (a proposal the analyst may correct),
// and applying a mapping, detected or corrected, to the sheet.

import { isColumnsMapping, type Layout, type SheetMapping } from '../../shared/import/mapping';
import { applyGridMapping, type ApplyOptions } from './oldGridTable';
import { applyColumnsMapping, detectPeriodsDown } from '../../electron/import/layouts/periodsDown';
import { metadataOnlyReason } from '../../electron/import/layouts/metadataSheet';
import { detectAnalyst, periodsUnderYears } from '../../electron/import/layouts/analyst';
import { applyLongMapping, detectLong } from '../../electron/import/layouts/long';
import { withOldSeries, type OldSheetResult as SheetResult } from './oldParsedShape';
import { completeGridMapping, detectWide, selfContainedPeriods } from '../../electron/import/layouts/wide';
import type { WorkbookSheet } from '../../electron/import/readWorkbook';

export type Detection = { mapping: SheetMapping; reason?: undefined } | { mapping: null; reason: string };

export const NO_TABLE_REASON = '未找到可识别的数据表（没有时期表头或“指标/时间/数值”列）/ No recognisable table (no period header row, nor indicator/period/value columns)';

export function detectLayout(sheet: WorkbookSheet, layout?: Layout): Detection {
  if (sheet.rows.length === 0) return { mapping: null, reason: '工作表为空 / The sheet is empty' };
  // Long first: its header names are explicit, while a grid is recognised only by period-looking headers. Periods
  // down the rows before the grids: their first column of periods is unambiguous, a grid's header row is not.
  const mapping = layout !== undefined ? detectAs(sheet, layout) : detectLong(sheet) ?? detectPeriodsDown(sheet) ?? detectAnalyst(sheet) ?? detectWide(sheet);
  if (mapping) return { mapping };
  if (layout !== undefined) return { mapping: null, reason: `按所选版式未找到数据表 / No table found in the layout chosen (${layout})` };
  return { mapping: null, reason: metadataOnlyReason(sheet) ?? NO_TABLE_REASON };
}

/** The analyst's choice of layout: detection run for that layout only (and its kind kept where the shape allows). */
function detectAs(sheet: WorkbookSheet, layout: Layout): SheetMapping | null {
  switch (layout) {
    case 'long':
      return detectLong(sheet);
    case 'periods_down':
    case 'regions_across':
    case 'cei': {
      const m = detectPeriodsDown(sheet);
      return m ? { ...m, layout, indicator: layout === 'regions_across' ? m.indicator : null } : null;
    }
    default: {
      const m = detectAnalyst(sheet) ?? detectWide(sheet);
      if (!m) return null;
      if (layout === 'by_region') return m.indicator !== null ? { ...m, layout } : null;
      return { ...m, layout, indicator: null, region: m.region };
    }
  }
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

export function applyMapping(sheet: WorkbookSheet, mapping: SheetMapping, fileName: string, options: ApplyOptions = {}): SheetResult {
  // The long and periods-down layouts are today's code, their values turned into the old shape (oldParsedShape.ts).
  if (mapping.layout === 'long') return withOldSeries(applyLongMapping(sheet, mapping, fileName, options));
  if (isColumnsMapping(mapping)) return withOldSeries(applyColumnsMapping(sheet, mapping, fileName, options));
  return applyGridMapping(sheet, mapping, fileName, options);
}
