// NBS data portal exports in their by-region and periods-down layouts, written here with made-up numbers: every
// observation read back with its indicator, region, measure, unit and frequency, nothing extra.
import { describe, expect, it } from 'vitest';
import { parseStatisticsFile, seriesKeyString } from '../../electron/import/parseFile';
import { byRegionMonthly, csv, flat, keyed, workbook, type Cell } from './helpers/layoutFixtures';

describe('NBS by-region exports (分省数据)', () => {
  const cpi = byRegionMonthly('居民消费价格指数(上年同月=100)', ['北京市', '天津市', '内蒙古自治区'], 3, (r, m) => (r === 0 && m === 0 ? null : 100 + r + m / 10), 2020, 3);

  it('reads the indicator and unit from the 指标： row and the region from each row (monthly, LF)', async () => {
    const parsed = (await parseStatisticsFile(csv(cpi), 'cpi.csv'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].layout).toBe('by_region');
    const obs = flat(parsed);
    // 3 regions × 3 months, one empty cell (missing, not 0).
    expect(obs).toHaveLength(8);
    expect(obs.every((o) => o.name === '居民消费价格指数' && o.unit === '上年同月=100' && o.measure === 'index' && o.frequency === 'monthly')).toBe(true);
    expect(obs.every((o) => o.label === '居民消费价格指数(上年同月=100)')).toBe(true);
    expect(obs.find((o) => o.region === '北京市' && o.period === '2020-03')).toBeUndefined();
    expect(obs.find((o) => o.region === '北京市' && o.period === '2020-02')).toMatchObject({ value: 100.1, cell: 'C5' });
    expect(obs.find((o) => o.region === '内蒙古自治区' && o.period === '2020-01')).toMatchObject({ value: 102.2, cell: 'D7' });
    expect(new Set(obs.map((o) => o.region))).toEqual(new Set(['北京市', '天津市', '内蒙古自治区']));
  });

  it('keeps two indicators of the same regions apart (no file writes into the other)', async () => {
    const food = byRegionMonthly('食品烟酒类居民消费价格指数(上年同月=100)', ['北京市', '天津市', '内蒙古自治区'], 3, (r, m) => 99 + r + m / 10, 2020, 3);
    const a = (await parseStatisticsFile(csv(cpi), 'a.csv')).sheets[0].series;
    const b = (await parseStatisticsFile(csv(food), 'b.csv')).sheets[0].series;
    const keysA = new Set(a.map(seriesKeyString));
    expect(b.some((s) => keysA.has(seriesKeyString(s)))).toBe(false);
    expect(new Set(b.map((s) => s.name))).toEqual(new Set(['食品烟酒类居民消费价格指数']));
  });

  it('reads annual columns as yearly levels (GBK, CRLF, 37767.0 kept as 37767, footer)', async () => {
    const rows = [
      ['数据库：分省年度数据'],
      ['指标：地区生产总值(亿元)'],
      ['时间：最近3年'],
      ['地区', '2024年', '2023年', '2022年'],
      ['北京市', '49000.5', '37767.0', '45000'],
      ['河北省', '47000.1', '', '43000.2'],
      ['新疆维吾尔自治区', '20000.4', '19000.3', '18000.5'],
      ['注：示例数据，按普查修订。'],
      ['数据来源：测试'],
    ];
    const parsed = (await parseStatisticsFile(csv(rows, { eol: '\r\n', gbk: true }), 'gdp.csv'));
    expect(parsed.encoding).toBe('gb18030');
    expect(parsed.problems).toEqual([]);
    expect(keyed(flat(parsed))).toEqual(
      keyed([
        ...[['2024', 49000.5], ['2023', 37767], ['2022', 45000]].map(([period, value]) => ({ period: String(period), value: Number(value), region: '北京市' })),
        ...[['2024', 47000.1], ['2022', 43000.2]].map(([period, value]) => ({ period: String(period), value: Number(value), region: '河北省' })),
        ...[['2024', 20000.4], ['2023', 19000.3], ['2022', 18000.5]].map(([period, value]) => ({ period: String(period), value: Number(value), region: '新疆维吾尔自治区' })),
      ].map((o) => ({ ...o, name: '地区生产总值', measure: 'level', unit: '亿元', frequency: 'yearly' }))),
    );
  });

  it('reads a quarterly by-region .xls (`_累计值` in the indicator)', async () => {
    const rows: Cell[][] = [
      ['数据库：分省季度数据'],
      ['指标：地区生产总值_累计值(亿元)'],
      ['时间：最近3季'],
      ['地区', '2025年第三季度', '2025年第二季度', '2025年第一季度'],
      ['山西省', 18000.1, 12000.2, 5800.3],
      ['内蒙古自治区', 19000.4, null, 5900.6],
      ['数据来源：测试'],
    ];
    const parsed = (await parseStatisticsFile(workbook([{ name: 'Sheet1', rows }], 'xls'), 'q.xls'));
    expect(parsed.problems).toEqual([]);
    const obs = flat(parsed);
    expect(obs).toHaveLength(5);
    expect(obs.every((o) => o.name === '地区生产总值' && o.measure === 'cumulative' && o.unit === '亿元' && o.frequency === 'quarterly')).toBe(true);
    expect(obs.filter((o) => o.region === '内蒙古自治区').map((o) => [o.period, o.value])).toEqual([['2025-Q3', 19000.4], ['2025-Q1', 5900.6]]);
  });
});

describe('NBS periods-down export (时间 column, one indicator per column)', () => {
  const rows = [
    ['数据库：月度数据'],
    ['时间：1990-2021'],
    ['时间', '货币和准货币(M2)供应量期末值(亿元)', '货币和准货币(M2)供应量同比增长(%)', '货币(M1)供应量期末值(亿元)', '货币(M1)供应量环比增长(%)'],
    ['2021年5月', '2200000.07', '8.3', '600000.32', '0.4'],
    ['2021年4月', '2100000.12', '8', '', '-1.2'],
    ['2021年3月', '2000000', '9.4', '590000.5', '—'],
    ['注：示例数据。', null, null, null, null],
    ['数据来源：测试', null, null, null, null],
  ];

  it('reads every column as its own series of the nation: stock, yoy and mom from the header words (GBK, padded commas, no final newline)', async () => {
    const parsed = (await parseStatisticsFile(csv(rows, { gbk: true, pad: 5, trailingNewline: false }), 'm2.csv'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].layout).toBe('periods_down');
    const obs = flat(parsed);
    expect(obs).toHaveLength(10);
    const m2 = obs.filter((o) => o.label === '货币和准货币(M2)供应量期末值(亿元)');
    expect(m2.map((o) => [o.period, o.value, o.cell])).toEqual([['2021-05', 2200000.07, 'B4'], ['2021-04', 2100000.12, 'B5'], ['2021-03', 2000000, 'B6']]);
    expect(m2.every((o) => o.name === '货币和准货币(M2)供应量' && o.measure === 'stock' && o.unit === '亿元' && o.region === '全国' && o.frequency === 'monthly')).toBe(true);
    expect(obs.filter((o) => o.measure === 'yoy').map((o) => [o.name, o.unit, o.period, o.value])).toEqual([
      ['货币和准货币(M2)供应量', '%', '2021-05', 8.3],
      ['货币和准货币(M2)供应量', '%', '2021-04', 8],
      ['货币和准货币(M2)供应量', '%', '2021-03', 9.4],
    ]);
    expect(obs.filter((o) => o.measure === 'mom').map((o) => [o.name, o.period, o.value])).toEqual([
      ['货币(M1)供应量', '2021-05', 0.4],
      ['货币(M1)供应量', '2021-04', -1.2],
    ]);
  });

  it('reads regions across with the indicator in the 指标： row', async () => {
    const across = [
      ['数据库：分省年度数据'],
      ['指标：年末常住人口(万人)'],
      ['时间', '北京市', '天津市', '河北省'],
      ['2024年', '2180.5', '1360.2', '7400.1'],
      ['2023年', '2185.8', '', '7390.4'],
      ['数据来源：测试'],
    ];
    const parsed = (await parseStatisticsFile(csv(across, { eol: '\r\n' }), 'pop.csv'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].layout).toBe('regions_across');
    expect(flat(parsed).map((o) => [o.name, o.region, o.measure, o.unit, o.frequency, o.period, o.value])).toEqual([
      ['年末常住人口', '北京市', 'stock', '万人', 'yearly', '2024', 2180.5],
      ['年末常住人口', '北京市', 'stock', '万人', 'yearly', '2023', 2185.8],
      ['年末常住人口', '天津市', 'stock', '万人', 'yearly', '2024', 1360.2],
      ['年末常住人口', '河北省', 'stock', '万人', 'yearly', '2024', 7400.1],
      ['年末常住人口', '河北省', 'stock', '万人', 'yearly', '2023', 7390.4],
    ]);
  });
});
