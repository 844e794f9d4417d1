// The report's sentences and the month-on-month words, from variance rows at the edge values: rates of 5.1,
// 5.55 and −0.1, an index near 100, a target already exceeded, a single point, no data. Never NaN, never
// `0个百分点` as a difference, never a figure the briefing would print otherwise.
import { describe, expect, it } from 'vitest';
import { formatNumberZh, formatPercent } from '../../shared/format/chinese';
import { areaWord, monthOnMonthSentence, noDataSentence, overviewSentence, requirementSentence, targetSentence } from '../../shared/report/sentences';
import { sectionTitles, splitSection } from '../../shared/report/sectionTitles';
import { monthBefore, sincePreviousText, statusMoves } from '../../shared/variance/sincePrevious';
import type { PreviousReading, VarianceRow } from '../../shared/variance/types';

function row(fields: Partial<VarianceRow>): VarianceRow {
  return {
    targetId: 1,
    indicator: '规模以上工业增加值',
    section: '总体目标',
    seriesName: 's',
    asOf: '2025-10',
    actual: null,
    actualUnit: '%',
    target: null,
    gap: null,
    gapUnit: '个百分点',
    completionRate: null,
    scheduleCalendar: null,
    scheduleSeasonal: null,
    projectionRunRate: null,
    projectionSeasonal: null,
    required: null,
    requiredGrowth: null,
    status: 'on_track',
    rule: '',
    provenance: [],
    method: 'yoy_cumulative',
    previous: null,
    sincePrevious: null,
    ...fields,
  };
}

const growth = (actual: number, target: number, extra: Partial<VarianceRow> = {}) => row({ actual, target, gap: actual - target, ...extra });
const level = (fields: Partial<VarianceRow>) =>
  row({ indicator: '原煤产量', actualUnit: '亿吨', gapUnit: '个百分点', method: 'level_cumulative', target: 12, scheduleCalendar: (10 / 12) * 100, ...fields });
const prev = (fields: Partial<PreviousReading>): PreviousReading => ({ asOf: '2025-09', period: '2025-09', status: 'on_track', actual: null, gap: null, completionRate: null, ...fields });
const noNaN = (text: string | null) => expect(text ?? '').not.toMatch(/NaN|undefined|null|Infinity/);

describe('targetSentence', () => {
  it('states a growth target in the DRC order: period, area, indicator, value, comparison', () => {
    expect(targetSentence(growth(8.4, 7), { area: '全区' })).toBe('1-10月，全区规模以上工业增加值累计增长8.4%，高于年度目标1.4个百分点。');
  });

  it('states a level target by completion and the schedule', () => {
    const r = level({ actual: 10.3, completionRate: 85.5, gap: 2.2 });
    expect(targetSentence(r, { omitPeriod: true })).toBe('原煤产量10.3亿吨，完成年度目标的85.5%，快于序时进度2.2个百分点。');
    expect(targetSentence({ ...r, gap: -0.04 }, { omitPeriod: true })).toBe('原煤产量10.3亿吨，完成年度目标的85.5%，与序时进度持平。');
  });

  it('says a level target already exceeded is met ahead of time', () => {
    const s = targetSentence(level({ indicator: '原油产量', actualUnit: '万吨', target: 310, actual: 330, completionRate: (330 / 310) * 100, gap: 23.1, status: 'met' }), { area: '全区' });
    expect(s).toBe(`1-10月，全区原油产量330万吨，完成年度目标的${formatPercent((330 / 310) * 100)}，已提前完成全年目标。`);
  });

  it('words a fall as 下降, never 增长-0.1%', () => {
    const s = targetSentence(growth(-0.1, 10, { indicator: '固定资产投资', status: 'off_track' }), { area: '全区' });
    expect(s).toBe('1-10月，全区固定资产投资累计下降0.1%，低于年度目标10.1个百分点。');
    expect(targetSentence(growth(-0.04, 1), {})).toContain('与上年同期持平');
  });

  it('states a rate read as it stands (unemployment) with the single month, 5.1 and 5.55 as the briefing prints them', () => {
    const r = row({ indicator: '城镇调查失业率', method: 'latest', actual: 5.1, target: 5.5, gap: 5.1 - 5.5 });
    expect(targetSentence(r, { area: '全区' })).toBe('10月，全区城镇调查失业率为5.1%，低于年度目标0.4个百分点。');
    const edge = targetSentence({ ...r, actual: 5.55, gap: 0.05 }, {});
    expect(edge).toContain(`城镇调查失业率为${formatPercent(5.55)}`);
    // A gap that prints as 0.1 or 0.0, never `0个百分点` with a direction.
    expect(edge).not.toMatch(/[高低]于年度目标0(\.0)?个百分点/);
    noNaN(edge);
    expect(targetSentence({ ...r, actual: 5.5, gap: 0 }, {})).toContain('与年度目标持平');
  });

  it('keeps an index near 100 in points, with its base', () => {
    const r = row({ indicator: '居民消费价格指数', method: 'latest', actual: 100.3, actualUnit: '上年同期=100', target: 102, gap: -1.7, gapUnit: '上年同期=100' });
    expect(targetSentence(r, {})).toBe('10月，居民消费价格指数为100.3（上年同期=100），低于年度目标1.7个点。');
  });

  it('strips 涨幅 into the verb: 居民消费价格上涨', () => {
    expect(targetSentence(growth(0.2, 2, { indicator: '居民消费价格涨幅', method: 'index' }), {})).toBe('1-10月，居民消费价格累计上涨0.2%，低于年度目标1.8个百分点。');
  });

  it('handles a single point: January alone, no comparison with last month', () => {
    const r = growth(6.1, 6, { asOf: '2025-01', previous: null, sincePrevious: null });
    expect(targetSentence(r, {})).toBe('1月，规模以上工业增加值累计增长6.1%，高于年度目标0.1个百分点。');
  });

  it('gives nothing for a row without data (those are listed together)', () => {
    expect(targetSentence(row({ status: 'no_data' }), {})).toBeNull();
    expect(noDataSentence(['地区生产总值', '城镇新增就业'])).toBe('地区生产总值、城镇新增就业2项指标暂无可比数据。');
    expect(noDataSentence([])).toBeNull();
  });

  it('appends the change since last month', () => {
    const r = growth(8.4, 7, { sincePrevious: '较上月提高0.3个百分点' });
    expect(targetSentence(r, { omitPeriod: true })).toBe('规模以上工业增加值累计增长8.4%，高于年度目标1.4个百分点，较上月提高0.3个百分点。');
  });
});

describe('requirementSentence', () => {
  it('says what the remaining months require of a growth target, and when it is hard', () => {
    expect(requirementSentence(growth(8.4, 10, { requiredGrowth: 12.3 }))).toBe('其余2个月需月均增长12.3%，完成难度较大。');
    expect(requirementSentence(growth(8.4, 9, { requiredGrowth: 9.1 }))).toBe('其余2个月需月均增长9.1%。');
  });

  it('says what a level target still needs, in its unit', () => {
    expect(requirementSentence(level({ actual: 10.3, completionRate: 85.5, required: 1.7 }))).toBe('其余2个月需完成1.7亿吨，月均0.85亿吨。');
    expect(requirementSentence(level({ actual: 12.3, completionRate: 102.5, required: -0.3 }))).toBe('全年目标已完成。');
  });

  it('says nothing in December or without figures', () => {
    expect(requirementSentence(growth(8.4, 10, { asOf: '2025-12', requiredGrowth: 12 }))).toBeNull();
    expect(requirementSentence(growth(8.4, 10))).toBeNull();
  });
});

describe('sincePreviousText (较上月)', () => {
  it('says a rate moved in 个百分点, from the figures as printed', () => {
    expect(sincePreviousText(growth(8.4, 7), prev({ actual: 8.1 }))).toBe('较上月提高0.3个百分点');
    expect(sincePreviousText(growth(5.1, 5.5), prev({ actual: 5.55 }))).toBe(`较上月回落${formatNumberZh(Number(formatNumberZh(5.55)) - 5.1)}个百分点`);
    expect(sincePreviousText(growth(-0.1, 10), prev({ actual: 0.3 }))).toBe('较上月回落0.4个百分点');
    expect(sincePreviousText(growth(8.4, 7), prev({ actual: 8.44 }))).toBe('与上月持平');
  });

  it('adds the status change: 由有风险转为符合进度', () => {
    expect(sincePreviousText(growth(8.4, 7, { status: 'on_track' }), prev({ actual: 8.1, status: 'at_risk' }))).toBe('较上月提高0.3个百分点，由有风险转为符合进度');
  });

  it('measures a level by its completion rate', () => {
    expect(sincePreviousText(level({ actual: 10.3, completionRate: 85.5, status: 'met' }), prev({ actual: 9.2, completionRate: 76.7, status: 'on_track' }))).toBe(
      '完成率较上月提高8.8个百分点，由符合进度转为已完成',
    );
  });

  it('says when there was nothing last month, or no new figure this month', () => {
    expect(sincePreviousText(growth(8.4, 7), prev({ actual: null, status: 'no_data' }))).toBe('上月无数据，本月符合进度');
    expect(sincePreviousText(growth(8.4, 7, { asOf: '2025-09' }), prev({ actual: 8.4, period: '2025-09' }))).toBe('本月无新数据');
    expect(sincePreviousText(row({ status: 'no_data' }), prev({ actual: null, status: 'no_data' }))).toBeNull();
    expect(sincePreviousText(growth(8.4, 7), null)).toBeNull();
  });

  it('compares a quarter with the quarter before as 较上期', () => {
    expect(sincePreviousText(growth(5.7, 6, { asOf: '2025-Q3', method: 'yoy_cumulative' }), prev({ actual: 5.6, period: '2025-Q2' }))).toBe('较上期提高0.1个百分点');
  });

  it('finds the month before, and none in January (December is last year’s plan)', () => {
    expect(monthBefore('2025-10')).toBe('2025-09');
    expect(monthBefore('2025-01', 2025)).toBeNull();
    expect(monthBefore('2025-Q3')).toBe('2025-08');
  });

  it('lists the targets that moved status', () => {
    const rows = [growth(8.4, 7, { targetId: 1, status: 'on_track', previous: prev({ status: 'at_risk', actual: 8 }), sincePrevious: 'x' }), growth(8.4, 7, { targetId: 2, previous: prev({ actual: 8 }) })];
    expect(statusMoves(rows)).toEqual([{ targetId: 1, indicator: '规模以上工业增加值', from: 'at_risk', to: 'on_track', text: 'x' }]);
  });
});

describe('overview and month-on-month overview', () => {
  it('counts every status, zeros included', () => {
    const rows = [row({ status: 'met' }), row({ status: 'on_track' }), row({ status: 'on_track' }), row({ status: 'no_data' })];
    expect(overviewSentence(rows, '2025-10')).toBe('1-10月，纳入监测的4项指标中，已完成1项、符合进度2项、有风险0项、滞后0项、无数据1项。');
  });

  it('says which targets got better or worse since last month', () => {
    const rows = [
      row({ indicator: '甲', status: 'on_track', previous: prev({ status: 'at_risk', actual: 1 }) }),
      row({ indicator: '乙', status: 'off_track', previous: prev({ status: 'on_track', actual: 1 }) }),
      row({ indicator: '丙', status: 'on_track', previous: prev({ status: 'on_track', actual: 1 }) }),
    ];
    expect(monthOnMonthSentence(rows)).toBe('与上月相比，1项指标状态好转（甲由有风险转为符合进度），1项指标状态转差（乙由符合进度转为滞后）。');
    expect(monthOnMonthSentence([rows[2]])).toBe('与上月相比，各项指标状态均未变化。');
    expect(monthOnMonthSentence([row({})])).toBeNull();
  });
});

describe('plan sections', () => {
  it('reads headings from the plan text and splits codes', () => {
    const text = '一、稳住经济大盘\n（一）扩大有效投资。全年投资增长10%。\n（二）促进消费\n二、改善民生\n';
    const titles = sectionTitles(text);
    expect(titles.get('一、')).toBe('稳住经济大盘');
    expect(titles.get('一、(一)')).toBe('扩大有效投资');
    expect(titles.get('一、(二)')).toBe('促进消费');
    expect(titles.get('二、')).toBe('改善民生');
    expect(splitSection('三、(三)')).toEqual({ first: '三、', second: '三、(三)' });
    expect(splitSection('总体目标')).toEqual({ first: '总体目标', second: null });
    expect(areaWord('内蒙古自治区')).toBe('全区');
    expect(areaWord('河北省')).toBe('全省');
  });
});
