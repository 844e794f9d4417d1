// The store as the import planner sees it (shared/import/importChanges.ts): a series by its identity, the series of
// one indicator name, and the current value of each period. Statements are prepared once and results kept, so a
// preview of a file of hundreds of series costs one small query per series.
import type { PeriodKey } from '../../shared/domain/series';
import type { StoreLookup, StoredSeries } from '../../shared/import/importChanges';
import { identityKey, type SeriesIdentity } from '../../shared/import/seriesIdentity';
import type { Store } from './openStore';

export function seriesLookup(db: Store): StoreLookup {
  const find = db.prepare('SELECT id, name, label, unit, measure, frequency, region FROM series WHERE name = ? AND unit = ? AND measure = ? AND frequency = ? AND region = ?');
  const byName = db.prepare('SELECT id, name, label, unit, measure, frequency, region FROM series WHERE name = ? ORDER BY id');
  // The current vintage is the row of the newest batch; rows come oldest batch first, so the last one wins.
  const current = db.prepare('SELECT period, value FROM observations WHERE series_id = ? ORDER BY period, batch_id').raw();
  const found = new Map<string, StoredSeries | undefined>();
  const named = new Map<string, StoredSeries[]>();
  const values = new Map<number, Map<PeriodKey, number>>();
  return {
    find(identity: SeriesIdentity) {
      const key = identityKey(identity);
      if (!found.has(key)) found.set(key, find.get(identity.name, identity.unit, identity.measure, identity.frequency, identity.region) as StoredSeries | undefined);
      return found.get(key);
    },
    byName(name: string) {
      let list = named.get(name);
      if (!list) named.set(name, (list = byName.all(name) as StoredSeries[]));
      return list;
    },
    current(seriesId: number) {
      let map = values.get(seriesId);
      if (!map) {
        map = new Map();
        for (const [period, value] of current.iterate(seriesId) as IterableIterator<[string, number]>) map.set(period, value);
        values.set(seriesId, map);
      }
      return map;
    },
  };
}
