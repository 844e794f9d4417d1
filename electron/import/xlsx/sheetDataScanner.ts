// A fast scanner for the rows of `<sheetData>`, for the plain form that Excel, WPS, LibreOffice and the usual
// writers give a sheet: `<row …>`, `<c …>`, `<v>…</v>`, `<f …>…</f>`, attributes in double quotes, text without
// entities. saxes, a whole XML parser, spent most of an import's parse on these few shapes (a million cells:
// about 1.2 s of 3.3 s under the profiler).
//
// The scanner only ever accepts a strict subset of well-formed XML. A row is validated whole before any of its
// cells is handed on; at the first row holding anything else (an entity or character reference, CDATA, a comment,
// a prefix, single quotes, an inline string, a character XML forbids or normalises, text outside a value, a
// duplicate attribute, …) it stops at that row's start and the caller hands the rest of the part to saxes, which
// then reads that row and everything after it exactly as before, and is the one to refuse what is malformed.
// So the cells are those saxes would give, and so are the errors (tests/unit/sheet-data-scanner.test.ts holds
// both equal to a copy of the saxes-only parser over generated and mutated sheets).

/** What the scanner hands on: the effect of saxes' events for a row, through SheetCellsParser's own handling. */
export interface RowSink {
  /** `<row>`: its `r` attribute as written, or undefined. */
  startRow(r: string | undefined): void;
  /**
   * A whole `<c>`: its address (row and column as SheetJS's decode_cell reads `r`, or `hasRef` false without
   * one), its `t` and `s` as written, the text of its first `<v>` (undefined without one or when empty) and of its
   * inline string `<is><t>…</t></is>` (undefined without one).
   */
  cell(hasRef: boolean, row: number, column: number, type: string | undefined, style: string | undefined, value: string | undefined, inline: string | undefined): void;
  /** `</row>` (or the end of `<row/>`). */
  endRow(): void;
}

/** How a scan ended: at `pos`, either wanting more text (the rest is an incomplete row) or handing over to saxes. */
export const enum ScanStop {
  NeedMore,
  Handover,
}

const LT = 60;
const GT = 62;
const SLASH = 47;
const QUOTE = 34;
const EQUALS = 61;

/** Fewer characters than this at a row boundary may be the start of `<row` or `</sheetData>`: wait for more. */
const LOOKAHEAD = 12;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 46 || c === 45;
}

/**
 * A character that stands for itself in text under XML 1.0 and 1.1 alike, with no normalisation: not `<`, `&`,
 * `]` (which could start `]]>`), CR (line-end normalisation), C0 controls but tab and LF, DEL and C1 controls
 * (restricted in XML 1.1, U+0085 a line end there), U+2028, surrogates (pairs are left to saxes), U+FFFE/U+FFFF.
 */
function isPlainTextChar(c: number): boolean {
  if (c < 0x7f) return c >= 0x20 ? c !== 0x26 && c !== 0x3c && c !== 0x5d : c === 0x0a || c === 0x09;
  if (c < 0xa0) return false;
  if (c < 0xd800) return c !== 0x2028;
  return c >= 0xe000 && c <= 0xfffd;
}

/** As isPlainTextChar, for a value in double quotes: no tab or LF either (attribute normalisation), no `"` or `>`. */
function isPlainAttributeChar(c: number): boolean {
  if (c < 0x7f) return c >= 0x20 && c !== 0x26 && c !== 0x3c && c !== 0x22 && c !== 0x3e;
  if (c < 0xa0) return false;
  if (c < 0xd800) return c !== 0x2028;
  return c >= 0xe000 && c <= 0xfffd;
}

function plainText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isPlainTextChar(text.charCodeAt(i))) return false;
  return true;
}

/** A formula's text (never kept): plain text, where `&` may also start one of XML's five named entities and `]` stand alone. */
function plainFormula(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isPlainTextChar(c)) continue;
    // `]` alone is text (`Table1[Column]`, `[1]Sheet1!A1`); only `]]>` is refused.
    if (c === 0x5d) {
      if (text.startsWith(']]>', i)) return false;
      continue;
    }
    if (c !== 0x26) return false;
    const semicolon = text.indexOf(';', i);
    if (semicolon === -1 || semicolon >= end || !NAMED_ENTITIES.has(text.slice(i + 1, semicolon))) return false;
    i = semicolon;
  }
  return true;
}

const NAMED_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

export class SheetDataScanner {
  /** Where the last scan stopped. */
  pos = 0;
  /** Rows handed on so far (for tests and diagnostics: how much of a part the scanner read). */
  rowCount = 0;

  // The attributes of the tag just read (tag()): `r`, `t`, `s` as value spans, others by name for the duplicate check.
  private selfClosing = false;
  private rStart = -1;
  private rEnd = -1;
  private tStart = -1;
  private tEnd = -1;
  private sStart = -1;
  private sEnd = -1;
  private readonly otherNames: string[] = [];
  private otherCount = 0;

  // A row's cells, collected while the row is validated and handed on only once it is whole.
  private count = 0;
  private readonly hasRef: boolean[] = [];
  private readonly rows: number[] = [];
  private readonly columns: number[] = [];
  private readonly types: (string | undefined)[] = [];
  private readonly styles: (string | undefined)[] = [];
  private readonly values: (string | undefined)[] = [];
  private readonly inlines: (string | undefined)[] = [];
  /** The last `s` value sliced, reused while the next cell's is the same text (most cells share a few styles). */
  private lastStyle = '';

  constructor(private readonly sink: RowSink) {}

  /**
   * Scans whole rows of `text` from `start` (a row boundary inside `<sheetData>`) and hands each on. Stops with
   * NeedMore at an incomplete row, or with Handover at `</sheetData>` or at a row the scanner does not take;
   * `pos` is then that row's (or tag's) first character.
   */
  scan(text: string, start: number): ScanStop {
    const len = text.length;
    let p = start;
    for (;;) {
      while (p < len && isSpace(text.charCodeAt(p))) p++;
      this.pos = p;
      if (len - p < LOOKAHEAD) return ScanStop.NeedMore;
      if (text.charCodeAt(p) !== LT) return ScanStop.Handover;
      if (!text.startsWith('<row', p) || !isTagEnd(text.charCodeAt(p + 4))) return ScanStop.Handover;
      const gt = text.indexOf('>', p + 4);
      if (gt === -1) return ScanStop.NeedMore;
      // The first `>` ends the start tag: an attribute value holding one is not taken (below).
      if (this.tag(text, p + 4, gt + 1) !== gt + 1) return ScanStop.Handover;
      const rowAttr = this.rStart === -1 ? undefined : text.slice(this.rStart, this.rEnd);
      if (this.selfClosing) {
        this.sink.startRow(rowAttr);
        this.sink.endRow();
        this.rowCount++;
        p = gt + 1;
        continue;
      }
      const rowEnd = text.indexOf('</row>', gt + 1);
      if (rowEnd === -1) return ScanStop.NeedMore;
      if (!this.cells(text, gt + 1, rowEnd)) return ScanStop.Handover;
      this.sink.startRow(rowAttr);
      const { sink, hasRef, rows, columns, types, styles, values, inlines } = this;
      for (let k = 0; k < this.count; k++) sink.cell(hasRef[k], rows[k], columns[k], types[k], styles[k], values[k], inlines[k]);
      sink.endRow();
      this.rowCount++;
      p = rowEnd + 6;
    }
  }

  /**
   * A tag's attributes from `i` (just after its name) to its `>` or `/>`, none past `limit`: the index after the
   * tag, or -1 when the tag is not of the plain form. Sets selfClosing and the r/t/s spans.
   */
  private tag(text: string, i: number, limit: number): number {
    this.selfClosing = false;
    this.rStart = this.tStart = this.sStart = -1;
    this.otherCount = 0;
    for (;;) {
      let c = text.charCodeAt(i);
      if (c === GT) return i + 1;
      if (c === SLASH) {
        if (text.charCodeAt(i + 1) !== GT) return -1;
        this.selfClosing = true;
        return i + 2;
      }
      // XML wants white space before each attribute.
      if (!isSpace(c)) return -1;
      do c = text.charCodeAt(++i);
      while (isSpace(c));
      if (c === GT || c === SLASH) continue;
      if (!isNameStart(c)) return -1;
      const nameStart = i;
      do c = text.charCodeAt(++i);
      while (isNameChar(c));
      const nameEnd = i;
      if (c !== EQUALS || text.charCodeAt(i + 1) !== QUOTE) return -1;
      const valueStart = i + 2;
      const valueEnd = text.indexOf('"', valueStart);
      if (valueEnd === -1 || valueEnd >= limit) return -1;
      for (let k = valueStart; k < valueEnd; k++) if (!isPlainAttributeChar(text.charCodeAt(k))) return -1;
      if (!this.noteAttribute(text, nameStart, nameEnd, valueStart, valueEnd)) return -1;
      i = valueEnd + 1;
    }
  }

  /** Records an attribute; false when the tag already has one of that name (saxes refuses the tag). */
  private noteAttribute(text: string, nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): boolean {
    if (nameEnd - nameStart === 1) {
      const c = text.charCodeAt(nameStart);
      if (c === 114 /* r */) {
        if (this.rStart !== -1) return false;
        this.rStart = valueStart;
        this.rEnd = valueEnd;
        return true;
      }
      if (c === 116 /* t */) {
        if (this.tStart !== -1) return false;
        this.tStart = valueStart;
        this.tEnd = valueEnd;
        return true;
      }
      if (c === 115 /* s */) {
        if (this.sStart !== -1) return false;
        this.sStart = valueStart;
        this.sEnd = valueEnd;
        return true;
      }
    }
    const name = text.slice(nameStart, nameEnd);
    for (let k = 0; k < this.otherCount; k++) if (this.otherNames[k] === name) return false;
    this.otherNames[this.otherCount++] = name;
    return true;
  }

  /** A row's content from `i` to `end` (its `</row>`): cells and white space only, collected; false otherwise. */
  private cells(text: string, i: number, end: number): boolean {
    this.count = 0;
    for (;;) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i === end) return true;
      if (text.charCodeAt(i) !== LT || text.charCodeAt(i + 1) !== 99 /* c */ || !isTagEnd(text.charCodeAt(i + 2))) return false;
      i = this.tag(text, i + 2, end);
      if (i === -1) return false;
      const k = this.count++;
      this.noteCellAttributes(text, k);
      this.values[k] = undefined;
      this.inlines[k] = undefined;
      if (this.selfClosing) continue;
      i = this.cellContent(text, i, end, k);
      if (i === -1) return false;
    }
  }

  private noteCellAttributes(text: string, k: number): void {
    if (this.rStart !== -1) {
      // SheetJS's decode_cell: letters make the column, digits the row, wherever they stand.
      let row = 0;
      let col = 0;
      for (let j = this.rStart; j < this.rEnd; j++) {
        const ch = text.charCodeAt(j);
        if (ch >= 48 && ch <= 57) row = row * 10 + (ch - 48);
        else if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
      }
      this.hasRef[k] = true;
      this.rows[k] = row - 1;
      this.columns[k] = col - 1;
    } else this.hasRef[k] = false;
    this.types[k] = this.tStart === -1 ? undefined : this.tEnd - this.tStart === 1 && text.charCodeAt(this.tStart) === 115 ? 's' : text.slice(this.tStart, this.tEnd);
    if (this.sStart === -1) this.styles[k] = undefined;
    else {
      const length = this.sEnd - this.sStart;
      if (length !== this.lastStyle.length || !text.startsWith(this.lastStyle, this.sStart)) this.lastStyle = text.slice(this.sStart, this.sEnd);
      this.styles[k] = this.lastStyle;
    }
  }

  /**
   * A cell's children from `i` (after `<c …>`) to its `</c>`: `<v>`s, `<f>`s and one inline string of one `<t>`;
   * the index after `</c>`, or -1.
   */
  private cellContent(text: string, i: number, end: number, k: number): number {
    let sawValue = false;
    for (;;) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      if (i >= end || text.charCodeAt(i) !== LT) return -1;
      const c1 = text.charCodeAt(i + 1);
      if (c1 === SLASH) return text.startsWith('</c>', i) ? i + 4 : -1;
      if (c1 === 118 /* v */) {
        const c2 = text.charCodeAt(i + 2);
        if (c2 === SLASH) {
          if (text.charCodeAt(i + 3) !== GT) return -1;
          sawValue = true;
          i += 4;
          continue;
        }
        if (c2 !== GT) return -1;
        const lt = text.indexOf('<', i + 3);
        if (lt === -1 || lt >= end || !text.startsWith('</v>', lt) || !plainText(text, i + 3, lt)) return -1;
        // The first `<v>` of the cell, as SheetJS's str_match_xml_ns finds it; an empty one leaves no value.
        if (!sawValue && lt > i + 3) this.values[k] = text.slice(i + 3, lt);
        sawValue = true;
        i = lt + 4;
        continue;
      }
      if (c1 === 105 /* i */ && text.charCodeAt(i + 2) === 115 /* s */) {
        // `<is><t …>text</t></is>` (or `<is/>`, `<is></is>`: an empty string), the plain inline string; rich
        // text runs, phonetics or a second `<is>` go to saxes.
        if (this.inlines[k] !== undefined) return -1;
        if (text.startsWith('<is/>', i)) {
          this.inlines[k] = '';
          i += 5;
          continue;
        }
        if (text.charCodeAt(i + 3) !== GT) return -1;
        i += 4;
        while (i < end && isSpace(text.charCodeAt(i))) i++;
        let inline = '';
        if (!text.startsWith('</is>', i)) {
          if (text.charCodeAt(i) !== LT || text.charCodeAt(i + 1) !== 116 /* t */ || !isTagEnd(text.charCodeAt(i + 2))) return -1;
          i = this.tag(text, i + 2, end);
          if (i === -1) return -1;
          if (!this.selfClosing) {
            const lt = text.indexOf('<', i);
            if (lt === -1 || lt >= end || !text.startsWith('</t>', lt) || !plainText(text, i, lt)) return -1;
            inline = text.slice(i, lt);
            i = lt + 4;
          }
          while (i < end && isSpace(text.charCodeAt(i))) i++;
          if (!text.startsWith('</is>', i)) return -1;
        }
        if (i + 5 > end) return -1;
        this.inlines[k] = inline;
        i += 5;
        continue;
      }
      if (c1 === 102 /* f */ && isTagEnd(text.charCodeAt(i + 2))) {
        // A formula is never evaluated nor kept: only checked to be plain. (tag() reuses the attribute spans: the
        // cell's own were noted before its content.)
        i = this.tag(text, i + 2, end);
        if (i === -1) return -1;
        if (this.selfClosing) continue;
        const lt = text.indexOf('<', i);
        if (lt === -1 || lt >= end || !text.startsWith('</f>', lt) || !plainFormula(text, i, lt)) return -1;
        i = lt + 4;
        continue;
      }
      return -1;
    }
  }
}

/** After a tag's name: white space, `>` or `/` (else the name goes on: `<rows`, `<cx`). */
function isTagEnd(c: number): boolean {
  return c === GT || c === SLASH || isSpace(c);
}
