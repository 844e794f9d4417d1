// The streaming .xlsx reader: `openXlsx` reads what every sheet needs (the workbook's sheet list, shared
// strings, number formats); `sheetRows` then streams one sheet's rows in batches, and with them its merged ranges
// (SheetRowsOptions.merges), without ever holding the sheet's grid. The cells are those of SheetJS's dense read
// (readWorkbook.ts), so a caller can take either; tests/integration/xlsx-stream.test.ts holds the two equal.
// The bytes must already have passed inspectZipArchive (zipSafety.ts).

import { ImportFileError } from '../importFileError';
import { checkSheetCount } from '../workbookLimits';
import { SharedStringsParser } from './sharedStrings';
import { SheetCellsParser } from './sheetCells';
import { StylesParser, type CellStyles } from './styles';
import type { SheetRow, SheetRowsOptions, XlsxBook, XlsxSheetInfo } from './types';
import { parseRelationships, parseWorkbookXml, relsPathOf, sheetKindOf, type Relationship } from './workbookPart';
import { ZipParts } from './zipParts';

interface BookInternals {
  parts: ZipParts;
  styles: CellStyles;
}

const INTERNALS = new WeakMap<XlsxBook, BookInternals>();

const DEFAULT_BATCH_ROWS = 1000;
/** A batch is handed over at this many cells even before `batchRows` rows: 1,000 rows of 16,384 columns would not be flat. */
export const MAX_BATCH_CELLS = 200_000;
/** Characters of sheet XML given to the parser at a time (about 64 KB of the part). */
const WRITE_SLICE = 64 * 1024;

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** `verified`: see ZipParts.open (the parts read whole and checked, for the archive check to skip). */
export async function openXlsx(bytes: Uint8Array, options: { verified?: Set<string> } = {}): Promise<XlsxBook> {
  const parts = await ZipParts.open(bytes, undefined, options.verified);
  try {
    const workbookPart = await officeDocumentPart(parts);
    const workbook = parseWorkbookXml(await parts.readText(workbookPart), workbookPart);
    checkSheetCount(workbook.sheets.length);
    const relsPart = parts.find(relsPathOf(workbookPart));
    const rels = relsPart ? parseRelationships(await parts.readText(relsPart), relsPart, workbookPart) : [];
    const byId = new Map(rels.map((r) => [r.id, r]));

    const sheets: XlsxSheetInfo[] = workbook.sheets.map((sheet, i) => {
      const rel = sheet.relId !== undefined ? byId.get(sheet.relId) : undefined;
      // Without a relationship SheetJS looks for the n-th sheetN.xml; so does this reader.
      const target = rel && !rel.external ? rel.target : `xl/worksheets/sheet${i + 1}.xml`;
      const part = parts.find(target);
      if (!part) {
        throw new ImportFileError(
          'corrupt',
          `文件已损坏或不完整（工作表“${sheet.name}”的数据 ${target} 不在文件中）/ The file is corrupt or truncated (the part ${target} of sheet "${sheet.name}" is missing)`,
        );
      }
      return { name: sheet.name, part, kind: (rel && sheetKindOf(rel.type)) ?? 'worksheet', hidden: sheet.hidden };
    });

    const sharedStrings = await readSharedStrings(parts, partOf(parts, rels, 'sharedStrings', 'xl/sharedStrings.xml'));
    const styles = await readStyles(parts, partOf(parts, rels, 'styles', 'xl/styles.xml'));
    const book: XlsxBook = {
      sheets,
      date1904: workbook.date1904,
      sharedStrings,
      cellFormats: styles.formats ?? [],
      get openStreams() {
        return parts.openStreams;
      },
      close: () => parts.close(),
    };
    INTERNALS.set(book, { parts, styles });
    return book;
  } catch (e) {
    parts.close();
    throw e;
  }
}

/**
 * One sheet's rows, in file order, in batches of about `batchRows` rows or MAX_BATCH_CELLS cells, whichever
 * comes first (the caller can yield to the event loop between batches). Rows without cells are left out. Each
 * batch is handed over whole and nothing of it is kept, so memory stays at one batch and one inflate chunk,
 * whatever the sheet's size. Breaking out of the loop or aborting (the iteration then rejects with
 * `signal.reason`) closes the part's streams.
 */
export async function* sheetRows(book: XlsxBook, sheetIndex: number, options: SheetRowsOptions = {}): AsyncGenerator<SheetRow[], void, undefined> {
  const { parts, styles } = internalsOf(book);
  const sheet = sheetAt(book, sheetIndex);
  const { signal } = options;
  const batchRows = Math.max(1, Math.floor(options.batchRows ?? DEFAULT_BATCH_ROWS));
  signal?.throwIfAborted();
  if (sheet.kind !== 'worksheet') return;
  const parser = new SheetCellsParser({ part: sheet.part, sharedStrings: book.sharedStrings, styles, date1904: book.date1904 }, options.merges);
  for await (const chunk of parts.textChunks(sheet.part, signal)) {
    // The inflater's chunks are large (zipParts.ts); the parser takes them in slices of WRITE_SLICE characters, so
    // that a batch is handed over within a slice's worth of rows or cells of its limits.
    for (let at = 0; at < chunk.length; ) {
      let end = Math.min(chunk.length, at + WRITE_SLICE);
      // Never between the two halves of a surrogate pair: each slice is whole characters, as the decoder's chunks are.
      if (end < chunk.length && isHighSurrogate(chunk.charCodeAt(end - 1))) end--;
      parser.write(at === 0 && end === chunk.length ? chunk : chunk.slice(at, end));
      at = end;
      if (parser.rows.length >= batchRows || parser.cellCount >= MAX_BATCH_CELLS) {
        const batch = parser.rows;
        parser.rows = [];
        parser.cellCount = 0;
        yield batch;
        signal?.throwIfAborted();
      }
    }
  }
  parser.end();
  if (parser.rows.length > 0) {
    const batch = parser.rows;
    parser.rows = [];
    yield batch;
  }
}

function internalsOf(book: XlsxBook): BookInternals {
  const internals = INTERNALS.get(book);
  if (!internals) throw new TypeError('not a book opened by openXlsx');
  return internals;
}

function sheetAt(book: XlsxBook, sheetIndex: number): XlsxSheetInfo {
  const sheet = book.sheets[sheetIndex];
  if (!Number.isInteger(sheetIndex) || !sheet) {
    throw new ImportFileError('sheet_not_found', `找不到第 ${sheetIndex + 1} 个工作表（共 ${book.sheets.length} 个）/ No sheet number ${sheetIndex + 1} (the workbook has ${book.sheets.length})`);
  }
  return sheet;
}

/** The workbook part named by the package's officeDocument relationship, else xl/workbook.xml. */
async function officeDocumentPart(parts: ZipParts): Promise<string> {
  const rootRels = parts.find('_rels/.rels');
  if (rootRels) {
    const office = parseRelationships(await parts.readText(rootRels), rootRels, '').find((r) => r.type === 'officeDocument' && !r.external);
    const found = office && parts.find(office.target);
    if (found) return found;
  }
  const fallback = parts.find('xl/workbook.xml');
  if (!fallback) throw new ImportFileError('corrupt', '文件已损坏或不完整（缺少 xl/workbook.xml）/ The file is corrupt or truncated (xl/workbook.xml is missing)');
  return fallback;
}

function partOf(parts: ZipParts, rels: Relationship[], type: string, fallback: string): string | null {
  const rel = rels.find((r) => r.type === type && !r.external);
  return (rel && parts.find(rel.target)) ?? parts.find(fallback);
}

async function readSharedStrings(parts: ZipParts, part: string | null): Promise<string[]> {
  if (!part) return [];
  const parser = new SharedStringsParser(part);
  for await (const chunk of parts.textChunks(part)) parser.write(chunk);
  return parser.end();
}

async function readStyles(parts: ZipParts, part: string | null): Promise<CellStyles> {
  if (!part) return { formats: null };
  const parser = new StylesParser(part);
  for await (const chunk of parts.textChunks(part)) parser.write(chunk);
  return parser.end();
}
