// Link suggestions: names folded to what they measure, measure fit by target kind, units that convert.

import { describe, expect, it } from 'vitest';
import type { Frequency, Measure, Series } from '../../shared/domain/series';
import { nameSimilarity, normalizeIndicatorName, suggestLinks } from '../../shared/variance/suggestLinks';
import { levelCompanions } from '../../shared/variance/levelCompanion';
import { makeTarget } from './variance-fixtures';

function series(id: number, name: string, label: string, unit: string, measure: Measure, frequency: Frequency = 'monthly', observationCount = 12): Series {
  return { id, name, label, unit, measure, frequency, region: '内蒙古自治区', firstPeriod: '2024-01', lastPeriod: '2025-10', observationCount, lastBatchId: 1 };
}

const catalogue: Series[] = [
  series(1, '固定资产投资额', '固定资产投资额累计增长(%)', '%', 'yoy_cumulative'),
  series(2, '固定资产投资额', '固定资产投资额累计值(亿元)', '亿元', 'cumulative'),
  series(3, '房地产开发投资额', '房地产开发投资额累计增长(%)', '%', 'yoy_cumulative'),
  series(4, '原煤产量', '原煤产量累计值(万吨)', '万吨', 'cumulative'),
  series(5, '原煤产量', '原煤产量累计增长(%)', '%', 'yoy_cumulative'),
  series(6, '粗钢产量', '粗钢产量累计值(万吨)', '万吨', 'cumulative'),
  series(7, '接待游客', '接待游客人次累计值(万人次)', '万人次', 'cumulative'),
  series(8, 'GDP', 'GDP累计增长(%)', '%', 'yoy_cumulative', 'quarterly'),
  series(9, '原煤产值', '原煤产值累计值(亿元)', '亿元', 'cumulative'),
];

describe('normalizeIndicatorName', () => {
  it('strips measure words and units, folds synonyms', () => {
    expect(normalizeIndicatorName('固定资产投资增长')).toBe('固定资产投资');
    expect(normalizeIndicatorName('固定资产投资额累计增长(%)')).toBe('固定资产投资');
    expect(normalizeIndicatorName('煤炭产量')).toBe('煤炭');
    expect(normalizeIndicatorName('原煤产量累计值(万吨)')).toBe('煤炭');
    expect(normalizeIndicatorName('接待游客人次')).toBe('游客');
    expect(normalizeIndicatorName('游客数量')).toBe('游客');
    expect(normalizeIndicatorName('地区生产总值')).toBe('GDP');
    expect(normalizeIndicatorName('全区地区生产总值累计增长（%）')).toBe('GDP');
  });

  it('bigram similarity: identical 1, unrelated 0, containment at least 0.8', () => {
    expect(nameSimilarity('煤炭', '煤炭')).toBe(1);
    expect(nameSimilarity('煤炭', '粗钢')).toBe(0);
    // 规上工业增加值 ⊃ 工业增加值 → containment
    expect(nameSimilarity('工业增加值', '规上工业增加值')).toBeGreaterThanOrEqual(0.8);
    // 房地产开发投资 vs 固定资产投资: bigrams {房地,地产,产开,开发,发投,投资} and {固定,定资,资产,产投,投资}: shared 投资 → 2·1/(6+5) = 0.18
    expect(nameSimilarity('房地产开发投资', '固定资产投资')).toBeCloseTo(2 / 11, 9);
  });
});

describe('suggestLinks', () => {
  const byTarget = (targets: ReturnType<typeof makeTarget>[]) => new Map(suggestLinks(targets, catalogue).map((s) => [s.targetId, s]));

  it('growth target ↔ cumulative growth series', () => {
    const t = makeTarget({ indicator: '固定资产投资', kind: 'growth_rate', value: 10, unit: '%', comparator: 'about' });
    const s = byTarget([t]).get(t.id);
    // 1.0 name × 0.7 + 1.0 yoy_cumulative × 0.3 = 1.0 (the level series scores 0.7 + 0.8 × 0.3 = 0.94)
    expect(s?.seriesId).toBe(1);
    expect(s?.score).toBe(1);
    expect(s?.reason).toContain('固定资产投资');
  });

  it('level target ↔ cumulative level series in a unit that converts (原煤产量 万吨 for 煤炭产量 亿吨)', () => {
    const t = makeTarget({ indicator: '煤炭产量', kind: 'level', value: 12, unit: '亿吨', comparator: 'at_least' });
    const s = byTarget([t]).get(t.id);
    expect(s?.seriesId).toBe(4);
    expect(s?.reason).toContain('万吨可换算为亿吨');
  });

  it('游客 ↔ 接待游客, GDP ↔ 地区生产总值', () => {
    const tourists = makeTarget({ indicator: '游客数量', kind: 'level', value: 3, unit: '亿人次', comparator: 'at_least' });
    const gdp = makeTarget({ indicator: '地区生产总值', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
    const m = byTarget([tourists, gdp]);
    expect(m.get(tourists.id)?.seriesId).toBe(7);
    expect(m.get(gdp.id)?.seriesId).toBe(8);
  });

  it('no suggestion when the unit cannot convert, for tasks, or when nothing is alike', () => {
    const onlyMoney = suggestLinks(
      [makeTarget({ indicator: '原煤产值', kind: 'level', value: 12, unit: '亿吨', comparator: 'at_least' })],
      [catalogue[8]],
    );
    expect(onlyMoney).toEqual([]);
    const task = makeTarget({ indicator: '固定资产投资', kind: 'task' });
    const unrelated = makeTarget({ indicator: '高标准农田', kind: 'increment', value: 850, unit: '万亩' });
    expect(suggestLinks([task, unrelated], catalogue)).toEqual([]);
  });

  it('ties go to the series with more observations', () => {
    const a = series(20, '粗钢产量', '粗钢产量累计值(万吨)', '万吨', 'cumulative', 'monthly', 5);
    const b = series(21, '粗钢产量', '粗钢产量累计值(万吨)', '万吨', 'cumulative', 'monthly', 30);
    const t = makeTarget({ indicator: '粗钢产量', kind: 'level', value: 3000, unit: '万吨', comparator: 'at_least' });
    expect(suggestLinks([t], [a, b])[0].seriesId).toBe(21);
  });
});

describe('suggestLinks: a shared tail is not the same indicator', () => {
  const pool = [
    series(1, '规模以上工业增加值', '规模以上工业增加值累计增长(%)', '%', 'yoy_cumulative'),
    series(2, '地区生产总值', '地区生产总值累计增长(%)', '%', 'yoy_cumulative', 'quarterly'),
    series(3, '城镇新增就业人数', '城镇新增就业人数累计值(万人)', '万人', 'cumulative'),
  ];
  it('does not link 金融业增加值 to industry, nor water use per GDP to GDP', () => {
    const targets = [
      makeTarget({ id: 10, indicator: '金融业增加值', kind: 'growth_rate', value: 6, unit: '%', comparator: 'at_least' }),
      makeTarget({ id: 11, indicator: '万元国内生产总值用水量', kind: 'reduction', value: 12, unit: '%' }),
      makeTarget({ id: 12, indicator: '万元工业增加值用水量', kind: 'reduction', value: 13, unit: '%' }),
    ];
    expect(suggestLinks(targets, pool)).toEqual([]);
  });
  it('still links names written in another order or with a measure word', () => {
    const targets = [
      makeTarget({ id: 20, indicator: '新增城镇就业', kind: 'increment', value: 18, unit: '万人', comparator: 'at_least' }),
      makeTarget({ id: 21, indicator: '规模以上工业增加值', kind: 'growth_rate', value: 7, unit: '%', comparator: 'about' }),
    ];
    expect(suggestLinks(targets, pool).map((s) => [s.targetId, s.seriesId])).toEqual([
      [20, 3],
      [21, 1],
    ]);
  });
});

describe('levelCompanions', () => {
  it('pairs a growth series with the cumulative level of the same indicator, region and frequency', () => {
    const monthlyLevel = series(30, '原煤产量', '原煤产量当期值(万吨)', '万吨', 'monthly');
    const pairs = levelCompanions([...catalogue, monthlyLevel]);
    // 原煤产量累计增长 (5) ↔ 原煤产量累计值 (4), preferred over the period values (30)
    expect(pairs.get(5)).toBe(4);
    // 固定资产投资额累计增长 (1) ↔ 累计值 (2)
    expect(pairs.get(1)).toBe(2);
    // GDP growth has no level series; level series are not keys
    expect(pairs.has(8)).toBe(false);
    expect(pairs.has(4)).toBe(false);
  });
});
