// Whether a series (by its unit and measure) can measure a target, before a link is stored: a level target
// needs a level series in a unit that converts to the target's; a share needs a percentage; a growth target
// a growth, an index or levels to derive growth from. Incompatible units are refused, never compared.

import { MEASURE_LABELS, type Measure } from '../domain/series';
import type { Target } from '../domain/target';
import { canonicalUnit, conversionFactor } from '../domain/units';
import { type Bilingual, bi } from './wording';

export interface SeriesShape {
  label: string;
  unit: string;
  measure: Measure;
}

export type LinkFit = { ok: true; why: Bilingual } | { ok: false; why: Bilingual };

const isLevel = (m: Measure) => m === 'cumulative' || m === 'monthly';

function unitsConvert(from: string, to: string): boolean {
  return from === to || conversionFactor(from, to) !== null;
}

export function linkFit(target: Pick<Target, 'kind' | 'unit' | 'indicator'>, series: SeriesShape): LinkFit {
  const m = MEASURE_LABELS[series.measure];
  switch (target.kind) {
    case 'task':
      return { ok: false, why: bi(`“${target.indicator}”是定性任务，无数值可比，不能关联序列`, `"${target.indicator}" is a task without figures: it cannot be linked to a series`) };
    case 'growth_rate':
    case 'reduction': {
      if (target.unit !== null && canonicalUnit(target.unit) !== '%') {
        return { ok: false, why: bi(`增速目标单位应为%，实为“${target.unit}”`, `a growth target must be in %, not "${target.unit}"`) };
      }
      if ((series.measure === 'yoy' || series.measure === 'yoy_cumulative') && canonicalUnit(series.unit) !== '%') {
        return { ok: false, why: bi(`单位不可比：序列“${series.label}”为${m.zh}，单位却是${series.unit}`, `units cannot be compared: "${series.label}" is ${m.en} but in ${series.unit}`) };
      }
      return { ok: true, why: bi(`${m.zh}可衡量增速目标`, `${m.en} measures a growth target`) };
    }
    case 'level':
    case 'increment': {
      if (!isLevel(series.measure)) {
        return { ok: false, why: bi(`序列“${series.label}”是${m.zh}，不是总量，不能衡量总量或新增量目标`, `series "${series.label}" is ${m.en}, not a level: it cannot measure a level or increment target`) };
      }
      if (target.unit === null) return { ok: false, why: bi('目标未注明单位，无法与序列比较', 'the target has no unit: it cannot be compared with a series') };
      if (!unitsConvert(series.unit, target.unit)) {
        return { ok: false, why: bi(`单位不可比：目标为${target.unit}，序列为${series.unit}`, `units cannot be compared: target in ${target.unit}, series in ${series.unit}`) };
      }
      return { ok: true, why: series.unit === target.unit ? bi(`单位相同（${target.unit}）`, `same unit (${target.unit})`) : bi(`${series.unit}换算为${target.unit}`, `${series.unit} converts to ${target.unit}`) };
    }
    case 'share':
    case 'count': {
      const unit = target.unit ?? (target.kind === 'share' ? '%' : null);
      if (unit === null) return { ok: false, why: bi('目标未注明单位，无法与序列比较', 'the target has no unit: it cannot be compared with a series') };
      if (!unitsConvert(series.unit, unit)) {
        return { ok: false, why: bi(`单位不可比：目标为${unit}，序列为${series.unit}`, `units cannot be compared: target in ${unit}, series in ${series.unit}`) };
      }
      return { ok: true, why: bi(`取最新值与目标比较（${series.unit}）`, `the latest value is compared with the target (${series.unit})`) };
    }
  }
}
