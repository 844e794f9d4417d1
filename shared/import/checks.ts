// Checks an analyst makes on a new statistics file before trusting it, as warnings that never block an import:
// a cumulative value that falls within a year, a published growth rate that disagrees with the one computed from
// the levels, a 合计 row that is not the sum of its 其中 rows, and a jump far outside the series' usual change.
// Pure: series in (the store's current values overlaid with the file's), warnings out.
import type { Measure, PeriodKey } from '../domain/series';
import { formatPeriodZh } from '../format/chinese';
import type { SeriesIdentity } from './seriesIdentity';
import { cellOf, type CellAt } from './mapping';

const cellOrNull = (at: CellAt | undefined): string | null => (at === undefined ? null : cellOf(at));

export type ImportCheckCode = 'cumulative_falls' | 'growth_mismatch' | 'total_mismatch' | 'jump' | 'second_series';

export interface ImportCheck {
  code: ImportCheckCode;
  name: string;
  region: string | null;
  measure: Measure;
  period: PeriodKey | null;
  sheet: string | null;
  cell: string | null;
  /** Bilingual (`中文 / English`). */
  message: string;
}

export interface CheckSeries {
  identity: SeriesIdentity;
  label: string;
  /** The sheet it was read from; null for a stored series the file does not hold (a companion). */
  sheet: string | null;
  /** Its place among the sheet's series (row order in a grid layout). */
  order: number;
  /** How far its label cell was indented by leading spaces (0 or absent: not indented, or not known). */
  indent?: number;
  /** Current values once the file is imported: the store's, overlaid with the file's. */
  values: ReadonlyMap<PeriodKey, number>;
  /** The periods the file gives, with the cell each was read from (cellOf names it). */
  fromFile: ReadonlyMap<PeriodKey, CellAt>;
}

/** The published growth rate that a level measure is checked against. */
const GROWTH_OF: Partial<Record<Measure, Measure>> = { cumulative: 'yoy_cumulative', monthly: 'yoy', stock: 'yoy', level: 'yoy' };
const ADDITIVE: ReadonlySet<Measure> = new Set<Measure>(['monthly', 'cumulative', 'stock', 'level']);
const CUMULATIVE: ReadonlySet<Measure> = new Set<Measure>(['cumulative', 'yoy_cumulative']);

/** Growth computed from levels and the published one may differ by this much (percentage points). */
export const GROWTH_TOLERANCE_PP = 0.2;
/** A change is a jump when it lies this many robust standard deviations from the series' usual change. */
export const JUMP_SIGMAS = 6;
/** Changes a series needs before its usual change is judged. */
export const JUMP_MIN_HISTORY = 12;
const MAX_PER_SERIES = 3;

function where(s: CheckSeries): string {
  return s.identity.region ? `${s.identity.name}（${s.identity.region}）` : s.identity.name;
}

function periodZh(s: CheckSeries, period: PeriodKey): string {
  return formatPeriodZh(period, CUMULATIVE.has(s.identity.measure));
}

function fmt(v: number, decimals = 2): string {
  return String(Number(v.toFixed(decimals)));
}

function check(s: CheckSeries, code: ImportCheckCode, period: PeriodKey | null, message: string): ImportCheck {
  return {
    code,
    name: s.identity.name,
    region: s.identity.region || null,
    measure: s.identity.measure,
    period,
    sheet: s.sheet,
    cell: period !== null ? cellOrNull(s.fromFile.get(period)) : null,
    message,
  };
}

// The checks step back from every value of every series (a million times in a large import) over a few hundred
// distinct periods: each answer is kept, bounded in case a file brings very many.
const previousOf = new Map<PeriodKey, PeriodKey | null>();
const MAX_REMEMBERED_PERIODS = 10_000;

/** `2025-10` → `2025-09`, `2025-Q1` → `2024-Q4`, `2025` → `2024`. */
export function previousPeriod(p: PeriodKey): PeriodKey | null {
  let q = previousOf.get(p);
  if (q === undefined) {
    if (previousOf.size >= MAX_REMEMBERED_PERIODS) previousOf.clear();
    previousOf.set(p, (q = stepBack(p)));
  }
  return q;
}

function stepBack(p: PeriodKey): PeriodKey | null {
  const y = Number(p.slice(0, 4));
  if (p.length === 4) return String(y - 1);
  if (p[5] === 'Q') {
    const q = Number(p[6]);
    return q > 1 ? `${y}-Q${q - 1}` : `${y - 1}-Q4`;
  }
  const m = Number(p.slice(5));
  if (!Number.isInteger(m)) return null;
  return m > 1 ? `${y}-${String(m - 1).padStart(2, '0')}` : `${y - 1}-12`;
}

/** The same period a year earlier: `2025-10` → `2024-10`. */
export function samePeriodLastYear(p: PeriodKey): PeriodKey {
  return `${Number(p.slice(0, 4)) - 1}${p.slice(4)}`;
}

function sameYear(a: PeriodKey, b: PeriodKey): boolean {
  return a.slice(0, 4) === b.slice(0, 4);
}

function sortedPeriods(values: ReadonlyMap<PeriodKey, number>): PeriodKey[] {
  return [...values.keys()].sort();
}

/** A year-to-date value below an earlier one of the same year: months do not take back what they added. */
export function cumulativeFalls(s: CheckSeries): ImportCheck[] {
  if (s.identity.measure !== 'cumulative' || s.identity.frequency === 'yearly') return [];
  const out: ImportCheck[] = [];
  const periods = sortedPeriods(s.values);
  for (let i = 1; i < periods.length; i++) {
    const p = periods[i];
    const q = periods[i - 1];
    if (!sameYear(p, q) || (!s.fromFile.has(p) && !s.fromFile.has(q))) continue;
    const now = s.values.get(p)!;
    const before = s.values.get(q)!;
    if (now < before - 1e-9 * Math.max(1, Math.abs(before))) {
      out.push(
        check(
          s,
          'cumulative_falls',
          s.fromFile.has(p) ? p : q,
          `${where(s)}：累计值${periodZh(s, p)}为 ${fmt(now)}，低于${periodZh(s, q)}的 ${fmt(before)}，累计值在年内不应下降 / ` +
            `${s.identity.name}: the cumulative value for ${p} (${fmt(now)}) is below ${q}'s (${fmt(before)}); a year-to-date value should not fall within a year`,
        ),
      );
    }
  }
  return out;
}

/** The published growth against the growth computed from this year's and last year's levels of the same periods. */
export function growthMismatches(level: CheckSeries, growth: CheckSeries): ImportCheck[] {
  const out: ImportCheck[] = [];
  for (const [p, published] of growth.values) {
    const ago = samePeriodLastYear(p);
    if (!growth.fromFile.has(p) && !level.fromFile.has(p) && !level.fromFile.has(ago)) continue;
    const now = level.values.get(p);
    const before = level.values.get(ago);
    if (now === undefined || before === undefined || before <= 0) continue;
    const computed = (now / before - 1) * 100;
    const gap = computed - published;
    if (Math.abs(gap) > GROWTH_TOLERANCE_PP + 1e-9) {
      const reported = growth.fromFile.has(p) ? growth : level;
      out.push(
        check(
          reported,
          'growth_mismatch',
          p,
          `${where(growth)}${periodZh(growth, p)}：公布的增速 ${fmt(published, 1)}% 与由绝对值（${fmt(now)} 比上年同期 ${fmt(before)}）计算的 ${fmt(computed, 1)}% 相差 ${fmt(Math.abs(gap), 1)} 个百分点 / ` +
            `${growth.identity.name} ${p}: the published growth ${fmt(published, 1)}% differs from ${fmt(computed, 1)}% computed from the levels (${fmt(now)} against ${fmt(before)} a year earlier) by ${fmt(Math.abs(gap), 1)} points`,
        ),
      );
    }
  }
  return out;
}

function decimalsOf(v: number): number {
  const t = String(v);
  const i = t.indexOf('.');
  return i < 0 || t.includes('e') ? 0 : t.length - i - 1;
}

const PART = /^[\s\u3000]*(其中|内)[:：]?/;
const TOTAL = /合计|总计/;

/**
 * A 合计 (total) row against the 其中 (of which) rows under it. A row that says 合计 or 总计 must equal the sum of
 * its parts up to rounding; any other total cannot be smaller than its parts (其中 need not list every part).
 * Rows are read in the sheet's order: the first part is a row labelled 其中…; the rows after it are parts while they
 * are labelled 其中… or indented as far as that first part (and further than the total). A row indented further than
 * the first part is a part of a part (原煤 under 其中：煤炭): it is passed over, not added, so a total is never summed
 * with its parts' own parts. Any other row ends the group. The indent is the label cell's leading spaces as
 * written (ParsedSeries.indent); a file that indents nothing is read by the 其中 labels alone.
 */
export function totalMismatches(sheetSeries: CheckSeries[]): ImportCheck[] {
  const out: ImportCheck[] = [];
  const rows = [...sheetSeries].sort((a, b) => a.order - b.order);
  for (let i = 0; i < rows.length; i++) {
    const total = rows[i];
    if (PART.test(total.label) || !ADDITIVE.has(total.identity.measure)) continue;
    const parts: CheckSeries[] = [];
    const totalIndent = total.indent ?? 0;
    let partIndent: number | null = null;
    for (let j = i + 1; j < rows.length; j++) {
      const r = rows[j];
      const indent = r.indent ?? 0;
      if (partIndent === null) {
        if (!PART.test(r.label)) break;
        partIndent = indent;
      } else if (indent > partIndent) {
        continue;
      } else if (!PART.test(r.label) && !(indent === partIndent && indent > totalIndent)) {
        break;
      } else if (indent < partIndent) {
        break;
      }
      const k = r.identity;
      const t = total.identity;
      if (k.unit === t.unit && k.measure === t.measure && k.frequency === t.frequency && k.region === t.region) parts.push(r);
    }
    if (parts.length === 0) continue;
    const exhaustive = TOTAL.test(total.label);
    for (const p of total.fromFile.keys()) {
      const whole = total.values.get(p);
      const values = parts.map((x) => x.values.get(p));
      if (whole === undefined || values.some((v) => v === undefined)) continue;
      const sum = (values as number[]).reduce((a, b) => a + b, 0);
      const decimals = (values as number[]).reduce((d, v) => Math.max(d, decimalsOf(v)), decimalsOf(whole));
      const tolerance = 0.5 * 10 ** -decimals * (parts.length + 1) + 1e-9;
      const wrong = exhaustive ? Math.abs(sum - whole) > tolerance : sum > whole + tolerance && (values as number[]).every((v) => v >= 0);
      if (!wrong) continue;
      const names = parts.map((x) => x.identity.name).join('、');
      out.push(
        check(
          total,
          'total_mismatch',
          p,
          exhaustive
            ? `${where(total)}${periodZh(total, p)}：合计 ${fmt(whole)} 与其中各项（${names}）之和 ${fmt(sum)} 不符 / ${total.identity.name} ${p}: the total ${fmt(whole)} is not the sum of its parts (${fmt(sum)})`
            : `${where(total)}${periodZh(total, p)}：其中各项（${names}）之和 ${fmt(sum)} 超过总数 ${fmt(whole)} / ${total.identity.name} ${p}: its parts add up to ${fmt(sum)}, more than the total ${fmt(whole)}`,
        ),
      );
    }
  }
  return out;
}

function median(xs: number[]): number {
  // A typed array sorts numbers without a comparator call per comparison (jumps takes two medians per series).
  const s = Float64Array.from(xs).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * The value of each period on its own: the value itself, or for a year-to-date series the difference from the
 * period before in the same year (none for the year's first period, where the months covered differ: 1-2月).
 */
function periodValues(s: CheckSeries): Map<PeriodKey, number> {
  const out = new Map<PeriodKey, number>();
  const cumulative = s.identity.measure === 'cumulative';
  for (const [p, v] of s.values) {
    if (!cumulative) {
      out.set(p, v);
      continue;
    }
    const q = previousPeriod(p);
    const before = q !== null && sameYear(p, q) ? s.values.get(q) : undefined;
    if (before !== undefined) out.set(p, v - before);
  }
  return out;
}

/**
 * A change from the previous period far outside the series' usual changes: more than JUMP_SIGMAS robust standard
 * deviations (1.4826 × the median absolute deviation) from the median change. Only the file's periods are judged,
 * the largest few per series.
 */
export function jumps(s: CheckSeries): ImportCheck[] {
  if (s.identity.frequency === 'yearly') return [];
  const x = periodValues(s);
  const changes = new Map<PeriodKey, number>();
  for (const [p, v] of x) {
    const q = previousPeriod(p);
    const before = q !== null ? x.get(q) : undefined;
    if (before !== undefined) changes.set(p, v - before);
  }
  // Median and MAD over all changes, the judged one included: robust statistics barely move for one point.
  if (changes.size < JUMP_MIN_HISTORY + 1) return [];
  const all = [...changes.values()];
  const centre = median(all);
  // Quantised data (many equal changes) has a MAD of about zero: the mean absolute deviation stands in then.
  const deviations = all.map((v) => Math.abs(v - centre));
  const spread = Math.max(1.4826 * median(deviations), 1.2533 * (deviations.reduce((a, b) => a + b, 0) / deviations.length));
  let scale = 0;
  for (const v of x.values()) scale = Math.max(scale, Math.abs(v));
  if (!(spread > 1e-9 * Math.max(1, scale))) return [];
  const found: { p: PeriodKey; d: number; score: number }[] = [];
  for (const [p, d] of changes) {
    if (!s.fromFile.has(p)) continue;
    const score = Math.abs(d - centre) / spread;
    if (score > JUMP_SIGMAS) found.push({ p, d, score });
  }
  return found
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_PER_SERIES)
    .map(({ p, d }) => {
      const low = centre - 3 * spread;
      const high = centre + 3 * spread;
      return check(
        s,
        'jump',
        p,
        `${where(s)}${periodZh(s, p)}：较上期变化 ${fmt(d)}，远超该序列通常的变化（约 ${fmt(low)} 至 ${fmt(high)}），请核对 / ` +
          `${s.identity.name} ${p}: a change of ${fmt(d)} on the previous period, far outside the series' usual change (about ${fmt(low)} to ${fmt(high)}); please check`,
      );
    });
}

function companionKey(i: SeriesIdentity, measure: Measure): string {
  return JSON.stringify([i.name, i.region, i.frequency, measure]);
}

/** The checks that read one series alone: a falling cumulative value, jumps. */
export function seriesChecks(s: CheckSeries): ImportCheck[] {
  const out = cumulativeFalls(s);
  for (const c of jumps(s)) out.push(c);
  return out;
}

/** Whether a series takes part in a check across series: a part (其中) row, or the row above one. */
export function isPartLabel(label: string): boolean {
  return PART.test(label);
}

/** The level measure a growth rate is checked against, and back: which measures pair with this one. */
export function pairedMeasures(measure: Measure): Measure[] {
  const out: Measure[] = [];
  const growth = GROWTH_OF[measure];
  if (growth) out.push(growth);
  for (const [level, g] of Object.entries(GROWTH_OF)) if (g === measure) out.push(level as Measure);
  return out;
}

/**
 * The checks across series: growth against levels (pairs of one indicator and region, one of them from the file),
 * 合计 against its 其中 rows (per sheet, in row order). `companions` are stored series the file does not hold.
 */
export function crossSeriesChecks(fileSeries: CheckSeries[], companions: CheckSeries[] = []): ImportCheck[] {
  // Appended one by one: a file of many series can give more warnings than a spread call takes arguments.
  const out: ImportCheck[] = [];
  const add = (found: ImportCheck[]) => {
    for (const c of found) out.push(c);
  };
  const byMeasure = new Map<string, CheckSeries>();
  for (const s of companions) byMeasure.set(companionKey(s.identity, s.identity.measure), s);
  for (const s of fileSeries) byMeasure.set(companionKey(s.identity, s.identity.measure), s);
  const paired = new Set<string>();
  for (const level of byMeasure.values()) {
    const g = GROWTH_OF[level.identity.measure];
    if (!g) continue;
    const growth = byMeasure.get(companionKey(level.identity, g));
    if (!growth || growth.identity.unit !== '%') continue;
    if (level.sheet === null && growth.sheet === null) continue;
    const key = `${companionKey(level.identity, level.identity.measure)}|${companionKey(growth.identity, g)}`;
    if (paired.has(key)) continue;
    paired.add(key);
    add(growthMismatches(level, growth).slice(0, MAX_PER_SERIES * 4));
  }

  const bySheet = new Map<string, CheckSeries[]>();
  for (const s of fileSeries) {
    if (s.sheet === null) continue;
    const list = bySheet.get(s.sheet) ?? [];
    list.push(s);
    bySheet.set(s.sheet, list);
  }
  for (const list of bySheet.values()) add(totalMismatches(list));
  return out;
}

/** Every check over the file's series (see seriesChecks and crossSeriesChecks). */
export function runImportChecks(fileSeries: CheckSeries[], companions: CheckSeries[] = []): ImportCheck[] {
  const out: ImportCheck[] = [];
  for (const s of fileSeries) for (const c of seriesChecks(s)) out.push(c);
  for (const c of crossSeriesChecks(fileSeries, companions)) out.push(c);
  return out;
}
