// Growth and reduction targets: the year-to-date growth against the target in percentage points, and
// what the rest of the year must grow for the full year to reach it.
//
// Reductions (`下降12%`) are read as growth of −12 with the comparator's direction mirrored:
// `下降12%以上`/`下降12%`/`突破` → growth ≤ −12 (strictly < for 突破); `降幅控制在12%以内` → growth ≥ −12;
// `下降12%左右` → −12 ± tolerance, open towards larger falls (falling more than planned is not a risk).

import { canonicalUnit } from '../domain/units';
import type { Target } from '../domain/target';
import { coversFullYear, cumulativeLabelEn, cumulativeLabelZh, periodEnd, type YearMonth } from './period';
import { type GrowthReading, readGrowth, readLevels } from './readings';
import { noDataRow, noteStrings, ruleSentence, blankRow } from './row';
import type { LinkInput, SeriesData } from './seriesData';
import { judgeAgainstZone } from './status';
import { bandsFor, type StatusThresholds } from './thresholds';
import type { VarianceRow } from './types';
import { acceptableZone, directionFor, headlineValue, mirrorZone, zoneDirection, type Zone } from './zone';
import { directionOf } from '../domain/direction';
import { describeTarget } from './describeTarget';
import { type Bilingual, bi, clean, cleanOrNull, fmtRate } from './wording';

const isLevelMeasure = (s: SeriesData) => s.measure === 'cumulative' || s.measure === 'monthly';

/** Target growth in % and the zone it must land in, on the growth scale (reductions mirrored). */
function growthCriterion(target: Target, tolerance: number): { goal: number; zone: Zone } | null {
  const direction = directionOf(target);
  if (target.kind === 'reduction') {
    // Work on the reduction scale (12 = a fall of 12 %), where more reduction is better (the measure itself,
    // energy use per unit of GDP, is lower-better), then mirror.
    const onReductionScale = direction === 'lower_better' ? 'up' : direction === 'higher_better' ? 'down' : 'none';
    const zone = acceptableZone(target.comparator, target, tolerance, directionFor(target.comparator, onReductionScale));
    const t = target.comparator === 'range' ? (target.valueLow ?? target.value) : headlineValue(target);
    return zone && t !== null ? { goal: -t, zone: mirrorZone(zone) } : null;
  }
  const zone = acceptableZone(target.comparator, target, tolerance, zoneDirection(target.comparator, direction));
  const t = headlineValue(target);
  return zone && t !== null ? { goal: t, zone } : null;
}

const METHOD_WORDS: Record<GrowthReading['method'], Bilingual> = {
  yoy_cumulative: bi('累计增长', 'YTD growth'),
  index: bi('指数折算增长', 'growth from index'),
  derived_cumulative: bi('累计值同比推算增长', 'growth derived from cumulative levels'),
  derived_period_sum: bi('当期值合计同比推算增长', 'growth derived from summed period values'),
  yoy_period: bi('当月同比', 'monthly YoY'),
};

/**
 * Required growth of the remaining months (year on year) for the full year to grow by `goal` %:
 * ((1+g)·LY_full − CY_ytd) / (LY_full − LY_ytd) − 1, in %. Null without last year's levels or
 * once the year is complete.
 */
export function requiredGrowthForRestOfYear(goalPercent: number, cyYtd: number, lyYtd: number, lyFull: number): number | null {
  const remainingLastYear = lyFull - lyYtd;
  if (!(remainingLastYear > 0)) return null;
  return (((1 + goalPercent / 100) * lyFull - cyYtd) / remainingLastYear - 1) * 100;
}

export function growthVariance(target: Target, link: LinkInput, asOf: YearMonth, thresholds: StatusThresholds, figuresOnly = false): VarianceRow {
  const series = link.series;
  if (target.unit !== null && canonicalUnit(target.unit) !== '%') {
    return noDataRow(target, series, bi(`增速目标单位应为%，实为“${target.unit}”，不作比较`, `a growth target must be in %, not "${target.unit}": not compared`));
  }
  const tolerance = target.tolerance ?? thresholds.defaultTolerance;
  const criterion = growthCriterion(target, tolerance);
  if (!criterion) return noDataRow(target, series, bi('目标无数值', 'the target has no number'));

  const read = readGrowth(series, asOf.year, asOf.month);
  if (!read.ok) return noDataRow(target, series, read.reason);
  const g = read.value;
  const actual = clean(g.growth);
  const final = coversFullYear(g.period);
  const bands = bandsFor(target.qualifier, thresholds);
  const judgement = judgeAgainstZone(actual, criterion.zone, bands.rateAtRisk, final, '%');
  const notes = [...g.notes];
  const provenance = [...g.provenance];

  // Required growth needs levels: the linked series itself when it is one, else the level series beside it.
  let requiredGrowth: number | null = null;
  const levelSeries = isLevelMeasure(series) ? series : (link.levels ?? null);
  const end = periodEnd(g.period)!;
  if (levelSeries && !final) {
    const lv = readLevels(levelSeries, end.year, end.month);
    if (!lv.ok) notes.push(bi(`无法计算剩余月份所需增速：${lv.reason.zh}`, `required growth unavailable: ${lv.reason.en}`));
    else if (periodEnd(lv.value.period)!.month !== end.month) {
      notes.push(bi(`总量序列截至${lv.value.period}，与增速期${g.period}不一致，未计算所需增速`, `levels run to ${lv.value.period}, growth to ${g.period}: required growth not computed`));
    } else if (lv.value.lyFull === null || lv.value.lyYtd === null) {
      notes.push(bi('缺上年全年或同期总量，无法计算剩余月份所需增速', "last year's full-year or same-period level is missing: required growth not computed"));
    } else {
      requiredGrowth = requiredGrowthForRestOfYear(criterion.goal, lv.value.ytd, lv.value.lyYtd, lv.value.lyFull);
      notes.push(...lv.value.notes.filter((n) => !notes.some((m) => m.zh === n.zh)));
      if (levelSeries !== series) provenance.push(...lv.value.provenance);
      else for (const p of lv.value.provenance) if (!provenance.some((q) => q.period === p.period)) provenance.push(p);
    }
  }

  const row = blankRow(target, series);
  row.asOf = g.period;
  row.actual = actual;
  row.actualUnit = '%';
  row.target = criterion.goal;
  row.gap = clean(actual - criterion.goal);
  row.gapUnit = '个百分点';
  row.requiredGrowth = cleanOrNull(requiredGrowth);
  row.status = judgement.status;
  row.method = g.method;
  row.provenance = provenance;
  row.notes = noteStrings(notes);

  const method = METHOD_WORDS[g.method];
  // Last month's reading keeps only the figures and the status (sincePrevious.ts): its sentence is never shown.
  if (figuresOnly) return row;
  const goal = describeTarget(target, '%', target.comparator === 'about' || target.comparator === 'stable' ? tolerance : null);
  const req =
    requiredGrowth !== null
      ? bi(`，其余月份需增长${fmtRate(requiredGrowth)}%`, `; the remaining months need ${fmtRate(requiredGrowth)}%`)
      : bi('', '');
  const reasoning = bi(
    `${cumulativeLabelZh(g.period)}${method.zh}${fmtRate(actual)}%，目标${goal.zh}，差${fmtRate(row.gap)}个百分点；${judgement.verdict.zh}${req.zh}`,
    `${cumulativeLabelEn(g.period)} ${method.en} ${fmtRate(actual)}%, target ${goal.en}, gap ${fmtRate(row.gap)} pp; ${judgement.verdict.en}${req.en}`,
  );
  row.rule = ruleSentence(reasoning, judgement.status, notes);
  return row;
}
