// Reading one series as of a month: its year-to-date growth, its year-to-date level with last year's
// matching figures, or its latest value. The series' measure decides how; each reading keeps the
// observations it used. Reads are map lookups over at most two years of steps.

import type { PeriodKey } from '../domain/series';
import { lastCompleteStep, periodKeyAt, stepsPerYear } from './period';
import { type SeriesData, provenanceOf } from './seriesData';
import type { ProvenanceRef } from './types';
import { type Bilingual, bi, fmtAmount } from './wording';

export type Reading<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

const fail = <T>(reason: Bilingual): Reading<T> => ({ ok: false, reason });
const ok = <T>(value: T): Reading<T> => ({ ok: true, value });

export type GrowthMethod = 'yoy_cumulative' | 'index' | 'derived_cumulative' | 'derived_period_sum' | 'yoy_period';

export interface GrowthReading {
  /** Year-to-date growth in % (5.8 = +5.8 %). */
  growth: number;
  period: PeriodKey;
  method: GrowthMethod;
  provenance: ProvenanceRef[];
  notes: Bilingual[];
}

export interface LevelReading {
  period: PeriodKey;
  /** Months from January to the end of `period`. */
  monthsElapsed: number;
  /** Year to date, in the series' unit. */
  ytd: number;
  /** Last year's same months, and last year's full year (null when not imported). */
  lyYtd: number | null;
  lyFull: number | null;
  provenance: ProvenanceRef[];
  notes: Bilingual[];
}

export interface LatestReading {
  value: number;
  period: PeriodKey;
  provenance: ProvenanceRef[];
  notes: Bilingual[];
}

/** The newest step of `year` that has ended by `month` and has a value; 0 when none. */
export function latestStepWithData(series: SeriesData, year: number, month: number): number {
  for (let s = lastCompleteStep(month, series.frequency); s >= 1; s--) {
    if (series.points.has(periodKeyAt(year, s, series.frequency))) return s;
  }
  return 0;
}

function noDataInYear(series: SeriesData, year: number, month: number): Bilingual {
  return bi(
    `序列“${series.label}”在${year}年1-${month}月无数据`,
    `series "${series.label}" has no data for ${year} up to month ${month}`,
  );
}

/** A note when the newest value is older than the as-of month allows (the bureau has not published yet). */
function staleNote(series: SeriesData, step: number, month: number, year: number): Bilingual[] {
  if (step >= lastCompleteStep(month, series.frequency)) return [];
  const want = periodKeyAt(year, lastCompleteStep(month, series.frequency), series.frequency);
  const got = periodKeyAt(year, step, series.frequency);
  return [bi(`${want}尚无数据，取${got}`, `no data for ${want} yet, used ${got}`)];
}

interface StepSum {
  total: number;
  present: number;
  missing: PeriodKey[];
  provenance: ProvenanceRef[];
}

/** Sum of period values (当期值) over steps 1..last of a year, noting the steps that are missing. */
function sumSteps(series: SeriesData, year: number, last: number, only?: (step: number) => boolean): StepSum {
  const out: StepSum = { total: 0, present: 0, missing: [], provenance: [] };
  for (let s = 1; s <= last; s++) {
    if (only && !only(s)) continue;
    const key = periodKeyAt(year, s, series.frequency);
    const p = series.points.get(key);
    if (!p) {
      out.missing.push(key);
      continue;
    }
    out.total += p.value;
    out.present++;
    out.provenance.push(...provenanceOf(series.id, key, p));
  }
  return out;
}

function missingNote(missing: PeriodKey[], what: Bilingual): Bilingual[] {
  if (missing.length === 0) return [];
  return [bi(`${what.zh}缺${missing.join('、')}，按已有月份合计`, `${what.en} missing ${missing.join(', ')}, summed the periods present`)];
}

/** Year-to-date growth in % as of `month` of `year`. */
export function readGrowth(series: SeriesData, year: number, month: number): Reading<GrowthReading> {
  const step = latestStepWithData(series, year, month);
  if (step === 0) return fail(noDataInYear(series, year, month));
  const period = periodKeyAt(year, step, series.frequency);
  const point = series.points.get(period)!;
  const notes = staleNote(series, step, month, year);

  switch (series.measure) {
    case 'yoy_cumulative':
      return ok({ growth: point.value, period, method: 'yoy_cumulative', provenance: provenanceOf(series.id, period, point), notes });
    case 'index': {
      if (series.unit === '上年同月=100') {
        notes.push(bi('指数为上年同月=100（当月），以当月涨幅代替累计', 'index is same month last year = 100 (monthly), used in place of cumulative growth'));
      }
      return ok({ growth: point.value - 100, period, method: 'index', provenance: provenanceOf(series.id, period, point), notes });
    }
    case 'yoy':
      notes.push(bi('仅有当月同比，以当月增速代替累计增速', 'only monthly YoY available: used in place of cumulative growth'));
      return ok({ growth: point.value, period, method: 'yoy_period', provenance: provenanceOf(series.id, period, point), notes });
    case 'cumulative': {
      const lyKey = periodKeyAt(year - 1, step, series.frequency);
      const ly = series.points.get(lyKey);
      if (!ly) {
        return fail(bi(`缺上年同期累计值（${lyKey}），无法计算增速`, `last year's cumulative value for ${lyKey} is missing: growth cannot be derived`));
      }
      if (ly.value === 0) return fail(bi(`上年同期累计值（${lyKey}）为0，无法计算增速`, `last year's value for ${lyKey} is 0: growth undefined`));
      return ok({
        growth: (point.value / ly.value - 1) * 100,
        period,
        method: 'derived_cumulative',
        provenance: [...provenanceOf(series.id, period, point), ...provenanceOf(series.id, lyKey, ly)],
        notes,
      });
    }
    case 'monthly': {
      // Compare only the months present in both years, so a gap in one year does not fake a fall.
      const inBoth = (s: number) =>
        series.points.has(periodKeyAt(year, s, series.frequency)) && series.points.has(periodKeyAt(year - 1, s, series.frequency));
      const cy = sumSteps(series, year, step, inBoth);
      const ly = sumSteps(series, year - 1, step, inBoth);
      if (cy.present === 0 || ly.total === 0) {
        return fail(bi(`缺上年同期当期值，无法计算增速`, `last year's period values for the same months are missing: growth cannot be derived`));
      }
      const skipped: PeriodKey[] = [];
      for (let s = 1; s <= step; s++) if (!inBoth(s)) skipped.push(periodKeyAt(year, s, series.frequency));
      if (skipped.length) {
        notes.push(bi(`${skipped.join('、')}两年不全，未计入增速`, `${skipped.join(', ')} not present in both years: left out of the growth`));
      }
      return ok({ growth: (cy.total / ly.total - 1) * 100, period, method: 'derived_period_sum', provenance: [...cy.provenance, ...ly.provenance], notes });
    }
    // issue 9: measures the importer now tells apart; the variance rules for them are not written yet, so say so.
    case 'stock':
    case 'mom':
    case 'level':
      return fail(bi(`序列“${series.label}”的口径暂不支持计算累计增速`, `series "${series.label}": cumulative growth is not derived for this measure yet`));
  }
}

/** Year-to-date level (cumulative value, or the sum of period values) with last year's matching figures. */
export function readLevels(series: SeriesData, year: number, month: number): Reading<LevelReading> {
  if (series.measure !== 'cumulative' && series.measure !== 'monthly') {
    return fail(bi(`序列“${series.label}”是增速或指数，不是总量，无法计算完成率`, `series "${series.label}" is a growth rate or index, not a level: completion cannot be computed`));
  }
  const step = latestStepWithData(series, year, month);
  if (step === 0) return fail(noDataInYear(series, year, month));
  const steps = stepsPerYear(series.frequency);
  const period = periodKeyAt(year, step, series.frequency);
  const monthsElapsed = (step * 12) / steps;
  const notes = staleNote(series, step, month, year);

  if (series.measure === 'cumulative') {
    // A cumulative January may be absent (1-2月 published together): February's value already covers it.
    const point = series.points.get(period)!;
    const provenance = provenanceOf(series.id, period, point);
    const lyYtdKey = periodKeyAt(year - 1, step, series.frequency);
    const lyFullKey = periodKeyAt(year - 1, steps, series.frequency);
    const lyYtd = series.points.get(lyYtdKey);
    const lyFull = series.points.get(lyFullKey);
    if (lyYtd) provenance.push(...provenanceOf(series.id, lyYtdKey, lyYtd));
    if (lyFull && lyFullKey !== lyYtdKey) provenance.push(...provenanceOf(series.id, lyFullKey, lyFull));
    return ok({ period, monthsElapsed, ytd: point.value, lyYtd: lyYtd?.value ?? null, lyFull: lyFull?.value ?? null, provenance, notes });
  }

  // Period values: the year to date is their sum; a missing month is flagged, never filled in.
  const cy = sumSteps(series, year, step);
  const lyYtd = sumSteps(series, year - 1, step);
  const lyFull = sumSteps(series, year - 1, steps);
  notes.push(...missingNote(cy.missing, bi('本年', 'this year')));
  if (lyFull.present > 0) notes.push(...missingNote(lyFull.missing, bi('上年', 'last year')));
  return ok({
    period,
    monthsElapsed,
    ytd: cy.total,
    lyYtd: lyYtd.present > 0 ? lyYtd.total : null,
    lyFull: lyFull.present > 0 ? lyFull.total : null,
    provenance: [...cy.provenance, ...lyFull.provenance],
    notes,
  });
}

/** How many years back a share or rate may reach for its latest value (annual figures come late). */
const LATEST_LOOKBACK_YEARS = 3;

/** The newest value at or before `month` of `year`; an earlier year's value is used and said so. */
export function readLatest(series: SeriesData, year: number, month: number): Reading<LatestReading> {
  const steps = stepsPerYear(series.frequency);
  for (let y = year; y > year - LATEST_LOOKBACK_YEARS; y--) {
    const first = y === year ? lastCompleteStep(month, series.frequency) : steps;
    for (let s = first; s >= 1; s--) {
      const key = periodKeyAt(y, s, series.frequency);
      const p = series.points.get(key);
      if (!p) continue;
      const notes: Bilingual[] = y < year ? [bi(`${year}年尚无数据，取${key}的值${fmtAmount(p.value)}`, `no ${year} data yet: used ${key} (${fmtAmount(p.value)})`)] : [];
      return ok({ value: p.value, period: key, provenance: provenanceOf(series.id, key, p), notes });
    }
  }
  return fail(noDataInYear(series, year, month));
}
