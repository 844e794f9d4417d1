import { describe, expect, it } from 'vitest';
import { parsePeriodLabel, excelSerialToMonth, parseYearHeader } from '../../shared/import/period';
import { parseIndicatorLabel } from '../../shared/import/indicatorLabel';
import { parseCellValue, parseValueText, fractionToPercent } from '../../shared/import/cellValue';

describe('parsePeriodLabel', () => {
  const cases: [string, { year?: number } | undefined, string, string, boolean][] = [
    ['2025年10月', undefined, '2025-10', 'monthly', false],
    ['2025年1-10月', undefined, '2025-10', 'monthly', true],
    ['2025年1-2月', undefined, '2025-02', 'monthly', true],
    ['2025年1—10月', undefined, '2025-10', 'monthly', true],
    ['２０２５年 １－３月', undefined, '2025-03', 'monthly', true],
    ['1-10月', { year: 2025 }, '2025-10', 'monthly', true],
    ['3月', { year: 2024 }, '2024-03', 'monthly', false],
    ['2025年一季度', undefined, '2025-Q1', 'quarterly', false],
    ['2025年第三季度', undefined, '2025-Q3', 'quarterly', false],
    ['上半年', { year: 2025 }, '2025-Q2', 'quarterly', true],
    ['前三季度', { year: 2025 }, '2025-Q3', 'quarterly', true],
    ['2025年前三季度', undefined, '2025-Q3', 'quarterly', true],
    ['全年', { year: 2025 }, '2025', 'yearly', false],
    ['2025Q1', undefined, '2025-Q1', 'quarterly', false],
    ['2025-Q4', undefined, '2025-Q4', 'quarterly', false],
    ['2025-03', undefined, '2025-03', 'monthly', false],
    ['2025/3', undefined, '2025-03', 'monthly', false],
    ['2025年', undefined, '2025', 'yearly', false],
    ['2024', undefined, '2024', 'yearly', false],
  ];
  for (const [label, ctx, period, frequency, cumulative] of cases) {
    it(`${label}${ctx ? ` (year ${ctx.year})` : ''} → ${period}`, () => {
      expect(parsePeriodLabel(label, ctx)).toEqual({ period, frequency, cumulative });
    });
  }
  it('refuses what is not a period', () => {
    for (const s of ['指标', '1-10月', '2025年13月', '2025年3-5月', '粗钢产量', '', '上半年', '__proto__', '2025年下半年']) {
      expect(parsePeriodLabel(s), s).toBeNull();
    }
  });
  it('reads year headers and Excel date serials', () => {
    expect(parseYearHeader('2025年')).toBe(2025);
    expect(parseYearHeader('2025年1-2月')).toBeNull();
    expect(excelSerialToMonth(45717)).toBe('2025-03'); // 2025-03-01
    expect(excelSerialToMonth(45688)).toBe('2025-01'); // 2025-01-31
  });
});

describe('parseIndicatorLabel', () => {
  it('splits name, measure and unit as the NBS writes them', () => {
    expect(parseIndicatorLabel('原煤产量累计值(万吨)')).toMatchObject({ name: '原煤产量', unit: '万吨', unitLabel: '万吨', measure: 'cumulative', cumulative: true });
    expect(parseIndicatorLabel('粗钢产量当期值(万吨)')).toMatchObject({ name: '粗钢产量', measure: 'monthly', cumulative: false });
    expect(parseIndicatorLabel('房地产开发投资额累计增长(%)')).toMatchObject({ name: '房地产开发投资', unit: '%', measure: 'yoy_cumulative' });
    expect(parseIndicatorLabel('工业生产者出厂价格指数(上年同月=100)')).toMatchObject({ name: '工业生产者出厂价格指数', unit: '上年同月=100', measure: 'index', cumulative: false });
    expect(parseIndicatorLabel('居民消费价格指数（上年同期=100）')).toMatchObject({ unit: '上年同期=100', measure: 'index', cumulative: true });
    expect(parseIndicatorLabel('规模以上工业增加值同比增长(%)')).toMatchObject({ name: '规模以上工业增加值', measure: 'yoy', cumulative: null });
    expect(parseIndicatorLabel('社会消费品零售总额当月同比(%)')).toMatchObject({ measure: 'yoy', cumulative: false });
  });
  it('canonicalises units and keeps unknown ones as written', () => {
    expect(parseIndicatorLabel('发电量累计值（亿千瓦小时）')).toMatchObject({ unit: '亿千瓦时', unitLabel: '亿千瓦小时', unitKnown: true });
    expect(parseIndicatorLabel('天然气产量累计值(亿方)')).toMatchObject({ unit: '亿方', unitKnown: false });
    expect(parseIndicatorLabel('地区生产总值增速')).toMatchObject({ unit: '%', measure: 'yoy' });
    expect(parseIndicatorLabel('城镇化率(%)')).toMatchObject({ name: '城镇化率', measure: null, unit: '%' });
  });
});

describe('parseCellValue', () => {
  it('reads numbers, thousands separators and percent text', () => {
    expect(parseCellValue(262.9)).toEqual({ kind: 'number', value: 262.9, percent: false });
    expect(parseValueText('1,234.5')).toEqual({ kind: 'number', value: 1234.5, percent: false });
    expect(parseValueText('-9.8')).toEqual({ kind: 'number', value: -9.8, percent: false });
    expect(parseValueText('８．１％')).toEqual({ kind: 'number', value: 8.1, percent: true });
  });
  it('treats the missing markers as missing, never zero', () => {
    for (const s of ['', ' ', '…', '……', '—', '-', '--', '－', '...']) expect(parseValueText(s).kind, JSON.stringify(s)).toBe('missing');
    expect(parseCellValue(null).kind).toBe('missing');
  });
  it('flags text, formula-looking text and oddities instead of guessing', () => {
    const codes = ['约5', '12亿', '=1+1', '@SUM(A1)', '+86', '-abc', '1,2', '5左右'].map((s) => {
      const v = parseValueText(s);
      return v.kind === 'flagged' ? v.code : v.kind;
    });
    expect(codes).toEqual(['text', 'text', 'formula_like', 'formula_like', 'formula_like', 'text', 'text', 'text']);
    expect(parseCellValue(true).kind).toBe('flagged');
    expect(parseCellValue(Number.NaN).kind).toBe('flagged');
  });
  it('scales percent-formatted fractions without binary noise', () => {
    expect(fractionToPercent(0.081)).toBe(8.1);
    expect(fractionToPercent(-0.123)).toBe(-12.3);
  });
});
