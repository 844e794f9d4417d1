// The .xlsx reader streams a sheet's rows instead of SheetJS reading the whole workbook at once. Whatever the file,
// the import must not notice: for files in every layout, written by SheetJS, ExcelJS and LibreOffice, the parse
// through the streamed reader equals, field for field, the parse of the same sheets as SheetJS reads them.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseStatisticsFile, parseWorkbook } from '../../electron/import/parseFile';
import { readWithSheetJs, type ReadWorkbook } from '../../electron/import/readWorkbook';
import { controlCharsWarning, stripControlCharsInSheets } from '../../electron/import/screenValues';
import { byRegionMonthly, excelMonth, monthHeadersNewestFirst, workbook, type Cell } from './helpers/layoutFixtures';
import { FIXTURES } from './helpers/importStore';

/** The same file as SheetJS reads it whole, then through the same mapping. */
function parsedBySheetJs(bytes: Uint8Array, fileName: string) {
  const sheets = readWithSheetJs(bytes, fileName);
  const warnings: string[] = [];
  const stripped = stripControlCharsInSheets(sheets);
  if (stripped > 0) warnings.push(controlCharsWarning(stripped));
  const book: ReadWorkbook = { format: 'xlsx', encoding: null, sheets, warnings };
  return parseWorkbook(book, fileName, { head: { rows: 12, columns: 8 } });
}

async function expectSameParse(bytes: Uint8Array, fileName: string): Promise<void> {
  const streamed = await parseStatisticsFile(bytes, fileName, { head: { rows: 12, columns: 8 } });
  expect(streamed).toEqual(parsedBySheetJs(bytes, fileName));
  expect(streamed.observationCount).toBeGreaterThan(0);
}

const months = (n: number): string[] => monthHeadersNewestFirst(n, 2025, 10);

function wideRows(series: number, periods: number): Cell[][] {
  const rows: Cell[][] = [['数据库：分省月度数据'], ['地区：示例省'], [`时间：最近${periods}个月`], ['指标', ...months(periods)]];
  for (let s = 0; s < series; s++) {
    const suffix = ['累计值(亿元)', '当期值(万吨)', '累计增长(%)', '(上年同月=100)'][s % 4];
    rows.push([`示例指标${s}${suffix}`, ...Array.from({ length: periods }, (_, p) => (s + p) % 7 === 3 ? null : Math.round((s * 13.7 + p * 2.9) * 10) / 10)]);
  }
  rows.push(['注：示例数据。'], ['数据来源：测试']);
  return rows;
}

describe('the streamed .xlsx reader gives the same parse as SheetJS reading the whole file', () => {
  it('NBS wide export, 2,500 rows (several read batches), written by SheetJS', async () => {
    await expectSameParse(workbook([{ name: 'Sheet1', rows: wideRows(2500, 14) }], 'xlsx'), 'wide.xlsx');
  });

  it('by-region, an analyst workbook with merged year headers, percent and date formats, several sheets', async () => {
    const byRegion = byRegionMonthly('居民消费价格指数(上年同月=100)', ['北京市', '天津市', '内蒙古自治区'], 6, (r, m) => (r === 1 && m === 2 ? null : 100 + r + m / 10), 2025, 6);
    const analyst: Cell[][] = [
      ['2025年主要指标监测表'],
      ['指标', '单位', '口径', '2025年', null, null, '累计同比（最新）'],
      [null, null, null, '1月', '2月', '3月', null],
      ['规模以上工业增加值', '亿元', '累计值', 120.5, 250.25, 390, { v: 0.061, z: '0.0%' }],
      ['  其中：采矿业', '亿元', '累计值', 60, 125, 190, { v: 0.052, z: '0.0%' }],
      ['社会消费品零售总额', '亿元', '当月值', 300, 280, 310, null],
      ['城镇调查失业率', '%', '当月值', 5.1, 5.0, 4.9, null],
    ];
    const dated: Cell[][] = [['指标名称', { date: excelMonth(2025, 1), z: 'yyyy-mm' }, { date: excelMonth(2025, 2), z: 'yyyy-mm' }], ['发电量当期值(亿千瓦时)', 100.5, 98.25], ['发电量累计值(亿千瓦时)', 100.5, 198.75]];
    const bytes = workbook(
      [
        { name: '监测表', rows: analyst, merges: ['D2:F2', 'A2:A3', 'B2:B3', 'C2:C3', 'G2:G3'] },
        { name: '分省', rows: byRegion },
        { name: '日期表头', rows: dated },
      ],
      'xlsx',
    );
    await expectSameParse(bytes, 'analyst.xlsx');
  });

  it('periods down the rows, a long table, and the same series on two sheets (equal and conflicting values)', async () => {
    const periodsDown: Cell[][] = [['数据库：月度数据'], ['时间', '原煤产量当期值(万吨)', '原煤产量累计值(万吨)'], ['2025年3月', 9000, 26000], ['2025年2月', 8500, 17000], ['2025年1月', 8500, 8500]];
    const long: Cell[][] = [['指标名称', '计量单位', '统计周期', '数值'], ['旅游接待人次当期值', '万人次', '2025年1月', 1200], ['旅游接待人次当期值', '万人次', '2025年2月', 1350.5]];
    const a: Cell[][] = [['指标', '2025年2月', '2025年1月'], ['粮食产量当期值(万吨)', 10, 20], ['棉花产量当期值(万吨)', 1, 2], ['钢材产量\u0001当期值(万吨)', 3, 4]];
    const b: Cell[][] = [['指标', '2025年2月', '2025年1月'], ['粮食产量当期值(万吨)', 10, 21]];
    const bytes = workbook([{ name: '时间', rows: periodsDown }, { name: '长表', rows: long }, { name: 'A', rows: a }, { name: 'B', rows: b }], 'xlsx');
    await expectSameParse(bytes, 'mixed.xlsx');
    // The control character SheetJS wrote as `_x0001_` is decoded, then removed with a warning, in both reads.
    expect((await parseStatisticsFile(bytes, 'mixed.xlsx')).warnings.join('\n')).toContain('控制字符');
  });

  it('a workbook written by ExcelJS: shared strings, rich text, formulas with cached results, text numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['指标', '2025年2月', '2025年1月']);
    ws.addRow([{ richText: [{ text: '发电量' }, { text: '当期值(亿千瓦时)', font: { bold: true } }] }, { formula: 'B3*2', result: 201 }, 99.5]);
    ws.addRow(['用电量当期值(亿千瓦时)', '100.5', { formula: '1/0', result: { error: '#DIV/0!' } }]);
    ws.addRow(['货运量当期值(万吨)', { formula: '"—"', result: '—' }, 12]);
    ws.getCell('C4').numFmt = '0.00';
    const other = wb.addWorksheet('第二页');
    other.addRow(['指标', '2025年1月']);
    other.addRow(['客运量当期值(万人)', { v: 1 } as unknown as number]);
    other.getCell('B2').value = 0.253;
    other.getCell('B2').numFmt = '0.0%';
    other.getCell('A2').value = '客运量同比增长(%)';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    // The error and the text cells are problems in both parses: skip-free comparison of the whole result.
    const streamed = await parseStatisticsFile(bytes, 'exceljs.xlsx', { head: { rows: 12, columns: 8 } });
    expect(streamed).toEqual(parsedBySheetJs(bytes, 'exceljs.xlsx'));
    expect(streamed.problems.length).toBeGreaterThan(0);
  });

  it('the NBS sample export kept with the tests', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'nbs_sample.xlsx')));
    await expectSameParse(bytes, 'nbs_sample.xlsx');
  });

  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
  it('a workbook saved by LibreOffice (LibreOffice must be installed: .ci/run installs it)', async () => {
    expect(soffice, 'LibreOffice (soffice) is needed for this test: apt-get install libreoffice-calc-nogui').toBeDefined();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-lo-xlsx-'));
    try {
      const rows = wideRows(300, 8).map((r) => r.map((c) => (c === null ? '' : typeof c === 'object' ? '' : String(c))).join(','));
      writeFileSync(path.join(dir, 'lo.csv'), rows.join('\n') + '\n');
      execFileSync(soffice!, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, path.join(dir, 'lo.csv')], { timeout: 120_000, stdio: 'ignore' });
      await expectSameParse(new Uint8Array(readFileSync(path.join(dir, 'lo.xlsx'))), 'lo.xlsx');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
