// Which way is good for a target, read from its wording (pure). Most targets are floors; the plan's ceilings
// are recognisable by what they measure (an unemployment rate, a price rise, energy or water use per unit of
// output, PM2.5, emissions) or by how they are bounded (以内/不超过/控制在, a 下降 reduction); 区间 and
// 稳定在 targets are bands. The analyst can override the result per target.

import type { Target, TargetDirection, TargetDraft } from './target';

/**
 * Indicator words that make a target a ceiling. Kept as plain substrings so the store migration can apply
 * the same rule in SQL (LIKE '%…%') to targets stored before directions existed.
 */
export const LOWER_IS_BETTER_WORDS: readonly string[] = [
  '失业率',
  '价格',
  '物价',
  '涨幅',
  'CPI',
  'PPI',
  '能耗',
  '水耗',
  '煤耗',
  '能源消耗',
  '用水量',
  'PM2',
  '细颗粒物',
  '排放',
  '死亡',
  '事故',
];

export function deriveDirection(target: Pick<TargetDraft, 'indicator' | 'kind' | 'comparator' | 'value' | 'valueLow' | 'valueHigh' | 'quote'>): TargetDirection {
  // A task has no figure to be above or below.
  if (target.kind === 'task') return 'higher_better';
  if (target.comparator === 'at_most' || target.kind === 'reduction') return 'lower_better';
  const name = target.indicator.toUpperCase();
  if (LOWER_IS_BETTER_WORDS.some((w) => name.includes(w.toUpperCase()))) return 'lower_better';
  if (target.comparator === 'range' || target.comparator === 'stable') return 'band';
  if (target.value === null && target.valueLow !== null && target.valueHigh !== null) return 'band';
  return 'higher_better';
}

/** The stored direction, or the derived one for a target built without it. */
export function directionOf(target: Pick<Target, 'indicator' | 'kind' | 'comparator' | 'value' | 'valueLow' | 'valueHigh' | 'quote' | 'direction'>): TargetDirection {
  return target.direction ?? deriveDirection(target);
}
