// A growth series (累计增长) says nothing of levels, yet the required growth for the rest of the year
// needs them. The bureau usually publishes the matching 累计值 beside it: same indicator, region and
// frequency. This finds it, so a link to the growth series can carry its levels.

import type { Series, SeriesKey } from '../domain/series';

/** What finding a companion reads of a series (a stored Series has it all). */
export type CompanionCandidate = Pick<Series, 'id' | 'name' | 'region' | 'frequency' | 'measure' | 'observationCount'>;

const companionKey = (s: Pick<SeriesKey, 'name' | 'region' | 'frequency'>) => `${s.name}\u0000${s.region ?? ''}\u0000${s.frequency}`;

/**
 * For each growth or index series, the id of the level series of the same indicator, region and
 * frequency (cumulative preferred over period values; ties to the one with more observations).
 */
export function levelCompanions(series: readonly CompanionCandidate[]): Map<number, number> {
  const levelsByKey = new Map<string, CompanionCandidate>();
  for (const s of series) {
    if (s.measure !== 'cumulative' && s.measure !== 'monthly') continue;
    const key = companionKey(s);
    const prev = levelsByKey.get(key);
    const better =
      !prev ||
      (s.measure === 'cumulative' && prev.measure !== 'cumulative') ||
      (s.measure === prev.measure && s.observationCount > prev.observationCount);
    if (better) levelsByKey.set(key, s);
  }
  const out = new Map<number, number>();
  for (const s of series) {
    if (s.measure === 'cumulative' || s.measure === 'monthly') continue;
    const level = levelsByKey.get(companionKey(s));
    if (level) out.set(s.id, level.id);
  }
  return out;
}
