// Who a series is: its indicator name (normalised by the parser), unit, measure, frequency and region. The label as
// printed is not part of it (two files print one indicator differently), and neither is the file it came from.
import type { SeriesKey } from '../domain/series';

export type SeriesIdentity = Pick<SeriesKey, 'name' | 'unit' | 'measure' | 'frequency'> & { region: string };

/** The region a file's series belongs to: the one the file names, else the store's home region, else none (''). */
export function resolveRegion(region: string | null, home: string | null): string {
  const named = region?.trim() ?? '';
  return named !== '' ? named : (home ?? '');
}

export function seriesIdentity(s: Pick<SeriesKey, 'name' | 'unit' | 'measure' | 'frequency' | 'region'>, home: string | null): SeriesIdentity {
  return { name: s.name, unit: s.unit, measure: s.measure, frequency: s.frequency, region: resolveRegion(s.region, home) };
}

export function identityKey(s: SeriesIdentity): string {
  return JSON.stringify([s.name, s.unit, s.measure, s.frequency, s.region]);
}
