// The streaming .xlsx reader: open a workbook, then stream a sheet's rows and read its merges.
export { openXlsx, sheetMerges, sheetRows } from './openXlsx';
export type { CellAddress, SheetCell, SheetRange, SheetRow, SheetRowsOptions, XlsxBook, XlsxSheetInfo, XlsxSheetKind } from './types';
