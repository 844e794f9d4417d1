// Share, rate and count targets (`比例90%以上`, `失业率5.5%左右`, `5000套`): the latest value against the
// target. A share without a unit is read as %; other targets must name a unit that the series converts to.

import { canonicalUnit, conversionFactor } from '../domain/units';
import type { Target } from '../domain/target';
import { coversFullYear, type YearMonth } from './period';
import { readLatest } from './readings';
import { blankRow, noDataRow, noteStrings, ruleSentence } from './row';
import type { LinkInput } from './seriesData';
import { judgeAgainstZone } from './status';
import { bandsFor, type StatusThresholds } from './thresholds';
import type { VarianceRow } from './types';
import { acceptableZone, headlineValue, zoneDirection } from './zone';
import { directionOf } from '../domain/direction';
import { describeTarget } from './describeTarget';
import { formatPeriodZh } from '../format/chinese';
import { bi, clean, fmtAmount } from './wording';

export function valueVariance(target: Target, link: LinkInput, asOf: YearMonth, thresholds: StatusThresholds, figuresOnly = false): VarianceRow {
  const series = link.series;
  const unit = target.unit ?? (target.kind === 'share' ? '%' : null);
  if (unit === null) {
    return noDataRow(target, series, bi(`目标未注明单位，不与序列（${series.unit}）比较`, `the target has no unit: not compared with the series (${series.unit})`));
  }
  const factor = unit === series.unit ? 1 : conversionFactor(series.unit, unit);
  if (factor === null) {
    return noDataRow(target, series, bi(`单位不可比：目标为${unit}，序列为${series.unit}，不作比较`, `units cannot be compared: target in ${unit}, series in ${series.unit}; not compared`));
  }
  const isPercent = canonicalUnit(unit) === '%';
  const tolerance = target.tolerance ?? thresholds.defaultTolerance;
  // The target's direction says which side of an `about` target is a miss: the surveyed unemployment rate
  // (`5.5%左右`) is a ceiling, so 4.7 % is within it; a band target can miss either way.
  const zone = acceptableZone(target.comparator, target, tolerance, zoneDirection(target.comparator, directionOf(target)));
  const goal = headlineValue(target);
  if (!zone || goal === null) return noDataRow(target, series, bi('目标无数值', 'the target has no number'));

  const read = readLatest(series, asOf.year, asOf.month);
  if (!read.ok) return noDataRow(target, series, read.reason);
  const r = read.value;
  const actual = factor === 1 ? r.value : Number((r.value * factor).toPrecision(15));
  const final = coversFullYear(r.period) && r.period.startsWith(String(asOf.year));
  const bands = bandsFor(target.qualifier, thresholds);
  const band = isPercent ? bands.rateAtRisk : bands.valueAtRiskRelative * Math.abs(goal);
  const judgement = judgeAgainstZone(actual, zone, band, final, isPercent ? '%' : unit);

  const row = blankRow(target, series);
  row.asOf = r.period;
  row.actual = clean(actual);
  row.actualUnit = unit;
  row.target = goal;
  row.gap = clean(actual - goal);
  row.gapUnit = isPercent ? '个百分点' : unit;
  row.status = judgement.status;
  row.method = 'latest';
  row.provenance = r.provenance;
  row.notes = noteStrings(r.notes);

  const u = isPercent ? '%' : unit;
  // Last month's reading keeps only the figures and the status (sincePrevious.ts): its sentence is never shown.
  if (figuresOnly) return row;
  const goalText = describeTarget(target, u, target.comparator === 'about' || target.comparator === 'stable' ? tolerance : null);
  const gapUnit = isPercent ? bi('个百分点', ' pp') : bi(unit, ` ${unit}`);
  const reasoning = bi(
    `${formatPeriodZh(r.period, false)}为${fmtAmount(actual)}${u}，目标${goalText.zh}，差${fmtAmount(row.gap)}${gapUnit.zh}；${judgement.verdict.zh}`,
    `${r.period}: ${fmtAmount(actual)}${isPercent ? '%' : ` ${unit}`}, target ${goalText.en}, gap ${fmtAmount(row.gap)}${gapUnit.en}; ${judgement.verdict.en}`,
  );
  row.rule = ruleSentence(reasoning, judgement.status, r.notes);
  return row;
}
