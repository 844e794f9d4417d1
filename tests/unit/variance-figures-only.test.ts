// The month before is analysed for its figures and status only (analyzeAll's month-on-month): the figures-only
// analysis must give exactly the row the full analysis gives, but for the rule's sentence, for every kind of
// target, comparator and series measure, in every month of a year.
import { describe, expect, it } from 'vitest';
import type { Measure, PeriodKey } from '../../shared/domain/series';
import type { Comparator, TargetKind } from '../../shared/domain/target';
import { analyzeTarget } from '../../shared/variance/analyzeTarget';
import { analyzeAll, type TargetLink } from '../../shared/variance/analyzeAll';
import { previousReading } from '../../shared/variance/sincePrevious';
import type { SeriesData } from '../../shared/variance/seriesData';
import { makeSeries, makeTarget } from './variance-fixtures';

/** Two years of monthly values of one measure, with a gap in the second year's May. */
function twoYears(id: number, measure: Measure, unit: string): SeriesData {
  const values: Record<PeriodKey, number> = {};
  for (const year of [2024, 2025]) {
    let cum = 0;
    for (let m = 1; m <= 12; m++) {
      if (year === 2025 && m === 5) continue;
      const month = 100 + ((id * 37 + m * 11 + year) % 23);
      cum += month;
      const key = `${year}-${String(m).padStart(2, '0')}`;
      values[key] = measure === 'cumulative' ? cum : measure === 'monthly' || measure === 'stock' ? month : measure === 'index' ? 100 + (m % 5) : 3 + ((id + m) % 7) / 2;
    }
  }
  return makeSeries(id, `序列${id}`, unit, measure, 'monthly', values);
}

const SHAPES: [Measure, string][] = [
  ['cumulative', '万吨'],
  ['monthly', '万吨'],
  ['yoy_cumulative', '%'],
  ['yoy', '%'],
  ['index', '上年同期=100'],
  ['stock', '万吨'],
];
const KINDS: [TargetKind, string, number][] = [
  ['level', '万吨', 1500],
  ['increment', '万吨', 1400],
  ['growth_rate', '%', 5],
  ['reduction', '%', 3],
  ['share', '%', 4],
  ['count', '万吨', 120],
];
const COMPARATORS: Comparator[] = ['at_least', 'about', 'at_most', 'reach', 'exceed', 'stable', 'range'];

describe('the month before, figures only', () => {
  const series = new Map<number, SeriesData>(SHAPES.map(([measure, unit], i) => [i + 1, twoYears(i + 1, measure, unit)]));
  const targets = KINDS.flatMap(([kind, unit, value]) =>
    COMPARATORS.map((comparator) =>
      makeTarget({ indicator: `${kind}-${comparator}`, kind, unit, value, comparator, ...(comparator === 'range' ? { valueLow: value * 0.9, valueHigh: value * 1.1 } : {}) }),
    ),
  );

  it('gives the full analysis row but for its sentence, for every target, series and month', () => {
    let compared = 0;
    const statuses = new Set<string>();
    for (const t of targets) {
      for (const s of series.values()) {
        for (let m = 1; m <= 12; m++) {
          const asOf = `2025-${String(m).padStart(2, '0')}`;
          const full = analyzeTarget(t, { series: s, levels: null }, asOf);
          const figures = analyzeTarget(t, { series: s, levels: null }, asOf, { figuresOnly: true });
          expect({ ...figures, rule: full.rule }).toEqual(full);
          expect(previousReading(figures, asOf)).toEqual(previousReading(full, asOf));
          statuses.add(full.status);
          compared++;
        }
      }
    }
    expect(compared).toBe(targets.length * series.size * 12);
    // The cases reach judgements, not only refusals.
    expect([...statuses].filter((x) => x !== 'no_data').length).toBeGreaterThanOrEqual(3);
  });

  it('leaves analyzeAll’s previous readings and month-on-month words as the full analysis gives them', () => {
    const links = new Map<number, TargetLink>(targets.map((t, i) => [t.id, { seriesId: (i % series.size) + 1 }]));
    const rows = analyzeAll(targets, links, series, '2025-10');
    for (const [i, row] of rows.entries()) {
      const t = targets[i];
      const full = analyzeTarget(t, { series: series.get((i % series.size) + 1)!, levels: null }, '2025-09');
      expect(row.previous).toEqual(previousReading(full, '2025-09'));
    }
    expect(rows.some((r) => r.sincePrevious !== null && r.status !== 'no_data')).toBe(true);
  });
});
