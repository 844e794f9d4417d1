// Each series' counts kept in the store (electron/store/seriesCounts.ts, migration 9) must be exactly what a grouped
// scan of the observations gives, after every write that changes observations — imports of new series, revisions
// and new months, a relabel, an undo, an import refused and one rolled back after its rows were written — on both
// engines; rows written around the keeper are noticed (the list counts afresh) and the next commit heals the counts;
// a store of the version before is filled by the migration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreAt } from '../../electron/openWorkbench';
import { commitImport, listSeries, undoImportBatch } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import type { Store } from '../../electron/store/openStore';
import { keptCountsCurrent, keptSeriesCounts } from '../../electron/store/seriesCounts';
import { MIGRATIONS } from '../../electron/store/migrations';
import type { SqliteStore } from '../../electron/store/sqliteStore';
import type { Series } from '../../shared/domain/series';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';
import { sha256 } from './helpers/importStore';

/** A statistics file in the NBS wide layout: one row per indicator, newest month first. */
function csv(periods: string[], rows: [string, ...(number | string)[]][]): Uint8Array {
  return new Uint8Array(Buffer.from(['地区：内蒙古自治区', ['指标', ...periods].join(','), ...rows.map((r) => r.join(','))].join('\n'), 'utf8'));
}

async function importFile(db: Store, name: string, bytes: Uint8Array) {
  return commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false });
}

type Counts = [number, string, string, number, number][];

/** The counts as a grouped scan of the observations gives them, by series id. */
function scanned(db: Store): Counts {
  const rows = db.prepare('SELECT series_id, MIN(period), MAX(period), COUNT(DISTINCT period), MAX(batch_id) FROM observations GROUP BY series_id ORDER BY series_id').raw().all() as Counts;
  return rows.map(([id, first, last, n, batch]) => [Number(id), first, last, Number(n), Number(batch)]);
}

/** The kept table as it stands, by series id. */
function kept(db: Store): Counts {
  const rows = db.prepare('SELECT series_id, first_period, last_period, observation_count, last_batch_id FROM series_counts ORDER BY series_id').raw().all() as Counts;
  return rows.map(([id, first, last, n, batch]) => [Number(id), first, last, Number(n), Number(batch)]);
}

/** The list as the scan gives it: every series, a series without rows counted 0 with no range and no batch. */
function listFromScan(db: Store): Pick<Series, 'id' | 'label' | 'firstPeriod' | 'lastPeriod' | 'observationCount' | 'lastBatchId'>[] {
  const counts = new Map(scanned(db).map((c) => [c[0], c]));
  const ids = db.prepare('SELECT id, label FROM series ORDER BY id').raw().all() as [number, string][];
  return ids.map(([id, label]) => {
    const c = counts.get(Number(id));
    return { id: Number(id), label, firstPeriod: c?.[1] ?? null, lastPeriod: c?.[2] ?? null, observationCount: c?.[3] ?? 0, lastBatchId: c?.[4] ?? null };
  });
}

const listNow = (db: Store) =>
  listSeries(db)
    .map(({ id, label, firstPeriod, lastPeriod, observationCount, lastBatchId }) => ({ id, label, firstPeriod, lastPeriod, observationCount, lastBatchId }))
    .sort((a, b) => a.id - b.id);

/** The kept counts describe the store as it is, equal the scan, and the list shows them. */
function expectKeptExact(db: Store): void {
  expect(keptCountsCurrent(db)).toBe(true);
  expect(kept(db)).toEqual(scanned(db));
  expect(keptSeriesCounts(db)).not.toBeNull();
  expect(listNow(db)).toEqual(listFromScan(db));
}

/** Makes the next UPDATE of an import batch's row (recordBatch, the commit's last write) fail. */
function failNextBatchUpdate(db: Store): () => void {
  if (db.engine === 'sqlite') {
    db.exec("CREATE TRIGGER fail_batch BEFORE UPDATE ON import_batches BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;");
    return () => db.exec('DROP TRIGGER fail_batch');
  }
  db.exec(`CREATE FUNCTION fail_batch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
    CREATE TRIGGER fail_batch BEFORE UPDATE ON import_batches FOR EACH ROW EXECUTE FUNCTION fail_batch();`);
  return () => db.exec('DROP TRIGGER fail_batch ON import_batches; DROP FUNCTION fail_batch();');
}

describe.each(ENGINES)('kept series counts equal the scan, on %s', (engine) => {
  let place: StorePlace;
  let db: Store;
  beforeEach(async () => {
    place = await freshPlace(engine, 'series_counts');
    db = openStoreAt(place.location, { create: true });
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('after imports, revisions, a relabel, an undo, a refused and a rolled-back import', async () => {
    // A fresh store: nothing kept, nothing to keep.
    expectKeptExact(db);
    const a = await importFile(db, 'a.csv', csv(['2025年3月', '2025年2月'], [['产量1当期值(万吨)', 3, 2], ['产量2累计值(万吨)', 300, 200], ['产量3当期值(万吨)', 7, '']]));
    expectKeptExact(db);
    expect(kept(db).find((c) => c[0] === listNow(db).find((s) => s.label === '产量3当期值(万吨)')!.id)).toMatchObject([expect.any(Number), '2025-03', '2025-03', 1, a.batchId]);
    // A revision of 2025-03 (a second vintage: still one period), an earlier month, a new series.
    const b = await importFile(db, 'b.csv', csv(['2025年3月', '2025年2月', '2025年1月'], [['产量2累计值(万吨)', 301, 200, 100], ['产量4当期值(万吨)', 1, 1, 1]]));
    expectKeptExact(db);
    const p2 = listNow(db).find((s) => s.label === '产量2累计值(万吨)')!;
    expect(p2).toMatchObject({ firstPeriod: '2025-01', lastPeriod: '2025-03', observationCount: 3, lastBatchId: b.batchId });
    // Unchanged values only: nothing written, nothing kept changes.
    await importFile(db, 'b-again.csv', csv(['2025年3月', '2025年2月', '2025年1月'], [['产量2累计值(万吨)', 301, 200, 100]]));
    expectKeptExact(db);
    // The same indicator printed with another label (a relabel) and a later month.
    const c = await importFile(db, 'c.csv', csv(['2025年4月'], [['产量1 当期值（万吨）', 4], ['产量5当期值(万吨)', 9]]));
    expectKeptExact(db);
    // A third vintage of 2025-03 of 产量2 and a month later; then undone: the series of the batch counted again.
    const d = await importFile(db, 'd.csv', csv(['2025年4月', '2025年3月'], [['产量2累计值(万吨)', 400, 302]]));
    expectKeptExact(db);
    undoImportBatch(db, d.batchId!);
    expectKeptExact(db);
    expect(listNow(db).find((s) => s.id === p2.id)).toMatchObject({ lastPeriod: '2025-03', observationCount: 3, lastBatchId: b.batchId });
    // Undoing a batch that created series drops them (and their counts) and restores the label it replaced.
    undoImportBatch(db, c.batchId!);
    expectKeptExact(db);
    // A file with a cell that cannot be read, not skipped: refused, nothing written.
    const keptBefore = kept(db);
    await expect(importFile(db, 'bad.csv', csv(['2025年5月'], [['产量1当期值(万吨)', '十二']]))).rejects.toThrow();
    expect(kept(db)).toEqual(keptBefore);
    expectKeptExact(db);
    // A commit that fails after its rows and their counts were written: all of it rolled back.
    const restore = failNextBatchUpdate(db);
    await expect(importFile(db, 'e.csv', csv(['2025年6月', '2025年5月'], [['产量1当期值(万吨)', 6, 5], ['产量9当期值(万吨)', 1, 2]]))).rejects.toThrow(/disk full/);
    restore();
    expect(kept(db)).toEqual(keptBefore);
    expectKeptExact(db);
    expect(a.batchId).not.toBeNull();
  });

  it('notices rows written around it, counts afresh meanwhile, and the next commit heals the kept counts', async () => {
    const a = await importFile(db, 'a.csv', csv(['2025年3月', '2025年2月'], [['产量1当期值(万吨)', 3, 2], ['产量2累计值(万吨)', 300, 200]]));
    expectKeptExact(db);
    const id = listNow(db)[0].id;
    // Straight into the table (as a bench or an older tool might): the kept counts no longer describe the store.
    db.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, '2024-12', 1.5, ?, 'Z9')").run(id, a.batchId);
    expect(keptCountsCurrent(db)).toBe(false);
    expect(keptSeriesCounts(db)).toBeNull();
    // Another connection (this one keeps its list until the series data version moves, which rows alone do not).
    const other = openStoreAt(place.location);
    try {
      expect(listNow(other)).toEqual(listFromScan(db));
      expect(listNow(other).find((s) => s.id === id)).toMatchObject({ firstPeriod: '2024-12', observationCount: 3 });
    } finally {
      other.close();
    }
    // The next commit counts every series again before adding its own.
    await importFile(db, 'b.csv', csv(['2025年4月'], [['产量2累计值(万吨)', 400]]));
    expectKeptExact(db);
    // The same for an undo.
    db.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, '2024-11', 1.25, ?, 'Z10')").run(id, a.batchId);
    const last = Number(db.prepare('SELECT MAX(id) FROM import_batches').pluck().get());
    undoImportBatch(db, last);
    expectKeptExact(db);
  });

  it('fills the counts of a store of the version before (migration 9)', async () => {
    await importFile(db, 'a.csv', csv(['2025年3月', '2025年2月'], [['产量1当期值(万吨)', 3, 2], ['产量2累计值(万吨)', 300, 200]]));
    await importFile(db, 'b.csv', csv(['2025年3月', '2025年1月'], [['产量2累计值(万吨)', 301, 100]]));
    const before = scanned(db);
    // The version before the migration that keeps the counts (a store's version counts the migrations it has taken).
    const beforeCounts = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE series_counts ('));
    db.exec('DROP TABLE series_counts; DROP TABLE series_counts_state;');
    if (db.engine === 'sqlite') (db as SqliteStore).pragma(`user_version = ${beforeCounts}`);
    else db.exec(`UPDATE workbench_schema SET version = ${beforeCounts}`);
    db.close();
    db = openStoreAt(place.location);
    expect(kept(db)).toEqual(before);
    expectKeptExact(db);
  });

  it('keeps no state row in a store that never held a batch (an empty store stays empty for copy-store)', () => {
    expect(Number(db.prepare('SELECT COUNT(*) FROM series_counts_state').pluck().get())).toBe(0);
    expect(keptCountsCurrent(db)).toBe(true);
  });
});
