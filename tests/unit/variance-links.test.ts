// Linking and the pieces around the variance calls: which series may measure a target, candidates for the
// link editor, series named on the command line, the chart's target line, and what each observation fed.

import { describe, expect, it } from 'vitest';
import { resolveSeriesRef } from '../../electron/cli/seriesRef';
import type { Frequency, Measure, Series } from '../../shared/domain/series';
import { linkFit } from '../../shared/variance/linkFit';
import { provenanceRole } from '../../shared/variance/provenanceRole';
import { rankCandidates } from '../../shared/variance/rankCandidates';
import { analyzeTarget } from '../../shared/variance/analyzeTarget';
import { nameSimilarity, suggestLinks } from '../../shared/variance/suggestLinks';
import { varianceTrend } from '../../shared/variance/trend';
import { makeSeries, makeTarget, months } from './variance-fixtures';

function series(id: number, name: string, label: string, unit: string, measure: Measure, frequency: Frequency = 'monthly', region: string | null = null): Series {
  return { id, name, label, unit, measure, frequency, region, firstPeriod: '2024-01', lastPeriod: '2025-10', observationCount: 12, lastBatchId: 1 };
}

const coalCum = series(1, '原煤产量', '原煤产量累计值(万吨)', '万吨', 'cumulative');
const coalMonth = series(2, '原煤产量', '原煤产量当期值(万吨)', '万吨', 'monthly');
const jobs = series(3, '城镇新增就业人数', '城镇新增就业人数累计值(万人)', '万人', 'cumulative');
const investment = series(4, '固定资产投资', '固定资产投资累计增长(%)', '%', 'yoy_cumulative');
const catalogue = [coalCum, coalMonth, jobs, investment];

describe('linkFit', () => {
  const coalTarget = makeTarget({ indicator: '煤炭产量', kind: 'level', value: 12, unit: '亿吨' });

  it('accepts a level series whose unit converts (万吨 for 亿吨)', () => {
    expect(linkFit(coalTarget, coalCum).ok).toBe(true);
  });

  it('refuses units that cannot be compared, and growth series for level targets', () => {
    const jobsFit = linkFit(coalTarget, jobs);
    expect(jobsFit.ok).toBe(false);
    expect(jobsFit.why.zh).toBe('单位不可比：目标为亿吨，序列为万人');
    expect(linkFit(coalTarget, investment).why.zh).toContain('不是总量');
  });

  it('refuses tasks, and growth targets not in %', () => {
    expect(linkFit(makeTarget({ indicator: '推进国家公园创建', kind: 'task' }), coalCum).ok).toBe(false);
    expect(linkFit(makeTarget({ indicator: '投资', kind: 'growth_rate', value: 10, unit: '亿元' }), investment).ok).toBe(false);
    expect(linkFit(makeTarget({ indicator: '投资', kind: 'growth_rate', value: 10, unit: '%' }), investment).ok).toBe(true);
  });
});

describe('suggestions', () => {
  it('a short name inside a much longer one is not the same indicator (煤炭 in 新增煤炭产能储备)', () => {
    expect(nameSimilarity('煤炭', '新增煤炭产能储备')).toBeLessThan(0.45);
    const reserve = makeTarget({ indicator: '新增煤炭产能储备', kind: 'increment', value: 2000, unit: '万吨' });
    expect(suggestLinks([reserve], catalogue)).toEqual([]);
  });

  it('ranks the cumulative series before the period values for a level target, and leaves out misfits', () => {
    const coalTarget = makeTarget({ indicator: '煤炭产量', kind: 'level', value: 12, unit: '亿吨' });
    const ranked = rankCandidates(coalTarget, catalogue);
    expect(ranked.map((r) => r.seriesId)).toEqual([1, 2]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
  });
});

describe('resolveSeriesRef', () => {
  it('takes an id, the label, the label without its unit, or the name when only one series has it', () => {
    expect(resolveSeriesRef(catalogue, '3').id).toBe(3);
    expect(resolveSeriesRef(catalogue, '原煤产量累计值(万吨)').id).toBe(1);
    expect(resolveSeriesRef(catalogue, '原煤产量累计值（万吨）').id).toBe(1);
    expect(resolveSeriesRef(catalogue, '原煤产量累计值').id).toBe(1);
    expect(resolveSeriesRef(catalogue, '固定资产投资').id).toBe(4);
  });

  it('refuses an ambiguous name listing the candidates, and an unknown one', () => {
    expect(() => resolveSeriesRef(catalogue, '原煤产量')).toThrow(/#1 原煤产量累计值\(万吨\)[\s\S]*#2 原煤产量当期值\(万吨\)/);
    expect(() => resolveSeriesRef(catalogue, '天然气产量')).toThrow(/找不到序列/);
    expect(() => resolveSeriesRef(catalogue, '99')).toThrow(/序列 99 不存在/);
  });
});

describe('varianceTrend', () => {
  it('a growth target on a cumulative level series: the line is last year total × (1 + g)', () => {
    const target = makeTarget({ indicator: '原煤产量', kind: 'growth_rate', value: 5, unit: '%', comparator: 'at_least' });
    const s = makeSeries(9, '原煤产量累计值(万吨)', '万吨', 'cumulative', 'monthly', { ...months(2024, [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]), '2025-03': 33 });
    const row = analyzeTarget(target, { series: s }, '2025-03');
    const trend = varianceTrend(target, row, s, 2025);
    // 120 × 1.05 = 126, in the series' unit.
    expect(trend.targetLine).toBe(126);
    expect(trend.points[2]).toMatchObject({ period: '2025-03', value: 33, lastYear: 30 });
  });

  it('a growth target on an index: the line is 100 + g; period values of a level are summed', () => {
    const cpi = makeTarget({ indicator: '居民消费价格', kind: 'growth_rate', value: 2, unit: '%', comparator: 'about' });
    const idx = makeSeries(10, '居民消费价格指数(上年同期=100)', '上年同期=100', 'index', 'monthly', { '2025-05': 100.4 });
    expect(varianceTrend(cpi, analyzeTarget(cpi, { series: idx }, '2025-05'), idx, 2025).targetLine).toBe(102);
    const jobsTarget = makeTarget({ indicator: '新增就业', kind: 'increment', value: 18, unit: '万人', comparator: 'at_least' });
    const monthly = makeSeries(11, '新增就业当期值(万人)', '万人', 'monthly', 'monthly', { '2025-01': 1, '2025-02': 2, '2025-03': 3 });
    const trend = varianceTrend(jobsTarget, analyzeTarget(jobsTarget, { series: monthly }, '2025-03'), monthly, 2025);
    expect(trend.cumulated).toBe(true);
    expect(trend.points.slice(0, 3).map((p) => p.value)).toEqual([1, 3, 6]);
    expect(trend.targetLine).toBe(18);
  });
});

describe('provenanceRole', () => {
  it('names what each observation of a level target fed', () => {
    const target = makeTarget({ indicator: '煤炭产量', kind: 'level', value: 12, unit: '亿吨', comparator: 'at_least' });
    const s = makeSeries(1, '原煤产量累计值(万吨)', '万吨', 'cumulative', 'monthly', { '2024-10': 94000, '2024-12': 114000, '2025-10': 96000 });
    const row = analyzeTarget(target, { series: s }, '2025-10');
    const roles = new Map(row.provenance.map((p) => [p.period, provenanceRole(p, row, 1).zh]));
    expect(roles.get('2025-10')).toContain('完成率');
    expect(roles.get('2024-10')).toContain('季节性序时进度');
    expect(roles.get('2024-12')).toContain('所需增速');
  });
});
