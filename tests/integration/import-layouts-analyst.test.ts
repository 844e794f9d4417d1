// Long files with any common wording of the headers, and an analyst's monitoring workbook whose 口径 column decides
// each row's measure and whose 累计同比（最新） column becomes the row's cumulative growth at its latest period.
import { describe, expect, it } from 'vitest';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { csv, flat, workbook, type Cell } from './helpers/layoutFixtures';

describe('long files, headers matched on their words', () => {
  it('reads 指标名称,计量单位,统计周期,数值 in GBK with a 指标口径 column (CRLF)', async () => {
    const rows = [
      ['指标名称', '计量单位', '统计周期', '指标口径', '数值'],
      ['规模以上工业增加值', '%', '2025年1-10月', '累计增长', '7.2'],
      ['规模以上工业增加值', '%', '2025年10月', '当月同比', '6.5'],
      ['原煤产量', '万吨', '2025年1-10月', '累计值', '103000.0'],
      ['原煤产量', '万吨', '2025年9月', '累计值', ''],
      ['金融机构人民币贷款余额', '亿元', '2025年10月', '期末值', '61000.3'],
      ['居民消费价格', '%', '2025年10月', '环比', '-0.1'],
      ['数据来源：测试', '', '', '', ''],
    ];
    const parsed = (await parseStatisticsFile(csv(rows, { gbk: true, eol: '\r\n' }), '月报.csv'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].layout).toBe('long');
    expect(flat(parsed).map((o) => [o.name, o.measure, o.unit, o.frequency, o.period, o.value, o.cell])).toEqual([
      ['规模以上工业增加值', 'yoy_cumulative', '%', 'monthly', '2025-10', 7.2, 'E2'],
      ['规模以上工业增加值', 'yoy', '%', 'monthly', '2025-10', 6.5, 'E3'],
      ['原煤产量', 'cumulative', '万吨', 'monthly', '2025-10', 103000, 'E4'],
      ['金融机构人民币贷款余额', 'stock', '亿元', 'monthly', '2025-10', 61000.3, 'E6'],
      ['居民消费价格', 'mom', '%', 'monthly', '2025-10', -0.1, 'E7'],
    ]);
  });

  it('reads other wordings: 项目 / 单位 / 月份 / 数据 / 省份', async () => {
    const rows = [
      ['省份', '项目', '月份', '单位', '数据'],
      ['内蒙古自治区', '社会消费品零售总额累计值', '2025-03', '亿元', '1200.5'],
      ['山西省', '社会消费品零售总额累计值', '2025-03', '亿元', '1800'],
    ];
    const parsed = (await parseStatisticsFile(csv(rows), 'x.csv'));
    expect(parsed.problems).toEqual([]);
    expect(flat(parsed).map((o) => [o.region, o.name, o.measure, o.period, o.value])).toEqual([
      ['内蒙古自治区', '社会消费品零售总额', 'cumulative', '2025-03', 1200.5],
      ['山西省', '社会消费品零售总额', 'cumulative', '2025-03', 1800],
    ]);
  });
});

describe("an analyst's monitoring workbook", () => {
  const months = ['1-2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月'];
  const pct = (v: number): Cell => ({ v, z: '0.0%' });
  const rows: Cell[][] = [
    ['2025年主要经济指标监测表'],
    ['指标', '单位', '口径', '2025年', null, null, null, null, null, null, null, null, '累计同比（最新）'],
    [null, null, null, ...months, null],
    ['规模以上工业增加值', '%', '累计增长', 6.1, 6.3, 6.5, 6.4, 6.6, 6.7, 6.8, 6.9, 7.0, null],
    ['固定资产投资', '亿元', '累计值', 800, 1500, 2300, 3100, 4200, 4900, 5600, 6500, null, pct(0.081)],
    ['其中：出口总额', '亿元', '累计', 120.5, 190.2, 260, null, null, null, null, null, null, pct(-0.023)],
    ['原煤产量', '万吨', '当月值', null, 11000, 10800, 10900, 11100, 11200, 11300, 11250, 11400, null],
    ['注：示例数据。'],
  ];
  const file = workbook([{ name: '监测', rows, merges: ['A1:M1', 'D2:L2'] }], 'xlsx');

  it('takes each row\'s measure from its 口径 cell and the year from the merged 2025年 header', async () => {
    const parsed = (await parseStatisticsFile(file, '监测.xlsx'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].layout).toBe('analyst');
    const obs = flat(parsed);
    const industry = obs.filter((o) => o.name === '规模以上工业增加值');
    expect(industry).toHaveLength(9);
    expect(industry.every((o) => o.measure === 'yoy_cumulative' && o.unit === '%')).toBe(true);
    expect(industry[0]).toMatchObject({ period: '2025-02', value: 6.1, cell: 'D4' });
    expect(industry[8]).toMatchObject({ period: '2025-10', value: 7.0, cell: 'L4' });
    const investment = obs.filter((o) => o.name === '固定资产投资' && o.measure === 'cumulative');
    expect(investment.map((o) => [o.period, o.value])).toEqual([
      ['2025-02', 800], ['2025-03', 1500], ['2025-04', 2300], ['2025-05', 3100], ['2025-06', 4200], ['2025-07', 4900], ['2025-08', 5600], ['2025-09', 6500],
    ]);
    const coal = obs.filter((o) => o.name === '原煤产量');
    expect(coal.every((o) => o.measure === 'monthly' && o.unit === '万吨')).toBe(true);
    expect(coal.map((o) => o.period)).toEqual(['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10']);
  });

  it('files 累计同比（最新） (percent cell 0.081 shown 8.1%) as yoy_cumulative at the latest period of the row with data', async () => {
    const obs = flat((await parseStatisticsFile(file, '监测.xlsx')));
    expect(obs.filter((o) => o.measure === 'yoy_cumulative' && o.name !== '规模以上工业增加值').map((o) => [o.name, o.label, o.unit, o.period, o.value, o.cell])).toEqual([
      ['固定资产投资', '固定资产投资', '%', '2025-09', 8.1, 'M5'],
      ['出口总额', '其中：出口总额', '%', '2025-04', -2.3, 'M6'],
    ]);
  });

  it('drops 其中： from the name and keeps the label as printed', async () => {
    const exports = flat((await parseStatisticsFile(file, '监测.xlsx'))).filter((o) => o.label === '其中：出口总额' && o.measure === 'cumulative');
    expect(exports.map((o) => [o.name, o.period, o.value])).toEqual([['出口总额', '2025-02', 120.5], ['出口总额', '2025-03', 190.2], ['出口总额', '2025-04', 260]]);
  });

  it('refuses an unknown 口径 word, naming the cell', async () => {
    const bad = rows.map((r) => [...r]);
    bad[6][2] = '估计值';
    const parsed = (await parseStatisticsFile(workbook([{ name: '监测', rows: bad, merges: ['A1:M1', 'D2:L2'] }], 'xlsx'), 'bad.xlsx'));
    expect(parsed.problems.map((p) => [p.cell, p.code])).toEqual([['C7', 'measure_unknown']]);
    expect(parsed.problems[0].reason).toMatch(/估计值.*\/.*measure/);
  });
});

describe('no silent default measure', () => {
  const rows = [['指标', '2025年3月', '2025年2月'], ['粗钢产量(万吨)', '262.9', '250.1'], ['原煤产量累计值(万吨)', '3000', '1900']];

  it('refuses a row whose file says no measure, naming the row, unless the measure is given', async () => {
    const refused = (await parseStatisticsFile(csv(rows), 'steel.csv'));
    expect(refused.problems.map((p) => [p.cell, p.code])).toEqual([['A2', 'measure_unknown']]);
    expect(refused.problems[0].reason).toMatch(/第 2 行「粗钢产量\(万吨\)」.*口径.*Row 2/);
    expect(flat(refused).map((o) => o.name)).toEqual(['原煤产量', '原煤产量']);

    const chosen = (await parseStatisticsFile(csv(rows), 'steel.csv', { measure: 'monthly' }));
    expect(chosen.problems).toEqual([]);
    expect(flat(chosen).filter((o) => o.name === '粗钢产量').map((o) => [o.measure, o.period, o.value])).toEqual([['monthly', '2025-03', 262.9], ['monthly', '2025-02', 250.1]]);
    // The choice fills only the rows that say nothing.
    expect(flat(chosen).filter((o) => o.name === '原煤产量').every((o) => o.measure === 'cumulative')).toBe(true);
  });

  it('refuses the same in a long file', async () => {
    const long = (await parseStatisticsFile(csv([['指标', '时间', '数值'], ['粗钢产量(万吨)', '2025-03', '262.9']]), 'l.csv'));
    expect(long.problems.map((p) => [p.cell, p.code])).toEqual([['A2', 'measure_unknown']]);
  });
});

describe('a 地区 column beside the indicator names', () => {
  it('gives each row the region it names, and the title region to rows that name none', async () => {
    const rows = [
      ['地区：内蒙古自治区'],
      ['地区', '指标', '2025年10月', '2025年9月'],
      ['呼和浩特市', '社会消费品零售总额当月值(亿元)', '120.5', '118.2'],
      ['包头市', '社会消费品零售总额当月值(亿元)', '110.1', ''],
      ['', '社会消费品零售总额当月值(亿元)', '900.3', '880.4'],
    ];
    const parsed = (await parseStatisticsFile(csv(rows), 'cities.csv'));
    expect(parsed.problems).toEqual([]);
    expect(flat(parsed).map((o) => [o.region, o.name, o.measure, o.period, o.value])).toEqual([
      ['呼和浩特市', '社会消费品零售总额', 'monthly', '2025-10', 120.5],
      ['呼和浩特市', '社会消费品零售总额', 'monthly', '2025-09', 118.2],
      ['包头市', '社会消费品零售总额', 'monthly', '2025-10', 110.1],
      ['内蒙古自治区', '社会消费品零售总额', 'monthly', '2025-10', 900.3],
      ['内蒙古自治区', '社会消费品零售总额', 'monthly', '2025-09', 880.4],
    ]);
  });
});
