// The streaming .xlsx reader's types, in one place. A cell is the same `SheetCell` SheetJS gives in dense mode
// (readWorkbook.ts), so the grid layouts read streamed rows and SheetJS rows alike.

import type { SheetCell } from '../readWorkbook';

export type { SheetCell };

/** 0-based, as SheetJS: `{ r: 0, c: 0 }` is A1. */
export interface CellAddress {
  r: number;
  c: number;
}

/** A merged range, in SheetJS's `!merges` form. */
export interface SheetRange {
  s: CellAddress;
  e: CellAddress;
}

/** worksheet: cells · chartsheet / dialogsheet / macrosheet: listed by the workbook, no cells read. */
export type XlsxSheetKind = 'worksheet' | 'chartsheet' | 'dialogsheet' | 'macrosheet';

export interface XlsxSheetInfo {
  /** As the workbook names it (`_xHHHH_` escapes decoded, as SheetJS does). */
  name: string;
  /** The sheet's part in the zip, e.g. `xl/worksheets/sheet1.xml` (resolved from the workbook's relationships). */
  part: string;
  kind: XlsxSheetKind;
  /** 0 visible · 1 hidden · 2 very hidden (SheetJS's `Hidden`). */
  hidden: 0 | 1 | 2;
}

/** One row of a sheet: `r` 0-based; `cells[c]` undefined where the file has no value. */
export interface SheetRow {
  r: number;
  cells: (SheetCell | undefined)[];
}

export interface SheetRowsOptions {
  /** Rows per batch (default 1000); a batch may hold a few more, and fewer only when it reaches 200,000 cells (MAX_BATCH_CELLS) or is the last. */
  batchRows?: number;
  /** Aborting stops the iteration: the pending or next step rejects with `signal.reason`, the part's stream is closed. */
  signal?: AbortSignal;
  /**
   * Filled with the sheet's merged ranges (`<mergeCell>`s after `<sheetData>`, as SheetJS's `!merges`) while the
   * part is read, complete once the iteration has ended: one pass over the part for its rows and its merges.
   */
  merges?: SheetRange[];
}

/** An opened workbook: what every sheet needs (names, shared strings, formats), the sheets themselves still zipped. */
export interface XlsxBook {
  /** In workbook order (the order of `<sheets>` in xl/workbook.xml, which is the order Excel shows the tabs). */
  readonly sheets: readonly XlsxSheetInfo[];
  /** The 1904 date system (`<workbookPr date1904>`); used for `t="d"` cells, which SheetJS turns into serial numbers. */
  readonly date1904: boolean;
  /** xl/sharedStrings.xml: plain and rich-text strings, phonetic runs left out. */
  readonly sharedStrings: readonly string[];
  /** xl/styles.xml: cell style index (`s`) → number format, undefined where SheetJS gives none; a cell without a
   * style, or with one past this list (or a book without `<cellXfs>`, where the list is empty), is General. */
  readonly cellFormats: readonly (string | undefined)[];
  /** Read streams of this book still open (0 once every iteration has finished or stopped). */
  readonly openStreams: number;
  /** Releases the zip; iterations still running fail afterwards. */
  close(): void;
}
