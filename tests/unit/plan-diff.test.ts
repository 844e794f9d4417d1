// The matching rules of a plan update, on small hand-made lists: name first (in document order for repeats),
// then the quoted sentence; what is left is added or removed.
import { describe, expect, it } from 'vitest';
import type { Target, TargetDraft } from '../../shared/domain/target';
import { diffPlanTargets } from '../../shared/plan/planDiff';
import { reviewDrafts } from '../../shared/plan/reviewDrafts';

const draft = (over: Partial<TargetDraft>): TargetDraft => ({
  section: '八、(一)',
  indicator: '城镇老旧小区',
  kind: 'count',
  value: 1,
  valueLow: null,
  valueHigh: null,
  unit: '个',
  comparator: null,
  qualifier: null,
  basis: null,
  quote: 'q',
  quoteStart: 0,
  quoteEnd: 1,
  ...over,
});
let nextId = 1;
const stored = (over: Partial<TargetDraft>, position: number): Target => ({ ...draft(over), id: nextId++, planId: 1, position, notes: '', tolerance: null, taskStatus: 'open' });

describe('diffPlanTargets', () => {
  it('pairs repeated section + indicator + kind in document order', () => {
    const a = stored({ value: 100, quote: '改造城镇老旧小区100个' }, 0);
    const b = stored({ value: 200, quote: '开工城镇老旧小区200个' }, 1);
    const diff = diffPlanTargets([b, a], [draft({ value: 100 }), draft({ value: 250 })]);
    expect(diff.matched).toEqual([
      { targetId: a.id, draftIndex: 0 },
      { targetId: b.id, draftIndex: 1 },
    ]);
    expect(diff.changed).toEqual([{ targetId: b.id, draftIndex: 1, section: '八、(一)', indicator: '城镇老旧小区', field: 'value', before: 200, after: 250 }]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
  });

  it('matches a renamed target by its sentence; other kinds or sections do not match', () => {
    const renamed = stored({ indicator: '老旧小区改造', quote: '改造城镇老旧小区100个' }, 0);
    const otherSection = stored({ section: '八、(二)' }, 1);
    const diff = diffPlanTargets([renamed, otherSection], [draft({ quote: '改造城镇老旧小区100个' }), draft({ kind: 'level', unit: '万平方米' })]);
    expect(diff.matched).toEqual([{ targetId: renamed.id, draftIndex: 0 }]);
    expect(diff.changed.map((c) => [c.field, c.before, c.after])).toEqual([['indicator', '老旧小区改造', '城镇老旧小区']]);
    expect(diff.added.map((a) => a.draftIndex)).toEqual([1]);
    expect(diff.removed.map((r) => r.targetId)).toEqual([otherSection.id]);
  });

  it('treats a missing value and null alike, and reports every differing field', () => {
    const t = stored({ comparator: 'about', qualifier: null, basis: null }, 0);
    const diff = diffPlanTargets([t], [draft({ comparator: 'at_least', qualifier: 'strive', basis: '同口径', unit: '个' })]);
    expect(diff.changed.map((c) => c.field)).toEqual(['comparator', 'qualifier', 'basis']);
  });
});

describe('reviewDrafts', () => {
  const text = '新建高标准农田850万亩';
  const ok = draft({ indicator: ' 高标准农田 ', kind: 'increment', value: 850, unit: '万亩', quote: text, quoteStart: 0, quoteEnd: text.length });

  it('passes a sound draft, trimming the indicator and unifying unit width', () => {
    const review = reviewDrafts([{ ...ok, unit: '万亩' }, { ...ok, unit: '％', kind: 'share' }], text);
    expect(review.problems).toEqual([]);
    expect(review.drafts.map((d) => [d.indicator, d.unit])).toEqual([
      ['高标准农田', '万亩'],
      ['高标准农田', '%'],
    ]);
  });

  it('names each problem by its number, in Chinese then English', () => {
    const review = reviewDrafts([ok, { ...ok, indicator: ' ' }, { ...ok, unit: '斤两' }, { ...ok, quoteEnd: 99 }, { ...ok, value: null, valueLow: 3, valueHigh: 2 }], text);
    expect(review.problems).toHaveLength(4);
    expect(review.problems[0]).toMatch(/^第 2 项（ ）：指标名称不能为空 \/ #2 \( \): The indicator name cannot be empty$/);
    expect(review.problems[1]).toMatch(/^第 3 项.*未知单位“斤两” \/ #3 .*unknown unit "斤两"$/);
    expect(review.problems[2]).toMatch(/第 4 项.*原文位置与文件文字不符 \/ #4/);
    expect(review.problems[3]).toMatch(/第 5 项.*下限大于上限/);
  });
});
