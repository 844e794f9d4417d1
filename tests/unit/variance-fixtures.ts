// Builders for the variance tests: targets and series written as compactly as the cases need.

import type { Frequency, Measure, PeriodKey } from '../../shared/domain/series';
import type { Target } from '../../shared/domain/target';
import type { SeriesData, SeriesPoint } from '../../shared/variance/seriesData';

let nextTargetId = 1;

export function makeTarget(over: Partial<Target> & Pick<Target, 'indicator' | 'kind'>): Target {
  return {
    id: nextTargetId++,
    planId: 1,
    position: 0,
    section: '一、',
    value: null,
    valueLow: null,
    valueHigh: null,
    unit: null,
    comparator: null,
    qualifier: null,
    basis: null,
    quote: over.indicator,
    quoteStart: 0,
    quoteEnd: 0,
    notes: '',
    tolerance: null,
    ...over,
    taskStatus: over.taskStatus ?? 'open',
  };
}

export function makeSeries(
  id: number,
  label: string,
  unit: string,
  measure: Measure,
  frequency: Frequency,
  values: Record<PeriodKey, number>,
  batchId = 7,
): SeriesData {
  const points = new Map<PeriodKey, SeriesPoint>();
  let row = 2;
  for (const [period, value] of Object.entries(values)) {
    points.set(period, { value, batchId, file: 'stats.xlsx', sheet: 'Sheet1', cell: `B${row++}` });
  }
  return { id, name: label.replace(/\(.*\)$/, ''), label, unit, measure, frequency, points };
}

/** Twelve monthly keys of a year with one value each, e.g. months(2024, [..12 values]). */
export function months(year: number, values: number[]): Record<PeriodKey, number> {
  const out: Record<PeriodKey, number> = {};
  values.forEach((v, i) => {
    out[`${year}-${String(i + 1).padStart(2, '0')}`] = v;
  });
  return out;
}
