// Without the index on observations(batch_id) (migration 10), undo finds a batch's rows through the batch's id range
// (electron/store/batchRanges.ts). Two stores take the same imports, relabels and undos on each engine: one undoes
// with the workbench, the other with the undo as it was before the migration (copied below: every statement on
// `batch_id = ?`, which scans or uses the index). Every row of every table must stay equal between them, through a
// fresh store, revisions and new months, a relabel, undone batches, a later batch reusing the ids of an undone one,
// a batch written in parts, and rows written around the keeper (which the range does not cover). Each batch's range
// must hold exactly its rows. A store of the version before is carried over with every row equal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreAt } from '../../electron/openWorkbench';
import { commitImport, undoImportBatch } from '../../electron/import/commitImport';
import { insertObservationRows } from '../../electron/import/observationRows';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import type { Store } from '../../electron/store/openStore';
import { keptCountsCurrent, recountSeries } from '../../electron/store/seriesCounts';
import { SCHEMA_VERSION } from '../../electron/store/migrations';
import { storeTables, tableRows } from '../../electron/store/storeTables';
import { writeTransaction } from '../../electron/store/writeTransaction';
import type { SqliteStore } from '../../electron/store/sqliteStore';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';
import { sha256 } from './helpers/importStore';

function csv(periods: string[], rows: [string, ...(number | string)[]][]): Uint8Array {
  return new Uint8Array(Buffer.from(['地区：内蒙古自治区', ['指标', ...periods].join(','), ...rows.map((r) => r.join(','))].join('\n'), 'utf8'));
}

let clock = 0;
async function importFile(db: Store, name: string, bytes: Uint8Array): Promise<number> {
  const now = new Date(Date.UTC(2025, 5, 1, 0, 0, clock++));
  const r = commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false, now });
  if (r.batchId === null) throw new Error(`${name} changed nothing`);
  return r.batchId;
}

/** The undo before migration 10, as it was (commitImport.ts at 4716442), for the second store. */
function undoBeforeRanges(db: Store, batchId: number): { removedObservations: number; removedSeries: number } {
  return writeTransaction(db, () => {
    const details = JSON.parse(db.prepare('SELECT details FROM import_batches WHERE id = ?').pluck().get(batchId) as string) as {
      createdSeriesIds?: number[];
      relabelled?: Record<string, string>;
    };
    const countsWereCurrent = keptCountsCurrent(db);
    const touched = db.prepare('SELECT DISTINCT series_id FROM observations WHERE batch_id = ?').pluck().all(batchId) as number[];
    const removedObservations = db.prepare('DELETE FROM observations WHERE batch_id = ?').run(batchId).changes;
    db.prepare('DELETE FROM observation_sources WHERE batch_id = ?').run(batchId);
    db.prepare('DELETE FROM source_periods WHERE batch_id = ?').run(batchId);
    const dropSeries = db.prepare(
      'DELETE FROM series WHERE id = ? AND NOT EXISTS (SELECT 1 FROM observations WHERE series_id = ?) AND NOT EXISTS (SELECT 1 FROM links WHERE series_id = ?)',
    );
    let removedSeries = 0;
    for (const id of details.createdSeriesIds ?? []) removedSeries += dropSeries.run(id, id, id).changes;
    const relabel = db.prepare('UPDATE series SET label = ? WHERE id = ?');
    for (const [id, label] of Object.entries(details.relabelled ?? {})) relabel.run(label, Number(id));
    db.prepare('UPDATE import_batches SET undone = 1 WHERE id = ?').run(batchId);
    recountSeries(db, touched, countsWereCurrent);
    return { removedObservations, removedSeries };
  });
}

const RANGES = 'batch_observation_ranges';

/** Every row of every table but the ranges (which the old undo does not keep), by table. */
function everyRow(db: Store): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of storeTables(db)) {
    if (t.name === RANGES) continue;
    out[t.name] = [...tableRows(db, t)].map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  }
  return out;
}

/** Each batch's range is its rows' lowest and highest id; a batch without rows (or undone) has none. */
function expectRangesExact(db: Store): void {
  const ranges = (db.prepare(`SELECT batch_id, first_id, last_id FROM ${RANGES} ORDER BY batch_id`).raw().all() as unknown[][]).map((r) => r.map(Number));
  const scanned = (db.prepare('SELECT batch_id, MIN(id), MAX(id) FROM observations GROUP BY batch_id ORDER BY batch_id').raw().all() as unknown[][]).map((r) => r.map(Number));
  expect(ranges).toEqual(scanned);
}

const A = csv(['2025年3月', '2025年2月', '2025年1月'], [
  ['原煤产量当期值(万吨)', 300, 290, 310],
  ['粗钢产量当期值(万吨)', 50, 48, 47],
  ['发电量累计值(亿千瓦时)', 900, 600, 300],
]);
// Revisions, a new month, a relabel (the same series printed with another label) and a new series.
const B = csv(['2025年4月', '2025年3月', '2025年2月'], [
  ['原煤产量当期值(万吨)', 320, 301, 290],
  ['粗钢产量当期值（万吨）', 52, 50, 49],
  ['水泥产量当期值(万吨)', 11, 10, 9],
]);
const C = csv(['2025年4月', '2025年3月'], [
  ['原煤产量当期值(万吨)', 321, 300],
  ['天然气产量当期值(亿立方米)', 7, 6],
]);
const D = csv(['2025年5月', '2025年4月'], [
  ['原煤产量当期值(万吨)', 330, 321],
  ['发电量累计值(亿千瓦时)', 1500, 1200],
]);
const E = csv(['2025年6月'], [['粗钢产量当期值(万吨)', 55]]);

describe.each(ENGINES)('undo through batch id ranges (migration 10), on %s', (engine) => {
  let places: StorePlace[];
  let db: Store;
  let old: Store;
  beforeEach(async () => {
    places = [await freshPlace(engine, 'ranges-new'), await freshPlace(engine, 'ranges-old')];
    db = openStoreAt(places[0].location, { create: true });
    old = openStoreAt(places[1].location, { create: true });
  });
  afterEach(async () => {
    db.close();
    old.close();
    for (const p of places) await p.remove();
  });

  /** The same import into both stores, the same batch id. */
  async function both(name: string, bytes: Uint8Array): Promise<number> {
    const id = await importFile(db, name, bytes);
    clock--;
    expect(await importFile(old, name, bytes)).toBe(id);
    return id;
  }

  /** Undo in both stores, each its own way: the same answer and the same rows everywhere. */
  function undoBoth(batchId: number): void {
    const before = everyRow(db);
    const expected = undoBeforeRanges(old, batchId);
    expect(undoImportBatch(db, batchId)).toEqual({ batchId, ...expected });
    const after = everyRow(db);
    expect(after).toEqual(everyRow(old));
    // Something went (so equal stores are not equal by both doing nothing).
    expect(after.observations.length).toBeLessThan(before.observations.length);
  }

  it('undoes exactly what the old undo did, through revisions, relabels, undone batches and reused ids', async () => {
    const a = await both('a.csv', A);
    expectRangesExact(db);
    const b = await both('b.csv', B);
    expectRangesExact(db);
    expect(everyRow(db)).toEqual(everyRow(old));
    expect(Object.keys(JSON.parse(db.prepare('SELECT details FROM import_batches WHERE id = ?').pluck().get(b) as string).relabelled)).toHaveLength(1);
    const bLast = Number(db.prepare(`SELECT last_id FROM ${RANGES} WHERE batch_id = ?`).pluck().get(b));
    undoBoth(b);
    expectRangesExact(db);
    const c = await both('c.csv', C);
    if (engine === 'sqlite') {
      // SQLite numbers rows one past the highest: c's rows took ids b's rows had (b's range went with its rows).
      expect(Number(db.prepare(`SELECT first_id FROM ${RANGES} WHERE batch_id = ?`).pluck().get(c))).toBeLessThanOrEqual(bLast);
    }
    expectRangesExact(db);
    // c written further in a second part (a second writer for the same batch): one range over both parts.
    const coal = Number(db.prepare("SELECT id FROM series WHERE name = '原煤产量'").pluck().get());
    for (const s of [db, old]) {
      insertObservationRows(s, [{ seriesId: coal, period: '2024-12', value: 280, batchId: c, sheet: 'Sheet1', cell: 'Z9', label: '原煤产量当期值(万吨)', sourcePeriod: '2024年12月' }]);
    }
    expectRangesExact(db);
    const d = await both('d.csv', D);
    expectRangesExact(db);
    undoBoth(d);
    undoBoth(c);
    expectRangesExact(db);
    const e = await both('e.csv', E);
    undoBoth(e);
    undoBoth(a);
    expectRangesExact(db);
    expect(everyRow(db).observations).toEqual([]);
  });

  it('removes rows written around the keeper too (the range does not cover them), and the next commit rebuilds the ranges', async () => {
    const a = await both('a.csv', A);
    const b = await both('b.csv', B);
    // Straight into the table, as a bench or an older tool might: a row of batch a above a's range (and b's rows).
    const steel = Number(db.prepare("SELECT id FROM series WHERE name = '粗钢产量'").pluck().get());
    for (const s of [db, old]) s.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, '2024-12', 1.5, ?, 'Z9')").run(steel, a);
    const outside = Number(db.prepare('SELECT MAX(id) FROM observations').pluck().get());
    expect(outside).toBeGreaterThan(Number(db.prepare(`SELECT last_id FROM ${RANGES} WHERE batch_id = ?`).pluck().get(a)));
    // The next commit counts and ranges everything again, the raw row included.
    const e = await both('e.csv', E);
    expectRangesExact(db);
    // Another raw row, now for the newest batch, then its undo: found by the scan, not left behind.
    for (const s of [db, old]) s.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, '2024-11', 2.5, ?, 'Z10')").run(steel, e);
    undoBoth(e);
    expectRangesExact(db);
    undoBoth(b);
    undoBoth(a);
    expect(everyRow(db).observations).toEqual([]);
  });

  it('carries a store of the version before over with every row equal, each batch ranged, the batch index gone', async () => {
    await both('a.csv', A);
    const b = await both('b.csv', B);
    undoBoth(b);
    await both('c.csv', C);
    const beforeRows = everyRow(db);
    // The version before: no ranges, the batch index back.
    db.exec(`DROP TABLE ${RANGES}; CREATE INDEX observations_batch ON observations(batch_id);`);
    if (db.engine === 'sqlite') (db as SqliteStore).pragma(`user_version = ${SCHEMA_VERSION - 1}`);
    else db.exec(`UPDATE workbench_schema SET version = ${SCHEMA_VERSION - 1}`);
    db.close();
    db = openStoreAt(places[0].location);
    const version = db.engine === 'sqlite' ? (db as SqliteStore).pragma('user_version', { simple: true }) : db.prepare('SELECT version FROM workbench_schema').pluck().get();
    expect(version).toBe(SCHEMA_VERSION);
    expect(everyRow(db)).toEqual(beforeRows);
    expectRangesExact(db);
    expect(Number(db.prepare(`SELECT COUNT(*) FROM ${RANGES}`).pluck().get())).toBe(2);
    const indexes = db.engine === 'sqlite'
      ? db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'observations'").pluck().all()
      : db.prepare("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'observations'").pluck().all();
    expect(indexes).not.toContain('observations_batch');
    expect(indexes).toContain('observations_series_period');
    // And the store still undoes as the old one does.
    const d = await both('d.csv', D);
    undoBoth(d);
  });
});
