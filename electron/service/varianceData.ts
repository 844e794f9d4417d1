// What the variance calls read, kept between calls: the series list, the level companions and the points of
// every series loaded so far. All of it is dropped when the store's series data version changes, so a
// recompute after a new as-of month, tolerance or link reads only targets and links from SQLite.
// One per store connection (varianceDataFor): the variance view, the link picker, the workbook, the briefing,
// the report and handOn all read the same cache, so a briefing after the variance view loads nothing again.
import type { Series } from '../../shared/domain/series';
import { levelCompanions } from '../../shared/variance/levelCompanion';
import type { SeriesData } from '../../shared/variance/seriesData';
import { listSeries } from '../import/commitImport';
import type { Store } from '../store/openStore';
import { loadSeriesData, seriesDataVersion } from '../store/seriesDataRepo';

export interface VarianceData {
  series(): Series[];
  seriesMeta(id: number): Series | undefined;
  /** Growth or index series id → the level series of the same indicator. */
  companions(): Map<number, number>;
  /** The points of these series (loading those not yet held, in one query); the map also holds earlier ones. */
  seriesData(ids: Iterable<number>): ReadonlyMap<number, SeriesData>;
}

export function createVarianceData(db: Store): VarianceData {
  let version = '';
  let list: Series[] = [];
  let byId = new Map<number, Series>();
  let companionMap = new Map<number, number>();
  const data = new Map<number, SeriesData>();

  const fresh = () => {
    const v = seriesDataVersion(db);
    if (v === version) return;
    version = v;
    list = listSeries(db);
    byId = new Map(list.map((s) => [s.id, s]));
    companionMap = levelCompanions(list);
    data.clear();
  };

  return {
    series: () => (fresh(), list),
    seriesMeta: (id) => (fresh(), byId.get(id)),
    companions: () => (fresh(), companionMap),
    seriesData: (ids) => {
      fresh();
      const missing: number[] = [];
      for (const id of ids) if (!data.has(id) && byId.has(id)) missing.push(id);
      if (missing.length > 0) for (const [id, s] of loadSeriesData(db, [...new Set(missing)], byId)) data.set(id, s);
      return data;
    },
  };
}

const perStore = new WeakMap<Store, VarianceData>();

/** The variance data of this store connection, made on first use and shared by every caller of the service. */
export function varianceDataFor(db: Store): VarianceData {
  let data = perStore.get(db);
  if (!data) perStore.set(db, (data = createVarianceData(db)));
  return data;
}
