// xl/styles.xml → the number format of every cell style: a cell's `s` attribute indexes `<cellXfs>`, whose `<xf
// numFmtId>` names a custom `<numFmt>` of the same file or a built-in format. SheetJS sets `z` from the same
// lookup (its safe_format with cellNF: true); this gives the same strings, without its process-wide table.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { BUILTIN_NUM_FMTS, ZH_CN_NUM_FMTS } from './builtinNumFmts';
import { corruptXml } from './workbookPart';
import { decodeXlsxEscapes, localName } from './xlsxText';

export interface CellStyles {
  /** cellXfs index → number format string; undefined where SheetJS gives none. Null when styles.xml has no `<cellXfs>`. */
  formats: (string | undefined)[] | null;
}

/** The format SheetJS gives a cell with style `s` (the attribute's text, or undefined without one). */
export function formatOfStyle(styles: CellStyles, s: string | undefined): string | undefined {
  if (styles.formats === null || s === undefined) return GENERAL;
  const index = Number(s);
  if (!Number.isInteger(index) || index < 0 || index >= styles.formats.length) return GENERAL;
  return styles.formats[index];
}

const GENERAL = BUILTIN_NUM_FMTS[0];

export class StylesParser {
  private readonly parser = new SaxesParser({ xmlns: false, position: false });
  private readonly custom = new Map<number, string>();
  /** numFmtId of each `<xf>` in `<cellXfs>` (0 where the attribute is absent). */
  private readonly xfFormatIds: number[] = [];
  private inCellXfs = false;
  private sawCellXfs = false;

  constructor(private readonly part: string) {
    this.parser.on('opentag', (tag: SaxesTagPlain) => this.open(localName(tag.name), tag.attributes, tag.isSelfClosing));
    this.parser.on('closetag', (tag: SaxesTagPlain) => {
      if (localName(tag.name) === 'cellXfs') this.inCellXfs = false;
    });
  }

  write(chunk: string): void {
    try {
      this.parser.write(chunk);
    } catch (e) {
      throw corruptXml(this.part, e);
    }
  }

  end(): CellStyles {
    try {
      this.parser.close();
    } catch (e) {
      throw corruptXml(this.part, e);
    }
    if (!this.sawCellXfs) return { formats: null };
    return { formats: this.xfFormatIds.map((id) => this.custom.get(id) ?? BUILTIN_NUM_FMTS[id] ?? ZH_CN_NUM_FMTS[id]) };
  }

  private open(name: string, attributes: Record<string, string>, selfClosing: boolean): void {
    if (name === 'numFmt') {
      const id = parseInt(attributes.numFmtId ?? '', 10);
      // SheetJS keeps General for id 0 whatever the file says.
      if (id > 0 && attributes.formatCode !== undefined) this.custom.set(id, decodeXlsxEscapes(attributes.formatCode));
    } else if (name === 'cellXfs') {
      // `<cellXfs/>` (no closing tag) is no list at all for SheetJS: every cell then reads as General.
      if (!selfClosing && !this.sawCellXfs) {
        this.inCellXfs = this.sawCellXfs = true;
      }
    } else if (name === 'xf' && this.inCellXfs) {
      const id = attributes.numFmtId ? parseInt(attributes.numFmtId, 10) : 0;
      this.xfFormatIds.push(Number.isNaN(id) ? 0 : id);
    }
  }
}
