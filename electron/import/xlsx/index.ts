// The streaming .xlsx reader: open a workbook, then stream a sheet's rows (and, with them, its merges).
export { openXlsx, sheetRows } from './openXlsx';
export type { CellAddress, SheetCell, SheetRange, SheetRow, SheetRowsOptions, XlsxBook, XlsxSheetInfo, XlsxSheetKind } from './types';
