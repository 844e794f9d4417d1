// A worksheet part's `<sheetData>` → rows of cells, fed chunk by chunk (saxes), with the cell semantics of
// SheetJS's dense read (parse_ws_xml_data with cellNF: true, cellDates: false, cellFormula: false, no stubs):
// - a cell's value is its cached `<v>`; `<f>` is never evaluated nor kept;
// - t="s" indexes the shared strings, t="str" (a formula's string result) and t="inlineStr" (`<is>`) are strings,
//   t="b" true/false, t="e" the error's code (#DIV/0! → 7, as SheetJS's RBErr), t="d" an ISO date turned into a
//   serial number (1900 or 1904 system), no t a number;
// - a cell with no value (no `<v>`, or an empty one) is left out, as SheetJS leaves it out without sheetStubs;
// - `z` is the cell style's number format (General without a style);
// - a row or cell without an `r` attribute follows the previous one.
// Completed rows collect in `rows` until the caller takes them; nothing else of a row is kept.
// Inside `<sheetData>` the rows go through a fast scanner (sheetDataScanner.ts) while they keep its plain form;
// saxes reads the rest of the part (everything before and after, and any row from the first the scanner does not
// take), with the same handlers, so both give the same cells and saxes alone refuses what is malformed.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportFileError } from '../importFileError';
import type { SheetCell, SheetRange, SheetRow } from './types';
import { mergeRef } from './cellRange';
import { formatOfStyle, type CellStyles } from './styles';
import { corruptXml } from './workbookPart';
import { decodeXlsxEscapes, decodeXlsxString, localName } from './xlsxText';
import { ScanStop, SheetDataScanner, type RowSink } from './sheetDataScanner';

/** SheetJS's RBErr: the error text Excel caches → the BIFF error code SheetJS gives as `v`. */
const ERROR_CODES: Record<string, number> = {
  '#NULL!': 0x00,
  '#DIV/0!': 0x07,
  '#VALUE!': 0x0f,
  '#REF!': 0x17,
  '#NAME?': 0x1d,
  '#NUM!': 0x24,
  '#N/A': 0x2a,
  '#GETTING_DATA': 0x2b,
  '#WTF?': 0xff,
};

export interface SheetContext {
  part: string;
  sharedStrings: readonly string[];
  styles: CellStyles;
  date1904: boolean;
}

const enum Text {
  None,
  Value,
  Inline,
}

/** Who reads the text: saxes until `<sheetData>`, then the fast scanner, then saxes again to the end. */
const enum Reader {
  Head,
  Scanner,
  Saxes,
}

const SHEET_DATA_TAG = '<sheetData>';
/** A row longer than this (kept whole while it is incomplete) goes to saxes instead: no quadratic re-scan. */
const MAX_CARRY = 1 << 20;

export class SheetCellsParser implements RowSink {
  /** Completed rows, in file order, and how many cells they hold; the caller empties both. */
  rows: SheetRow[] = [];
  cellCount = 0;
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private inSheetData = false;
  private sheetDataDone = false;
  /** After the first `</sheetData>` or `<sheetData/>`: where the merged ranges are read (as the import's second pass read them before). */
  private pastSheetData = false;

  private reader = Reader.Head;
  private readonly scanner = new SheetDataScanner(this);
  /** Reader.Head: the last characters given to saxes (`<sheetData>` may straddle two chunks). */
  private headTail = '';
  /** Reader.Scanner: the text of an incomplete row, kept for the next chunk. */
  private carry = '';
  /** Set when saxes opens `<sheetData>`: the head ends there. */
  private openedSheetData = false;

  /** 0-based row of the `<row>` being read (SheetJS's tagr - 1), and the column of the last `<c>`. */
  private rowIndex = -1;
  private column = -1;
  private current: SheetRow | null = null;
  private currentCells = 0;

  private cellRow = 0;
  private cellColumn = 0;
  private cellType: string | undefined;
  private cellStyle: string | undefined;
  private value: string | undefined;
  private sawValue = false;
  private textMode = Text.None;
  private text = '';
  // Inline string (`<is>`) state: as a shared string item.
  private sawInline = false;
  private inlineText = '';
  private inlineSeenChild = false;
  private inlinePlain = false;
  private inlinePlainDone = false;
  private phoneticDepth = 0;

  /** `merges`, when given, collects the `<mergeCell>` ranges after `<sheetData>`. */
  constructor(
    private readonly context: SheetContext,
    private readonly merges?: SheetRange[],
  ) {
    this.parser.on('opentag', (tag: SaxesTagPlain) => this.open(tag));
    this.parser.on('closetag', (tag: SaxesTagPlain) => this.close(tag.name));
    this.parser.on('text', (t: string) => {
      if (this.textMode !== Text.None) this.text += t;
    });
    this.parser.on('cdata', (t: string) => {
      if (this.textMode !== Text.None) this.text += t;
    });
  }

  /** Rows the fast scanner read (the rest went through saxes). */
  get scannedRows(): number {
    return this.scanner.rowCount;
  }

  write(chunk: string): void {
    try {
      if (this.reader === Reader.Saxes) this.parser.write(chunk);
      else if (this.reader === Reader.Scanner) this.scan(this.carry === '' ? chunk : this.carry + chunk);
      else this.writeHead(chunk);
    } catch (e) {
      throw corruptXml(this.context.part, e);
    }
  }

  end(): void {
    try {
      if (this.reader === Reader.Scanner) this.handOver(this.carry, 0);
      this.parser.close();
    } catch (e) {
      throw corruptXml(this.context.part, e);
    }
    this.flushRow();
  }

  /**
   * Saxes reads up to and including `<sheetData>`; where it opened the sheet's data there (the text was the tag
   * itself, not inside a comment), the scanner reads on.
   */
  private writeHead(chunk: string): void {
    let rest = chunk;
    for (;;) {
      const text = this.headTail + rest;
      const at = text.indexOf(SHEET_DATA_TAG);
      if (at === -1) {
        this.parser.write(rest);
        this.headTail = text.slice(-(SHEET_DATA_TAG.length - 1));
        return;
      }
      const cut = at + SHEET_DATA_TAG.length - this.headTail.length;
      this.headTail = '';
      this.openedSheetData = false;
      this.parser.write(rest.slice(0, cut));
      rest = rest.slice(cut);
      if (this.openedSheetData && this.inSheetData) {
        this.reader = Reader.Scanner;
        this.scan(rest);
        return;
      }
      // `<sheetData/>`, or a sheetData opened some other way (`<sheetData >`, a prefix): saxes reads it all.
      if (this.inSheetData || this.sheetDataDone || this.openedSheetData) {
        this.reader = Reader.Saxes;
        this.parser.write(rest);
        return;
      }
    }
  }

  private scan(text: string): void {
    const stop = this.scanner.scan(text, 0);
    const pos = this.scanner.pos;
    if (stop === ScanStop.NeedMore && text.length - pos <= MAX_CARRY) this.carry = pos === 0 ? text : text.slice(pos);
    else this.handOver(text, pos);
  }

  /** Saxes reads on from a row boundary: the state it would have there is the state the scanner left. */
  private handOver(text: string, pos: number): void {
    this.reader = Reader.Saxes;
    this.carry = '';
    this.parser.write(pos === 0 ? text : text.slice(pos));
  }

  startRow(r: string | undefined): void {
    this.rowIndex = r !== undefined ? parseInt(r, 10) - 1 : this.rowIndex + 1;
    this.column = -1;
  }

  cell(hasRef: boolean, row: number, column: number, type: string | undefined, style: string | undefined, value: string | undefined, inline: string | undefined): void {
    if (hasRef) {
      this.cellRow = row;
      this.cellColumn = column;
      this.column = column;
    } else {
      this.cellRow = this.rowIndex;
      this.cellColumn = ++this.column;
    }
    this.cellType = type;
    this.cellStyle = style;
    this.value = value === undefined ? undefined : decodeXlsxEscapes(value);
    this.sawInline = inline !== undefined;
    this.inlineText = inline ?? '';
    this.textMode = Text.None;
    this.closeCell();
  }

  endRow(): void {
    this.flushRow();
  }

  private open(tag: SaxesTagPlain): void {
    const name = localName(tag.name);
    if (this.pastSheetData && name === 'mergeCell' && this.merges) {
      const range = mergeRef(tag.attributes.ref);
      if (range) this.merges.push(range);
      return;
    }
    if (!this.inSheetData) {
      if (name === 'sheetData' && !this.sheetDataDone) {
        this.inSheetData = !tag.isSelfClosing;
        this.openedSheetData = true;
        this.pastSheetData ||= tag.isSelfClosing;
      }
      return;
    }
    switch (name) {
      case 'c':
        this.openCell(tag.attributes);
        return;
      case 'row':
        this.startRow(tag.attributes.r);
        return;
      case 'v':
        // The first `<v>` of the cell, as SheetJS's str_match_xml_ns finds it.
        if (!this.sawValue) {
          this.sawValue = true;
          this.textMode = Text.Value;
          this.text = '';
        }
        return;
      case 'is':
        this.sawInline = true;
        this.inlineText = '';
        this.inlineSeenChild = this.inlinePlain = this.inlinePlainDone = false;
        this.phoneticDepth = 0;
        return;
      case 't':
        if (this.sawInline && this.phoneticDepth === 0 && !this.inlinePlainDone) {
          if (!this.inlineSeenChild) this.inlinePlain = true;
          this.textMode = Text.Inline;
          this.text = '';
        }
        this.inlineSeenChild = true;
        return;
      case 'rPh':
        this.inlineSeenChild = true;
        this.phoneticDepth++;
        return;
      default:
        if (this.sawInline) this.inlineSeenChild = true;
    }
  }

  private close(rawName: string): void {
    if (!this.inSheetData) return;
    const name = localName(rawName);
    switch (name) {
      case 'c':
        this.closeCell();
        return;
      case 'v':
        if (this.textMode === Text.Value) {
          this.textMode = Text.None;
          if (this.text !== '') this.value = decodeXlsxEscapes(this.text);
        }
        return;
      case 't':
        if (this.textMode === Text.Inline) {
          this.textMode = Text.None;
          this.inlineText += this.text;
          if (this.inlinePlain) this.inlinePlainDone = true;
        }
        return;
      case 'rPh':
        this.phoneticDepth--;
        return;
      case 'row':
        this.flushRow();
        return;
      case 'sheetData':
        this.flushRow();
        this.inSheetData = false;
        this.sheetDataDone = true;
        this.pastSheetData = true;
        return;
    }
  }

  private openCell(attributes: Record<string, string>): void {
    const ref = attributes.r;
    if (ref !== undefined) {
      // SheetJS's decode_cell: letters make the column, digits the row, wherever they stand.
      let row = 0;
      let col = 0;
      for (let i = 0; i < ref.length; i++) {
        const ch = ref.charCodeAt(i);
        if (ch >= 48 && ch <= 57) row = row * 10 + (ch - 48);
        else if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
      }
      this.cellRow = row - 1;
      this.cellColumn = col - 1;
      this.column = col - 1;
    } else {
      this.cellRow = this.rowIndex;
      this.cellColumn = ++this.column;
    }
    this.cellType = attributes.t;
    this.cellStyle = attributes.s;
    this.value = undefined;
    this.sawValue = false;
    this.sawInline = false;
    this.textMode = Text.None;
  }

  private closeCell(): void {
    this.textMode = Text.None;
    const type = this.cellType;
    const raw = this.value;
    let t: string;
    let v: unknown;
    switch (type) {
      case undefined:
      case '':
      case 'n':
        if (raw === undefined) return;
        t = 'n';
        v = parseFloat(raw);
        break;
      case 's': {
        if (raw === undefined) return;
        const index = parseInt(raw, 10);
        const strings = this.context.sharedStrings;
        if (!(index >= 0 && index < strings.length)) throw this.badSharedString(raw);
        t = 's';
        v = strings[index];
        break;
      }
      case 'str':
        t = 's';
        v = raw === undefined ? '' : decodeXlsxString(raw);
        break;
      case 'inlineStr':
        t = 's';
        v = this.sawInline ? decodeXlsxString(this.inlineText) : '';
        break;
      case 'b':
        t = 'b';
        v = raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined;
        break;
      case 'e':
        t = 'e';
        v = raw === undefined ? undefined : ERROR_CODES[raw];
        break;
      case 'd':
        t = 'n';
        v = raw === undefined ? NaN : dateSerial(raw, this.context.date1904);
        break;
      default:
        // A type SpreadsheetML does not define: kept as written, as SheetJS keeps it.
        t = type;
        v = raw;
    }
    // An address with no row or column (`r="1"`, a `<row r>` that is not a number): SheetJS files such a cell
    // under index -1, where no reader of its rows sees it; here it is left out.
    if (!(this.cellRow >= 0 && this.cellColumn >= 0)) return;
    const cell: SheetCell = { t, v, z: formatOfStyle(this.context.styles, this.cellStyle) };
    this.place(this.cellRow, this.cellColumn, cell);
  }

  private place(r: number, c: number, cell: SheetCell): void {
    let row = this.current;
    if (row === null || row.r !== r) {
      // A cell whose address names another row than its `<row>` (malformed, but SheetJS places it by its
      // address): the row so far is complete, the cell starts its own.
      this.flushRow();
      row = this.current = { r, cells: [] };
    }
    row.cells[c] = cell;
    this.currentCells++;
  }

  private flushRow(): void {
    if (this.current !== null) {
      this.rows.push(this.current);
      this.cellCount += this.currentCells;
      this.current = null;
      this.currentCells = 0;
    }
  }

  private badSharedString(raw: string): ImportFileError {
    const where = `${this.context.part} R${this.cellRow + 1}C${this.cellColumn + 1}`;
    return new ImportFileError(
      'corrupt',
      `文件已损坏或不完整（${where} 引用了不存在的共享字符串 ${raw}）/ The file is corrupt or truncated (${where} refers to shared string ${raw}, which does not exist)`,
    );
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const TIME_BASE_1900 = Date.UTC(1899, 11, 31);
const TIME_BASE_1904 = Date.UTC(1904, 0, 1);

/** A t="d" cell's ISO 8601 text → the serial number SheetJS gives with cellDates: false (its parseDate + datenum). */
export function dateSerial(text: string, date1904: boolean): number {
  let ms: number;
  let m = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text);
  if (m) {
    ms =
      (date1904 ? TIME_BASE_1904 : TIME_BASE_1900) +
      ((parseInt(m[1], 10) * 60 + parseInt(m[2], 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0)) * 1000 +
      (m[4] ? parseInt((m[4] + '000').slice(1, 4), 10) : 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)$/.exec(text))) {
    ms = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  } else if ((m = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text))) {
    ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], (m[6] && parseInt(m[6].slice(1), 10)) || 0, (m[7] && parseInt((m[7] + '0000').slice(1, 4), 10)) || 0);
  } else {
    ms = new Date(text).getTime();
  }
  const serial = (ms - EPOCH_1900) / DAY_MS;
  if (date1904) {
    const s = serial - 1462;
    return s < -1402 ? s - 1 : s;
  }
  // Excel's phantom 1900-02-29: serials before it are one less.
  return serial < 60 ? serial - 1 : serial;
}
