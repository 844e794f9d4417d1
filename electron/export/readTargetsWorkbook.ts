// Reads a 目标 sheet a colleague sent back. SheetJS reads stored values only: no formula is evaluated,
// and a cell that holds one is flagged, so text from the file can never act.

import * as XLSX from 'xlsx';
import { parseReturnedTargets, type ReturnedTargets, type SheetCell } from '../../shared/export/returnedTargets';
import { TARGETS_SHEET } from '../../shared/export/targetsSheet';
import { WORKBOOK_LIMITS } from '../import/workbookLimits';
import { inspectZipArchive } from '../import/zipSafety';

/**
 * Parse the returned workbook's 目标 sheet (or, failing that, the first sheet whose header has ID and 指标).
 * `knownIds` are the ids of the plan's targets; rows with other ids are reported and dropped.
 */
export async function readReturnedTargets(bytes: Uint8Array, knownIds: Iterable<number>): Promise<ReturnedTargets> {
  let workbook: XLSX.WorkBook;
  try {
    // The same container checks as a statistics file: size, then the zip directory and real entry sizes.
    if (bytes.byteLength > WORKBOOK_LIMITS.maxFileBytes) throw new Error(`文件超过 ${WORKBOOK_LIMITS.maxFileBytes / 1024 / 1024} MB 上限 / The file exceeds the ${WORKBOOK_LIMITS.maxFileBytes / 1024 / 1024} MB limit`);
    if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
      await inspectZipArchive(bytes);
    }
    workbook = XLSX.read(bytes, { type: 'array', cellFormula: true, cellHTML: false, cellDates: false, dense: false });
  } catch (error) {
    return { rows: [], problems: [{ severity: 'error', rowNumber: null, column: null, message: `无法读取文件：${(error as Error).message}` }] };
  }
  const ids = [...knownIds];
  const names = [TARGETS_SHEET, ...workbook.SheetNames.filter((n) => n !== TARGETS_SHEET)].filter((n) => workbook.Sheets[n]);
  let first: ReturnedTargets | null = null;
  for (const name of names) {
    const result = parseReturnedTargets(sheetGrid(workbook.Sheets[name]), ids);
    const foundHeader = !result.problems.some((p) => p.rowNumber === null && p.severity === 'error');
    if (foundHeader) return result;
    first ??= result;
  }
  return first ?? { rows: [], problems: [{ severity: 'error', rowNumber: null, column: null, message: '文件中没有工作表' }] };
}

function sheetGrid(sheet: XLSX.WorkSheet): SheetCell[][] {
  const grid: SheetCell[][] = [];
  if (!sheet['!ref']) return grid;
  const range = XLSX.utils.decode_range(sheet['!ref']);
  for (let r = 0; r <= range.e.r; r++) {
    const line: SheetCell[] = [];
    for (let c = 0; c <= range.e.c; c++) {
      const cell = sheet[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      line.push(toSheetCell(cell));
    }
    grid.push(line);
  }
  return grid;
}

function toSheetCell(cell: XLSX.CellObject | undefined): SheetCell {
  if (!cell) return { value: null };
  const formula = typeof cell.f === 'string' && cell.f !== '';
  switch (cell.t) {
    case 'n':
      return { value: typeof cell.v === 'number' ? cell.v : null, formula };
    case 's':
      return { value: typeof cell.v === 'string' ? cell.v : String(cell.v ?? ''), formula };
    case 'b':
      return { value: Boolean(cell.v), formula };
    case 'e':
      // An error value (#N/A, #DIV/0!) is neither a number nor text the analyst meant: keep its shown form.
      return { value: String(cell.w ?? '#ERROR'), formula };
    default:
      return { value: null, formula };
  }
}
