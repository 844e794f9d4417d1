// Bytes of a statistics file → sheets of cells. Checks what the file really is (magic bytes, not the name),
// refuses zip bombs before decompressing, and reads cached values only: formulas are never evaluated.

import * as XLSX from 'xlsx';
import { decodeText, parseCsv } from './csvText';
import { ImportFileError } from './importFileError';
import { checkSheetCount, WORKBOOK_LIMITS } from './workbookLimits';
import { checkZipDirectory, type CheckedZip, type ZipEntry } from './zipSafety';
import { openXlsx, sheetRows } from './xlsx/openXlsx';
import type { SheetRange, XlsxBook } from './xlsx/types';
import { controlCharsWarning, stripControlCharsInSheets } from './screenValues';

/** A cell as SheetJS gives it (dense mode): type, cached value, number format. */
export interface SheetCell {
  /** s string · n number · b boolean · e error · d date · z stub */
  t: string;
  v?: unknown;
  /** Number format, e.g. `0.0%`, `yyyy-mm`. */
  z?: string | number;
}

export interface WorkbookSheet {
  name: string;
  /** Dense rows; a row or cell may be undefined where the file has nothing. */
  rows: (SheetCell | undefined)[][];
  merges: { s: { r: number; c: number }; e: { r: number; c: number } }[];
  /** CSV sheets name their cells by line (`L12`), spreadsheets by A1 reference. */
  csv: boolean;
}

export type FileFormat = 'xlsx' | 'xls' | 'ods' | 'csv';

export interface ReadWorkbook {
  format: FileFormat;
  encoding: string | null;
  sheets: WorkbookSheet[];
  warnings: string[];
}

export { WORKBOOK_LIMITS };

/**
 * Watches a streamed .xlsx read (the streamed import, electron/import/streamed/): told after each batch of a sheet's
 * rows has gone into its grid, so rows can be mapped while the rest of the file is read. Only an .xlsx named .xlsx
 * is read as a stream; other files report nothing until the whole read has returned.
 */
export interface ReadObserver {
  /**
   * Rows of sheet `index` (its grid so far, the very array the read returns) after a batch whose lowest row index is
   * `lowest` (a file may write its rows out of order).
   */
  rows(index: number, name: string, rows: (SheetCell | undefined)[][], lowest: number): void;
  /** How many text cells lost control characters once the whole book was read (0: none). */
  stripped?(count: number): void;
}

// Legacy .xls written by Chinese Excel versions store text in code page 936 (GBK): SheetJS needs the tables. They
// load with the first .xls or .ods (0.4 s and 18 MB), not with every .xlsx import, which the streaming reader
// reads without SheetJS.
let codePages: Promise<void> | null = null;
function loadCodePages(): Promise<void> {
  codePages ??= import('xlsx/dist/cpexcel.full').then((cptable) => XLSX.set_cptable(cptable));
  return codePages;
}

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

type Content = 'zip' | 'ole2' | 'text' | 'binary';

function sniff(bytes: Uint8Array): Content {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06)) return 'zip';
  if (startsWith(bytes, OLE2_MAGIC)) return 'ole2';
  // Text has no NUL bytes in its first KB (UTF-16 text starts with a BOM, handled by the decoder).
  const head = bytes.subarray(0, 1024);
  const utf16Bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!utf16Bom && head.includes(0)) return 'binary';
  return 'text';
}

function extensionOf(fileName: string): string {
  const m = fileName.toLowerCase().match(/\.([a-z0-9]+)$/);
  return m ? m[1] : '';
}

const FORMAT_NAMES: Record<FileFormat, string> = { xlsx: 'Excel (.xlsx)', xls: 'Excel 97 (.xls)', ods: 'OpenDocument (.ods)', csv: 'CSV' };

function zipFormat(entries: ZipEntry[], bytes: Uint8Array): FileFormat | null {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('[Content_Types].xml') && [...names].some((n) => n.startsWith('xl/'))) return 'xlsx';
  // ODF stores `mimetype` first and uncompressed, so its text follows the 30-byte local header + name.
  if (names.has('mimetype') && new TextDecoder().decode(bytes.subarray(38, 38 + 46)).startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  return null;
}

function wrongType(fileName: string, claimed: string, actual: string): ImportFileError {
  return new ImportFileError(
    'wrong_type',
    `文件内容与扩展名不符：${fileName} 的扩展名是 ${claimed}，内容却是 ${actual} / The content does not match the extension: ${fileName} is named ${claimed} but holds ${actual}`,
  );
}

export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<ReadWorkbook> {
  const steps = readWorkbookSteps(bytes, fileName);
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same read, yielding the fraction of the file read so far (0–1) between batches of rows, so that a job can
 * report progress, yield to the event loop and be cancelled midway through a large sheet (the caller stops
 * iterating; the reader's streams close with the generator).
 */
export async function* readWorkbookSteps(bytes: Uint8Array, fileName: string, observer?: ReadObserver): AsyncGenerator<number, ReadWorkbook, void> {
  const book = yield* readWorkbookCells(bytes, fileName, observer);
  const stripped = stripControlCharsInSheets(book.sheets);
  observer?.stripped?.(stripped);
  if (stripped > 0) book.warnings.push(controlCharsWarning(stripped));
  return book;
}

async function* readWorkbookCells(bytes: Uint8Array, fileName: string, observer: ReadObserver | undefined): AsyncGenerator<number, ReadWorkbook, void> {
  if (bytes.byteLength === 0) throw new ImportFileError('empty', '文件为空 / The file is empty');
  if (bytes.byteLength > WORKBOOK_LIMITS.maxFileBytes) {
    throw new ImportFileError('too_large', `文件超过 ${WORKBOOK_LIMITS.maxFileBytes / 1024 / 1024} MB 上限 / The file exceeds the ${WORKBOOK_LIMITS.maxFileBytes / 1024 / 1024} MB limit`);
  }
  const ext = extensionOf(fileName);
  const content = sniff(bytes);
  const warnings: string[] = [];

  if (content === 'zip') {
    // Directory, declared sizes and ratios, then every entry's real inflated size: before SheetJS sees the bytes,
    // and beside the streamed .xlsx reader (which counts every part's bytes itself, so memory stays bounded), whose
    // rows are returned only once the whole archive has passed. The sheets and shared strings of an .xlsx named
    // .xlsx, which the reader inflates whole and checks itself (size and CRC-32), the check inflates only where the
    // reader did not (zipSafety.ts): inflated twice, they made the reader wait for the check.
    const streamed = ext === 'xlsx';
    const checked = await checkZipDirectory(bytes, undefined, streamed ? isStreamedPart : undefined);
    const { entries } = checked;
    const format = zipFormat(entries, bytes);
    if (format !== 'xlsx' || !streamed) await checked.finish(new Set());
    if (!format) throw wrongType(fileName, `.${ext}`, '其他压缩包 / another kind of zip archive');
    if (ext === 'csv' || ext === 'txt' || (ext === 'ods' && format !== 'ods') || (ext === 'xlsx' && format !== 'xlsx')) {
      throw wrongType(fileName, `.${ext}`, FORMAT_NAMES[format]);
    }
    if (ext !== format) warnings.push(`扩展名 .${ext} 与内容 ${FORMAT_NAMES[format]} 不符，按内容读取 / Extension .${ext} does not match the content (${FORMAT_NAMES[format]}); read by content`);
    if (format === 'xlsx') {
      const verified = new Set<string>();
      const read = readXlsxStreamed(bytes, fileName, entries, verified, streamed ? observer : undefined);
      // Under another name the archive has been checked whole already (above).
      const sheets = streamed ? yield* readBesideCheck(read, checked, verified) : yield* read;
      return { format, encoding: null, sheets, warnings };
    }
    await loadCodePages();
    return { format, encoding: null, sheets: readWithSheetJs(bytes, fileName), warnings };
  }
  if (content === 'ole2') {
    if (ext !== 'xls' && ext !== 'et') {
      if (ext === 'csv' || ext === 'txt' || ext === 'xlsx' || ext === 'ods') throw wrongType(fileName, `.${ext}`, FORMAT_NAMES.xls);
      warnings.push(`扩展名 .${ext} 与内容 ${FORMAT_NAMES.xls} 不符，按内容读取 / Extension .${ext} does not match the content (${FORMAT_NAMES.xls}); read by content`);
    }
    await loadCodePages();
    return { format: 'xls', encoding: null, sheets: readWithSheetJs(bytes, fileName), warnings };
  }
  if (content === 'binary') throw wrongType(fileName, `.${ext}`, '无法识别的二进制数据 / unrecognised binary data');
  if (ext === 'xlsx' || ext === 'xls' || ext === 'ods') {
    throw wrongType(fileName, `.${ext}`, '纯文本 / plain text');
  }
  const decoded = decodeText(bytes);
  return { format: 'csv', encoding: decoded.encoding, sheets: [csvSheet(decoded.text, fileName)], warnings };
}

/** The parts the streamed reader inflates whole (its sheets and shared strings): the bulk of an .xlsx. */
export function isStreamedPart(name: string): boolean {
  return /^xl\/(worksheets\/[^/]+\.xml|sharedStrings\.xml)$/i.test(name);
}

/**
 * A read run beside the archive's inflation check: its result once the check has finished too (given the parts the
 * read verified, which it need not inflate again); the archive's refusal, if there is one, wins over the read's own
 * error, so the answer is the one the check run first would give. A caller that stops iterating stops the check.
 */
async function* readBesideCheck<T>(read: AsyncGenerator<number, T, void>, checked: CheckedZip, verified: ReadonlySet<string>): AsyncGenerator<number, T, void> {
  let result: T;
  let done = false;
  try {
    result = yield* read;
    done = true;
  } catch (e) {
    done = true;
    await checked.finish(verified);
    throw e;
  } finally {
    if (!done) checked.abandon();
  }
  await checked.finish(verified);
  return result;
}

/**
 * An .xlsx read as a stream (electron/import/xlsx/): each sheet's rows arrive in batches and go straight into its
 * grid, so the file is never held twice (as SheetJS's whole-workbook model and as rows). Yields the fraction of
 * the sheets' inflated bytes read so far; stopping the caller midway closes the zip.
 */
async function* readXlsxStreamed(bytes: Uint8Array, fileName: string, entries: ZipEntry[], verified: Set<string>, observer?: ReadObserver): AsyncGenerator<number, WorkbookSheet[], void> {
  let book: XlsxBook;
  try {
    book = await openXlsx(bytes, { verified });
  } catch (e) {
    throw asReadError(e, fileName);
  }
  try {
    const sizes = book.sheets.map((s) => entries.find((e) => e.name === s.part)?.uncompressedSize ?? 0);
    const total = sizes.reduce((a, b) => a + b, 0) || 1;
    let before = 0;
    const sheets: WorkbookSheet[] = [];
    for (let i = 0; i < book.sheets.length; i++) {
      const rows: (SheetCell | undefined)[][] = [];
      let batches = 0;
      try {
        const merges: SheetRange[] = [];
        const name = book.sheets[i].name;
        // The merged ranges come in the same pass over the part as the rows.
        for await (const batch of sheetRows(book, i, { merges })) {
          let lowest = Infinity;
          for (const row of batch) {
            rows[row.r] = row.cells;
            if (row.r < lowest) lowest = row.r;
          }
          observer?.rows(i, name, rows, lowest);
          // How many rows remain is not known until the part ends: the share of this sheet approaches its size.
          batches++;
          yield (before + sizes[i] * (1 - 1 / (1 + batches / 8))) / total;
        }
        sheets.push({ name, rows, merges, csv: false });
      } catch (e) {
        throw asReadError(e, fileName);
      }
      before += sizes[i];
      yield before / total;
    }
    return sheets;
  } finally {
    book.close();
  }
}

/** The reader's own refusals pass as they are; anything else is a corrupt file. */
function asReadError(e: unknown, fileName: string): ImportFileError {
  if (e instanceof ImportFileError) return e;
  return new ImportFileError(
    'corrupt',
    `无法读取 ${fileName}：文件已损坏或不完整 / Cannot read ${fileName}: the file is corrupt or truncated (${(e as Error).message})`,
  );
}

function csvSheet(text: string, fileName: string): WorkbookSheet {
  const rows = parseCsv(text).map((r) => r.map((v): SheetCell | undefined => (v === '' ? undefined : { t: 's', v })));
  const name = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '') || 'CSV';
  return { name, rows, merges: [], csv: true };
}

/**
 * Every sheet of a workbook read whole by SheetJS (.xls and .ods; for .xlsx, what the streamed reader must equal).
 * A legacy .xls in a code page needs the tables loaded first (loadCodePages, which the read does).
 */
export function readWithSheetJs(bytes: Uint8Array, fileName: string): WorkbookSheet[] {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, {
      type: 'array',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      // Keep the number format so a percent format (0.081 shown as 8.1%) and date formats are recognised.
      cellNF: true,
      cellDates: false,
      cellStyles: false,
      sheetStubs: false,
      WTF: false,
    });
  } catch (e) {
    throw new ImportFileError(
      'corrupt',
      `无法读取 ${fileName}：文件已损坏或不完整 / Cannot read ${fileName}: the file is corrupt or truncated (${(e as Error).message})`,
    );
  }
  checkSheetCount(wb.SheetNames.length);
  const sheets: WorkbookSheet[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name] as XLSX.WorkSheet & { '!data'?: (SheetCell | undefined)[][] };
    if (!ws) continue;
    sheets.push({ name, rows: ws['!data'] ?? [], merges: ws['!merges'] ?? [], csv: false });
  }
  return sheets;
}

/** Is this number format a percent format? (`0.0%`, `0.00%`; not a literal `"%"` inside quotes) */
export function isPercentFormat(z: string | number | undefined): boolean {
  if (typeof z !== 'string') return false;
  return z.replace(/"[^"]*"/g, '').replace(/\\./g, '').includes('%');
}

/** Is this number format a date format? */
export function isDateFormat(z: string | number | undefined): boolean {
  if (typeof z !== 'string' || z === 'General') return false;
  return XLSX.SSF.is_date(z);
}
