// The store as the import planner sees it (shared/import/importChanges.ts): a series by its identity, the series of
// one indicator name, and the current value of each period. Given the planner's hints, series are read for a few
// hundred names a query and current values for a few hundred series a query (at 20,000 series: about 40 queries
// each instead of 20,000, which on PostgreSQL are 20,000 round trips), holding one group of values at a time.
import type { PeriodKey } from '../../shared/domain/series';
import type { StoreLookup, StoredSeries } from '../../shared/import/importChanges';
import { identityKey, type SeriesIdentity } from '../../shared/import/seriesIdentity';
import type { Store } from './openStore';
import type { StoreStatement } from './storeDb';
import { groupedValuesSql, strictlyIncreasing } from './seriesDataRepo';

/** Names or series a grouped query asks for: within SQLite's and PostgreSQL's parameter limits by far. */
export const LOOKUP_GROUP = 500;

const SERIES_COLUMNS = 'id, name, label, unit, measure, frequency, region';

/** `?, ?, …` statements by group size, prepared once each (the last group of a list is usually smaller). */
function groupedStatements(db: Store, sql: (placeholders: string) => string): (size: number) => StoreStatement {
  const prepared = new Map<number, StoreStatement>();
  return (size) => {
    let statement = prepared.get(size);
    if (!statement) prepared.set(size, (statement = db.prepare(sql(Array(size).fill('?').join(', ')))));
    return statement;
  };
}

export function seriesLookup(db: Store): StoreLookup {
  const find = db.prepare(`SELECT ${SERIES_COLUMNS} FROM series WHERE name = ? AND unit = ? AND measure = ? AND frequency = ? AND region = ?`);
  const byName = db.prepare(`SELECT ${SERIES_COLUMNS} FROM series WHERE name = ? ORDER BY id`);
  const byNames = groupedStatements(db, (list) => `SELECT ${SERIES_COLUMNS} FROM series WHERE name IN (${list}) ORDER BY id`);
  // The current vintage is the row of the newest batch; rows come oldest batch first, so the last one wins.
  const current = db.prepare('SELECT period, value FROM observations WHERE series_id = ? ORDER BY period, batch_id').raw();
  const currentOf = groupedStatements(db, (list) => `SELECT series_id, period, value FROM observations WHERE series_id IN (${list}) ORDER BY series_id, period, batch_id`);

  const found = new Map<string, StoredSeries | undefined>();
  /** Names whose every series is in `named` and `found` (an identity of such a name not in `found` is not stored). */
  const named = new Map<string, StoredSeries[]>();
  // Values of series outside the announced order (a stored companion the checks read) are kept; the announced
  // ones a group at a time.
  const values = new Map<number, Map<PeriodKey, number>>();
  let order: readonly number[] = [];
  let position = new Map<number, number>();
  let group = new Map<number, Map<PeriodKey, number>>();

  const readGroupRows = (ids: readonly number[]) => {
    const read = new Map<number, Map<PeriodKey, number>>(ids.map((id) => [id, new Map()]));
    const rows = currentOf(ids.length).raw().iterate(...ids) as IterableIterator<[number, string, number]>;
    for (const [seriesId, period, value] of rows) read.get(seriesId)!.set(period, value);
    return read;
  };
  // SQLite: one row per series, its periods and values as JSON arrays (seriesDataRepo.ts groupedValuesSql): at
  // 1,000,000 observations a row per observation crossing into JavaScript took 1.7 s of a re-import's planning. A
  // series whose periods come strictly increasing has one row per period, each current, and the map is built in
  // period order as the rows gave it; any other series (a revised period, or an order SQL does not promise) is read
  // again from its rows in (period, batch) order, as before.
  const groupedOf = groupedStatements(db, (list) => groupedValuesSql(db, `series_id IN (${list})`));
  const readGroupJson = (ids: readonly number[]) => {
    const read = new Map<number, Map<PeriodKey, number>>(ids.map((id) => [id, new Map()]));
    for (const [seriesId, periodsJson, valuesJson] of groupedOf(ids.length).raw().all(...ids) as [number, string, string][]) {
      const periods = JSON.parse(periodsJson) as string[];
      const map = read.get(seriesId)!;
      if (strictlyIncreasing(periods)) {
        const values = JSON.parse(valuesJson) as number[];
        for (let i = 0; i < periods.length; i++) map.set(periods[i], values[i]);
      } else {
        for (const [period, value] of current.iterate(seriesId) as IterableIterator<[string, number]>) map.set(period, value);
      }
    }
    return read;
  };
  const readGroup = db.engine === 'sqlite' ? readGroupJson : readGroupRows;

  // A store without series (its first import): no identity and no name is stored, so `find` and `byName` answer at
  // once, with no query and nothing kept (at 20,000 series the names' queries and maps took 0.1 s of the bench's
  // commit). The commit plans inside its write transaction, so the store stays as it was read here.
  const noSeries = db.prepare('SELECT id FROM series LIMIT 1').get() === undefined;
  if (noSeries) {
    return {
      preloadNames() {},
      find: () => undefined,
      byName: () => [],
      preloadCurrent,
      current: currentValues,
    };
  }

  function preloadCurrent(seriesIds: readonly number[]): void {
    order = [...new Set(seriesIds)];
    position = new Map(order.map((id, i) => [id, i]));
    group = new Map();
  }

  function currentValues(seriesId: number): ReadonlyMap<PeriodKey, number> {
    const kept = values.get(seriesId) ?? group.get(seriesId);
    if (kept) return kept;
    const at = position.get(seriesId);
    if (at !== undefined) {
      // This series and the next ones of the announced order, replacing the group read before.
      group = readGroup(order.slice(at, at + LOOKUP_GROUP));
      return group.get(seriesId)!;
    }
    const map = new Map<PeriodKey, number>();
    for (const [period, value] of current.iterate(seriesId) as IterableIterator<[string, number]>) map.set(period, value);
    values.set(seriesId, map);
    return map;
  }

  return {
    preloadNames(names) {
      const wanted = [...new Set(names)].filter((n) => !named.has(n));
      for (let i = 0; i < wanted.length; i += LOOKUP_GROUP) {
        const chunk = wanted.slice(i, i + LOOKUP_GROUP);
        for (const n of chunk) named.set(n, []);
        for (const s of byNames(chunk.length).all(...chunk) as StoredSeries[]) {
          named.get(s.name)!.push(s);
          found.set(identityKey(s), s);
        }
      }
    },
    find(identity: SeriesIdentity) {
      const key = identityKey(identity);
      if (!found.has(key) && !named.has(identity.name)) {
        found.set(key, find.get(identity.name, identity.unit, identity.measure, identity.frequency, identity.region) as StoredSeries | undefined);
      }
      return found.get(key);
    },
    byName(name: string) {
      let list = named.get(name);
      if (!list) {
        named.set(name, (list = byName.all(name) as StoredSeries[]));
        // Every series of the name is known now: `find` answers from them.
        for (const s of list) found.set(identityKey(s), s);
      }
      return list;
    },
    preloadCurrent,
    current: currentValues,
  };
}
