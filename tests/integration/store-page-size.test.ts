// A store created from nothing has 16 KiB pages (openStore.ts NEW_STORE_PAGE_SIZE); a store that exists keeps its
// own. The pages are where the rows lie, not what they are: the same imports, an undo and a later import leave a
// 4 KiB store and a 16 KiB store with every row of every table equal, and the same answers to the readers.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, listSeries, seriesObservations, undoImportBatch } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { NEW_STORE_PAGE_SIZE, openStore } from '../../electron/store/openStore';
import { storeDigest } from '../../electron/store/storeDigest';
import { storeTables, tableRows } from '../../electron/store/storeTables';
import { currentValues } from '../../electron/store/seriesDataRepo';
import type { SqliteStore } from '../../electron/store/sqliteStore';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { wideCsv } from '../helpers/wideCsv';
import { sha256 } from './helpers/importStore';

async function importText(db: SqliteStore, name: string, text: string, at: number): Promise<number | null> {
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  const now = new Date(Date.UTC(2025, 5, 1, 0, 0, at));
  return commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false, now }).batchId;
}

function everyRow(db: SqliteStore): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of storeTables(db)) out[t.name] = [...tableRows(db, t)];
  return out;
}

/** What the readers answer: the series list, every series' vintages with their cells, the grouped current values. */
function answers(db: SqliteStore) {
  const list = listSeries(db);
  const values = currentValues(db);
  return { list, perSeries: list.map((s) => ({ all: seriesObservations(db, s.id, { allVintages: true }), current: values.get(s.id) })) };
}

describe('a new store\'s page size', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTmpDir('page-size-');
  });
  afterEach(() => removeDir(dir));

  it('is 16 KiB for a store made from nothing; a store that exists keeps its own', () => {
    const fresh = openStore(path.join(dir, 'fresh.sqlite'));
    expect(fresh.pragma('page_size', { simple: true })).toBe(NEW_STORE_PAGE_SIZE);
    expect(NEW_STORE_PAGE_SIZE).toBe(16_384);
    fresh.close();
    // Opened again: still 16 KiB (set only while the file is empty, so nothing is rewritten).
    const again = openStore(path.join(dir, 'fresh.sqlite'));
    expect(again.pragma('page_size', { simple: true })).toBe(NEW_STORE_PAGE_SIZE);
    again.close();
    const oldFile = path.join(dir, 'old.sqlite');
    const raw = new Database(oldFile);
    raw.pragma('page_size = 4096');
    raw.pragma('journal_mode = WAL');
    raw.close();
    const old = openStore(oldFile);
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    old.close();
  });

  it('changes no row and no answer: a 4 KiB and a 16 KiB store through the same imports and undo', async () => {
    const oldFile = path.join(dir, 'old.sqlite');
    const raw = new Database(oldFile);
    raw.pragma('page_size = 4096');
    raw.pragma('journal_mode = WAL');
    raw.close();
    const stores = [openStore(oldFile), openStore(path.join(dir, 'new.sqlite'))];
    expect(stores.map((s) => s.pragma('page_size', { simple: true }))).toEqual([4096, NEW_STORE_PAGE_SIZE]);
    try {
      for (const db of stores) {
        await importText(db, 'a.csv', wideCsv(600, 24), 0);
        const b = await importText(db, 'b.csv', wideCsv(650, 30).replace(/,1(\d\d)\.(\d)/g, ',2$1.$2'), 1);
        undoImportBatch(db, b!);
        await importText(db, 'c.csv', wideCsv(620, 26).replace(/,1(\d\d)\.(\d)/g, ',3$1.$2'), 2);
      }
      const [old, fresh] = stores;
      expect(Number(fresh.prepare('SELECT COUNT(*) FROM observations').pluck().get())).toBeGreaterThan(25_000);
      expect(everyRow(fresh)).toEqual(everyRow(old));
      expect(answers(fresh)).toEqual(answers(old));
      expect(storeDigest(fresh).sha256).toBe(storeDigest(old).sha256);
      // Different files indeed: a quarter as many pages.
      expect(Number(fresh.pragma('page_count', { simple: true }))).toBeLessThan(Number(old.pragma('page_count', { simple: true })) / 2);
    } finally {
      for (const db of stores) db.close();
    }
    expect(fs.existsSync(oldFile)).toBe(true);
  });
});
