// 导出当前视图 writes figures as numbers with number formats, so Excel can compute with them: a rate as a
// percent (0.044 shown 4.4%), a gap as a number shown in 个百分点, a level with its row's own unit. Read back
// with exceljs (values and formats) and, where LibreOffice is installed, rendered by it to CSV (the text an
// analyst sees in the cell).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitCell, writeGridViewWorkbook } from '../../electron/export/gridViewWorkbook';
import type { GridView } from '../../shared/export/types';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const VIEW: GridView = {
  title: '执行情况',
  subtitle: '数据截至2025年10月',
  columns: [
    { field: 'indicator', headerName: '指标', type: 'text' },
    { field: 'actual', headerName: '实际', type: 'number', unitField: 'actual__unit' },
    { field: 'target', headerName: '目标', type: 'number', unitField: 'target__unit' },
    { field: 'gap', headerName: '差距', type: 'pp', unitField: 'gap__unit' },
    { field: 'completionRate', headerName: '完成率', type: 'percent' },
  ],
  rows: [
    { indicator: '固定资产投资', actual: 4.4, actual__unit: '%', target: 10, target__unit: '%', gap: -5.6, gap__unit: '个百分点', completionRate: null },
    { indicator: '煤炭产量', actual: 10.35, actual__unit: '亿吨', target: 12, target__unit: '亿吨', gap: 1.2, gap__unit: '个百分点', completionRate: 86.25 },
    { indicator: '城镇新增就业', actual: 16.3, actual__unit: '万人', target: 18, target__unit: '万人', gap: -1.7, gap__unit: '万人', completionRate: 90.6 },
    { indicator: '居民消费价格', actual: -0.1, actual__unit: '%', target: 2, target__unit: '%', gap: -2.1, gap__unit: '个百分点', completionRate: null },
  ],
};

let dir: string;
let file: string;
let sheet: ExcelJS.Worksheet;

beforeAll(async () => {
  dir = makeTmpDir('wb-grid-numbers-');
  file = path.join(dir, 'view.xlsx');
  await writeGridViewWorkbook(VIEW, file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  sheet = book.worksheets[0];
});

afterAll(() => removeDir(dir));

describe('unitCell', () => {
  it('turns % into an Excel percent, 个百分点 into a signed pp format, other units into a suffix', () => {
    expect(unitCell(4.4, '%', false)).toEqual({ value: 0.044, numFmt: '0.0%' });
    expect(unitCell(-5.6, '个百分点', true)).toEqual({ value: -5.6, numFmt: '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"' });
    expect(unitCell(10.35, '亿吨', false)).toEqual({ value: 10.35, numFmt: '#,##0.00"亿吨"' });
    expect(unitCell(12, '亿吨', false).numFmt).toBe('#,##0"亿吨"');
    // A quote in a unit cannot break out of the format's literal.
    expect(unitCell(1, '万"吨', false).numFmt).toBe('#,##0"万吨"');
    expect(unitCell(3, null, false).numFmt).toBe('#,##0');
  });
});

describe('grid view with units per row', () => {
  it('stores numbers, not text, in every figure cell', () => {
    for (let r = 4; r < 4 + VIEW.rows.length; r++) for (const c of ['B', 'C', 'D']) expect(typeof sheet.getCell(`${c}${r}`).value).toBe('number');
    expect(sheet.getCell('B4').value).toBeCloseTo(0.044, 12);
    expect(sheet.getCell('B4').numFmt).toBe('0.0%');
    expect(sheet.getCell('D4').value).toBe(-5.6);
    expect(sheet.getCell('D4').numFmt).toContain('个百分点');
    expect(sheet.getCell('B5').value).toBe(10.35);
    expect(sheet.getCell('B5').numFmt).toBe('#,##0.00"亿吨"');
    expect(sheet.getCell('D6').numFmt).toContain('万人');
    expect(sheet.getCell('E5').value).toBeCloseTo(0.8625, 12);
    expect(sheet.getCell('E4').value).toBeNull();
    // The units are in the cells, so the headers carry none.
    expect(sheet.getRow(3).values).toEqual([undefined, '指标', '实际', '目标', '差距', '完成率']);
  });
});

const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
describe.runIf(soffice)('as LibreOffice shows it', () => {
  it('displays 4.4%, -5.6个百分点, 10.35亿吨, 86.3%', () => {
    execFileSync(soffice!, ['--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
    const csv = readFileSync(path.join(dir, 'view.csv'), 'utf8');
    const rows = csv.trim().split('\n').map((l) => l.split(','));
    const row = (name: string) => rows.find((r) => r[0].replace(/"/g, '') === name)!;
    expect(row('固定资产投资').slice(1, 4)).toEqual(['4.4%', '10.0%', '-5.6个百分点']);
    expect(row('煤炭产量').slice(1, 5)).toEqual(['10.35亿吨', '12亿吨', '+1.2个百分点', '86.3%']);
    expect(row('城镇新增就业').slice(1, 4)).toEqual(['16.3万人', '18万人', '-1.7万人']);
    expect(row('居民消费价格').slice(1, 4)).toEqual(['-0.1%', '2.0%', '-2.1个百分点']);
  }, 120_000);
});
