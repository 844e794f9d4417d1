// The analysis input straight from the store: the current observation of each period of many series in one
// query (ordered by the index, newest batch last), and a cheap key that changes whenever series or
// observations can have changed, so the service can keep what it loaded until then.
import { seriesDescription, type Series, type SeriesDescription, type SeriesKey } from '../../shared/domain/series';
import type { SeriesData, SeriesPoint } from '../../shared/variance/seriesData';
import type { Store } from './openStore';

/**
 * Changes when an import is committed or undone (observations only change that way) or series are added,
 * removed or renamed. Reads two small tables, never the observations.
 */
export function seriesDataVersion(db: Store): string {
  const row = db
    .prepare(
      `SELECT (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' || COALESCE(SUM(undone), 0) FROM import_batches) || '|' ||
              (SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' || COALESCE(SUM(LENGTH(label) + LENGTH(unit) + LENGTH(name) + LENGTH(measure)), 0) FROM series)`,
    )
    .pluck()
    .get() as string;
  return row;
}

/** A series as the series table holds it: who it is, without what its observations say (counts, range). */
export type CatalogSeries = SeriesKey & { id: number };

/**
 * Every series from the series table alone (one row per series, no observation read): what the analysis needs
 * to describe the series it loads, at a small part of the cost of the counted list (listSeries).
 */
export function seriesCatalog(db: Store): CatalogSeries[] {
  const rows = db.prepare('SELECT id, name, label, unit, measure, frequency, region FROM series').all() as (Omit<CatalogSeries, 'region'> & { region: string })[];
  return rows.map((r) => ({ ...r, region: r.region === '' ? null : r.region }));
}

/** The number of periods with a value, for just these series (as listSeries counts them). */
export function observationCounts(db: Store, ids: readonly number[]): Map<number, number> {
  const rows = db
    .prepare('SELECT series_id, COUNT(DISTINCT period) FROM observations WHERE series_id IN (SELECT value FROM json_each(?)) GROUP BY series_id')
    .raw()
    .all(JSON.stringify(ids)) as [number, number][];
  return new Map(rows);
}

type RawRow = [seriesId: number, period: string, value: number, batchId: number, sheet: string, cell: string, file: string];

/**
 * Loads the current points of the given series (the row of the newest batch per period, as the importer
 * defines current). Series missing from `meta` are skipped.
 */
export function loadSeriesData(db: Store, ids: readonly number[], meta: ReadonlyMap<number, SeriesDescription>): Map<number, SeriesData> {
  const out = new Map<number, SeriesData>();
  const wanted = ids.filter((id) => meta.has(id));
  if (wanted.length === 0) return out;
  const points = new Map<number, Map<string, SeriesPoint>>();
  for (const id of wanted) points.set(id, new Map());
  const stmt = db
    .prepare(
      `SELECT o.series_id, o.period, o.value, o.batch_id, o.sheet, o.cell, b.file_name
       FROM observations o JOIN import_batches b ON b.id = o.batch_id
       WHERE o.series_id IN (${db.engine === 'postgres' ? 'SELECT value::integer FROM json_array_elements_text(?::json)' : 'SELECT value FROM json_each(?)'})
       ORDER BY o.series_id, o.period, o.batch_id`,
    )
    .raw();
  for (const r of stmt.iterate(JSON.stringify(wanted)) as IterableIterator<RawRow>) {
    // Rows of one period come oldest batch first: the last write wins and is the current vintage.
    points.get(r[0])!.set(r[1], { value: r[2], batchId: r[3], sheet: r[4], cell: r[5], file: r[6] });
  }
  for (const id of wanted) {
    const s = meta.get(id)!;
    const p = points.get(id)!;
    let last: string | null = null;
    for (const k of p.keys()) if (last === null || k > last) last = k;
    out.set(id, { id, ...seriesDescription(s), points: p, lastPeriod: last });
  }
  return out;
}

export interface ObservationSource {
  sourcePeriod: string;
  label: string;
  importedAt: string;
}

/** The period as written and the batch's time for one stored observation (for provenance on demand). */
export function observationSource(db: Store, seriesId: number, period: string, batchId: number): ObservationSource | null {
  const row = db
    .prepare(
      `SELECT o.source_period, o.label, b.imported_at FROM observations o JOIN import_batches b ON b.id = o.batch_id
       WHERE o.series_id = ? AND o.period = ? AND o.batch_id = ? LIMIT 1`,
    )
    .get(seriesId, period, batchId) as { source_period: string; label: string; imported_at: string } | undefined;
  return row ? { sourcePeriod: row.source_period, label: row.label, importedAt: row.imported_at } : null;
}

/**
 * Changes whenever anything in the store changes: rows written by this connection (total_changes) or a commit
 * by another connection (data_version). Lets a caller keep targets and links read from the store until then.
 */
export function storeChangeKey(db: Store): string {
  return db.changeKey();
}

/** A series with the current value of each period, oldest first. */
export type SeriesWithValues = Series & { values: { period: string; value: number }[] };

/** Current values of one series as two parallel arrays in period order (no object per observation). */
export interface SeriesColumns {
  periods: string[];
  values: number[];
}

/**
 * The current values of every series of `list`, in one pass over the observations in index order: rows come
 * grouped by series and sorted by period, and a second row of the same period is a later batch, whose value
 * replaces the earlier one (the current vintage). Held as columns: at 1,000,000 observations an object per
 * value costs more in allocation and garbage collection than the query itself.
 */
export function seriesValueColumns(db: Store, list: readonly Series[]): Map<number, SeriesColumns> {
  const columns = new Map<number, SeriesColumns>();
  for (const s of list) columns.set(s.id, { periods: [], values: [] });
  const stmt = db.prepare('SELECT series_id, period, value FROM observations ORDER BY series_id, period, batch_id').raw();
  let currentId = -1;
  let current: SeriesColumns | undefined;
  for (const [id, period, value] of stmt.iterate() as IterableIterator<[number, string, number]>) {
    if (id !== currentId) {
      currentId = id;
      current = columns.get(id);
    }
    if (!current) continue;
    const n = current.periods.length;
    if (n > 0 && current.periods[n - 1] === period) current.values[n - 1] = value;
    else {
      current.periods.push(period);
      current.values.push(value);
    }
  }
  return columns;
}

/** Every series with its current values, in two queries however many series there are (the list, then all observations). */
export function listSeriesWithValues(db: Store, list: Series[]): SeriesWithValues[] {
  const columns = seriesValueColumns(db, list);
  return list.map((s) => {
    const c = columns.get(s.id)!;
    return { ...s, values: c.periods.map((period, i) => ({ period, value: c.values[i] })) };
  });
}
