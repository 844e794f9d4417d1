// A quarterly table of year-to-date figures (一季度, 上半年, 前三季度, 全年) ends with a 全年 column that
// reads as a yearly period. For a year-to-date measure the full year is the fourth quarter's year to date,
// so it belongs in the same series as `2025-Q4`; kept apart, the year's end could not be compared with
// last year's same quarters (required growth, seasonal schedule).
import type { PeriodKey } from '../domain/series';
import type { ParsedSeries } from './mapping';

const YEAR_TO_DATE = new Set(['cumulative', 'yoy_cumulative', 'index']);

/** What folding reads of a series (generic so that the equality tests' copies of older code may fold their own). */
type Foldable = Pick<ParsedSeries, 'label' | 'name' | 'unit' | 'measure' | 'region' | 'frequency'> & { observations: { period: PeriodKey }[] };

const keyOf = (s: Foldable) => [s.label, s.name, s.unit, s.measure, s.region ?? ''].join('\u0001');

export function foldYearIntoQuarters<S extends Foldable = ParsedSeries>(series: S[]): { series: S[]; folded: number } {
  const quarterly = new Map<string, S>();
  for (const s of series) if (s.frequency === 'quarterly' && YEAR_TO_DATE.has(s.measure)) quarterly.set(keyOf(s), s);
  if (quarterly.size === 0) return { series, folded: 0 };
  let folded = 0;
  const out: S[] = [];
  for (const s of series) {
    const target = s.frequency === 'yearly' ? quarterly.get(keyOf(s)) : undefined;
    if (!target) {
      out.push(s);
      continue;
    }
    const taken = new Set(target.observations.map((o) => o.period));
    const rest = s.observations.filter((o) => {
      const q4 = `${o.period}-Q4`;
      if (!/^\d{4}$/.test(o.period) || taken.has(q4)) return true;
      target.observations.push({ ...o, period: q4 });
      folded++;
      return false;
    });
    if (rest.length > 0) out.push({ ...s, observations: rest });
  }
  return { series: out, folded };
}
