// Which observation rows a batch wrote, without an index on observations(batch_id) (migration 10): each batch's
// lowest and highest observation id, kept in batch_observation_ranges. A batch's rows are written inside its one
// write transaction, so on either engine their ids lie above the highest id before the first row and at or below
// the highest id after the last (SQLite numbers a row one past the highest; PostgreSQL's identity sequence hands out
// ids above every id already committed). Other batches' rows may share the range (a later batch reusing the ids of
// an undone one; on the server, a colleague's batch written at the same time), so readers always add
// `batch_id = ?`: the range only narrows the scan, the batch id decides.
//
// The ranges are exact under the same condition as the kept series counts (seriesCounts.ts): every writer that keeps
// the counts keeps the ranges, and the counts' stamp moves when rows are written by anything else. So a reader
// trusts a range only while the counts are current, and the next keeping write rebuilds every range with the counts.
import { BATCH_RANGES_FILL_SQL } from './migrations';
import type { StoreDb } from './storeDb';

/** The highest observation id now (0 in a store without rows): one step down the primary key on either engine. */
export function highestObservationId(db: StoreDb): number {
  return Number(db.prepare('SELECT COALESCE(MAX(id), 0) FROM observations').pluck().get());
}

/**
 * Widens `batchId`'s range to hold ids `first`…`last` (rows just written for it, in the caller's transaction). A
 * batch written in parts (several writers, one after another) keeps one range over all of them.
 */
export function widenBatchRange(db: StoreDb, batchId: number, first: number, last: number): void {
  db.prepare(
    `INSERT INTO batch_observation_ranges (batch_id, first_id, last_id) VALUES (?, ?, ?)
     ON CONFLICT (batch_id) DO UPDATE SET
       first_id = CASE WHEN excluded.first_id < batch_observation_ranges.first_id THEN excluded.first_id ELSE batch_observation_ranges.first_id END,
       last_id = CASE WHEN excluded.last_id > batch_observation_ranges.last_id THEN excluded.last_id ELSE batch_observation_ranges.last_id END`,
  ).run(batchId, first, last);
}

/** Every batch's range rebuilt from the observations (one grouped scan), inside the caller's transaction. */
export function rebuildBatchRanges(db: StoreDb): void {
  db.exec(BATCH_RANGES_FILL_SQL);
}

/** A filter for one batch's observation rows: `WHERE ${where}` with `params` bound in order. */
export interface BatchRowsFilter {
  where: string;
  params: number[];
}

/**
 * The filter for `batchId`'s rows. `trusted` (the kept counts are current, asked before any write): the batch's
 * id range and its id, a range read of the table; a batch without a range wrote no rows (an empty range). Not
 * trusted: the batch id alone, a scan of every row, exact whatever wrote them.
 */
export function batchRowsFilter(db: StoreDb, batchId: number, trusted: boolean): BatchRowsFilter {
  if (!trusted) return { where: 'batch_id = ?', params: [batchId] };
  const range = db.prepare('SELECT first_id, last_id FROM batch_observation_ranges WHERE batch_id = ?').raw().get(batchId) as [number, number] | undefined;
  const [first, last] = range ? [Number(range[0]), Number(range[1])] : [1, 0];
  return { where: 'id BETWEEN ? AND ? AND batch_id = ?', params: [first, last, batchId] };
}
