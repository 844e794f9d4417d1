// The import's write forms (issue 12, round 7) against the forms they replaced, written here as they were: rows bound
// as spread arguments instead of one array (bulkInsert.ts), and on SQLite new series written one statement a row
// with SQLite's own rowid instead of 500 a statement matched back through RETURNING (commitImport.ts createSeries).
// Each pair writes into two stores with the same history; every row of the tables written must be equal, ids included.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSeries } from '../../electron/import/commitImport';
import { insertReturning, multiRowInsertSql, rowInserter, singleRowInsertSql, SQLITE_ROWS_PER_STATEMENT } from '../../electron/store/bulkInsert';
import { openStore, type Store } from '../../electron/store/openStore';
import type { SqliteStore } from '../../electron/store/sqliteStore';
import { writeTransaction } from '../../electron/store/writeTransaction';
import type { PlannedSeries } from '../../shared/import/importChanges';
import { identityKey, type SeriesIdentity } from '../../shared/import/seriesIdentity';
import type { Measure, Frequency } from '../../shared/domain/series';
import { ENGINES, freshStore } from '../helpers/stores';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const SERIES_COLUMNS = ['name', 'label', 'unit', 'measure', 'frequency', 'region'];

/** createSeries as it was before round 7: every engine through insertReturning, ids matched by identity. */
function createSeriesBefore(db: Store, fresh: readonly PlannedSeries[]): Map<string, number> {
  const rows = fresh.map((p) => {
    const i = p.identity;
    return [i.name, p.label, i.unit, i.measure, i.frequency, i.region];
  });
  const back = insertReturning(db, 'series', SERIES_COLUMNS, rows, ['id', ...SERIES_COLUMNS.filter((c) => c !== 'label')]) as [number, string, string, Measure, Frequency, string][];
  const idOf = new Map(back.map(([id, name, unit, measure, frequency, region]) => [identityKey({ name, unit, measure, frequency, region }), id]));
  const out = new Map<string, number>();
  for (const p of fresh) out.set(p.key, idOf.get(p.key)!);
  return out;
}

const MEASURES: Measure[] = ['cumulative', 'monthly', 'yoy', 'index'];

/** Planned new series (only the fields createSeries reads), awkward texts included. */
function planned(n: number, from: number): PlannedSeries[] {
  return Array.from({ length: n }, (_, k) => {
    const s = from + k;
    const identity: SeriesIdentity = { name: s % 7 === 0 ? `指标"${s}" 'O''Brien' \\` : `指标${s}`, unit: s % 3 ? '万吨' : '', measure: MEASURES[s % 4], frequency: 'monthly', region: s % 5 ? '内蒙古自治区' : '' };
    return { key: identityKey(identity), identity, label: `${identity.name}累计值(万吨)😀` } as PlannedSeries;
  });
}

/** A store whose series ids have gaps and whose highest ones were removed (as an undo drops the series it created). */
function withHistory(db: Store): void {
  writeTransaction(db, () => {
    createSeriesBefore(db, planned(40, 0));
    db.prepare('DELETE FROM series WHERE id IN (3, 17, 39, 40)').run();
  });
}

const allSeries = (db: Store) => db.prepare('SELECT id, name, label, unit, measure, frequency, region FROM series ORDER BY id').raw().all();

describe.each(ENGINES)('new series written on %s', (engine) => {
  let stores: Awaited<ReturnType<typeof freshStore>>[] = [];
  beforeEach(async () => {
    stores = [await freshStore(engine, 'w7_series_a'), await freshStore(engine, 'w7_series_b')];
  });
  afterEach(async () => {
    for (const s of stores) {
      s.db.close();
      await s.remove();
    }
  });

  it('get the ids and rows the RETURNING form gave, across its statements and remainder, after gaps and removed ids', () => {
    const [a, b] = stores.map((s) => s.db);
    for (const db of [a, b]) withHistory(db);
    // 1,234 series: two whole statements of 500 and 234 one by one in the old form.
    const fresh = planned(1_234, 100);
    const now = writeTransaction(a, () => createSeries(a, fresh));
    const before = writeTransaction(b, () => createSeriesBefore(b, fresh));
    expect([...now]).toEqual([...before]);
    expect(allSeries(a)).toEqual(allSeries(b));
    // The removed highest ids (39, 40) are numbered again, as SQLite and the sequence number them.
    expect(now.get(fresh[0].key)).toBe(engine === 'sqlite' ? 39 : 41);
  });

  it('refuses a series already stored, leaving the store as it was', () => {
    const [a] = stores.map((s) => s.db);
    withHistory(a);
    const before = allSeries(a);
    // The first new series and then one the store holds (its identity is unique).
    expect(() => writeTransaction(a, () => createSeries(a, [...planned(3, 500), planned(1, 5)[0]]))).toThrow();
    expect(allSeries(a)).toEqual(before);
  });
});

/** rowInserter's SQLite form as it was before round 7: each statement's parameters bound as one array. */
function insertRowsBefore(db: SqliteStore, table: string, columns: readonly string[], rows: readonly (readonly unknown[])[]): void {
  const many = db.sqlite.prepare(multiRowInsertSql(table, columns, SQLITE_ROWS_PER_STATEMENT));
  const one = db.sqlite.prepare(singleRowInsertSql(table, columns));
  let start = 0;
  for (; start + SQLITE_ROWS_PER_STATEMENT <= rows.length; start += SQLITE_ROWS_PER_STATEMENT) many.run(rows.slice(start, start + SQLITE_ROWS_PER_STATEMENT).flat());
  for (const row of rows.slice(start)) one.run([...row]);
}

describe('observation rows bound as arguments on SQLite', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) removeDir(d);
  });

  it('store exactly the rows the array form stored: exact doubles, bigint ids, NULLs, texts, remainder rows', () => {
    const columns = ['series_id', 'period', 'value', 'batch_id', 'source_id', 'cell', 'source_period_id'];
    const awkward = [5e-324, -0, 1 / 3, 1.7976931348623157e308, -1e-300, 0.1 + 0.2, 123456789.123456789];
    // 1,271 rows: two whole statements and 271 one by one.
    const rows = Array.from({ length: 1_271 }, (_, i) => [i % 11 === 0 ? BigInt(1 + (i % 3)) : 1 + (i % 3), `20${String(10 + (i % 16))}-${String(1 + (i % 12)).padStart(2, '0')}`, awkward[i % awkward.length] + i, 1, i % 13 === 0 ? null : 1 + (i % 50), i % 17 === 0 ? '' : `B${i + 5}「'\\"」`, i % 19 === 0 ? null : 1 + (i % 7)]);
    const stores = [0, 1].map(() => {
      const dir = makeTmpDir('wb-w7-bind-');
      dirs.push(dir);
      const db = openStore(path.join(dir, 'store.sqlite'));
      writeTransaction(db, () => {
        db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('f', 'h', '')").run();
        createSeriesBefore(db, planned(3, 0));
      });
      return db;
    });
    const [now, before] = stores;
    writeTransaction(now, () => {
      const inserter = rowInserter(now, 'observations', columns);
      for (const r of rows) inserter.add(r);
      inserter.flush();
      expect(inserter.written).toBe(rows.length);
    });
    writeTransaction(before, () => insertRowsBefore(before, 'observations', columns, rows));
    const read = (db: Store) => db.prepare('SELECT * FROM observations ORDER BY id').raw().all();
    expect(read(now)).toEqual(read(before));
    expect(read(now)).toHaveLength(rows.length);
    // The doubles to the bit (toEqual would take -0 for 0).
    const values = (db: Store) => (db.prepare('SELECT value FROM observations ORDER BY id').pluck().all() as number[]).map((v) => Object.is(v, -0) ? '-0' : String(v));
    expect(values(now)).toEqual(values(before));
    for (const db of stores) db.close();
  });
});
