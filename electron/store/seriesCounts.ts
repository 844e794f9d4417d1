// Each series' counts kept in the store (issue 12, migration 9): first and last period, number of periods with a
// value, last batch — what the series list shows beside each name. Counting them from the observations is a grouped
// pass over a million index entries (0.5 s); the kept rows are 20,000. They are exact or not used:
// - every write that changes observations keeps them in its own transaction: a commit adds what it wrote
//   (addWrittenCounts, from what the commit already knows: no read of the observations), an undo counts again the
//   series of its batch (recountSeries);
// - the stamp (migrations.ts SERIES_COUNTS_STAMP_SQL) says which state of the observations they describe; a reader
//   that finds the store in another state (rows written by something that does not keep them) counts afresh, and the
//   next write that keeps them counts every series again first.
import { SERIES_COUNTS_EMPTY_STAMP, SERIES_COUNTS_FILL_SQL, SERIES_COUNTS_STAMP_SQL } from './migrations';
import type { Store } from './openStore';
import { rebuildBatchRanges } from './batchRanges';

/** One series' counts, as the grouped scan of the observations gives them. */
export type SeriesCountsRow = [seriesId: number, firstPeriod: string, lastPeriod: string, observationCount: number, lastBatchId: number];

/** What one commit wrote for one series: its lowest and highest period written, and how many of them are new. */
export type WrittenCounts = [seriesId: number, firstPeriod: string, lastPeriod: string, newPeriods: number];

/** The stamp of the observations as they are now (cheap: the highest ids and the batches' row count). */
function currentStamp(db: Store): string {
  return String(db.prepare(`SELECT ${SERIES_COUNTS_STAMP_SQL}`).pluck().get());
}

/** The stamp the kept counts were last brought to; a store without a state row has never held a batch. */
function keptStamp(db: Store): string {
  return (db.prepare('SELECT stamp FROM series_counts_state WHERE id = 1').pluck().get() as string | undefined) ?? SERIES_COUNTS_EMPTY_STAMP;
}

function writeStamp(db: Store): void {
  db.prepare(`INSERT INTO series_counts_state (id, stamp) VALUES (1, ${SERIES_COUNTS_STAMP_SQL}) ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp`).run();
}

/** Do the kept counts describe the observations as they are now? */
export function keptCountsCurrent(db: Store): boolean {
  return keptStamp(db) === currentStamp(db);
}

/**
 * The kept counts by series id when they describe the observations as they are now, else null (count afresh).
 * A series without observations has no row.
 */
export function keptSeriesCounts(db: Store): Map<number, SeriesCountsRow> | null {
  if (!keptCountsCurrent(db)) return null;
  const counts = new Map<number, SeriesCountsRow>();
  const rows = db.prepare('SELECT series_id, first_period, last_period, observation_count, last_batch_id FROM series_counts').raw().all() as SeriesCountsRow[];
  for (const row of rows) counts.set(row[0], row);
  return counts;
}

/**
 * Every series counted again from the observations (the migration's fill), inside the caller's transaction; every
 * batch's id range too (batchRanges.ts): the ranges are trusted under the same stamp, so they are rebuilt whenever
 * it is written afresh after rows written by something that keeps neither.
 */
export function recountAllSeries(db: Store): void {
  db.prepare('DELETE FROM series_counts').run();
  db.prepare('DELETE FROM series_counts_state').run();
  db.exec(SERIES_COUNTS_FILL_SQL);
  rebuildBatchRanges(db);
  writeStamp(db);
}

const idsFromJson = (db: Store) => (db.engine === 'postgres' ? 'SELECT value::integer FROM json_array_elements_text(?::json)' : 'SELECT value FROM json_each(?)');

/**
 * These series counted again from the observations (an undo removed some of their rows), inside the caller's
 * transaction, after the write. Counts that were not current before the write are counted again for every series.
 */
export function recountSeries(db: Store, ids: Iterable<number>, wereCurrent: boolean): void {
  if (!wereCurrent) return recountAllSeries(db);
  const list = JSON.stringify([...new Set(ids)]);
  db.prepare(`DELETE FROM series_counts WHERE series_id IN (${idsFromJson(db)})`).run(list);
  db.prepare(
    `INSERT INTO series_counts (series_id, first_period, last_period, observation_count, last_batch_id)
     SELECT series_id, MIN(period), MAX(period), COUNT(DISTINCT period), MAX(batch_id) FROM observations
     WHERE series_id IN (${idsFromJson(db)}) GROUP BY series_id`,
  ).run(list);
  writeStamp(db);
}

/** One statement for all the series a commit wrote: their rows as JSON arrays, merged into the kept ones. */
const ADD_WRITTEN_SQL = {
  sqlite: `INSERT INTO series_counts (series_id, first_period, last_period, observation_count, last_batch_id)
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), ? FROM json_each(?) WHERE true
    ON CONFLICT (series_id) DO UPDATE SET
      first_period = MIN(first_period, excluded.first_period), last_period = MAX(last_period, excluded.last_period),
      observation_count = observation_count + excluded.observation_count, last_batch_id = MAX(last_batch_id, excluded.last_batch_id)`,
  postgres: `INSERT INTO series_counts (series_id, first_period, last_period, observation_count, last_batch_id)
    SELECT (e->>0)::integer, e->>1, e->>2, (e->>3)::integer, ?::integer FROM json_array_elements(?::json) AS e
    ON CONFLICT (series_id) DO UPDATE SET
      first_period = LEAST(series_counts.first_period, excluded.first_period), last_period = GREATEST(series_counts.last_period, excluded.last_period),
      observation_count = series_counts.observation_count + excluded.observation_count, last_batch_id = GREATEST(series_counts.last_batch_id, excluded.last_batch_id)`,
};

/**
 * What a commit wrote, added to the kept counts inside its transaction, after its rows: per series the lowest and
 * highest period written and the number of periods new to the series (a revised period was counted already), all
 * written by `batchId`. `wereCurrent` (keptCountsCurrent, asked before the commit wrote anything) false: the kept
 * counts were already behind, so every series is counted again instead.
 */
export function addWrittenCounts(db: Store, batchId: number, written: readonly WrittenCounts[], wereCurrent: boolean): void {
  if (!wereCurrent) return recountAllSeries(db);
  if (written.length > 0) db.prepare(ADD_WRITTEN_SQL[db.engine]).run(batchId, JSON.stringify(written));
  writeStamp(db);
}
