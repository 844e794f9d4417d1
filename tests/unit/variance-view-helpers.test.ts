// The pure parts of the 执行情况 grid and the monthly update: the plan's statement of a target, the filter and
// the counts that follow it, 较上月 in English, and the steps of the monthly flow.
import { describe, expect, it } from 'vitest';
import type { ImportPreview, SuggestionView } from '../../shared/contract';
import type { VarianceRow } from '../../shared/variance/types';
import { planTargetText } from '../../renderer/grid/planTargetText';
import { sinceLastMonthText } from '../../renderer/grid/varianceColumns';
import { filterVarianceRows, statusCounts } from '../../renderer/variance/varianceFilter';
import { canCommit, confidentSuggestions, initialMonthlyUpdate, monthlyUpdateReducer as reduce, newestPeriod } from '../../renderer/monthlyUpdate/monthlyUpdateState';

const figure = (over: Partial<Parameters<typeof planTargetText>[0]>) => ({ kind: 'level' as const, value: null, valueLow: null, valueHigh: null, unit: null, comparator: null, ...over });

const row = (over: Partial<VarianceRow>): VarianceRow => ({
  targetId: 1, indicator: '煤炭产量', section: '一、（一）', seriesName: null, asOf: null, actual: null, actualUnit: null, target: null, gap: null, gapUnit: null,
  completionRate: null, scheduleCalendar: null, scheduleSeasonal: null, projectionRunRate: null, projectionSeasonal: null, required: null, requiredGrowth: null,
  status: 'no_data', rule: '', provenance: [], ...over,
});

describe('the plan’s statement of a target', () => {
  it('puts the comparator where the plan writes it, and in English before the figure', () => {
    expect(planTargetText(figure({ kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' }), 'zh')).toBe('6%左右');
    expect(planTargetText(figure({ value: 12, unit: '亿吨', comparator: 'at_least' }), 'zh')).toBe('12亿吨以上');
    expect(planTargetText(figure({ value: 1.7, unit: '亿千瓦', comparator: 'exceed' }), 'zh')).toBe('突破1.7亿千瓦');
    expect(planTargetText(figure({ value: 90, unit: '%', comparator: 'reach' }), 'zh')).toBe('达到90%');
    expect(planTargetText(figure({ valueLow: 2, valueHigh: 3, unit: '家', comparator: 'range' }), 'zh')).toBe('2—3家');
    expect(planTargetText(figure({ value: 120000, unit: '万吨' }), 'zh')).toBe('120,000万吨');
    expect(planTargetText(figure({ kind: 'growth_rate', value: 5.5, unit: '%', comparator: 'about' }), 'en')).toBe('about 5.5%');
    expect(planTargetText(figure({ kind: 'task' }), 'zh')).toBe('—');
    expect(planTargetText(figure({}), 'zh')).toBe('—');
    // The same target in the series' unit keeps the comparator.
    expect(planTargetText(figure({ value: 12, unit: '亿吨', comparator: 'at_least' }), 'zh', '120,000万吨')).toBe('120,000万吨以上');
  });
});

describe('filter and counts', () => {
  const rows = [
    row({ targetId: 1, indicator: '煤炭产量', seriesName: '原煤产量累计值(万吨)', status: 'at_risk', section: '一' }),
    row({ targetId: 2, indicator: '固定资产投资', seriesName: '固定资产投资累计增长(%)', status: 'off_track', section: '四' }),
    row({ targetId: 3, indicator: '新增煤炭产能储备', status: 'no_data', section: '一' }),
    row({ targetId: 4, indicator: 'ＧＤＰ', status: 'on_track', section: '总体目标' }),
  ];
  const none = new Set<never>();

  it('searches indicator and series, folding full-width letters', () => {
    expect(filterVarianceRows(rows, { section: '', statuses: none, search: '煤' }).map((r) => r.targetId)).toEqual([1, 3]);
    expect(filterVarianceRows(rows, { section: '', statuses: none, search: '原煤' }).map((r) => r.targetId)).toEqual([1]);
    expect(filterVarianceRows(rows, { section: '', statuses: none, search: 'gdp' }).map((r) => r.targetId)).toEqual([4]);
  });

  it('counts follow the section and the search, not the status chips themselves', () => {
    const f = { section: '一', statuses: new Set(['at_risk' as const]), search: '' };
    expect(filterVarianceRows(rows, f).map((r) => r.targetId)).toEqual([1]);
    expect(Object.fromEntries(statusCounts(rows, f))).toEqual({ at_risk: 1, no_data: 1 });
    expect(Object.fromEntries(statusCounts(rows, { ...f, section: '', search: '投资' }))).toEqual({ off_track: 1 });
  });
});

describe('较上月 in English', () => {
  it('says a status change, else the change of the gap', () => {
    const prev = { asOf: '2025-09', status: 'at_risk' as const, actual: 5.4, gap: -0.4 };
    expect(sinceLastMonthText(row({ status: 'on_track', gap: 0.1, gapUnit: '个百分点', previous: prev, sincePrevious: '由有风险转为符合进度' }), 'en')).toBe('At risk → On track');
    expect(sinceLastMonthText(row({ status: 'at_risk', gap: -0.1, gapUnit: '个百分点', previous: prev }), 'en')).toBe('+0.3 pp on last month');
    expect(sinceLastMonthText(row({ status: 'at_risk', gap: -0.4, gapUnit: '个百分点', previous: prev }), 'en')).toBe('unchanged');
    expect(sinceLastMonthText(row({ previous: null }), 'en')).toBe('—');
    expect(sinceLastMonthText(row({ sincePrevious: '较上月提高0.3个百分点' }), 'zh')).toBe('较上月提高0.3个百分点');
  });
});

describe('monthly update steps', () => {
  const preview = (problems: number, observations = 10): ImportPreview =>
    ({
      totals: { sheetCount: 1, seriesCount: 2, observationCount: observations, problemCount: problems, shownObservations: observations },
      sheets: [{ series: [{ lastPeriod: '2025-09' }, { lastPeriod: '2025-10' }], warnings: [] }],
      warnings: [],
      problems: [],
    }) as unknown as ImportPreview;

  it('commits a file with problem cells only when the analyst chose to skip them, an empty file never', () => {
    let s = reduce(initialMonthlyUpdate, { type: 'chosen', fileName: 'a.csv' });
    s = reduce(s, { type: 'previewed', preview: preview(2) });
    expect(canCommit(s)).toBe(false);
    expect(reduce(s, { type: 'committing' }).step).toBe('preview');
    s = reduce(s, { type: 'skipInvalid', value: true });
    expect(reduce(s, { type: 'committing' }).step).toBe('committing');
    const empty = reduce(reduce(initialMonthlyUpdate, { type: 'chosen', fileName: 'b.csv' }), { type: 'previewed', preview: preview(0, 0) });
    expect(canCommit(empty)).toBe(false);
    expect(newestPeriod(preview(0))).toBe('2025-10');
  });

  it('a failure goes back to the step that failed; a new file starts clean', () => {
    let s = reduce(initialMonthlyUpdate, { type: 'chosen', fileName: 'a.csv' });
    s = reduce(s, { type: 'previewed', preview: preview(0) });
    s = reduce(s, { type: 'committing' });
    s = reduce(s, { type: 'failed', error: '导入失败 / failed' });
    expect(s.step).toBe('preview');
    expect(s.preview).not.toBeNull();
    s = reduce(s, { type: 'chosen', fileName: 'b.csv' });
    expect(s).toMatchObject({ step: 'previewing', fileName: 'b.csv', preview: null, error: null });
  });

  it('accepts on commit only the confident suggestions', () => {
    const s = (score: number) => ({ targetId: score * 100, score }) as SuggestionView;
    expect(confidentSuggestions([s(1), s(0.9), s(0.72)]).map((x) => x.score)).toEqual([1, 0.9]);
  });
});
