// The fast sheetData scanner (electron/import/xlsx/sheetDataScanner.ts) against the saxes-only parser it sped up
// (a verbatim copy: tests/helpers/oldSheetCells.ts): over generated worksheet parts, plain and odd, and over
// random mutations of them, fed in random chunks, both give the same rows (cells, values, types, formats) or the
// same refusal. What is compared is the outcome of the whole part, as the import sees it.

import { describe, expect, it } from 'vitest';
import { ImportFileError } from '../../electron/import/importFileError';
import { SheetCellsParser, type SheetContext } from '../../electron/import/xlsx/sheetCells';
import type { SheetRange } from '../../electron/import/xlsx/types';
import { OldSheetCellsParser } from '../helpers/oldSheetCells';
import { mergesOfText } from '../helpers/oldSheetMerges';
import { chance, pick, seededRandom as random, type Rng } from '../helpers/seededRandom';


const CONTEXT: SheetContext = {
  part: 'xl/worksheets/sheet1.xml',
  sharedStrings: ['指标', '2025年1-10月', 'a & b', ' 空格 ', 'x_x000D_y', '累计增长(%)'],
  styles: { formats: ['General', '0.0%', undefined, 'yyyy"年"m"月"', '0.00'] },
  date1904: false,
};

function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const SPACE = [' ', ' ', ' ', '\n', '\t', '\r\n', '  '];
const VALUE_TEXTS = ['1', '0', '-3.5', '1e3', '12345.678', '', ' 7 ', '0x10', 'abc', '#DIV/0!', '#N/A', 'true', '1', '2025-03-01', '2025-03-01T12:30:00', '12:30', '_x0031_', '3', '99', '5', '1.5E-2', '４'];
const ODD_VALUE_TEXTS = ['1&amp;2', '&#49;', '<![CDATA[12]]>', 'a]]>b', 'a]b', '1\r2', '\u0085', '\u2028', '\u0001', '\uD83D\uDE00', '\uFFFE', '<!-- c -->1', '&lt;', 'x\u00a0y', '甲'];
const TYPES = [undefined, undefined, undefined, 's', 'n', 'str', 'b', 'e', 'd', 'inlineStr', '', 'weird'];

/** One `<c>`: mostly the plain form, sometimes an odd one the scanner must hand to saxes. */
function cellXml(rng: Rng, row: number, column: number, odd: number): string {
  const attrs: string[] = [];
  const type = pick(rng, TYPES);
  if (!chance(rng, 0.08)) attrs.push(`r="${chance(rng, 0.03) ? pick(rng, ['1', 'A', '$A$1', 'a1', 'A1B2', '']) : columnName(column) + (row + 1)}"`);
  if (chance(rng, 0.4)) attrs.push(`s="${pick(rng, ['0', '1', '2', '3', '4', '9', '-1', 'x', '01'])}"`);
  if (type !== undefined) attrs.push(`t="${type}"`);
  if (chance(rng, 0.05)) attrs.push(`cm="1"`);
  if (chance(rng, odd)) {
    const kind = Math.floor(rng() * 7);
    if (kind === 0 && attrs.length > 0) attrs.push(attrs[0]); // duplicate attribute
    else if (kind === 1 && attrs.length > 0) attrs[0] = attrs[0].replace(/"/g, "'"); // single quotes
    else if (kind === 2 && attrs.length > 0) attrs[0] = attrs[0].replace('=', ' = ');
    else if (kind === 3) attrs.push('x:y="1"');
    else if (kind === 4) attrs.push('a="&amp;"');
    else if (kind === 5) attrs.push('b="1\t2"');
    else attrs.push('c="a>b"');
  }
  const sep = () => (chance(rng, 0.9) ? ' ' : pick(rng, SPACE));
  const open = `<c${attrs.map((a) => sep() + a).join('')}${chance(rng, 0.05) ? ' ' : ''}`;
  if (chance(rng, 0.08)) return `${open}/>`;
  const parts: string[] = [];
  const value = () => (chance(rng, odd) ? pick(rng, ODD_VALUE_TEXTS) : type === 's' ? String(Math.floor(rng() * (CONTEXT.sharedStrings.length + 1))) : pick(rng, VALUE_TEXTS));
  if (chance(rng, 0.1)) parts.push(chance(rng, 0.5) ? '<f>SUM(A1:B2)</f>' : pick(rng, ['<f t="shared" si="0"/>', '<f t="shared" ref="B2:B9" si="0">B1*2</f>', '<f>A1&amp;B1</f>', '<f>"a"</f>']));
  if (type === 'inlineStr' || chance(rng, 0.03)) {
    const t = chance(rng, odd) ? pick(rng, ['<t>a&amp;b</t>', '<r><t>a</t></r><r><t>b</t></r>', '<t>a</t><rPh><t>ア</t></rPh>', '<t>x</t><t>y</t>']) : `<t${chance(rng, 0.3) ? ' xml:space="preserve"' : ''}>${pick(rng, ['内联', ' x ', '', 'a_x000D_b', 'l1\nl2'])}</t>`;
    parts.push(chance(rng, 0.05) ? '<is></is>' : `<is>${chance(rng, 0.1) ? ' ' : ''}${t}</is>`);
  }
  if (type !== 'inlineStr' || chance(rng, 0.3)) {
    const n = chance(rng, 0.05) ? 2 : chance(rng, 0.05) ? 0 : 1;
    for (let k = 0; k < n; k++) parts.push(chance(rng, 0.04) ? '<v/>' : `<v>${value()}</v>`);
  }
  if (chance(rng, odd / 2)) parts.splice(Math.floor(rng() * (parts.length + 1)), 0, pick(rng, ['<extLst/>', 'text', '<!-- c -->', '<?pi x?>', '<x:v>1</x:v>', '<v a="1">2</v>']));
  const inner = parts.map((p) => (chance(rng, 0.1) ? pick(rng, SPACE) : '') + p).join('');
  return `${open}>${inner}</c>`;
}

function rowXml(rng: Rng, r: number, odd: number): string {
  const attrs: string[] = [];
  if (!chance(rng, 0.1)) attrs.push(`r="${chance(rng, 0.03) ? pick(rng, ['x', '0', '-1', '1.5', '']) : r + 1}"`);
  if (chance(rng, 0.5)) attrs.push(`spans="1:${1 + Math.floor(rng() * 9)}"`);
  if (chance(rng, 0.3)) attrs.push('x14ac:dyDescent="0.25"');
  if (chance(rng, 0.1)) attrs.push('ht="20" customHeight="1"');
  if (chance(rng, odd)) attrs.push(pick(rng, ['spans="1:2"', "ht='3'", 'a="&quot;"', 'r="1"']));
  const open = `<row${attrs.map((a) => ' ' + a).join('')}`;
  if (chance(rng, 0.05)) return `${open}/>`;
  const cells: string[] = [];
  const count = Math.floor(rng() * 8);
  let column = Math.floor(rng() * 3);
  for (let c = 0; c < count; c++) {
    // Now and then a cell whose address names another row than its `<row>` (SheetJS places it by its address).
    const row = chance(rng, 0.03) ? r + 1 : r;
    cells.push((chance(rng, 0.1) ? pick(rng, SPACE) : '') + cellXml(rng, row, column, odd));
    column += 1 + (chance(rng, 0.2) ? Math.floor(rng() * 3) : 0);
  }
  if (chance(rng, odd / 2)) cells.push(pick(rng, ['text', '<!-- c -->', '<![CDATA[x]]>', '&amp;']));
  return `${open}>${cells.join('')}${chance(rng, 0.1) ? '\n' : ''}</row>`;
}

function sheetXml(rng: Rng, odd: number): string {
  const prefix = chance(rng, 0.03) ? 'x:' : '';
  const ns = prefix ? ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' : ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const head = [
    chance(rng, 0.9) ? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' : chance(rng, 0.3) ? '<?xml version="1.1"?>' : '',
    `<${prefix}worksheet${ns} xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">`,
    chance(rng, 0.5) ? `<${prefix}dimension ref="A1:H40"/>` : '',
    chance(rng, 0.1) ? '<!-- <sheetData> in a comment -->' : '',
    chance(rng, 0.3) ? `<${prefix}cols><${prefix}col min="1" max="1" width="30"/></${prefix}cols>` : '',
  ].join('');
  const rows: string[] = [];
  const count = Math.floor(rng() * 40);
  let r = Math.floor(rng() * 3);
  for (let k = 0; k < count; k++) {
    rows.push((chance(rng, 0.2) ? pick(rng, SPACE) : '') + rowXml(rng, r, odd));
    r += 1 + (chance(rng, 0.1) ? Math.floor(rng() * 4) : 0);
  }
  let body = rows.join('');
  if (prefix) body = body.replace(/<(\/?)(row|c|v|f|is|t)([\s>/])/g, `<$1${prefix}$2$3`);
  const sheetData = chance(rng, 0.03) ? `<${prefix}sheetData/>` : `<${prefix}sheetData${chance(rng, 0.03) ? ' ' : ''}>${body}</${prefix}sheetData${chance(rng, 0.03) ? ' ' : ''}>`;
  const tail = [
    chance(rng, 0.3) ? `<${prefix}mergeCells count="1"><${prefix}mergeCell ref="A1:B1"/></${prefix}mergeCells>` : '',
    chance(rng, 0.5) ? `<${prefix}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` : '',
    `</${prefix}worksheet>`,
  ].join('');
  return head + sheetData + tail;
}

const MUTATION_TEXTS = ['<', '>', '&', '"', "'", '/', '=', ']', ']]>', '\r', '\u0085', '\u2028', '\u0000', ' ', 'x', '</row>', '<row>', '</c>', '<c>', '<v>', '</v>', '</sheetData>', '<sheetData>', '\uD800', '&amp;', '<!--', '-->'];

/** A random edit: a character deleted, text inserted, or a span doubled or cut. */
function mutate(rng: Rng, xml: string): string {
  const at = Math.floor(rng() * (xml.length + 1));
  const kind = Math.floor(rng() * 4);
  if (kind === 0) return xml.slice(0, at) + xml.slice(at + 1);
  if (kind === 1) return xml.slice(0, at) + pick(rng, MUTATION_TEXTS) + xml.slice(at);
  const length = Math.floor(rng() * 40);
  if (kind === 2) return xml.slice(0, at) + xml.slice(at, at + length) + xml.slice(at);
  return xml.slice(0, at);
}

/** Random chunk boundaries, as the inflater's chunks fall anywhere (inside a tag, a value, `<sheetData>`). */
function chunksOf(rng: Rng, xml: string): string[] {
  const chunks: string[] = [];
  let i = 0;
  while (i < xml.length) {
    const size = chance(rng, 0.3) ? 1 + Math.floor(rng() * 4) : chance(rng, 0.5) ? 1 + Math.floor(rng() * 64) : 1 + Math.floor(rng() * 4096);
    chunks.push(xml.slice(i, i + size));
    i += size;
  }
  return chunks;
}

interface Parser {
  rows: unknown[];
  write(chunk: string): void;
  end(): void;
}

type Outcome = { rows: string } | { error: string; code: string };

function outcome(parser: Parser, chunks: string[]): Outcome {
  const rows: unknown[] = [];
  try {
    for (const chunk of chunks) {
      parser.write(chunk);
      rows.push(...parser.rows);
      parser.rows = [];
    }
    parser.end();
    rows.push(...parser.rows);
    // JSON keeps the cells' key order and tells a hole from an undefined entry only as null: compare the
    // cell objects too, below, through toEqual on the parsed form.
    return { rows: JSON.stringify(rows) };
  } catch (e) {
    return { error: (e as Error).message, code: e instanceof ImportFileError ? e.code : 'other' };
  }
}

/** Rows the fast scanner read in the last bothOutcomes (the rest went through saxes). */
let scanned = 0;

function bothOutcomes(chunks: string[]): [Outcome, Outcome] {
  const now = new SheetCellsParser(CONTEXT);
  const result: [Outcome, Outcome] = [outcome(new OldSheetCellsParser(CONTEXT), chunks), outcome(now, chunks)];
  scanned = now.scannedRows;
  return result;
}

/** Cells the generator seldom writes, each alone in a row between two plain rows. */
const ODD_CELLS = [
  '<c r="A2" t="inlineStr"><is><t>a</t></is><is><t>b</t></is></c>',
  '<c r="A2" t="inlineStr"><is></is><t>b</t></c>',
  '<c r="A2" t="inlineStr"><is><t>a</t></is><t>b</t></c>',
  '<c r="A2" t="inlineStr"><is><t/></is></c>',
  '<c r="A2" t="inlineStr"><is> <t xml:space="preserve"> a </t> </is></c>',
  '<c r="A2" t="inlineStr"><is><t>a</t><t>b</t></is></c>',
  '<c r="A2" t="inlineStr"><v>1</v><is><t>a</t></is></c>',
  '<c r="A2" t="inlineStr"><is/></c>',
  '<c r="A2" t="inlineStr"><is></is></c>',
  '<c r="A2" t="inlineStr"><is/><t>x</t></c>',
  '<c r="A2" t="inlineStr"><is><t>a</t></is ></c>',
  '<c r="A2" t="inlineStr"><is><t>a</t> </is></c>',
  '<c r="A2"><f>A1&amp;B1&lt;&gt;&quot;&apos;</f><v>1</v></c>',
  '<c r="A2"><f>A1&bogus;</f><v>1</v></c>',
  '<c r="A2"><f>A1&amp</f><v>1</v></c>',
  '<c r="A2"><f>a&#38;b</f><v>1</v></c>',
  '<c r="A2"><f>a]]>b</f><v>1</v></c>',
  '<c r="A2"><f>Table1[Col]+[1]Sheet1!A1</f><v>1</v></c>',
  '<c r="A2"><f>a]</f><v>1</v></c>',
  '<c r="A2"><v/><v>2</v></c>',
  '<c r="A2"><v></v><v>2</v></c>',
  '<c r="A2"><v>1</v><v>2</v></c>',
  '<c r="A2"><f>A1</f><v>3</v></c>',
  '<c r="A2"><f/><v>3</v></c>',
  '<c r="A2"><f t="shared" t="x"/><v>3</v></c>',
  '<c r="A2" r="B2"><v>3</v></c>',
  '<c r="A2" s="1" s="1"><v>3</v></c>',
  '<c r="A2"cm="1"><v>3</v></c>',
  '<c r="A2" cm="1" cm="2"><v>3</v></c>',
  '<c r="A2" t="str"/>',
  '<c r="A2" t="str"><v></v></c>',
  '<c r="A2" t="s"><v>99</v></c>',
  '<c r="A2" t="s"><v>2</v></c>',
  '<c r="A2"><v>1\u00852</v></c>',
  '<c r="A2"><v>1\u20282</v></c>',
  '<c r="A2"><v>1\u007f</v></c>',
  '<c r="A2"><v>a>b</v></c>',
  '<c r="A2"><v>]]></v></c>',
  '<c r="A2"><v>1</v ></c>',
  '<c r="A2"><v>1</v></c >',
  '<c r="A2" ><v>1</v></c>',
  '<c r="A2"\n><v>1</v></c>',
  '<c r="A2"/ >',
  '<c\tr="A2"><v>1</v></c>',
  '<c r="A2"><v>1</v></c><c r="A2"><v>2</v></c>',
  '<c r="A3"><v>1</v></c><c r="A2"><v>2</v></c>',
  '<c><v>1</v></c><c><v>2</v></c>',
  '<c r="A2"><v>1</v></c></c>',
  '<c r="A2"><v>1</c>',
  '<c r="A2"><V>1</V></c>',
  '<C r="A2"><v>1</v></C>',
];

describe('odd cells, one by one', () => {
  for (const version of ['1.0', '1.1']) {
    it(`give the rows or the refusal saxes gives, whole and one character a chunk (XML ${version})`, () => {
      for (const cell of ODD_CELLS) {
        const xml = `<?xml version="${version}"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2">${cell}</row><row r="3"><c r="A3"><v>3</v></c></row></sheetData></worksheet>`;
        for (const chunks of [[xml], [...xml]]) {
          const [old, now] = bothOutcomes(chunks);
          expect(now, `${cell} in ${chunks.length} chunk(s)`).toEqual(old);
        }
      }
    });
  }
});

describe('the fast sheetData scanner', () => {
  it('gives the rows saxes gives for plain sheets, however the text is cut into chunks', () => {
    let rowsSeen = 0;
    let scannedTotal = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const rng = random(seed);
      const xml = sheetXml(rng, 0);
      for (let k = 0; k < 3; k++) {
        const chunks = k === 0 ? [xml] : chunksOf(rng, xml);
        const [old, now] = bothOutcomes(chunks);
        expect(now, `seed ${seed}, chunking ${k}: ${xml.slice(0, 300)}`).toEqual(old);
        if ('rows' in old) {
          rowsSeen += (JSON.parse(old.rows) as unknown[]).length;
          scannedTotal += scanned;
        }
      }
    }
    // The generator must give real sheets, not only refusals, and the scanner must read most of their rows.
    expect(rowsSeen).toBeGreaterThan(5000);
    expect(scannedTotal / rowsSeen).toBeGreaterThan(0.9);
  });

  it('gives the rows or the refusal saxes gives for sheets with odd and malformed constructs', () => {
    let refused = 0;
    let read = 0;
    for (let seed = 1001; seed <= 1800; seed++) {
      const rng = random(seed);
      const xml = sheetXml(rng, 0.05 + rng() * 0.3);
      const [old, now] = bothOutcomes(chunksOf(rng, xml));
      expect(now, `seed ${seed}: ${xml.slice(0, 300)}`).toEqual(old);
      if ('error' in old) refused++;
      else read++;
    }
    expect(refused).toBeGreaterThan(50);
    expect(read).toBeGreaterThan(50);
  });

  it('gives the rows or the refusal saxes gives for randomly mutated sheets', () => {
    let refused = 0;
    for (let seed = 5001; seed <= 7000; seed++) {
      const rng = random(seed);
      let xml = sheetXml(rng, 0.02);
      const edits = 1 + Math.floor(rng() * 3);
      for (let k = 0; k < edits; k++) xml = mutate(rng, xml);
      const [old, now] = bothOutcomes(chunksOf(rng, xml));
      expect(now, `seed ${seed}: ${xml.slice(0, 300)}`).toEqual(old);
      if ('error' in old) refused++;
    }
    expect(refused).toBeGreaterThan(300);
  });

  it('gives equal cell objects, not only equal JSON (undefined values and holes kept apart)', () => {
    const xml =
      '<worksheet><sheetData><row r="2"><c r="B2" t="b"><v>x</v></c><c r="D2" t="e"><v>#WTF?</v></c><c t="str"/><c r="F2" t="d"><v>2025-01-31</v></c></row></sheetData></worksheet>';
    const old = new OldSheetCellsParser(CONTEXT);
    const now = new SheetCellsParser(CONTEXT);
    for (const p of [old, now]) {
      p.write(xml);
      p.end();
    }
    expect(now.rows).toEqual(old.rows);
    expect(now.rows[0].cells.length).toBe(old.rows[0].cells.length);
    expect(Object.keys(now.rows[0].cells)).toEqual(Object.keys(old.rows[0].cells));
    expect(now.rows[0].cells[1]).toEqual({ t: 'b', v: undefined, z: 'General' });
  });

  it('hands a row longer than its carry limit to saxes and still gives the same cells', () => {
    const cells = Array.from({ length: 60_000 }, (_, c) => `<c r="${columnName(c % 16384)}1"><v>${c}</v></c>`).join('');
    const xml = `<worksheet><sheetData><row r="1">${cells}</row><row r="2"><c r="A2"><v>1</v></c></row></sheetData></worksheet>`;
    const chunks: string[] = [];
    for (let i = 0; i < xml.length; i += 65_536) chunks.push(xml.slice(i, i + 65_536));
    const [old, now] = bothOutcomes(chunks);
    expect('rows' in now).toBe(true);
    expect(now).toEqual(old);
    // The long row went to saxes, and with it the rest of the part.
    expect(scanned).toBe(0);
  });
});

describe('merged ranges in the same pass as the rows', () => {
  /** The rows parse with merges collected, and sheetMerges' own reading of the same text (mergesOfText). */
  async function bothMerges(chunks: string[]): Promise<{ rows: Outcome; onePass: unknown; separate: unknown }> {
    const merges: SheetRange[] = [];
    const rows = outcome(new SheetCellsParser(CONTEXT, merges), chunks);
    let separate: unknown;
    try {
      // sheetMerges reads the text whole: it takes the root element's name from its first chunk, which the
      // inflater makes 64 KB (or the whole part), never the few characters the random chunking can give.
      separate = await mergesOfText([chunks.join('')]);
    } catch (e) {
      separate = { error: (e as Error).message };
    }
    return { rows, onePass: merges, separate };
  }

  it('are the ranges sheetMerges finds, wherever sheetMerges reads the part', async () => {
    let withMerges = 0;
    let onlySeparateRefused = 0;
    for (let seed = 9001; seed <= 10_500; seed++) {
      const rng = random(seed);
      let xml = sheetXml(rng, seed % 2 === 0 ? 0 : 0.1);
      if (chance(rng, 0.5)) xml = xml.replace('</worksheet>', '<mergeCells count="2"><mergeCell ref="C3:D4"/><mergeCell ref="$A$1:B1"/><mergeCell ref="E5"/></mergeCells></worksheet>');
      if (chance(rng, 0.3)) xml = mutate(rng, xml);
      const chunks = chunksOf(rng, xml);
      const { rows, onePass, separate } = await bothMerges(chunks);
      // The rows parse is the old one's (above); where it reads the part, the ranges are sheetMerges' ranges.
      if ('rows' in rows) {
        if (Array.isArray(separate)) {
          expect(onePass, `seed ${seed}: ${xml.slice(-400)}`).toEqual(separate);
          if (separate.length > 0) withMerges++;
        } else {
          onlySeparateRefused++;
        }
      }
    }
    expect(withMerges).toBeGreaterThan(200);
    // A part the whole parse reads but sheetMerges' tail reading refuses (a `</sheetData>` inside a comment, …):
    // the import used to refuse it; now it reads it. No case of the reverse can exist: the rows parse reads all.
    expect(onlySeparateRefused).toBeLessThan(30);
  });

  it('are found after a self-closing <sheetData/> too, and not inside <sheetData>', async () => {
    const { onePass, separate } = await bothMerges([
      '<worksheet><sheetData/><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>',
    ]);
    expect(onePass).toEqual([{ s: { r: 0, c: 0 }, e: { r: 1, c: 1 } }]);
    expect(onePass).toEqual(separate);
    const before = await bothMerges(['<worksheet><mergeCells><mergeCell ref="A1:B2"/></mergeCells><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>']);
    expect(before.onePass).toEqual([]);
    expect(before.onePass).toEqual(before.separate);
  });
});
