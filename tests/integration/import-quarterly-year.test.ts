// A quarterly year-to-date table whose last column is 全年: the full year joins the quarterly series as Q4.
import { describe, expect, it } from 'vitest';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { foldYearIntoQuarters } from '../../shared/import/foldYearIntoQuarters';

const csv = [
  '指标,时间,数值',
  '地区生产总值累计值(亿元),2024年一季度,5560.1',
  '地区生产总值累计值(亿元),2024年上半年,11511.6',
  '地区生产总值累计值(亿元),2024年前三季度,17688.3',
  '地区生产总值累计值(亿元),2024年全年,26314.6',
  '地区生产总值累计值(亿元),2025年一季度,5873.2',
  '地区生产总值累计值(亿元),2025年上半年,12130.4',
  '地区生产总值累计值(亿元),2025年前三季度,18700.9',
  '常住人口(万人),2024年全年,2388.5',
].join('\n');

describe('full-year column of a quarterly year-to-date table', () => {
  it('files 全年 as Q4 of the quarterly series, and leaves genuine yearly series alone', async () => {
    const parsed = (await parseStatisticsFile(new TextEncoder().encode(csv), 'gdp.csv'));
    const series = parsed.sheets.flatMap((s) => s.series);
    const gdp = series.filter((s) => s.name.startsWith('地区生产总值'));
    expect(gdp).toHaveLength(1);
    expect(gdp[0].frequency).toBe('quarterly');
    const q4 = gdp[0].observations.find((o) => o.period === '2024-Q4');
    expect(q4?.value).toBe(26314.6);
    expect(q4?.sourcePeriod).toMatch(/全年/);
    const population = series.find((s) => s.name.startsWith('常住人口'));
    expect(population?.frequency).toBe('yearly');
    expect(population?.observations.map((o) => o.period)).toEqual(['2024']);
    expect(parsed.sheets[0].warnings.join(' ')).toMatch(/第四季度/);
  });

  it('keeps a yearly value when the quarter already holds Q4', () => {
    const key = { name: 'x', label: 'x累计值(亿元)', unit: '亿元', measure: 'cumulative' as const, region: null };
    const src = { source: { file: 'f', sheet: 's', label: 'x' }, sourcePeriod: 'p', row: 0, column: 0 };
    const { series, folded } = foldYearIntoQuarters([
      { ...key, frequency: 'quarterly', observations: [{ period: '2024-Q4', value: 1, ...src }] },
      { ...key, frequency: 'yearly', observations: [{ period: '2024', value: 2, ...src }] },
    ]);
    expect(folded).toBe(0);
    expect(series).toHaveLength(2);
  });
});
