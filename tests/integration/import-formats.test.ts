// Long CSV in GBK and UTF-8, an analyst workbook (merged title, two-row header, unit column, spacer and totals
// rows, percent formats, a notes sheet), Excel date cells, and a mapping corrected by the analyst.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { commitImport, seriesObservations, listSeries } from '../../electron/import/commitImport';
import { ImportFileError, parseStatisticsFile } from '../../electron/import/parseFile';
import { cellOf, type GridMapping, type ParsedFile } from '../../shared/import/mapping';
import { openTestStore, tempDir } from './helpers/importStore';

function observations(parsed: ParsedFile) {
  return parsed.sheets.flatMap((sh) => sh.series.flatMap((s) => s.observations.map((o) => ({ name: s.name, unit: s.unit, measure: s.measure, frequency: s.frequency, period: o.period, value: o.value, cell: cellOf(o) }))));
}

const LONG_CSV = [
  '指标名称,单位,统计时间,数值',
  '地区生产总值增长,%,2025年一季度,5.8',
  '地区生产总值增长,%,2025年上半年,5.6',
  '地区生产总值增长,%,2025年前三季度,5.5',
  '社会消费品零售总额累计值,亿元,2025年1-10月,"4,321.5"',
  '社会消费品零售总额累计值,亿元,2025年1-9月,…',
  '工业生产者出厂价格指数(上年同月=100),,2025-03,97.1',
  '数据来源：统计局,,,',
].join('\r\n');

const LONG_EXPECTED = [
  { name: '地区生产总值', unit: '%', measure: 'yoy_cumulative', frequency: 'quarterly', period: '2025-Q1', value: 5.8, cell: 'D2' },
  { name: '地区生产总值', unit: '%', measure: 'yoy_cumulative', frequency: 'quarterly', period: '2025-Q2', value: 5.6, cell: 'D3' },
  { name: '地区生产总值', unit: '%', measure: 'yoy_cumulative', frequency: 'quarterly', period: '2025-Q3', value: 5.5, cell: 'D4' },
  { name: '社会消费品零售总额', unit: '亿元', measure: 'cumulative', frequency: 'monthly', period: '2025-10', value: 4321.5, cell: 'D5' },
  { name: '工业生产者出厂价格指数', unit: '上年同月=100', measure: 'index', frequency: 'monthly', period: '2025-03', value: 97.1, cell: 'D7' },
];

describe('long layout CSV', () => {
  it('decodes GBK without mojibake and reads every row', async () => {
    const parsed = (await parseStatisticsFile(iconv.encode(LONG_CSV, 'gbk'), '月报.csv'));
    expect(parsed.encoding).toBe('gb18030');
    expect(parsed.sheets[0].layout).toBe('long');
    expect(parsed.problems).toEqual([]);
    expect(observations(parsed)).toEqual(LONG_EXPECTED);
  });
  it('reads UTF-8 with a BOM the same way', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LONG_CSV, 'utf8')]);
    const parsed = (await parseStatisticsFile(bytes, 'report.csv'));
    expect(parsed.encoding).toBe('utf-8');
    expect(observations(parsed)).toEqual(LONG_EXPECTED);
  });
});

async function analystWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('主要指标');
  ws.mergeCells('A1:F1');
  ws.getCell('A1').value = '2025年全区主要经济指标完成情况';
  ws.mergeCells('A2:A3');
  ws.getCell('A2').value = '指标';
  ws.mergeCells('B2:B3');
  ws.getCell('B2').value = '单位';
  ws.mergeCells('C2:F2');
  ws.getCell('C2').value = '2025年';
  ['1-2月', '3月', '4月', '5月'].forEach((h, i) => (ws.getRow(3).getCell(3 + i).value = h));
  // row 4: spacer
  ws.getRow(5).values = ['一、工业'];
  ws.getRow(6).values = ['原煤产量累计值', '万吨', 19850.2, 30125.5, 40210, '—'];
  ws.getRow(7).values = ['规模以上工业增加值累计增长', '%', 0.081, 0.079, 0.076, 0.0755];
  for (let c = 3; c <= 6; c++) ws.getRow(7).getCell(c).numFmt = '0.0%';
  // row 8: spacer
  ws.getRow(9).values = ['发电量当月值', '亿千瓦小时', '1,200.5', 610.2, 590, null];
  ws.getRow(10).values = ['合计', '', 21051, 30736, 40800, null];
  ws.getRow(11).values = ['社会消费品零售总额累计值', '亿元', '…', 820.3, '约5', 1500];
  ws.getRow(13).values = ['注：1-2月为合计数。'];
  const notes = wb.addWorksheet('说明');
  notes.getCell('A1').value = '本表由经济运行处整理，数据以统计局发布为准。';
  notes.getCell('A2').value = '联系人：张三';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('analyst workbook', async () => {
  const bytes = await analystWorkbook();

  it('detects the two-row header, unit column and skips the notes sheet', async () => {
    const parsed = (await parseStatisticsFile(bytes, '分析.xlsx'));
    expect(parsed.sheets.map((s) => s.name)).toEqual(['主要指标']);
    expect(parsed.skippedSheets.map((s) => s.name)).toEqual(['说明']);
    const mapping = parsed.sheets[0].mapping as GridMapping;
    expect(mapping).toMatchObject({ layout: 'analyst', headerRow: 2, yearRow: 1, labelColumn: 0, unitColumn: 1 });
    expect(mapping.periodColumns.map((p) => [p.label, p.period])).toEqual([
      ['2025年1-2月', '2025-02'], ['2025年3月', '2025-03'], ['2025年4月', '2025-04'], ['2025年5月', '2025-05'],
    ]);
  });

  it('reads values, percent formats and units; flags text; skips totals and spacers', async () => {
    const parsed = (await parseStatisticsFile(bytes, '分析.xlsx'));
    expect(parsed.problems.map((p) => [p.cell, p.code, p.value])).toEqual([['E11', 'text', '约5']]);
    expect(observations(parsed)).toEqual([
      { name: '原煤产量', unit: '万吨', measure: 'cumulative', frequency: 'monthly', period: '2025-02', value: 19850.2, cell: 'C6' },
      { name: '原煤产量', unit: '万吨', measure: 'cumulative', frequency: 'monthly', period: '2025-03', value: 30125.5, cell: 'D6' },
      { name: '原煤产量', unit: '万吨', measure: 'cumulative', frequency: 'monthly', period: '2025-04', value: 40210, cell: 'E6' },
      { name: '规模以上工业增加值', unit: '%', measure: 'yoy_cumulative', frequency: 'monthly', period: '2025-02', value: 8.1, cell: 'C7' },
      { name: '规模以上工业增加值', unit: '%', measure: 'yoy_cumulative', frequency: 'monthly', period: '2025-03', value: 7.9, cell: 'D7' },
      { name: '规模以上工业增加值', unit: '%', measure: 'yoy_cumulative', frequency: 'monthly', period: '2025-04', value: 7.6, cell: 'E7' },
      { name: '规模以上工业增加值', unit: '%', measure: 'yoy_cumulative', frequency: 'monthly', period: '2025-05', value: 7.55, cell: 'F7' },
      { name: '发电量', unit: '亿千瓦时', measure: 'monthly', frequency: 'monthly', period: '2025-02', value: 1200.5, cell: 'C9' },
      { name: '发电量', unit: '亿千瓦时', measure: 'monthly', frequency: 'monthly', period: '2025-03', value: 610.2, cell: 'D9' },
      { name: '发电量', unit: '亿千瓦时', measure: 'monthly', frequency: 'monthly', period: '2025-04', value: 590, cell: 'E9' },
      { name: '社会消费品零售总额', unit: '亿元', measure: 'cumulative', frequency: 'monthly', period: '2025-03', value: 820.3, cell: 'D11' },
      { name: '社会消费品零售总额', unit: '亿元', measure: 'cumulative', frequency: 'monthly', period: '2025-05', value: 1500, cell: 'F11' },
    ]);
    expect(parsed.warnings.join('\n')).toContain('A10');
  });

  it('refuses the file naming the flagged cell, or imports the rest with skipInvalid', async () => {
    const parsed = (await parseStatisticsFile(bytes, '分析.xlsx'));
    const db = openTestStore(tempDir('import-analyst'));
    let error: unknown;
    try {
      commitImport(db, parsed, { fileName: '分析.xlsx', fileHash: 'x', skipInvalid: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as ImportFileError).message).toMatch(/主要指标!E11「约5」/);
    expect(db.prepare('SELECT COUNT(*) FROM observations').pluck().get()).toBe(0);
    const result = commitImport(db, parsed, { fileName: '分析.xlsx', fileHash: 'x', skipInvalid: true });
    expect(result.observationCount).toBe(12);
    expect(result.skipped.map((p) => p.cell)).toEqual(['E11']);
    expect(db.prepare('SELECT skipped_count FROM import_batches').pluck().get()).toBe(1);
    db.close();
  });

  it('re-applies a mapping the analyst corrected', async () => {
    const first = (await parseStatisticsFile(bytes, '分析.xlsx'));
    const mapping = structuredClone(first.sheets[0].mapping) as GridMapping;
    mapping.rowOverrides = [{ row: 10, skip: true }, { row: 8, measure: 'cumulative', name: '全社会发电量' }];
    mapping.periodColumns = mapping.periodColumns.filter((p) => p.period !== '2025-05');
    const again = (await parseStatisticsFile(bytes, '分析.xlsx', { mappings: { 主要指标: mapping } }));
    expect(again.problems).toEqual([]);
    const obs = observations(again);
    expect(obs.some((o) => o.period === '2025-05')).toBe(false);
    expect(obs.filter((o) => o.name === '全社会发电量').map((o) => o.measure)).toEqual(['cumulative', 'cumulative', 'cumulative']);
    expect(obs.some((o) => o.name === '社会消费品零售总额')).toBe(false);
    await expect(parseStatisticsFile(bytes, '分析.xlsx', { mappings: { 主要指标: { ...mapping, headerRow: -1 } } })).rejects.toThrow(/映射无效/);
  });

  it('reads only the sheet asked for, and says when it does not exist', async () => {
    expect((await parseStatisticsFile(bytes, '分析.xlsx', { sheet: '主要指标' })).sheets).toHaveLength(1);
    await expect(parseStatisticsFile(bytes, '分析.xlsx', { sheet: '不存在' })).rejects.toThrow(/找不到工作表/);
  });
});

describe('long layout with Excel date cells', () => {
  it('reads date cells as months', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['指标', '时间', '数值', '单位']);
    ws.addRow(['原煤产量累计值', new Date(Date.UTC(2025, 2, 1)), 30125.5, '万吨']);
    ws.addRow(['原煤产量累计值', new Date(Date.UTC(2025, 3, 1)), 40210, '万吨']);
    ws.getColumn(2).numFmt = 'yyyy-mm';
    const parsed = (await parseStatisticsFile(new Uint8Array(await wb.xlsx.writeBuffer()), 'dates.xlsx'));
    expect(observations(parsed).map((o) => [o.period, o.value, o.measure, o.unit])).toEqual([
      ['2025-03', 30125.5, 'cumulative', '万吨'],
      ['2025-04', 40210, 'cumulative', '万吨'],
    ]);
  });
});

describe('store read-back', () => {
  it('lists series with first/last period and count', async () => {
    const db = openTestStore(tempDir('import-list'));
    commitImport(db, (await parseStatisticsFile(iconv.encode(LONG_CSV, 'gbk'), '月报.csv')), { fileName: '月报.csv', fileHash: 'h', skipInvalid: false });
    const gdp = listSeries(db).find((s) => s.name === '地区生产总值')!;
    expect(gdp).toMatchObject({ firstPeriod: '2025-Q1', lastPeriod: '2025-Q3', observationCount: 3, frequency: 'quarterly', measure: 'yoy_cumulative', region: null });
    expect(seriesObservations(db, gdp.id).map((o) => [o.period, o.value, o.source.cell, o.source.sourcePeriod])).toEqual([
      ['2025-Q1', 5.8, 'D2', '2025年一季度'], ['2025-Q2', 5.6, 'D3', '2025年上半年'], ['2025-Q3', 5.5, 'D4', '2025年前三季度'],
    ]);
    db.close();
  });
});

describe('warnings and progress', () => {
  it('keeps an unknown unit as written with a warning, and reports progress from 0 to 1', async () => {
    const seen: number[] = [];
    const csv = '指标,2025年3月,2025年2月\n天然气产量累计值(亿方),12.5,8.1\n';
    const parsed = (await parseStatisticsFile(new Uint8Array(Buffer.from(csv, 'utf8')), 'gas.csv', { onProgress: (f) => seen.push(f) }));
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].series[0]).toMatchObject({ name: '天然气产量', unit: '亿方', measure: 'cumulative' });
    expect(parsed.warnings.join()).toMatch(/未知单位，按原文保留：亿方/);
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
  });
});
