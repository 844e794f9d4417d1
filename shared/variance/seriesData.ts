// The analysis input for one series: its identity and the current vintage of each observation, keyed by
// period, so that every read is a map lookup and every figure can name the cell it came from.

import { seriesDescription, type Frequency, type Measure, type Observation, type PeriodKey, type Series } from '../domain/series';
import type { ProvenanceRef } from './types';

export interface SeriesPoint {
  value: number;
  batchId: number;
  file: string;
  sheet: string;
  cell: string;
  /** For derived points (formulas): the observations they were computed from. */
  sources?: readonly ProvenanceRef[];
}

export interface SeriesData {
  id: number;
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  /** Current vintage only. */
  points: ReadonlyMap<PeriodKey, SeriesPoint>;
  /** The newest period with a point, if the caller knows it (saves a scan in `latestPeriodWithData`). */
  lastPeriod?: PeriodKey | null;
}

/** How a target is measured: one series, or a formula (see formula.ts), and optionally a level series
 * beside a growth series, whose levels give the required growth for the rest of the year. */
export interface LinkInput {
  series: SeriesData;
  levels?: SeriesData | null;
}

export function provenanceOf(seriesId: number, period: PeriodKey, point: SeriesPoint): ProvenanceRef[] {
  if (point.sources) return [...point.sources];
  return [{ seriesId, period, value: point.value, batchId: point.batchId, file: point.file, sheet: point.sheet, cell: point.cell }];
}

/**
 * Build the analysis input from a stored series and its observations. Keeps, per period, the observation
 * marked current; when the flag is absent on all of a period's rows, the newest vintage.
 */
export function toSeriesData(series: Series, observations: Iterable<Observation>): SeriesData {
  const chosen = new Map<PeriodKey, Observation>();
  for (const o of observations) {
    if (o.seriesId !== series.id) continue;
    const prev = chosen.get(o.period);
    if (!prev || (o.current && !prev.current) || (o.current === prev.current && o.vintage > prev.vintage)) chosen.set(o.period, o);
  }
  const points = new Map<PeriodKey, SeriesPoint>();
  for (const [period, o] of chosen) {
    points.set(period, { value: o.value, batchId: o.batchId, file: o.source.file, sheet: o.source.sheet, cell: o.source.cell });
  }
  return {
    id: series.id,
    ...seriesDescription(series),
    points,
    lastPeriod: series.lastPeriod,
  };
}
