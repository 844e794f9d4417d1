// A target as the plan states it (value or range, unit, comparator), for the 目标 column of every target, linked
// or not: the plan's value is known before any series measures it.
import { formatNumberZh } from '../../shared/format/chinese';
import { COMPARATOR_LABELS, type Target } from '../../shared/domain/target';
import type { Lang } from '../i18n';

type PlanFigure = Pick<Target, 'kind' | 'value' | 'valueLow' | 'valueHigh' | 'unit' | 'comparator'>;

const number = (v: number) => formatNumberZh(v, { decimals: Number.isInteger(v) ? 0 : Math.min(String(v).split('.')[1]?.length ?? 1, 3), thousands: true });

/**
 * `6%左右`, `12亿吨以上`, `2—3家`; `about 6%` in English; `—` for a task or a target without a number.
 * `figure` replaces the plan's number with the same target in another unit (`120,000万吨` for `12亿吨`).
 */
export function planTargetText(t: PlanFigure, lang: Lang, figureInUnit?: string): string {
  if (t.kind === 'task') return '—';
  const unit = t.unit ?? '';
  let figure: string;
  if (figureInUnit !== undefined) figure = figureInUnit;
  else if (t.value !== null) figure = `${number(t.value)}${unit}`;
  else if (t.valueLow !== null && t.valueHigh !== null) figure = `${number(t.valueLow)}—${number(t.valueHigh)}${unit}`;
  else if (t.valueLow !== null) figure = `${number(t.valueLow)}${unit}`;
  else if (t.valueHigh !== null) figure = `${number(t.valueHigh)}${unit}`;
  else return '—';
  const c = t.comparator && t.comparator !== 'range' ? COMPARATOR_LABELS[t.comparator] : null;
  if (!c) return figure;
  if (lang === 'en') return `${c.en} ${figure}`;
  // 达到 / 稳定在 / 突破 stand before the figure in Chinese, 左右 / 以上 / 以内 after it, as the plan writes them.
  const before = t.comparator === 'reach' || t.comparator === 'stable' || t.comparator === 'exceed';
  return before ? `${c.zh}${figure}` : `${figure}${c.zh}`;
}
