// Level and increment targets (`煤炭产量12亿吨以上`, `城镇新增就业18万人以上`): the year to date against the
// annual target (完成率) set beside the schedule (序时进度) by calendar and by last year's seasonality,
// the year-end projection by both, and what the remaining months must still deliver.

import { conversionFactor } from '../domain/units';
import type { Target } from '../domain/target';
import { cumulativeLabelEn, cumulativeLabelZh, type YearMonth } from './period';
import { readLevels } from './readings';
import { blankRow, noDataRow, noteStrings, ruleSentence } from './row';
import type { LinkInput, SeriesData } from './seriesData';
import { judgeSchedule } from './status';
import { bandsFor, type StatusThresholds } from './thresholds';
import type { VarianceRow } from './types';
import { zoneDirection } from './zone';
import { directionOf } from '../domain/direction';
import { describeTarget } from './describeTarget';
import { bi, clean, cleanOrNull, fmtAmount, fmtRate } from './wording';

export interface ScheduleFigures {
  completionRate: number;
  scheduleCalendar: number;
  scheduleSeasonal: number | null;
  projectionRunRate: number;
  projectionSeasonal: number | null;
  required: number;
  requiredGrowth: number | null;
}

/**
 * The figures of a level target, all in the target's unit, rates in %:
 *  completion = ytd / target;  calendar schedule = m / 12;  seasonal schedule = LY_ytd / LY_full;
 *  run-rate projection = ytd · 12 / m;  seasonal projection = ytd / (LY_ytd / LY_full);
 *  required = target − ytd;  required growth = (target − ytd) / (LY_full − LY_ytd) − 1 (none after December).
 */
export function scheduleFigures(target: number, ytd: number, monthsElapsed: number, lyYtd: number | null, lyFull: number | null): ScheduleFigures {
  const share = lyYtd !== null && lyFull !== null && lyFull > 0 && lyYtd > 0 ? lyYtd / lyFull : null;
  const remainingLastYear = lyYtd !== null && lyFull !== null ? lyFull - lyYtd : null;
  return {
    completionRate: (ytd / target) * 100,
    scheduleCalendar: (monthsElapsed / 12) * 100,
    scheduleSeasonal: share === null ? null : share * 100,
    projectionRunRate: (ytd * 12) / monthsElapsed,
    projectionSeasonal: share === null ? null : ytd / share,
    required: target - ytd,
    requiredGrowth: monthsElapsed < 12 && remainingLastYear !== null && remainingLastYear > 0 ? ((target - ytd) / remainingLastYear - 1) * 100 : null,
  };
}

/** Same arithmetic as `convert` in units.ts (exact factor, binary noise rounded away), with the factor looked up once. */
const scaleBy = (f: number) => (v: number) => (f === 1 ? v : Number((v * f).toPrecision(15)));

function levelSource(link: LinkInput): SeriesData {
  const s = link.series;
  if (s.measure === 'cumulative' || s.measure === 'monthly') return s;
  return link.levels ?? s;
}

export function levelVariance(target: Target, link: LinkInput, asOf: YearMonth, thresholds: StatusThresholds, figuresOnly = false): VarianceRow {
  const series = levelSource(link);
  const goal = target.comparator === 'range' ? (target.valueLow ?? target.value) : (target.value ?? target.valueLow ?? target.valueHigh);
  if (goal === null) return noDataRow(target, series, bi('目标无数值', 'the target has no number'));
  if (!(goal > 0)) return noDataRow(target, series, bi('目标值须为正数，无法计算完成率', 'the target must be positive to compute completion'));
  if (target.unit === null) {
    return noDataRow(target, series, bi(`目标未注明单位，不与序列（${series.unit}）比较`, `the target has no unit: not compared with the series (${series.unit})`));
  }
  const factor = target.unit === series.unit ? 1 : conversionFactor(series.unit, target.unit);
  if (factor === null) {
    return noDataRow(
      target,
      series,
      bi(`单位不可比：目标为${target.unit}，序列为${series.unit}，不作比较`, `units cannot be compared: target in ${target.unit}, series in ${series.unit}; not compared`),
    );
  }
  const read = readLevels(series, asOf.year, asOf.month);
  if (!read.ok) return noDataRow(target, series, read.reason);
  const lv = read.value;
  const toTarget = scaleBy(factor);
  const ytd = toTarget(lv.ytd);
  const lyYtd = lv.lyYtd === null ? null : toTarget(lv.lyYtd);
  const lyFull = lv.lyFull === null ? null : toTarget(lv.lyFull);
  const fig = scheduleFigures(goal, ytd, lv.monthsElapsed, lyYtd, lyFull);

  const seasonal = fig.scheduleSeasonal !== null;
  const schedule = fig.scheduleSeasonal ?? fig.scheduleCalendar;
  const scheduleName = seasonal ? bi('季节性序时进度', 'seasonal schedule') : bi('时间序时进度', 'calendar schedule');
  // A lower-better level (energy consumption 控制在…以内) is a cap the year to date must stay under; a band
  // level still climbs towards its figure through the year.
  const direction = zoneDirection(target.comparator, directionOf(target)) === 'down' ? 'down' : 'up';
  const completion = clean(fig.completionRate);
  const judgement = judgeSchedule(
    { completion, schedule: clean(schedule), scheduleName, direction, strict: target.comparator === 'exceed', final: lv.monthsElapsed === 12 },
    bandsFor(target.qualifier, thresholds),
  );
  const notes = [...lv.notes];
  if (!seasonal) notes.push(bi('缺上年同期或全年数据，按时间进度比较', "last year's figures missing: compared with the calendar schedule"));

  const row = blankRow(target, series);
  row.asOf = lv.period;
  row.actual = clean(ytd);
  row.actualUnit = target.unit;
  row.target = goal;
  row.gap = clean(completion - schedule);
  row.gapUnit = '个百分点';
  row.completionRate = completion;
  row.scheduleCalendar = clean(fig.scheduleCalendar);
  row.scheduleSeasonal = cleanOrNull(fig.scheduleSeasonal);
  row.projectionRunRate = clean(fig.projectionRunRate);
  row.projectionSeasonal = cleanOrNull(fig.projectionSeasonal);
  row.required = clean(fig.required);
  row.requiredGrowth = cleanOrNull(fig.requiredGrowth);
  row.status = judgement.status;
  row.method = series.measure === 'cumulative' ? 'level_cumulative' : 'level_period_sum';
  row.scheduleBasis = seasonal ? 'seasonal' : 'calendar';
  row.provenance = lv.provenance;
  row.notes = noteStrings(notes);

  // Last month's reading keeps only the figures and the status (sincePrevious.ts): its sentence is never shown.
  if (figuresOnly) return row;
  const u = target.unit;
  const goalText = describeTarget(target, u, null);
  const seasonalText = seasonal ? bi(`，季节性${fmtRate(schedule)}%`, `, seasonal ${fmtRate(schedule)}%`) : bi('', '');
  const reasoning = bi(
    `${cumulativeLabelZh(lv.period)}累计${fmtAmount(ytd)}${u}，目标${goalText.zh}，完成率${fmtRate(completion)}%；序时进度：时间${fmtRate(fig.scheduleCalendar)}%${seasonalText.zh}；${judgement.verdict.zh}`,
    `${cumulativeLabelEn(lv.period)} ${fmtAmount(ytd)} ${u}, target ${goalText.en}, completion ${fmtRate(completion)}%; schedule: calendar ${fmtRate(fig.scheduleCalendar)}%${seasonalText.en}; ${judgement.verdict.en}`,
  );
  row.rule = ruleSentence(reasoning, judgement.status, notes);
  return row;
}
