// The analysis input straight from the store: the current observation of each period of many series in one
// query (ordered by the index, newest batch last), and a cheap key that changes whenever series or
// observations can have changed, so the service can keep what it loaded until then.
import { seriesDescription, type Series, type SeriesDescription, type SeriesKey } from '../../shared/domain/series';
import type { SeriesData, SeriesPoint } from '../../shared/variance/seriesData';
import type { Store } from './openStore';
import type { StoreStatement } from './storeDb';


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
      `SELECT o.series_id, o.period, o.value, o.batch_id, COALESCE(src.sheet, ''), o.cell, b.file_name
       FROM observations o JOIN import_batches b ON b.id = o.batch_id LEFT JOIN observation_sources src ON src.id = o.source_id
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
      `SELECT COALESCE(sp.text, '') AS source_period, COALESCE(src.label, '') AS label, b.imported_at
       FROM observations o JOIN import_batches b ON b.id = o.batch_id
       LEFT JOIN observation_sources src ON src.id = o.source_id LEFT JOIN source_periods sp ON sp.id = o.source_period_id
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
 * Per series (those `where` selects, else all), its periods and values as JSON arrays, one row per series (SQLite's JSON renders a REAL with 17
 * significant digits, PostgreSQL's its shortest exact form: either parses back to the very same double). At
 * 1,000,000 observations one row per observation crossing into JavaScript cost 2–5 s; 20,000 rows of arrays
 * parse natively. PostgreSQL orders each array by period and batch; SQLite feeds the aggregate in the order of
 * the index it groups by (series_id, period, batch_id), which SQL does not promise (an aggregate ORDER BY cost
 * a sort per series), so there a series whose periods do not come strictly increasing is read again.
 */
export const groupedValuesSql = (db: Store, where?: string) => {
  const rows = `FROM observations ${where ? `WHERE ${where} ` : ''}GROUP BY series_id`;
  return db.engine === 'postgres'
    ? `SELECT series_id, json_agg(period ORDER BY period, batch_id)::text, json_agg(value ORDER BY period, batch_id)::text ${rows}`
    : `SELECT series_id, json_group_array(period), json_group_array(value) ${rows}`;
};

/** Periods strictly increasing: each period once, in order, so every value is the current one. */
export function strictlyIncreasing(periods: readonly string[]): boolean {
  for (let i = 1; i < periods.length; i++) if (!(periods[i - 1] < periods[i])) return false;
  return true;
}

/** A stored value as a number (PostgreSQL's JSON writes an infinite float8 as a string). */
const asNumber = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** The current values of series by id, each read when asked (see currentValues). */
export interface CurrentValues {
  get(id: number): SeriesColumns | undefined;
}

/**
 * The current values of every series, from one grouped scan: each series' arrays are kept as the JSON text the
 * store wrote and parsed only when asked for, so a caller that writes series one at a time holds one series
 * parsed at a time. A series with more than one vintage of a period (a revision), or arrays not in period
 * order, is read again from its rows in (period, batch) order, where a second row of the same period is a later
 * batch whose value replaces the earlier one (the current vintage). Values are held as columns: at 1,000,000
 * observations an object per value costs more in allocation and garbage collection than the query itself.
 */
export function currentValues(db: Store): CurrentValues {
  const texts = new Map<number, [periods: string, values: string]>();
  for (const [id, periodsJson, valuesJson] of db.prepare(groupedValuesSql(db)).raw().iterate() as IterableIterator<[number, string, string]>) {
    texts.set(id, [periodsJson, valuesJson]);
  }
  const ordered = db.engine === 'postgres';
  let rowsOf: StoreStatement | null = null;
  return {
    get(id) {
      const text = texts.get(id);
      if (!text) return undefined;
      const periods = JSON.parse(text[0]) as string[];
      const parsed = JSON.parse(text[1]) as unknown[];
      const values = parsed.every((v) => typeof v === 'number') ? (parsed as number[]) : parsed.map(asNumber);
      if (strictlyIncreasing(periods)) return { periods, values };
      // PostgreSQL's arrays are in (period, batch) order: the last of a period is current. SQLite's order is
      // the scan's, so its rows are read again in a stated order (one index seek).
      if (ordered) return currentOfRows(periods.map((p, i) => [p, values[i]]));
      rowsOf ??= db.prepare('SELECT period, value FROM observations WHERE series_id = ? ORDER BY period, batch_id').raw();
      return currentOfRows(rowsOf.iterate(id) as IterableIterator<[string, number]>);
    },
  };
}

/** Rows of one series in (period, batch) order: the last row of each period is its current value. */
function currentOfRows(rows: Iterable<[string, number]>): SeriesColumns {
  const periods: string[] = [];
  const values: number[] = [];
  for (const [period, value] of rows) {
    const n = periods.length;
    if (n > 0 && periods[n - 1] === period) values[n - 1] = value;
    else {
      periods.push(period);
      values.push(value);
    }
  }
  return { periods, values };
}

/** The current values of every series of `list` (no observations: empty columns), all read at once. */
export function seriesValueColumns(db: Store, list: readonly { id: number }[]): Map<number, SeriesColumns> {
  const values = currentValues(db);
  return new Map(list.map((s) => [s.id, values.get(s.id) ?? { periods: [], values: [] }]));
}

/** Every series with its current values, in two queries however many series there are (the list, then all observations). */
export function listSeriesWithValues(db: Store, list: Series[]): SeriesWithValues[] {
  const columns = seriesValueColumns(db, list);
  return list.map((s) => {
    const c = columns.get(s.id)!;
    return { ...s, values: c.periods.map((period, i) => ({ period, value: c.values[i] })) };
  });
}
