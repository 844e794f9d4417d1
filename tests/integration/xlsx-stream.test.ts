// The streaming .xlsx reader against SheetJS: for workbooks written here by SheetJS, exceljs, LibreOffice and
// by hand, every sheet's streamed rows (t, v, z of every cell) and merges deep-equal SheetJS's dense read with
// the options readWorkbook.ts uses. Then what SheetJS cannot show: batches, abort, closed streams, and
// truncated or lying parts refused with an ImportFileError.
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ImportFileError } from '../../electron/import/importFileError';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { WORKBOOK_LIMITS } from '../../electron/import/readWorkbook';
import { BUILTIN_NUM_FMTS } from '../../electron/import/xlsx/builtinNumFmts';
import { MAX_BATCH_CELLS, openXlsx, sheetRows } from '../../electron/import/xlsx/openXlsx';
import type { SheetCell, SheetRange, XlsxBook } from '../../electron/import/xlsx/types';
import { sofficeConvert } from '../helpers/soffice';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { FIXTURES } from './helpers/importStore';
import { writeZip, type ZipInput } from './helpers/zipWriter';
import { refusal } from './helpers/refusal';
import { cellOf } from '../../shared/import/mapping';

// Before any workbook is read here: SheetJS's table of built-in formats grows as it reads custom ones.
const PRISTINE_SSF_TABLE = { ...XLSX.SSF.get_table() };

type Cell = Pick<SheetCell, 't' | 'v' | 'z'>;
type Grid = Cell[][];

const pick = (c: SheetCell | undefined): Cell | undefined => (c === undefined ? undefined : { t: c.t, v: c.v, z: c.z });

/** SheetJS's dense read, exactly as readWorkbook.ts asks for it. */
function readWithSheetJs(bytes: Uint8Array): { names: string[]; grids: Grid[]; merges: SheetRange[][] } {
  const wb = XLSX.read(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellText: false, cellNF: true, cellDates: false, cellStyles: false, sheetStubs: false, WTF: false });
  const sheets = wb.SheetNames.map((n) => wb.Sheets[n] as XLSX.WorkSheet & { '!data'?: (SheetCell | undefined)[][] });
  return {
    names: wb.SheetNames,
    grids: sheets.map((ws) => Array.from(ws['!data'] ?? [], (row) => (row ? Array.from(row, pick) : [])) as Grid),
    merges: sheets.map((ws) => ws['!merges'] ?? []),
  };
}

/** The streamed rows put back into a grid (a later cell at the same place wins, as in SheetJS). */
async function streamedGrid(book: XlsxBook, sheet: number, batchRows?: number): Promise<Grid> {
  const grid: Grid = [];
  for await (const batch of sheetRows(book, sheet, { batchRows })) {
    for (const row of batch) {
      expect(row.cells.some((c) => c !== undefined)).toBe(true);
      grid[row.r] ??= [];
      row.cells.forEach((c, i) => {
        if (c !== undefined) grid[row.r][i] = pick(c)!;
      });
    }
  }
  return Array.from(grid, (row) => (row ? Array.from(row) : []));
}

/** A sheet's merged ranges, as the import takes them: in its pass over the part for the rows. */
async function sheetMerges(book: XlsxBook, i: number, options: { signal?: AbortSignal } = {}): Promise<SheetRange[]> {
  const merges: SheetRange[] = [];
  for await (const batch of sheetRows(book, i, { merges, signal: options.signal })) expect(batch).toBeDefined();
  return merges;
}

/** Every sheet of the workbook, streamed, equals SheetJS's read; returns the book for further checks. */
async function expectSameAsSheetJs(bytes: Uint8Array): Promise<{ book: XlsxBook; grids: Grid[] }> {
  const expected = readWithSheetJs(bytes);
  const book = await openXlsx(bytes);
  expect(book.sheets.map((s) => s.name)).toEqual(expected.names);
  const grids: Grid[] = [];
  for (let i = 0; i < book.sheets.length; i++) {
    const grid = await streamedGrid(book, i);
    expect(grid, `sheet ${book.sheets[i].name}`).toEqual(expected.grids[i]);
    expect(await sheetMerges(book, i), `merges of ${book.sheets[i].name}`).toEqual(expected.merges[i]);
    grids.push(grid);
  }
  expect(book.openStreams).toBe(0);
  return { book, grids };
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface HandSheet {
  name: string;
  /** Path of the part inside the zip, and the Target the workbook's relationship writes for it. */
  part: string;
  target: string;
  relId: string;
  xml: string;
}

/** A workbook written by hand, part by part, for what the writers above never produce. */
function handWorkbook(opts: { sheets: HandSheet[]; sharedStrings?: string; styles?: string; workbookPr?: string; override?: Partial<Record<string, ZipInput>> }): Uint8Array {
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`,
    ...opts.sheets.map((s) => `<Override PartName="/${s.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`),
    opts.sharedStrings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` : '',
    opts.styles ? `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` : '',
  ];
  const rels = [
    ...opts.sheets.map((s) => `<Relationship Id="${s.relId}" Type="${REL_NS}/worksheet" Target="${s.target}"/>`),
    opts.sharedStrings ? `<Relationship Id="rIdSst" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : '',
    opts.styles ? `<Relationship Id="rIdSty" Type="${REL_NS}/styles" Target="styles.xml"/>` : '',
  ];
  const parts: ZipInput[] = [
    { name: '[Content_Types].xml', data: utf8(`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`) },
    { name: '_rels/.rels', data: utf8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    {
      name: 'xl/workbook.xml',
      data: utf8(`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${opts.workbookPr ?? ''}<sheets>${opts.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="${s.relId}"/>`).join('')}</sheets></workbook>`),
    },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`) },
    ...opts.sheets.map((s) => ({ name: s.part, data: utf8(s.xml) })),
  ];
  if (opts.sharedStrings) parts.push({ name: 'xl/sharedStrings.xml', data: utf8(opts.sharedStrings) });
  if (opts.styles) parts.push({ name: 'xl/styles.xml', data: utf8(opts.styles) });
  return writeZip(parts.map((p) => opts.override?.[p.name] ?? p));
}

const worksheet = (sheetData: string, after = '') => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="A1"/>${sheetData}${after}</worksheet>`;
const sheet = (name: string, n: number, xml: string): HandSheet => ({ name, part: `xl/worksheets/sheet${n}.xml`, target: `worksheets/sheet${n}.xml`, relId: `rId${n}`, xml });

let dir: string;
beforeAll(() => {
  dir = makeTmpDir('wb-xlsx-stream-');
});
afterAll(() => removeDir(dir));

describe('the built-in number formats', () => {
  it('are SheetJS’s table as it stands before any workbook is read', () => {
    expect(Object.fromEntries(Object.entries(BUILTIN_NUM_FMTS))).toEqual(PRISTINE_SSF_TABLE);
  });
});

describe('a workbook written by SheetJS', () => {
  it('streams the same cells, formats and merges, sheet by sheet in workbook order', async () => {
    const wb = XLSX.utils.book_new();
    const data = XLSX.utils.aoa_to_sheet([
      ['指标', '2025年1月', '2025年2月'],
      ['增速', 0.081, 0.0765],
      ['产量', 1234.5, 987],
      [null, null, null],
      ['合计', 2221.5, true],
    ]);
    data.B2.z = '0.0%';
    data.C2.z = '0.0%';
    data.B3.z = '0.00';
    data.C3.z = 'General';
    data.B1 = { t: 'n', v: 45658, z: 'yyyy-mm' };
    data['!merges'] = [{ s: { r: 3, c: 0 }, e: { r: 3, c: 2 } }];
    XLSX.utils.book_append_sheet(wb, data, '数据');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a', 1]]), 'Alpha');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), '空表');
    for (const bookSST of [false, true]) {
      const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', bookSST }) as ArrayBuffer);
      const { book, grids } = await expectSameAsSheetJs(bytes);
      expect(book.sheets.map((s) => s.name)).toEqual(['数据', 'Alpha', '空表']);
      expect(grids[0][1][1]).toEqual({ t: 'n', v: 0.081, z: '0.0%' });
      expect(grids[0][0][1]).toEqual({ t: 'n', v: 45658, z: 'yyyy-mm' });
      expect(grids[0][2][1]).toEqual({ t: 'n', v: 1234.5, z: '0.00' });
      expect(grids[0][0][0]).toEqual({ t: 's', v: '指标', z: 'General' });
      expect(grids[2]).toEqual([]);
      expect(await sheetMerges(book, 0)).toEqual([{ s: { r: 3, c: 0 }, e: { r: 3, c: 2 } }]);
      book.close();
    }
  });
});

describe('a workbook written by exceljs', () => {
  async function exceljsBook(date1904: boolean): Promise<ExcelJS.Workbook> {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = date1904;
    const ws = wb.addWorksheet('原煤产量');
    ws.addRow(['地区：内蒙古自治区']);
    ws.mergeCells('A1:D1');
    ws.addRow(['指标', new Date(Date.UTC(2025, 0, 1)), new Date(Date.UTC(2025, 1, 1)), '备注']);
    ws.getRow(2).getCell(2).numFmt = 'yyyy-mm';
    ws.getRow(2).getCell(3).numFmt = 'yyyy"年"m"月"';
    ws.addRow(['累计值(万吨)', 12.5, 13.25, { richText: [{ text: '初步' }, { text: '核实', font: { bold: true } }] }]);
    ws.addRow([]);
    ws.addRow(['累计增长(%)', { formula: 'B3/10', result: 1.25 }, { formula: 'C3/10', result: 1.325 }, { formula: 'A3&"x"', result: '累计值(万吨)x' }]);
    ws.getRow(5).getCell(2).numFmt = '0.0%';
    ws.addRow(['是否修订', true, false, { error: '#N/A' }]);
    ws.addRow(['除零', { formula: '1/0', result: { error: '#DIV/0!' } }, { sharedFormula: 'B5', result: 2 } as unknown as ExcelJS.CellValue, '  前后空格  ']);
    const wide = ws.addRow(Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? `列${i}` : i * 1.5)));
    wide.getCell(40).numFmt = '#,##0.00';
    ws.mergeCells('AA9:AC10');
    const second = wb.addWorksheet('Alpha');
    second.addRow(['只有一格']);
    wb.addWorksheet('空表');
    return wb;
  }

  for (const useSharedStrings of [true, false]) {
    it(`streams the same cells and merges (shared strings ${useSharedStrings ? 'on' : 'off'})`, async () => {
      const wb = await exceljsBook(false);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer({ useSharedStrings } as ExcelJS.XlsxWriteOptions));
      const { book, grids } = await expectSameAsSheetJs(bytes);
      const g = grids[0];
      expect(book.sheets.map((s) => s.name)).toEqual(['原煤产量', 'Alpha', '空表']);
      expect(g[2][3]).toEqual({ t: 's', v: '初步核实', z: 'General' });
      expect(g[4][1]).toEqual({ t: 'n', v: 1.25, z: '0.0%' });
      expect(g[4][3]).toMatchObject({ t: 's', v: '累计值(万吨)x' });
      expect(g[5][1]).toMatchObject({ t: 'b', v: true });
      expect(g[5][3]).toMatchObject({ t: 'e', v: 0x2a });
      expect(g[6][1]).toMatchObject({ t: 'e', v: 0x07 });
      expect(g[6][3]).toMatchObject({ t: 's', v: '  前后空格  ' });
      expect(g[1][2]).toMatchObject({ t: 'n', z: 'yyyy"年"m"月"' });
      expect(g[7]).toHaveLength(60);
      expect(g[3]).toEqual([]);
      expect(await sheetMerges(book, 0)).toEqual([
        { s: { r: 0, c: 0 }, e: { r: 0, c: 3 } },
        { s: { r: 8, c: 26 }, e: { r: 9, c: 28 } },
      ]);
      book.close();
    });
  }

  it('reads the 1904 date system flag', async () => {
    const bytes = new Uint8Array(await (await exceljsBook(true)).xlsx.writeBuffer());
    const { book } = await expectSameAsSheetJs(bytes);
    expect(book.date1904).toBe(true);
    book.close();
  });
});

describe('a workbook saved by LibreOffice', () => {
  it('streams the same cells, formats and merges as SheetJS reads them', async () => {
    // A flat OpenDocument spreadsheet written here, converted by soffice: merged title, dates, percents, a
    // formula with a string result, a blank row, and sheets in a non-alphabetical order.
    const fods = path.join(dir, '执行情况.fods');
    fs.writeFileSync(
      fods,
      `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:percentage-style style:name="N1"><number:number number:decimal-places="1" number:min-decimal-places="1" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:date-style style:name="N2"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/></number:date-style>
<style:style style:name="ce1" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="汇总">
<table:table-row><table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>地区生产总值 &amp; 增速</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>指标</text:p></table:table-cell><table:table-cell table:style-name="ce2" office:value-type="date" office:date-value="2025-01-01"/><table:table-cell table:style-name="ce2" office:value-type="date" office:date-value="2025-02-01"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>增速</text:p></table:table-cell><table:table-cell table:style-name="ce1" office:value-type="percentage" office:value="0.081"/><table:table-cell table:style-name="ce1" table:formula="of:=[.B3]+0.01" office:value-type="percentage" office:value="0.091"/></table:table-row>
<table:table-row/>
<table:table-row><table:table-cell office:value-type="boolean" office:boolean-value="true"/><table:table-cell table:formula="of:=CONCATENATE(&quot;a&quot;;&quot;b&quot;)" office:value-type="string" office:string-value="ab"><text:p>ab</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1234.5"/></table:table-row>
</table:table>
<table:table table:name="Alpha"><table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row></table:table>
<table:table table:name="空表"><table:table-row><table:table-cell/></table:table-row></table:table>
</office:spreadsheet></office:body></office:document>
`,
    );
    const bytes = new Uint8Array(sofficeConvert(fods, 'xlsx'));
    const { book, grids } = await expectSameAsSheetJs(bytes);
    expect(book.sheets.map((s) => s.name)).toEqual(['汇总', 'Alpha', '空表']);
    expect(grids[0][0][0]).toMatchObject({ t: 's', v: '地区生产总值 & 增速' });
    expect(grids[0][2][1]).toMatchObject({ t: 'n', v: 0.081 });
    expect(String(grids[0][2][1].z)).toContain('%');
    expect(grids[0][4][1]).toMatchObject({ t: 's', v: 'ab' });
    expect(await sheetMerges(book, 0)).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 2 } }]);
    book.close();
  }, 120_000);
});

describe('a workbook written by hand', () => {
  const sharedStrings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}" count="4" uniqueCount="4">
<si><t>原煤</t></si>
<si><t xml:space="preserve">  带空格 &amp; &lt;符号&gt; &#x4E2D;&#25991;  </t></si>
<si><r><t>富</t></r><r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">文本 </t></r><rPh sb="0" eb="1"><t>fu</t></rPh></si>
<si><t>东京</t><rPh sb="0" eb="2"><t>とうきょう</t></rPh><phoneticPr fontId="1"/></si>
<si><t>行一_x000D_
行二 _x0041_ _x005F_x0041_</t></si>
</sst>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="3"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="5"/><xf numFmtId="165"/><xf/></cellXfs>
</styleSheet>`;
  const main = worksheet(
    `<sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">  内联 &amp; 字符串 &#x4E2D; </t></is></c><c t="inlineStr"><is><r><t>甲</t></r><r><t>乙</t></r><rPh sb="0" eb="1"><t>jia</t></rPh></is></c><c><v>3</v></c><c t="inlineStr"><is><t>回车_x000D_换行</t></is></c></row>
<row><c><v>10</v></c><c s="1"><v>0.081</v></c></row>
<row r="6" spans="1:12"><c r="A6" t="str"><f>A1&amp;"x"</f><v>公式_x000D_
结果</v></c><c r="B6" t="b"><v>1</v></c><c r="C6" t="b"><v>0</v></c><c r="D6" t="e"><v>#N/A</v></c><c r="E6" t="d"><v>2024-03-01</v></c><c r="F6" s="2"><v>45000</v></c><c r="G6" s="3"><v>45001</v></c><c r="H6" s="4"><v>45002</v></c><c r="I6" s="99"><v>2</v></c><c r="J6"/><c r="K6"><v></v></c><c r="L6" t="s"/><c r="M6" s="5"><v>1E-3</v></c></row>
<row r="7"/>
<row r="8"><c r="C8"><v>1</v></c><c><v>2</v></c><c r="F8" t="d"><v>2024-03-01T12:30:00</v></c><c t="e"><v>#REF!</v></c></row>
<row r="9"><c r="AA9"><f>1+1</f><v>2</v></c><c r="AB9" t="str"><f>"&lt;&gt;"</f><v>&lt;&gt;</v></c></row>
</sheetData>`,
    `<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="C8:D9"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>`,
  );
  // Part paths that are not sheetN.xml, an absolute target, and relationship ids out of order.
  const other: HandSheet = { name: 'Alpha', part: 'xl/data/alpha-part.xml', target: '/xl/data/alpha-part.xml', relId: 'rId7', xml: worksheet('<sheetData><row r="2"><c r="B2"><v>42</v></c></row></sheetData>') };
  const prefixed: HandSheet = {
    name: '前缀',
    part: 'xl/worksheets/ns.xml',
    target: 'worksheets/ns.xml',
    relId: 'rId3',
    xml: `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>7</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B1"/></x:mergeCells></x:worksheet>`,
  };
  const empty: HandSheet = { name: '空表', part: 'xl/worksheets/empty.xml', target: 'worksheets/empty.xml', relId: 'rId2', xml: worksheet('<sheetData/>') };
  const blankRows: HandSheet = { name: '空行', part: 'xl/worksheets/blank.xml', target: 'worksheets/blank.xml', relId: 'rId9', xml: worksheet('<sheetData><row r="1"/><row r="2"><c r="A2" s="1"/></row></sheetData>') };

  const build = (workbookPr = '') =>
    handWorkbook({ sheets: [sheet('Zeta 数据_x0020_表', 1, main), other, prefixed, empty, blankRows], sharedStrings, styles, workbookPr });

  it('reads the zh-CN built-in date formats SheetJS lacks (57 年月, 31 年月日): a month header stored as a date is a period', async () => {
    const zhStyles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}"><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="57"/><xf numFmtId="31"/></cellXfs></styleSheet>`;
    const strings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}"><si><t>时间</t></si><si><t>原煤产量当期值(万吨)</t></si></sst>`;
    // 45658 = 2025-01-01, 45689 = 2025-02-01 (1900 date system).
    const xml = worksheet(
      `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" s="1"><v>45658</v></c><c r="B2"><v>9000</v></c></row><row r="3"><c r="A3" s="2"><v>45689</v></c><c r="B3"><v>8500</v></c></row></sheetData>`,
    );
    const bytes = handWorkbook({ sheets: [sheet('月度', 1, xml)], sharedStrings: strings, styles: zhStyles });
    const book = await openXlsx(bytes);
    const rows: (SheetCell | undefined)[][] = [];
    for await (const batch of sheetRows(book, 0)) for (const row of batch) rows[row.r] = row.cells;
    book.close();
    expect(rows[1][0]).toEqual({ t: 'n', v: 45658, z: 'yyyy"年"m"月"' });
    expect(rows[2][0]).toEqual({ t: 'n', v: 45689, z: 'yyyy"年"m"月"d"日"' });
    const parsed = await parseStatisticsFile(bytes, 'zh-dates.xlsx');
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].series.flatMap((x) => x.observations.map((o) => [o.period, o.value, cellOf(o)]))).toEqual([
      ['2025-01', 9000, 'B2'],
      ['2025-02', 8500, 'B3'],
    ]);
  });

  it('streams inline strings, cells without r, escapes, entities, whitespace, odd part paths and an empty sheet as SheetJS reads them', async () => {
    const { book, grids } = await expectSameAsSheetJs(build());
    expect(book.sheets.map((s) => [s.name, s.part])).toEqual([
      ['Zeta 数据 表', 'xl/worksheets/sheet1.xml'],
      ['Alpha', 'xl/data/alpha-part.xml'],
      ['前缀', 'xl/worksheets/ns.xml'],
      ['空表', 'xl/worksheets/empty.xml'],
      ['空行', 'xl/worksheets/blank.xml'],
    ]);
    const g = grids[0];
    expect(g[0].map((c) => c.v)).toEqual(['原煤', '  带空格 & <符号> 中文  ', '富文本 ', '东京', '行一\n行二 A _x0041_']);
    expect(g[1].map((c) => c.v)).toEqual(['  内联 & 字符串 中 ', '甲乙', 3, '回车\r换行']);
    // Rows and cells without `r` follow the previous ones.
    expect(g[2]).toEqual([{ t: 'n', v: 10, z: 'General' }, { t: 'n', v: 0.081, z: '0.0%' }]);
    expect(g[5].slice(0, 9)).toEqual([
      { t: 's', v: '公式\n结果', z: 'General' },
      { t: 'b', v: true, z: 'General' },
      { t: 'b', v: false, z: 'General' },
      { t: 'e', v: 0x2a, z: 'General' },
      { t: 'n', v: 45352, z: 'General' },
      { t: 'n', v: 45000, z: 'm/d/yy' },
      // Built-in 5 (a currency format of the locale) is in neither table: no format, as SheetJS gives.
      { t: 'n', v: 45001, z: undefined },
      { t: 'n', v: 45002, z: 'yyyy"年"m"月"' },
      { t: 'n', v: 2, z: 'General' },
    ]);
    expect(g[5][12]).toEqual({ t: 'n', v: 0.001, z: 'General' });
    expect(g[5].length).toBe(13);
    expect(g[5][9] ?? g[5][10] ?? g[5][11]).toBeUndefined();
    expect(g[6]).toEqual([]);
    expect(g[7][3]).toEqual({ t: 'n', v: 2, z: 'General' });
    expect(g[7][5]).toEqual({ t: 'n', v: 45352.520833333336, z: 'General' });
    expect(g[7][6]).toEqual({ t: 'e', v: 0x17, z: 'General' });
    expect(g[8][27]).toEqual({ t: 's', v: '<>', z: 'General' });
    expect(grids[1]).toEqual([[], [undefined, { t: 'n', v: 42, z: 'General' }]]);
    expect(grids[2]).toEqual([[{ t: 's', v: '原煤', z: 'General' }, { t: 'n', v: 7, z: 'General' }]]);
    expect(grids[3]).toEqual([]);
    expect(grids[4]).toEqual([]);
    expect(await sheetMerges(book, 0)).toEqual([
      { s: { r: 0, c: 0 }, e: { r: 0, c: 1 } },
      { s: { r: 7, c: 2 }, e: { r: 8, c: 3 } },
    ]);
    expect(await sheetMerges(book, 2)).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }]);
    expect(await sheetMerges(book, 3)).toEqual([]);
    expect(book.sharedStrings).toHaveLength(5);
    expect(book.cellFormats).toEqual(['General', '0.0%', 'm/d/yy', undefined, 'yyyy"年"m"月"', 'General']);
    book.close();
  });

  it('turns t="d" dates into 1904 serial numbers in a 1904 workbook, as SheetJS does', async () => {
    const { book, grids } = await expectSameAsSheetJs(build('<workbookPr date1904="1"/>'));
    expect(book.date1904).toBe(true);
    expect(grids[0][5][4]).toEqual({ t: 'n', v: 45352 - 1462, z: 'General' });
    book.close();
  });

  it('gives the same rows whatever the batch size, and batches of at least batchRows rows', async () => {
    const book = await openXlsx(build());
    const whole = await streamedGrid(book, 0);
    expect(await streamedGrid(book, 0, 1)).toEqual(whole);
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>行${i}</t></is></c></row>`).join('');
    const big = await openXlsx(handWorkbook({ sheets: [sheet('大表', 1, worksheet(`<sheetData>${rows}</sheetData>`))] }));
    const sizes: number[] = [];
    let next = 0;
    for await (const batch of sheetRows(big, 0, { batchRows: 250 })) {
      sizes.push(batch.length);
      for (const row of batch) {
        expect(row.r).toBe(next);
        expect(row.cells).toEqual([{ t: 'n', v: next, z: 'General' }, { t: 's', v: `行${next}`, z: 'General' }]);
        next++;
      }
    }
    expect(next).toBe(3000);
    expect(sizes.slice(0, -1).every((n) => n >= 250)).toBe(true);
    expect(sizes.length).toBeGreaterThan(3);
    book.close();
    big.close();
  });
});

describe('the repository’s NBS sample', () => {
  it('streams the same cells as SheetJS reads them', async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'nbs_sample.xlsx')));
    const { book, grids } = await expectSameAsSheetJs(bytes);
    expect(grids[0].flat().length).toBeGreaterThan(20);
    book.close();
  });
});

describe('memory and the event loop', () => {
  it('lets the event loop turn while a sheet streams, even when the caller never yields', async () => {
    const body = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>${(i * 7919) % 1000}</v></c></row>`).join('');
    const book = await openXlsx(handWorkbook({ sheets: [sheet('大表', 1, worksheet(`<sheetData>${body}</sheetData>`))] }));
    let turns = 0;
    let running = true;
    const tick = () => {
      turns++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    let rows = 0;
    for await (const batch of sheetRows(book, 0, { batchRows: 100_000 })) rows += batch.length;
    running = false;
    expect(rows).toBe(20_000);
    // One batch only, yet other callbacks ran in between: the inflater hands over chunk by chunk.
    expect(turns).toBeGreaterThan(5);
    book.close();
  });

  it('reads text that pairs of surrogates cross the parser\'s slices in, whole (emoji and rare 汉字 in inline strings)', async () => {
    // Rows of varying length, so that the 64 K-character slices of the inflater's chunks fall at every offset,
    // often between the two halves of a pair.
    const text = (i: number) => `${'😀'.repeat(1 + (i % 7))}𠀀${'x'.repeat(i % 5)}`;
    const body = Array.from({ length: 12_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${text(i)}</t></is></c></row>`).join('');
    const book = await openXlsx(handWorkbook({ sheets: [sheet('表情', 1, worksheet(`<sheetData>${body}</sheetData>`))] }));
    let next = 0;
    for await (const batch of sheetRows(book, 0)) {
      for (const row of batch) {
        expect(row.cells).toEqual([{ t: 's', v: text(next), z: 'General' }]);
        next++;
      }
    }
    expect(next).toBe(12_000);
    book.close();
  });

  it('hands a batch over at MAX_BATCH_CELLS cells when its rows are very wide', async () => {
    // 300 rows of 1,500 cells (6.8 MB of XML: under the 10 MB above which the zip ratio is checked).
    const row = `<row>${'<c><v>1</v></c>'.repeat(1500)}</row>`;
    const book = await openXlsx(handWorkbook({ sheets: [sheet('宽表', 1, worksheet(`<sheetData>${row.repeat(300)}</sheetData>`))] }));
    const batches: { rows: number; cells: number }[] = [];
    for await (const batch of sheetRows(book, 0)) batches.push({ rows: batch.length, cells: batch.reduce((n, r) => n + r.cells.length, 0) });
    expect(batches.reduce((n, b) => n + b.cells, 0)).toBe(450_000);
    expect(batches.length).toBe(3);
    for (const b of batches.slice(0, -1)) {
      expect(b.rows).toBeLessThan(1000);
      expect(b.cells).toBeGreaterThanOrEqual(MAX_BATCH_CELLS);
      // At most one inflate chunk's worth of cells past the cap.
      expect(b.cells).toBeLessThan(MAX_BATCH_CELLS + 10_000);
    }
    book.close();
  });
});

describe('stopping and refusing', () => {
  const bigSheet = (rows: number) => {
    const body = Array.from({ length: rows }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}"><v>${i * 2}</v></c></row>`).join('');
    return worksheet(`<sheetData>${body}</sheetData>`);
  };

  it('stops when aborted midway: no batch after the abort, the stream closed', async () => {
    const book = await openXlsx(handWorkbook({ sheets: [sheet('大表', 1, bigSheet(20_000))] }));
    const controller = new AbortController();
    const seen: number[] = [];
    const iteration = (async () => {
      for await (const batch of sheetRows(book, 0, { batchRows: 100, signal: controller.signal })) {
        seen.push(batch.length);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(iteration).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toHaveLength(2);
    expect(seen.reduce((a, b) => a + b, 0)).toBeLessThan(20_000);
    expect(book.openStreams).toBe(0);
    // Aborted before the start: nothing is read at all.
    const rows = sheetRows(book, 0, { signal: AbortSignal.abort() });
    await expect(rows.next()).rejects.toMatchObject({ name: 'AbortError' });
    await expect(sheetMerges(book, 0, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(book.openStreams).toBe(0);
    book.close();
  });

  it('closes the stream when the caller stops reading early', async () => {
    const book = await openXlsx(handWorkbook({ sheets: [sheet('大表', 1, bigSheet(20_000))] }));
    let batches = 0;
    for await (const batch of sheetRows(book, 0, { batchRows: 100 })) {
      expect(batch.length).toBeGreaterThan(0);
      if (++batches === 3) break;
    }
    expect(book.openStreams).toBe(0);
    book.close();
  });

  const drain = async (book: XlsxBook, i = 0) => {
    for await (const batch of sheetRows(book, i)) expect(batch).toBeDefined();
  };
  const bilingual = (e: ImportFileError) => expect(e.message).toMatch(/[\u4e00-\u9fff].*\/ [A-Z]/);

  it('refuses a sheet part whose XML is cut short', async () => {
    const xml = bigSheet(2000);
    const book = await openXlsx(handWorkbook({ sheets: [sheet('截断', 1, xml.slice(0, Math.floor(xml.length * 0.6)))] }));
    const e = await refusal(drain(book));
    expect(e.reason).toBe('corrupt');
    expect(e.message).toContain('xl/worksheets/sheet1.xml');
    bilingual(e);
    expect(book.openStreams).toBe(0);
    await expect(sheetMerges(book, 0)).rejects.toBeInstanceOf(ImportFileError);
    book.close();
  });

  it('refuses a sheet part whose deflate stream is cut short', async () => {
    const xml = utf8(bigSheet(2000));
    const deflated = zlib.deflateRawSync(xml);
    const bytes = handWorkbook({
      sheets: [sheet('截断', 1, '')],
      override: { 'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', data: xml, deflated: deflated.subarray(0, Math.floor(deflated.length / 2)) } },
    });
    const book = await openXlsx(bytes);
    const e = await refusal(drain(book));
    expect(e.reason).toBe('corrupt');
    bilingual(e);
    expect(book.openStreams).toBe(0);
    book.close();
  });

  it('stops a part that inflates past its declared size', async () => {
    const xml = utf8(bigSheet(2000));
    const bytes = handWorkbook({ sheets: [sheet('谎报', 1, '')], override: { 'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', data: xml, declaredSize: 1000 } } });
    const book = await openXlsx(bytes);
    const e = await refusal(drain(book));
    expect(e.reason).toBe('too_large');
    bilingual(e);
    expect(book.openStreams).toBe(0);
    book.close();
  });

  it('refuses a part that inflates to less than its declared size', async () => {
    const xml = utf8(bigSheet(200));
    const bytes = handWorkbook({ sheets: [sheet('谎报', 1, '')], override: { 'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', data: xml, declaredSize: xml.byteLength + 10 } } });
    const book = await openXlsx(bytes);
    const e = await refusal(drain(book));
    expect(e.reason).toBe('corrupt');
    expect(book.openStreams).toBe(0);
    book.close();
  });

  it('refuses a part whose bytes do not match their CRC-32', async () => {
    const xml = bigSheet(200);
    const tampered = xml.replace('<v>7</v>', '<v>8</v>');
    const bytes = handWorkbook({ sheets: [sheet('篡改', 1, '')], override: { 'xl/worksheets/sheet1.xml': { name: 'xl/worksheets/sheet1.xml', data: utf8(xml), deflated: zlib.deflateRawSync(utf8(tampered)) } } });
    const book = await openXlsx(bytes);
    const e = await refusal(drain(book));
    expect(e.reason).toBe('corrupt');
    expect(e.message).toContain('CRC');
    book.close();
  });

  it('expands no entity a DOCTYPE declares (no billion laughs): the part is refused', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]><worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row></sheetData></worksheet>`;
    const book = await openXlsx(handWorkbook({ sheets: [sheet('笑', 1, laughs)] }));
    expect((await refusal(drain(book))).reason).toBe('corrupt');
    book.close();
  });

  it('decodes a formula string result once, where SheetJS decodes it twice', async () => {
    // `a&amp;lt;b` is the text `a&lt;b`; SheetJS unescapes a t="str" value a second time and gives `a<b`.
    const bytes = handWorkbook({ sheets: [sheet('公式', 1, worksheet('<sheetData><row r="1"><c r="A1" t="str"><f>X</f><v>a&amp;lt;b</v></c></row></sheetData>'))] });
    const book = await openXlsx(bytes);
    expect(await streamedGrid(book, 0)).toEqual([[{ t: 's', v: 'a&lt;b', z: 'General' }]]);
    expect(readWithSheetJs(bytes).grids[0][0][0].v).toBe('a<b');
    book.close();
  });

  it('refuses a cell that names a shared string the file does not have', async () => {
    const book = await openXlsx(handWorkbook({ sheets: [sheet('坏', 1, worksheet('<sheetData><row r="1"><c r="A1" t="s"><v>5</v></c></row></sheetData>'))], sharedStrings: `<sst xmlns="${MAIN_NS}"><si><t>a</t></si></sst>` }));
    const e = await refusal(drain(book));
    expect(e.reason).toBe('corrupt');
    expect(e.message).toContain('R1C1');
    book.close();
  });

  it('refuses a broken workbook part, a missing sheet part, too many sheets and a sheet that is not there', async () => {
    const ok = sheet('表', 1, worksheet('<sheetData/>'));
    const broken = handWorkbook({ sheets: [ok], override: { 'xl/workbook.xml': { name: 'xl/workbook.xml', data: utf8(`<workbook xmlns="${MAIN_NS}"><sheets><sheet name="表"`) } } });
    expect((await refusal(openXlsx(broken))).reason).toBe('corrupt');
    const missing = handWorkbook({ sheets: [ok, { ...ok, name: '缺', relId: 'rId5', part: 'xl/worksheets/unused.xml', target: 'worksheets/gone.xml' }] });
    const e = await refusal(openXlsx(missing));
    expect(e.reason).toBe('corrupt');
    expect(e.message).toContain('worksheets/gone.xml');
    const many = Array.from({ length: WORKBOOK_LIMITS.maxSheets + 1 }, (_, i) => sheet(`S${i}`, i + 1, worksheet('<sheetData/>')));
    expect((await refusal(openXlsx(handWorkbook({ sheets: many })))).reason).toBe('too_many_sheets');
    const book = await openXlsx(handWorkbook({ sheets: [ok] }));
    expect((await refusal(drain(book, 1))).reason).toBe('sheet_not_found');
    book.close();
  });
});
