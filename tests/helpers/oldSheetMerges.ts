// A verbatim copy of the text reading of sheetMerges (electron/import/xlsx/openXlsx.ts), the import's second pass over
// a sheet part for its merged ranges until round 9 took them in the rows' pass: the reference the one-pass ranges are
// held equal to (tests/unit/sheet-data-scanner.test.ts). Only the import paths differ.

import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { mergeRef } from '../../electron/import/xlsx/cellRange';
import type { SheetRange } from '../../electron/import/xlsx/types';
import { localName } from '../../electron/import/xlsx/xlsxText';

/** sheetMerges' reading of a part's text, chunk by chunk: the ranges, or the parser's error. */
export async function mergesOfText(chunks: AsyncIterable<string> | Iterable<string>): Promise<SheetRange[]> {
  const merges: SheetRange[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (localName(tag.name) !== 'mergeCell') return;
    const range = mergeRef(tag.attributes.ref);
    if (range) merges.push(range);
  });
  let root: string | null = null;
  let carry = '';
  let tail = false;
  let opened = false;
  for await (const chunk of chunks) {
    if (tail) {
      parser.write(chunk);
      continue;
    }
    const text = carry + chunk;
    if (root === null) {
      const m = /<(?![?!])([^\s/>]+)/.exec(text);
      if (m) root = m[1];
    }
    // Most chunks are cells only: a plain search for the name is far cheaper than the patterns over 64 KB.
    if (text.indexOf('sheetData') === -1) {
      carry = text.slice(-CARRY);
      continue;
    }
    opened ||= SHEET_DATA_START.test(text);
    const end = SHEET_DATA_END.exec(text);
    if (end && root !== null) {
      tail = true;
      // The tail alone is not a document: reopen its root element so that the parser checks it as one.
      parser.write(`<${root}>`);
      parser.write(text.slice(end.index + end[0].length));
    } else carry = text.slice(-CARRY);
  }
  if (tail) parser.close();
  else if (opened) throw new Error('unclosed tag: sheetData');
  return merges;
}

const SHEET_DATA_START = /<(?:[\w.-]+:)?sheetData[\s>/]/;
/** The end of `<sheetData>`: its closing tag or an empty `<sheetData/>`. */
const SHEET_DATA_END = /<\/(?:[\w.-]+:)?sheetData\s*>|<(?:[\w.-]+:)?sheetData\s*\/>/;
/** Characters kept between chunks while looking for it (longer than the tag with any sane prefix). */
const CARRY = 64;
