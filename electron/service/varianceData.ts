// What the variance calls read, kept between calls: the series, the level companions and the points of every
// series loaded so far. All of it is dropped when the store's series data version changes, so a recompute
// after a new as-of month, tolerance or link reads only targets and links from SQLite.
// One per store connection (varianceDataFor): the variance view, the link picker, the workbook, the briefing,
// the report and handOn all read the same cache, so a briefing after the variance view loads nothing again.
// The analysis itself needs only the series table (seriesCatalog); the counted list (listSeries: the series with
// their kept counts, or a pass over every observation when those are behind) is read only when a caller shows counts or ranges (the picker, link views, the workbook).
import type { Series } from '../../shared/domain/series';
import { type CompanionCandidate, levelCompanions } from '../../shared/variance/levelCompanion';
import type { SeriesData } from '../../shared/variance/seriesData';
import { compareSeries, listSeries } from '../import/commitImport';
import type { Store } from '../store/openStore';
import { type CatalogSeries, loadSeriesData, observationCounts, seriesCatalog, seriesDataVersion } from '../store/seriesDataRepo';

export interface VarianceData {
  /** Every series with counts and period range, in natural name order (the same array until the store changes). */
  series(): Series[];
  seriesMeta(id: number): Series | undefined;
  /** Growth or index series id → the level series of the same indicator. */
  companions(): Map<number, number>;
  /** The points of these series (loading those not yet held, in one query); the map also holds earlier ones. */
  seriesData(ids: Iterable<number>): ReadonlyMap<number, SeriesData>;
}

const isLevel = (s: CatalogSeries) => s.measure === 'cumulative' || s.measure === 'monthly';

/**
 * The level companions from the series table: levelCompanions breaks a tie between level series of the same
 * indicator, region, frequency and measure by their observation counts and then by list order, so only those
 * series are counted, and put first in natural order; the others' counts cannot change the result.
 */
function companionsOf(db: Store, catalog: readonly CatalogSeries[]): Map<number, number> {
  const groupKey = (s: CatalogSeries) => `${s.name}\u0000${s.region ?? ''}\u0000${s.frequency}\u0000${s.measure}`;
  const size = new Map<string, number>();
  for (const s of catalog) if (isLevel(s)) size.set(groupKey(s), (size.get(groupKey(s)) ?? 0) + 1);
  const tied = catalog.filter((s) => isLevel(s) && size.get(groupKey(s))! > 1);
  const counts = tied.length > 0 ? observationCounts(db, tied.map((s) => s.id)) : new Map<number, number>();
  const withCount = (s: CatalogSeries): CompanionCandidate => ({ ...s, observationCount: counts.get(s.id) ?? 0 });
  const tiedSorted = tied.map(withCount).sort((a, b) => compareSeries(a as Series, b as Series));
  const tiedIds = new Set(tied.map((s) => s.id));
  return levelCompanions([...tiedSorted, ...catalog.filter((s) => !tiedIds.has(s.id)).map(withCount)]);
}

export function createVarianceData(db: Store): VarianceData {
  let version = '';
  let catalog: Map<number, CatalogSeries> | null = null;
  let list: Series[] | null = null;
  let byId: Map<number, Series> | null = null;
  let companionMap: Map<number, number> | null = null;
  const data = new Map<number, SeriesData>();

  // seriesDataVersion reads the whole series table (a sum over every label): at 20,000 series a few ms, paid on
  // every access — a briefing makes dozens. The store's change key (two counters) says first whether anything
  // was written at all since the version was last read.
  let checkedAt = '';
  const fresh = () => {
    const key = db.changeKey();
    if (key === checkedAt) return;
    checkedAt = key;
    const v = seriesDataVersion(db);
    if (v === version) return;
    version = v;
    catalog = null;
    list = null;
    byId = null;
    companionMap = null;
    data.clear();
  };
  const counted = () => {
    if (!list) {
      list = listSeries(db);
      byId = new Map(list.map((s) => [s.id, s]));
    }
    return { list, byId: byId! };
  };
  // The counted list describes the series as well when it is already held; else the series table alone.
  const described = (): ReadonlyMap<number, CatalogSeries> => byId ?? (catalog ??= new Map(seriesCatalog(db).map((s) => [s.id, s])));

  return {
    series: () => (fresh(), counted().list),
    seriesMeta: (id) => (fresh(), counted().byId.get(id)),
    companions: () => (fresh(), (companionMap ??= companionsOf(db, [...described().values()]))),
    seriesData: (ids) => {
      fresh();
      const meta = described();
      const missing: number[] = [];
      for (const id of ids) if (!data.has(id) && meta.has(id)) missing.push(id);
      if (missing.length > 0) for (const [id, s] of loadSeriesData(db, [...new Set(missing)], meta)) data.set(id, s);
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
