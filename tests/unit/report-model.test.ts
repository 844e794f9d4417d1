// The report's structure from variance rows (pure): parts per plan section with the plan's own headings,
// full-width numbering, the attention list, the table; and a store with no data at all still gives a true,
// complete draft (no NaN, no empty parts).
import { describe, expect, it } from 'vitest';
import type { Target } from '../../shared/domain/target';
import { buildReport, type ReportInput } from '../../shared/report/reportModel';
import { sectionTitles } from '../../shared/report/sectionTitles';
import type { VarianceRow } from '../../shared/variance/types';

const PLAN_TEXT = '一、扩大有效需求\n（一）扩大有效投资。固定资产投资增长10%左右。\n二、建设能源基地\n（三）保障能源供应。煤炭产量12亿吨以上。\n';

function target(id: number, section: string, indicator: string, kind: Target['kind']): Target {
  return { id, planId: 1, position: id, section, indicator, kind, value: 10, valueLow: null, valueHigh: null, unit: '%', comparator: 'about', qualifier: null, basis: null, quote: '', quoteStart: 0, quoteEnd: 0, notes: '', tolerance: null, taskStatus: 'open' } as Target;
}

function row(t: Target, fields: Partial<VarianceRow>): VarianceRow {
  return {
    targetId: t.id, indicator: t.indicator, section: t.section, seriesName: null, asOf: null, actual: null, actualUnit: null, target: null, gap: null, gapUnit: null,
    completionRate: null, scheduleCalendar: null, scheduleSeasonal: null, projectionRunRate: null, projectionSeasonal: null, required: null, requiredGrowth: null,
    status: 'no_data', rule: '', provenance: [], method: null, previous: null, sincePrevious: null, ...fields,
  };
}

const targets = [target(1, '一、(一)', '固定资产投资', 'growth_rate'), target(2, '二、(三)', '煤炭产量', 'level'), target(3, '二、(三)', '原油产量', 'level')];

function input(rows: VarianceRow[]): ReportInput {
  return {
    plan: { year: 2025, region: '内蒙古自治区', title: '2025年计划' },
    asOf: '2025-10',
    rows,
    targets,
    sectionTitles: sectionTitles(PLAN_TEXT),
    briefRows: rows.filter((r) => r.actual !== null),
    trends: [],
    sources: [{ fileName: '2025年10月.csv', importedAt: '2025-11-18T09:30:00+08:00' }],
  };
}

describe('buildReport', () => {
  const rows = [
    row(targets[0], { asOf: '2025-10', actual: 4.5, actualUnit: '%', target: 10, gap: -5.5, gapUnit: '个百分点', status: 'off_track', method: 'yoy_cumulative', requiredGrowth: 30.2, seriesName: 'a' }),
    row(targets[1], { asOf: '2025-10', actual: 10.2, actualUnit: '亿吨', target: 12, gap: 1.2, gapUnit: '个百分点', completionRate: 85, scheduleCalendar: 83.3, status: 'on_track', method: 'level_cumulative', seriesName: 'b' }),
    row(targets[2], {}),
  ];
  const doc = buildReport(input(rows));
  const headings1 = doc.blocks.filter((b) => b.kind === 'heading1').map((b) => (b as { text: string }).text);
  const headings2 = doc.blocks.filter((b) => b.kind === 'heading2').map((b) => (b as { text: string }).text);
  const paragraphs = doc.blocks.filter((b) => b.kind === 'paragraph').map((b) => (b as { text: string }).text);

  it('numbers its parts afresh, each plan part under the plan’s own heading', () => {
    expect(headings1).toEqual(['一、总体情况', '二、扩大有效需求', '三、建设能源基地', '四、需要关注的指标', '五、主要指标执行情况表', '六、数据截止时间和来源']);
    expect(headings2).toEqual(['（一）扩大有效投资', '（一）保障能源供应']);
    expect(doc.title).toBe('2025年1-10月全区国民经济和社会发展计划执行情况分析');
  });

  it('writes each section’s targets, then those without data', () => {
    expect(paragraphs).toContain('1-10月，全区煤炭产量10.2亿吨，完成年度目标的85.0%，快于序时进度1.2个百分点。此外，原油产量暂无可比数据。');
  });

  it('says what a lagging target requires', () => {
    expect(paragraphs).toContain('1-10月，全区固定资产投资累计增长4.5%，低于年度目标5.5个百分点。其余2个月需月均增长30.2%，完成难度较大。');
  });

  it('states the cut-off and the files', () => {
    expect(paragraphs.at(-2)).toBe('本报告数据截至2025年10月。统计数据来源：2025年10月.csv（2025年11月18日 09:30导入）。计划目标来源：2025年计划。');
  });

  it('gives a complete, true draft when nothing has data', () => {
    const empty = buildReport(input(targets.map((t) => row(t, {}))));
    const text = empty.blocks.map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(text).toContain('纳入监测的3项指标中，已完成0项、符合进度0项、有风险0项、滞后0项、无数据3项。');
    expect(text).toContain('各项指标尚无可比数据');
    expect(text).not.toMatch(/NaN|undefined|null/);
    expect(empty.blocks.some((b) => b.kind === 'table' || b.kind === 'chart')).toBe(false);
  });
});
