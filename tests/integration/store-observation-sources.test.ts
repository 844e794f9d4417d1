// Migration 8 (issue 12): an observation's sheet, label and period as printed are kept once per batch
// (observation_sources, source_periods) instead of on every row. A store of the version before, holding rows of
// several batches, a revision, a relabelled row, an undone batch and a row without texts, is migrated and must answer
// every provenance question exactly as before; undo still removes exactly its batch's rows and texts. On SQLite the
// import writes with foreign-key enforcement off, and turns it on again, also when the import fails.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreAt } from '../../electron/openWorkbench';
import type { Store } from '../../electron/store/openStore';
import { SqliteStore } from '../../electron/store/sqliteStore';
import { MIGRATIONS, OBSERVATION_INDEXES_SQL, observationsBeforeV8Sql, SCHEMA_VERSION } from '../../electron/store/migrations';

/** The version before migration 8 (the later migrations, the kept series counts of 9 among them, run again too). */
const BEFORE_V8 = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE observations_v8'));
import { commitImport, listSeries, seriesObservations, undoImportBatch } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { loadSeriesData, observationSource, seriesCatalog } from '../../electron/store/seriesDataRepo';
import { ImportFileError } from '../../electron/import/importFileError';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';
import { workbook, type Cell } from './helpers/layoutFixtures';
import { sha256 } from './helpers/importStore';

function wide(name: string, region: string, periods: string[], rows: Cell[][]) {
  return { name, rows: [[`地区：${region}`], ['指标', ...periods], ...rows] };
}

const FIRST = workbook(
  [
    wide("O'Brien 月度", '内蒙古自治区', ['2025年3月', '2025年2月', '2025年1月'], [
      ['原煤产量当期值(万吨)', 300, 290, 310],
      ['粗钢产量当期值(万吨)', 50, 48, 47],
    ]),
    wide('全国', '全国', ['2025年3月', '2025年2月'], [['原煤产量当期值(万吨)', 4.1, 3.9]]),
  ],
  'xlsx',
);
// A revision (March), a new month, and the coal row printed another way (relabelled).
const SECOND = workbook(
  [wide('月度', '内蒙古自治区', ['2025年4月', '2025年3月', '2025年2月'], [['原煤产量当期值（万吨）', 320, 301, 290], ['粗钢产量当期值(万吨)', 52, 50, 48]])],
  'xlsx',
);
// Undone before the migration: its rows and texts are gone.
const THIRD = workbook([wide('五月', '内蒙古自治区', ['2025年5月'], [['原煤产量当期值（万吨）', 330], ['发电量当期值(亿千瓦时)', 80]])], 'xlsx');

async function importFile(db: Store, bytes: Uint8Array, name: string): Promise<number> {
  const r = commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false, now: new Date('2025-06-01T00:00:00Z') });
  return r.batchId!;
}

/** Every answer the store gives about where a value came from, by series id. */
function provenance(db: Store) {
  const catalog = seriesCatalog(db);
  const meta = new Map(catalog.map((s) => [s.id, s]));
  const ids = catalog.map((s) => s.id).sort((a, b) => a - b);
  const perSeries = ids.map((id) => {
    const all = seriesObservations(db, id, { allVintages: true });
    return {
      id,
      current: seriesObservations(db, id),
      all,
      sources: all.map((o) => observationSource(db, id, o.period, o.batchId)),
    };
  });
  return { perSeries, data: loadSeriesData(db, ids, meta), list: listSeries(db) };
}

/** The store taken back to the version before migration 8: the texts on every row again, the two tables gone. */
function downgrade(db: Store): void {
  if (db.engine === 'sqlite') {
    db.exec(`${observationsBeforeV8Sql('observations_old')}
      INSERT INTO observations_old (id, series_id, period, value, batch_id, sheet, cell, label, source_period)
        SELECT o.id, o.series_id, o.period, o.value, o.batch_id, COALESCE(s.sheet, ''), o.cell, COALESCE(s.label, ''), COALESCE(p.text, '')
          FROM observations o LEFT JOIN observation_sources s ON s.id = o.source_id LEFT JOIN source_periods p ON p.id = o.source_period_id;
      DROP TABLE observations;
      DROP TABLE observation_sources;
      DROP TABLE source_periods;
      DROP TABLE series_counts;
      DROP TABLE series_counts_state;
      ALTER TABLE observations_old RENAME TO observations;${OBSERVATION_INDEXES_SQL}
    `);
    (db as SqliteStore).pragma(`user_version = ${BEFORE_V8}`);
    return;
  }
  db.exec(`
    ALTER TABLE observations ADD COLUMN sheet TEXT COLLATE "C" NOT NULL DEFAULT '';
    ALTER TABLE observations ADD COLUMN label TEXT COLLATE "C" NOT NULL DEFAULT '';
    ALTER TABLE observations ADD COLUMN source_period TEXT COLLATE "C" NOT NULL DEFAULT '';
    UPDATE observations o SET sheet = s.sheet, label = s.label FROM observation_sources s WHERE s.id = o.source_id;
    UPDATE observations o SET source_period = p.text FROM source_periods p WHERE p.id = o.source_period_id;
    ALTER TABLE observations DROP COLUMN source_id;
    ALTER TABLE observations DROP COLUMN source_period_id;
    DROP TABLE observation_sources;
    DROP TABLE source_periods;
    DROP TABLE series_counts;
    DROP TABLE series_counts_state;
    UPDATE workbench_schema SET version = ${BEFORE_V8};
  `);
}

/** Rows whose text ids point at nothing, or at another batch's texts. */
function strayTextIds(db: Store): number {
  return db
    .prepare(
      `SELECT COUNT(*) FROM observations o
        LEFT JOIN observation_sources s ON s.id = o.source_id LEFT JOIN source_periods p ON p.id = o.source_period_id
        WHERE (o.source_id IS NOT NULL AND (s.id IS NULL OR s.batch_id <> o.batch_id))
           OR (o.source_period_id IS NOT NULL AND (p.id IS NULL OR p.batch_id <> o.batch_id))`,
    )
    .pluck()
    .get() as number;
}

const count = (db: Store, table: string, batchId: number) => Number(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE batch_id = ?`).pluck().get(batchId));

describe.each(ENGINES)('observation texts once per batch (migration 8), on %s', (engine) => {
  let place: StorePlace;
  let db: Store;
  beforeEach(async () => {
    place = await freshPlace(engine, 'obs-sources');
    db = openStoreAt(place.location, { create: true });
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('migrates a store of the version before with every provenance answer unchanged; undo still removes exactly its batch', async () => {
    const first = await importFile(db, FIRST, 'first.xlsx');
    const second = await importFile(db, SECOND, 'second.xlsx');
    const third = await importFile(db, THIRD, 'third.xlsx');
    undoImportBatch(db, third);
    expect(count(db, 'observation_sources', third) + count(db, 'source_periods', third)).toBe(0);
    // A row written without texts (none recorded) reads as '' for sheet, label and period as printed.
    const coal = seriesCatalog(db).find((s) => s.region === '全国')!.id;
    db.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, '2024-12', 3.5, ?, 'Z9')").run(coal, first);
    const before = provenance(db);
    // The answers hold what the files said (so an empty answer cannot pass for an unchanged one).
    const steel = before.perSeries.find((s) => s.current.some((o) => o.source.label.startsWith('粗钢')))!;
    expect(steel.current.map((o) => [o.period, o.value, o.source.sheet, o.source.cell, o.source.sourcePeriod])).toEqual([
      ['2025-01', 47, "O'Brien 月度", 'D4', '2025年1月'],
      ['2025-02', 48, "O'Brien 月度", 'C4', '2025年2月'],
      ['2025-03', 50, "O'Brien 月度", 'B4', '2025年3月'],
      ['2025-04', 52, '月度', 'B4', '2025年4月'],
    ]);
    expect(steel.sources[0]).toEqual({ sourcePeriod: '2025年1月', label: '粗钢产量当期值(万吨)', importedAt: '2025-06-01T00:00:00.000Z' });
    const revised = before.perSeries.flatMap((s) => s.all).filter((o) => !o.current).map((o) => [o.period, o.value, o.batchId, o.source.label, o.source.cell]);
    expect(revised).toEqual([['2025-03', 300, first, '原煤产量当期值(万吨)', 'B3']]);
    expect(before.perSeries.flatMap((s) => s.all).find((o) => o.period === '2024-12')!.source).toEqual({ file: 'first.xlsx', sheet: '', cell: 'Z9', label: '', sourcePeriod: '' });

    downgrade(db);
    db.close();
    db = openStoreAt(place.location);
    const version = db.engine === 'sqlite' ? (db as SqliteStore).pragma('user_version', { simple: true }) : db.prepare('SELECT version FROM workbench_schema').pluck().get();
    expect(version).toBe(SCHEMA_VERSION);
    expect(provenance(db)).toEqual(before);
    expect(strayTextIds(db)).toBe(0);
    // One text row per distinct sheet and label (and period as printed) of a batch, the row without texts included.
    expect(count(db, 'observation_sources', first)).toBe(4);
    expect(count(db, 'source_periods', first)).toBe(4);
    expect(count(db, 'observation_sources', second)).toBe(2);

    // Undo after the migration: the second file's rows and texts go, the first file's stay as they were.
    const firstRows = count(db, 'observations', first);
    expect(undoImportBatch(db, second)).toMatchObject({ removedObservations: 3, removedSeries: 0 });
    expect([count(db, 'observations', second), count(db, 'observation_sources', second), count(db, 'source_periods', second)]).toEqual([0, 0, 0]);
    expect([count(db, 'observations', first), count(db, 'observation_sources', first), count(db, 'source_periods', first)]).toEqual([firstRows, 4, 4]);
    expect(strayTextIds(db)).toBe(0);
    const steelNow = seriesObservations(db, steel.id);
    expect(steelNow.map((o) => [o.period, o.value, o.batchId, o.source.cell, o.source.label])).toEqual(
      steel.all.filter((o) => o.batchId === first).map((o) => [o.period, o.value, o.batchId, o.source.cell, o.source.label]),
    );
  });

  it('reuses a batch\'s texts when its rows are written in parts, never writing one twice', async () => {
    const { insertObservationRows } = await import('../../electron/import/observationRows');
    const batch = await importFile(db, FIRST, 'first.xlsx');
    const sources = count(db, 'observation_sources', batch);
    const seriesId = seriesCatalog(db)[0].id;
    insertObservationRows(db, [
      { seriesId, period: '2024-11', value: 1, batchId: batch, sheet: "O'Brien 月度", cell: 'X1', label: '原煤产量当期值(万吨)', sourcePeriod: '2025年3月' },
      { seriesId, period: '2024-10', value: 2, batchId: batch, sheet: '新表', cell: 'X2', label: '原煤产量当期值(万吨)', sourcePeriod: '2024年10月' },
    ]);
    expect(count(db, 'observation_sources', batch)).toBe(sources + 1);
    expect(seriesObservations(db, seriesId).filter((o) => o.period < '2025').map((o) => [o.period, o.source.sheet, o.source.cell, o.source.label, o.source.sourcePeriod])).toEqual([
      ['2024-10', '新表', 'X2', '原煤产量当期值(万吨)', '2024年10月'],
      ['2024-11', "O'Brien 月度", 'X1', '原煤产量当期值(万吨)', '2025年3月'],
    ]);
    expect(strayTextIds(db)).toBe(0);
  });
});

describe('foreign keys during an import (SQLite)', () => {
  let place: StorePlace;
  let db: SqliteStore;
  beforeEach(async () => {
    place = await freshPlace('sqlite', 'obs-fk');
    db = openStoreAt(place.location, { create: true }) as SqliteStore;
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('are enforced again after an import, with nothing left to fail the check', async () => {
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    await importFile(db, FIRST, 'first.xlsx');
    await importFile(db, SECOND, 'second.xlsx');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(strayTextIds(db)).toBe(0);
    // Enforced indeed: a row for a series that does not exist is refused.
    expect(() => db.prepare("INSERT INTO observations (series_id, period, value, batch_id) VALUES (99999, '2025-01', 1, 1)").run()).toThrow(/FOREIGN KEY/);
  });

  it('are enforced again when the import fails inside its transaction, the store as it was', async () => {
    await importFile(db, FIRST, 'first.xlsx');
    const rows = db.prepare('SELECT COUNT(*) FROM observations').pluck().get();
    // The file's coal row twice with different March values: refused inside the transaction (skipInvalid false).
    const conflicting = workbook([wide('月度', '内蒙古自治区', ['2025年4月', '2025年3月'], [['原煤产量当期值(万吨)', 1, 2], ['原煤产量当期值(万吨)', 1, 3]])], 'xlsx');
    await expect(importFile(db, conflicting, 'bad.xlsx')).rejects.toBeInstanceOf(ImportFileError);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT COUNT(*) FROM observations').pluck().get()).toBe(rows);
    expect(db.prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('stay as the caller has them inside the caller\'s transaction', async () => {
    const parsed = await parseStatisticsFile(FIRST, 'first.xlsx');
    db.transaction(() => {
      commitImport(db, parsed, { fileName: 'first.xlsx', fileHash: sha256(FIRST), skipInvalid: false });
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    })();
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });
});
