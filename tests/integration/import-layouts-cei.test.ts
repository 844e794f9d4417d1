// 中经网 (CEI) ExportData workbooks: dates down the rows, `<indicator>_<measure>` across, 地区/频度/单位/来源 rows
// under the header read as series attributes; quarterly series leave the other months empty; a sheet of metadata
// only is skipped with its reason. Also the analyst's choice of layout, and names as printed tables write them.
import { describe, expect, it } from 'vitest';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { parseIndicatorLabel } from '../../shared/import/indicatorLabel';
import { csv, excelMonth, flat, workbook, type Cell } from './helpers/layoutFixtures';

function ceiRows(dateCell: (y: number, m: number) => Cell): Cell[][] {
  const rows: Cell[][] = [
    ['指标名称', '规模以上工业增加值_当期同比实际增速', '地区生产总值_累计同比实际增速', '社会消费品零售总额_当期值'],
    ['地区', '内蒙古', '内蒙古', '内蒙古'],
    ['频度', '月', '季', '月'],
    ['单位', '%', '%', '亿元'],
    ['来源', '国家统计局', '国家统计局', '国家统计局'],
  ];
  for (let m = 1; m <= 12; m++) {
    rows.push([
      dateCell(2020, m),
      m <= 2 ? null : -5 + m,
      m % 3 === 0 ? { v: -2 + m / 3, z: 'General' } : null,
      m <= 2 ? null : 300 + m,
    ]);
  }
  return rows;
}

const META: Cell[][] = [
  ['指标名称', '频度', '单位', '起始日期', '结束日期', '来源', '更新时间'],
  ['规模以上工业增加值_当期同比实际增速', '月', '%', '2020-01', '2020-12', '国家统计局', '2021-01-18'],
  ['地区生产总值_累计同比实际增速', '季', '%', '2020-03', '2020-12', '国家统计局', '2021-01-18'],
  ['社会消费品零售总额_当期值', '月', '亿元', '2020-01', '2020-12', '国家统计局', '2021-01-18'],
];

describe('中经网 ExportData', () => {
  for (const [kind, dateCell] of [
    ['text dates', (y: number, m: number): Cell => `${y}-${String(m).padStart(2, '0')}`],
    ['Excel date cells', (y: number, m: number): Cell => ({ date: excelMonth(y, m), z: 'yyyy-mm' })],
  ] as const) {
    it(`reads name and measure split at _, attribute rows, quarterly series as quarters (${kind}); skips the metadata sheet`, async () => {
      const file = workbook([{ name: 'ExportData', rows: ceiRows(dateCell) }, { name: '指标说明', rows: META }], 'xlsx');
      const parsed = (await parseStatisticsFile(file, 'ExportData.xlsx'));
      expect(parsed.problems).toEqual([]);
      expect(parsed.sheets.map((s) => [s.name, s.layout])).toEqual([['ExportData', 'cei']]);
      expect(parsed.skippedSheets).toHaveLength(1);
      expect(parsed.skippedSheets[0].name).toBe('指标说明');
      expect(parsed.skippedSheets[0].reason).toMatch(/元数据.*metadata/);
      const obs = flat(parsed);
      const industry = obs.filter((o) => o.name === '规模以上工业增加值');
      expect(industry.map((o) => o.period)).toEqual(['2020-03', '2020-04', '2020-05', '2020-06', '2020-07', '2020-08', '2020-09', '2020-10', '2020-11', '2020-12']);
      expect(industry.every((o) => o.measure === 'yoy' && o.unit === '%' && o.region === '内蒙古' && o.frequency === 'monthly')).toBe(true);
      expect(industry[0]).toMatchObject({ value: -2, cell: 'B8' });
      const gdp = obs.filter((o) => o.name === '地区生产总值');
      expect(gdp.map((o) => [o.period, o.value, o.measure, o.frequency, o.unit])).toEqual([
        ['2020-Q1', -1, 'yoy_cumulative', 'quarterly', '%'],
        ['2020-Q2', 0, 'yoy_cumulative', 'quarterly', '%'],
        ['2020-Q3', 1, 'yoy_cumulative', 'quarterly', '%'],
        ['2020-Q4', 2, 'yoy_cumulative', 'quarterly', '%'],
      ]);
      const retail = obs.filter((o) => o.name === '社会消费品零售总额');
      expect(retail).toHaveLength(10);
      expect(retail.every((o) => o.measure === 'monthly' && o.unit === '亿元')).toBe(true);
      expect(obs).toHaveLength(24);
    });
  }

  it('infers a quarterly series without a 频度 row from values only at quarter ends', async () => {
    const rows = ceiRows((y, m) => `${y}-${String(m).padStart(2, '0')}`).filter((r) => r[0] !== '频度');
    const parsed = (await parseStatisticsFile(workbook([{ name: 'ExportData', rows }], 'xlsx'), 'e.xlsx'));
    expect(parsed.problems).toEqual([]);
    const gdp = flat(parsed).filter((o) => o.name === '地区生产总值');
    expect(gdp.map((o) => o.period)).toEqual(['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4']);
  });

  it('refuses a file of metadata only, saying why', async () => {
    await expect(parseStatisticsFile(workbook([{ name: '指标说明', rows: META }], 'xlsx'), 'meta.xlsx')).rejects.toThrow(/元数据/);
  });
});

describe("the analyst's choice of layout", () => {
  it('detects the sheet again for the layout chosen', async () => {
    const rows = [
      ['数据库：分省年度数据'],
      ['指标：地区生产总值(亿元)'],
      ['地区', '2024年', '2023年'],
      ['北京市', '49000.5', '47000.7'],
      ['天津市', '18000.3', '17000.8'],
    ];
    const detected = (await parseStatisticsFile(csv(rows), 'gdp.csv'));
    expect(detected.sheets[0].layout).toBe('by_region');
    // Read as an ordinary wide table, the rows are indicators named after the regions (what the analyst asked).
    const wide = (await parseStatisticsFile(csv(rows), 'gdp.csv', { layouts: { gdp: 'wide' } }));
    expect(wide.sheets[0].layout).toBe('wide');
    expect(flat(wide).map((o) => [o.name, o.region])).toEqual([['北京市', null], ['北京市', null], ['天津市', null], ['天津市', null]]);
    await expect(parseStatisticsFile(csv(rows), 'gdp.csv', { layouts: { gdp: 'nonsense' as never } })).rejects.toThrow(/版式无效/);
  });
});

describe('indicator names as printed tables write them', () => {
  it.each([
    ['其中：出口总额(亿元)', '出口总额', '亿元', null],
    ['1.地区生产总值（合计）(亿元)', '地区生产总值', '亿元', null],
    ['（一）固定资产投资增速', '固定资产投资', '%', 'yoy'],
    ['一、农林牧渔业总产值累计值(亿元)', '农林牧渔业总产值', '亿元', 'cumulative'],
    ['  2、原煤产量当期值(万吨)', '原煤产量', '万吨', 'monthly'],
    ['进出口总额（合计）', '进出口总额', '', null],
    ['货币和准货币(M2)供应量期末值(亿元)', '货币和准货币(M2)供应量', '亿元', 'stock'],
    ['规模以上工业增加值_累计同比实际增速', '规模以上工业增加值', '%', 'yoy_cumulative'],
    ['居民消费价格指数环比(%)', '居民消费价格指数', '%', 'mom'],
    ['工业生产者出厂价格指数(上年同月=100)', '工业生产者出厂价格指数', '上年同月=100', 'index'],
  ])('%s → %s', (label, name, unit, measure) => {
    expect(parseIndicatorLabel(label)).toMatchObject({ name, unit, measure });
  });
});

describe('more index bases and period spellings', () => {
  it('reads chained and fixed index bases as indices', () => {
    expect(parseIndicatorLabel('居民消费价格指数(上月=100)')).toMatchObject({ name: '居民消费价格指数', unit: '上月=100', measure: 'index' });
    expect(parseIndicatorLabel('工业生产者出厂价格指数(2020年=100)')).toMatchObject({ unit: '2020年=100', measure: 'index' });
  });
  it('reads 202510 in a long file as October 2025', async () => {
    const parsed = (await parseStatisticsFile(csv([['指标', '统计期', '值'], ['原煤产量累计值(万吨)', '202510', '1.5']]), 'p.csv'));
    expect(parsed.problems).toEqual([]);
    expect(flat(parsed).map((o) => [o.period, o.value])).toEqual([['2025-10', 1.5]]);
  });
});
