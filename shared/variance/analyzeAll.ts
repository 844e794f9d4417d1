// The whole analysis in one pass: resolve each target's link (a series, or a formula over series) and
// analyse it as of one month, by default the newest month any linked series has data for.

import type { PeriodKey } from '../domain/series';
import type { Target } from '../domain/target';
import { type AnalyzeOptions, analyzeTarget } from './analyzeTarget';
import { evaluateFormulaText } from './formula';
import { monthIndex, monthKeyOf, periodEnd } from './period';
import { noDataRow } from './row';
import { monthBefore, previousReading, sincePreviousText } from './sincePrevious';
import type { LinkInput, SeriesData } from './seriesData';
import type { VarianceRow } from './types';
import { bi } from './wording';

/** A link as stored: one series, or a formula (see formula.ts); optionally a level series beside a growth series. */
export interface TargetLink {
  seriesId: number | null;
  formula?: string | null;
  levelSeriesId?: number | null;
}

export interface AnalyzeAllOptions extends AnalyzeOptions {
  /** The plan's year: the default as-of month is not taken from later years. */
  planYear?: number;
  /** Also analyse the month before, for `previous` and `sincePrevious` (default true). */
  monthOnMonth?: boolean;
}

/** The newest period key of a series at or before month index `notAfter`. */
function newestKey(series: SeriesData, notAfter: number): { key: PeriodKey; index: number } | null {
  const atOrBefore = (key: PeriodKey | null | undefined) => {
    const end = key ? periodEnd(key) : null;
    return end && monthIndex(end) <= notAfter ? { key: key!, index: monthIndex(end) } : null;
  };
  const known = atOrBefore(series.lastPeriod);
  if (known) return known;
  // Keys of one frequency sort as strings: one pass of string compares, one parse.
  let max: PeriodKey | null = null;
  for (const key of series.points.keys()) if (max === null || key > max) max = key;
  const newest = atOrBefore(max);
  if (newest || max === null) return newest;
  // The newest is after the cap (data of a later year): parse each key.
  let best: { key: PeriodKey; index: number } | null = null;
  for (const key of series.points.keys()) {
    const k = atOrBefore(key);
    if (k && (best === null || k.index > best.index)) best = k;
  }
  return best;
}

/** The newest month (`2025-10`; a quarter counts as its last month) with data in any of the series. */
export function latestPeriodWithData(series: Iterable<SeriesData>, opts: { year?: number } = {}): PeriodKey | null {
  const cap = opts.year === undefined ? Infinity : monthIndex({ year: opts.year, month: 12 });
  let best = -1;
  for (const s of series) {
    const k = newestKey(s, cap);
    if (k && k.index > best) best = k.index;
  }
  return best < 0 ? null : monthKeyOf({ year: Math.floor(best / 12), month: (best % 12) + 1 });
}

type Resolved = { ok: true; link: LinkInput } | { ok: false; reason: ReturnType<typeof bi> };

function resolveLink(link: TargetLink, seriesById: ReadonlyMap<number, SeriesData>, formulas: Map<string, Resolved>): Resolved {
  const levels = link.levelSeriesId != null ? (seriesById.get(link.levelSeriesId) ?? null) : null;
  if (link.formula) {
    let r = formulas.get(link.formula);
    if (!r) {
      const evaluated = evaluateFormulaText(link.formula, seriesById);
      r = evaluated.ok ? { ok: true, link: { series: evaluated.series } } : { ok: false, reason: evaluated.reason };
      formulas.set(link.formula, r);
    }
    return r.ok ? { ok: true, link: { series: r.link.series, levels } } : r;
  }
  if (link.seriesId == null) return { ok: false, reason: bi('未关联统计序列', 'no series linked') };
  const series = seriesById.get(link.seriesId);
  if (!series) return { ok: false, reason: bi(`关联的序列#${link.seriesId}不存在`, `linked series #${link.seriesId} does not exist`) };
  return { ok: true, link: { series, levels } };
}

/**
 * Analyse every target. `asOf` defaults to the newest month with data among the linked series
 * (not after `opts.planYear` when given). Targets without a link get a no_data row that says so.
 */
export function analyzeAll(
  targets: readonly Target[],
  linksByTargetId: ReadonlyMap<number, TargetLink>,
  seriesById: ReadonlyMap<number, SeriesData>,
  asOf?: PeriodKey | null,
  opts: AnalyzeAllOptions = {},
): VarianceRow[] {
  const formulas = new Map<string, Resolved>();
  const resolved = new Map<number, Resolved>();
  for (const t of targets) {
    const link = linksByTargetId.get(t.id);
    if (link) resolved.set(t.id, resolveLink(link, seriesById, formulas));
  }
  let month = asOf ?? null;
  if (!month) {
    const linked = new Set<SeriesData>();
    for (const r of resolved.values()) if (r.ok) linked.add(r.link.series);
    month = latestPeriodWithData(linked, { year: opts.planYear });
  }
  const before = month && opts.monthOnMonth !== false ? monthBefore(month, opts.planYear) : null;
  const rows: VarianceRow[] = [];
  const previousOpts: AnalyzeOptions = { ...opts, figuresOnly: true };
  for (const t of targets) {
    const r = resolved.get(t.id);
    let row: VarianceRow;
    if (r && !r.ok) row = noDataRow(t, null, r.reason);
    else if (!month && r) row = noDataRow(t, r.link.series, bi('关联序列均无数据', 'none of the linked series has data'));
    else row = analyzeTarget(t, r ? r.link : null, month ?? '', opts);
    // Month-on-month: the same target, the same link, as of the month before.
    const previous = before && r?.ok ? previousReading(analyzeTarget(t, r.link, before, previousOpts), before) : null;
    row.previous = previous;
    row.sincePrevious = sincePreviousText(row, previous);
    rows.push(row);
  }
  return rows;
}
