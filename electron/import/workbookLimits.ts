// The limits every statistics workbook reader keeps (SheetJS for .xls/.ods, the streaming .xlsx reader), in a
// module of their own so that a reader, or the returned-workbook check, need not load the other readers to know them.
import { ImportFileError } from './importFileError';

/** Documented limits. */
export const WORKBOOK_LIMITS = {
  maxSheets: 100,
  maxFileBytes: 200 * 1024 * 1024,
} as const;

export function checkSheetCount(count: number): void {
  if (count > WORKBOOK_LIMITS.maxSheets) {
    throw new ImportFileError(
      'too_many_sheets',
      `工作表过多（${count} 个，上限 ${WORKBOOK_LIMITS.maxSheets}）/ Too many sheets (${count}, limit ${WORKBOOK_LIMITS.maxSheets})`,
    );
  }
}
