// The import's WAL checkpoint runs after the commit has answered (electron/store/walCheckpoint.ts): when commitImport
// returns, its frames are committed in the WAL but not yet copied into the store's file; the next turn of the event
// loop checkpoints them, and the connection's automatic checkpoint is back as it was. The files as they stand when
// the import has answered (a program killed at that moment) open with the whole import in them.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { openStore } from '../../electron/store/openStore';
import type { SqliteStore } from '../../electron/store/sqliteStore';
import { storeTables, tableRows } from '../../electron/store/storeTables';
import type { Store } from '../../electron/store/openStore';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { sha256 } from './helpers/importStore';

function wide(series: number, periods: number): Uint8Array {
  const months = Array.from({ length: periods }, (_, k) => `2024年${k + 1}月`).reverse();
  const lines = ['地区：内蒙古自治区', ['指标', ...months].join(',')];
  for (let s = 0; s < series; s++) lines.push([`指标${s}当期值(万吨)`, ...months.map((_, k) => String(s * 10 + k))].join(','));
  return new Uint8Array(Buffer.from(lines.join('\n'), 'utf8'));
}

function everyRow(db: Store): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of storeTables(db)) out[t.name] = [...tableRows(db, t)];
  return out;
}

/** [busy, frames in the WAL, frames checkpointed] as a PASSIVE checkpoint leaves them. */
const walFrames = (db: SqliteStore) => Object.values((db.sqlite.pragma('wal_checkpoint(PASSIVE)') as Record<string, number>[])[0]);

describe('the WAL checkpoint after an import', () => {
  let dir: string;
  let db: SqliteStore;
  beforeEach(() => {
    dir = makeTmpDir('c9-wal-');
    db = openStore(path.join(dir, 'store.sqlite'));
  });
  afterEach(() => {
    if (db.sqlite.open) db.close();
    removeDir(dir);
  });

  it('answers before the checkpoint, whose files already hold the import, and checkpoints on the next turn', async () => {
    const bytes = wide(300, 12);
    const parsed = await parseStatisticsFile(bytes, 'w.csv');
    // A low threshold, so that SQLite's own checkpoint would have run inside this import's COMMIT.
    db.sqlite.pragma('wal_autocheckpoint = 5');
    const file = path.join(dir, 'store.sqlite');
    const result = commitImport(db, parsed, { fileName: 'w.csv', fileHash: sha256(bytes), skipInvalid: false, now: new Date(0) });
    expect(result.observationCount).toBe(3600);
    expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(5);
    const fileBytes = fs.statSync(file).size;
    // As a program killed now would leave them: the store's file and its WAL, the import's frames not yet copied.
    const copy = path.join(dir, 'copy.sqlite');
    fs.copyFileSync(file, copy);
    fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(3600 * 10);
    await new Promise((resolve) => setImmediate(resolve));
    // The checkpoint ran on that turn: the store's file grew by the import's pages, and the WAL holds nothing more.
    expect(fs.statSync(file).size).toBeGreaterThan(fileBytes + 3600 * 10);
    const [busy, log, done] = walFrames(db);
    expect(busy).toBe(0);
    expect(done).toBe(log);
    const killed = openStore(copy);
    try {
      expect(everyRow(killed)).toEqual(everyRow(db));
    } finally {
      killed.close();
    }
  });

  it('leaves the automatic checkpoint on after a refused import, and runs as it is where it is off', async () => {
    const bad = new Uint8Array(Buffer.from(['地区：内蒙古自治区', '指标,2025年1月', '原煤产量当期值(万吨),abc', '粗钢产量当期值(万吨),1'].join('\n'), 'utf8'));
    const parsed = await parseStatisticsFile(bad, 'bad.csv');
    expect(() => commitImport(db, parsed, { fileName: 'bad.csv', fileHash: sha256(bad), skipInvalid: false })).toThrow();
    expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    db.sqlite.pragma('wal_autocheckpoint = 0');
    commitImport(db, parsed, { fileName: 'bad.csv', fileHash: sha256(bad), skipInvalid: true });
    expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  });
});
