// Bad input: each refusal says what is wrong in Chinese and English, and nothing is evaluated or guessed.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { unzipSync } from 'fflate';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseStatisticsFile } from '../../electron/import/parseFile';
import { ZIP_LIMITS } from '../../electron/import/zipSafety';
import { WORKBOOK_LIMITS } from '../../electron/import/readWorkbook';
import { FIXTURES } from './helpers/importStore';
import { writeZip } from './helpers/zipWriter';
import { refusal } from './helpers/refusal';
import { cellOf } from '../../shared/import/mapping';

const sample = (f: string) => new Uint8Array(fs.readFileSync(path.join(FIXTURES, f)));
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));


function bilingual(e: ImportFileError): void {
  expect(e.message).toMatch(/[\u4e00-\u9fff]/);
  expect(e.message).toMatch(/\/ [A-Z]/);
}

describe('corrupt and mislabelled files', () => {
  it('refuses an empty file', async () => {
    const e = (await refusal(parseStatisticsFile(new Uint8Array(0), 'a.xlsx')));
    expect(e.reason).toBe('empty');
    expect(e.message).toBe('文件为空 / The file is empty');
  });
  it('refuses a truncated xlsx', async () => {
    const bytes = sample('nbs_sample.xlsx');
    const e = (await refusal(parseStatisticsFile(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.xlsx')));
    expect(e.reason).toBe('corrupt');
    bilingual(e);
  });
  it('refuses a truncated xls', async () => {
    const bytes = sample('nbs_sample.xls');
    const e = (await refusal(parseStatisticsFile(bytes.subarray(0, 1500), 'cut.xls')));
    expect(['corrupt', 'no_table']).toContain(e.reason);
    bilingual(e);
  });
  it('refuses content that is not what the name says', async () => {
    expect((await refusal(parseStatisticsFile(sample('nbs_sample.xlsx'), 'data.csv'))).reason).toBe('wrong_type');
    expect((await refusal(parseStatisticsFile(utf8('指标,2025年3月\n原煤产量累计值(万吨),1'), 'data.xlsx'))).reason).toBe('wrong_type');
    expect((await refusal(parseStatisticsFile(sample('nbs_sample.xls'), 'data.xlsx'))).message).toMatch(/扩展名.*Excel 97/);
    expect((await refusal(parseStatisticsFile(new Uint8Array([1, 0, 2, 0, 3, 0, 255]), 'data.csv'))).reason).toBe('wrong_type');
    expect((await refusal(parseStatisticsFile(writeZip([{ name: 'readme.txt', data: utf8('hi') }]), 'x.xlsx'))).reason).toBe('wrong_type');
  });
  it('reads an .xlsx saved under .xls by its content, with a warning', async () => {
    const parsed = (await parseStatisticsFile(sample('nbs_sample.xlsx'), 'renamed.xls'));
    expect(parsed.format).toBe('xlsx');
    expect(parsed.observationCount).toBe(23);
    expect(parsed.warnings.join()).toMatch(/扩展名 \.xls 与内容/);
  });
});

describe('zip bombs', () => {
  it('refuses an archive whose directory declares more than the total limit', async () => {
    const e = await refusal(
      parseStatisticsFile(
        writeZip([
          { name: '[Content_Types].xml', data: utf8('<x/>') },
          // Incompressible data, so the ratio stays under 100:1 and only the declared total trips the limit.
          { name: 'xl/worksheets/sheet1.xml', data: randomBytes(1_600_000), declaredSize: 150 * 1024 * 1024 },
          { name: 'xl/worksheets/sheet2.xml', data: randomBytes(1_600_000), declaredSize: 150 * 1024 * 1024 },
        ]),
        'bomb.xlsx',
      ),
    );
    expect(e.reason).toBe('zip_bomb');
    expect(e.message).toMatch(/超过上限 200 MB/);
  });
  it('refuses a real highly compressed entry by its ratio', async () => {
    const zeros = new Uint8Array(ZIP_LIMITS.ratioCheckAbove + 1024 * 1024);
    const e = (await refusal(parseStatisticsFile(writeZip([{ name: '[Content_Types].xml', data: utf8('<x/>') }, { name: 'xl/worksheets/sheet1.xml', data: zeros }]), 'bomb.xlsx')));
    expect(e.reason).toBe('zip_bomb');
    expect(e.message).toMatch(/压缩炸弹.*zip bomb/);
  });
});

describe('lying zip directories', () => {
  it('refuses an entry that expands beyond the size its directory declares', async () => {
    const zeros = new Uint8Array(5 * 1024 * 1024);
    const e = await refusal(
      parseStatisticsFile(writeZip([{ name: '[Content_Types].xml', data: utf8('<x/>') }, { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 1000 }]), 'liar.xlsx'),
    );
    expect(e.reason).toBe('zip_bomb');
    expect(e.message).toMatch(/超过其声明的大小.*beyond its declared size/);
  });

  // The streamed .xlsx reader runs beside the inflation check of every entry (readWorkbook.ts): a good sheet read
  // in full must still be refused when another entry lies, and the lie must win over the sheet's own error.
  async function bookWithLiar(sheetXml?: (xml: string) => string): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['指标', '2025年1-10月']);
    for (let i = 0; i < 2000; i++) ws.addRow([`指标${i}`, i * 1.5]);
    const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
    const entries = Object.entries(parts).map(([name, data]) => {
      if (sheetXml && name === 'xl/worksheets/sheet1.xml') return { name, data: utf8(sheetXml(Buffer.from(data).toString('utf8'))) };
      return { name, data };
    });
    return writeZip([...entries, { name: 'xl/media/image1.png', data: new Uint8Array(5 * 1024 * 1024), declaredSize: 1000 }]);
  }

  it('refuses a workbook whose sheet reads well when another entry expands beyond its declared size', async () => {
    const e = await refusal(parseStatisticsFile(await bookWithLiar(), 'liar.xlsx'));
    expect(e.reason).toBe('zip_bomb');
    expect(e.message).toMatch(/超过其声明的大小.*beyond its declared size/);
  });

  it('gives the lying entry\'s refusal, not the malformed sheet\'s, when both are wrong', async () => {
    const malformed = (xml: string) => xml.replace('</sheetData>', '<row r="9999"><c r="A9999"><v>1</c></row></sheetData>');
    const alone = await refusal(parseStatisticsFile(writeZip(Object.entries(unzipSync(await bookWithLiar(malformed))).filter(([n]) => !n.includes('media')).map(([name, data]) => ({ name, data }))), 'bad.xlsx'));
    expect(alone.reason).not.toBe('zip_bomb');
    const e = await refusal(parseStatisticsFile(await bookWithLiar(malformed), 'liar.xlsx'));
    expect(e.reason).toBe('zip_bomb');
  });
});

describe('workbook limits', () => {
  it('refuses an empty workbook', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const e = (await refusal(parseStatisticsFile(bytes, 'empty.xlsx')));
    expect(e.reason).toBe('no_table');
    bilingual(e);
  });
  it(`refuses more than ${WORKBOOK_LIMITS.maxSheets} sheets`, async () => {
    const wb = new ExcelJS.Workbook();
    for (let i = 0; i < 200; i++) wb.addWorksheet(`S${i}`).getCell('A1').value = i;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const e = (await refusal(parseStatisticsFile(bytes, 'many.xlsx')));
    expect(e.reason).toBe('too_many_sheets');
    expect(e.message).toMatch(/200.*100/);
  });
});

describe('hostile text', () => {
  it('treats __proto__ and constructor as plain text, polluting nothing', async () => {
    const csv = ['指标,__proto__,2025年3月,constructor,2025年2月', '__proto__,1,2,3,4', 'constructor(万吨),5,6,7,8', 'toString累计值(万吨),9,10,11,12'].join('\n');
    // Two rows name no measure: the analyst's choice (`measure`) files them, as the wizard or `--measure` would.
    const parsed = (await parseStatisticsFile(utf8(csv), 'proto.csv', { mappings: Object.create(null), measure: 'monthly' }));
    expect(({} as Record<string, unknown>)['2025-03']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, '1')).toBe(false);
    const series = parsed.sheets[0].series;
    expect(series.map((s) => [s.label, s.observations.map((o) => `${o.period}=${o.value}@${cellOf(o)}`).join(' ')])).toEqual([
      ['__proto__', '2025-03=2@C2 2025-02=4@E2'],
      ['constructor(万吨)', '2025-03=6@C3 2025-02=8@E3'],
      ['toString累计值(万吨)', '2025-03=10@C4 2025-02=12@E4'],
    ]);
    const long = (await parseStatisticsFile(utf8('__proto__,指标,时间,数值,constructor\nx,原煤产量累计值(万吨),2025-03,5,y'), 'long.csv'));
    expect(long.sheets[0].series[0]).toMatchObject({ name: '原煤产量', unit: '万吨', measure: 'cumulative' });
  });
  it('flags a 5,000-character indicator name', async () => {
    const name = '产'.repeat(5000);
    const parsed = (await parseStatisticsFile(utf8(`指标,2025年3月,2025年2月\n${name},1,2\n原煤产量累计值(万吨),3,4`), 'long-name.csv'));
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]).toMatchObject({ cell: 'A2', code: 'label_too_long' });
    expect(parsed.problems[0].value!.length).toBeLessThanOrEqual(101);
    expect(parsed.sheets[0].series.map((s) => s.label)).toEqual(['原煤产量累计值(万吨)']);
  });
  it('keeps formula-looking cells as text: flagged, never evaluated', async () => {
    const csv = ['指标,2025年4月,2025年3月,2025年2月', '原煤产量累计值(万吨),=1+1,@SUM(A1),7', '发电量累计值(亿千瓦时),+86,-abc,-3.5', '=HYPERLINK("x")累计值(万吨),1,2,3'].join('\n');
    const parsed = (await parseStatisticsFile(utf8(csv), 'formula.csv'));
    expect(parsed.problems.map((p) => [p.cell, p.code, p.value])).toEqual([
      ['B2', 'formula_like', '=1+1'],
      ['C2', 'formula_like', '@SUM(A1)'],
      ['B3', 'formula_like', '+86'],
      ['C3', 'text', '-abc'],
    ]);
    const values = parsed.sheets[0].series.flatMap((s) => s.observations.map((o) => [s.label, o.value]));
    expect(values).toEqual([['原煤产量累计值(万吨)', 7], ['发电量累计值(亿千瓦时)', -3.5], ['=HYPERLINK("x")累计值(万吨)', 1], ['=HYPERLINK("x")累计值(万吨)', 2], ['=HYPERLINK("x")累计值(万吨)', 3]]);
  });
  it('reports conflicting duplicate periods on both cells and imports neither', async () => {
    const csv = ['指标,2025年3月,2025年2月', '原煤产量累计值(万吨),100,50', '原煤产量累计值(万吨),101,50'].join('\n');
    const parsed = (await parseStatisticsFile(utf8(csv), 'dup.csv'));
    expect(parsed.problems.map((p) => [p.cell, p.code])).toEqual([['B2', 'duplicate_conflict'], ['B3', 'duplicate_conflict']]);
    expect(parsed.sheets[0].series.flatMap((s) => s.observations.map((o) => [o.period, o.value, cellOf(o)]))).toEqual([['2025-02', 50, 'C2']]);
    expect(parsed.warnings.join()).toMatch(/1 个重复单元格数值相同/);
  });
  it('refuses a CSV that mixes UTF-8 and GBK lines', async () => {
    const bytes = Buffer.concat([Buffer.from('指标,2025年3月\n', 'utf8'), iconv.encode('原煤产量累计值(万吨),5\n', 'gbk')]);
    const e = (await refusal(parseStatisticsFile(bytes, 'mixed.csv')));
    expect(e.reason).toBe('encoding');
    expect(e.message).toMatch(/编码混杂.*Mixed encodings/);
  });
});
