import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/store/openStore';
import { openStoreAt } from '../../electron/openWorkbench';
import { storeSchemaVersion } from '../../electron/store/storeDigest';
import { storeTables } from '../../electron/store/storeTables';
import { ENGINES, freshStore, type StorePlace } from '../helpers/stores';
import { SCHEMA_VERSION } from '../../electron/store/migrations';
import { seedIfEmpty } from '../../electron/store/seed';
import * as repo from '../../electron/store/targetsRepo';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
beforeEach(() => {
  dir = makeTmpDir();
});
afterEach(() => removeDir(dir));

describe('store', () => {
  it('creates every table from an empty file and records the schema version', () => {
    const file = path.join(dir, 'a.sqlite');
    const db = openStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['plans', 'targets', 'edits', 'import_batches', 'series', 'observations', 'links']));
    db.close();
  });

  it('refuses a file that is not SQLite and leaves it untouched', () => {
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, '这不是数据库 this is not a database\n'.repeat(10));
    const before = fs.readFileSync(file);
    expect(() => openStore(file)).toThrow(/不是工作台数据文件.*not a workbench store/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a store from a newer version and leaves it untouched', () => {
    const file = path.join(dir, 'future.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.exec('CREATE TABLE x (a)');
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openStore(file)).toThrow(/更新版本.*newer workbench/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a folder given as the store path', () => {
    expect(() => openStore(dir)).toThrow(/文件夹.*folder/);
  });

});

// What every store does, on both engines: a SQLite file, and a database on the PostgreSQL test server.
describe.each(ENGINES)('store on %s', (engine) => {
  const places: StorePlace[] = [];
  const fresh = async () => {
    const place = await freshStore(engine, 'i14copy_store');
    places.push(place);
    return place;
  };
  afterEach(async () => {
    for (const p of places.splice(0)) await p.remove();
  });

  it('creates every table and records the schema version', async () => {
    const { db } = await fresh();
    expect(storeSchemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(storeTables(db).map((t) => t.name)).toEqual(
      expect.arrayContaining(['plans', 'targets', 'edits', 'edit_refusals', 'import_batches', 'series', 'observations', 'links', 'settings']),
    );
    db.close();
  });

    it('seeds once and keeps data across reopen', async () => {
      const { location: file, db: first } = await fresh();
      let db = first;
      expect(seedIfEmpty(db)).toBe(1);
      const planId = repo.defaultPlanId(db)!;
      const count = repo.listTargets(db, planId).length;
      expect(count).toBeGreaterThanOrEqual(7);
      const gdp = repo.listTargets(db, planId).find((t) => t.indicator === '地区生产总值')!;
      repo.applyEdits(db, [{ targetId: gdp.id, field: 'value', value: 6.5 }], 'tester', 'grid');
      db.close();
      db = openStoreAt(file);
      expect(seedIfEmpty(db)).toBe(0);
      expect(repo.listTargets(db, planId)).toHaveLength(count);
      expect(repo.getTarget(db, gdp.id).value).toBe(6.5);
      db.close();
    });

    it('quotes each seeded target from the stored plan text at its offsets', async () => {
      const { db } = await fresh();
      seedIfEmpty(db);
      const planId = repo.defaultPlanId(db)!;
      const text = repo.planText(db, planId);
      for (const t of repo.listTargets(db, planId)) expect(text.slice(t.quoteStart, t.quoteEnd)).toBe(t.quote);
      db.close();
    });

    it('undo and redo replay edit groups in order, and a new edit ends the redo chain', async () => {
      const { db } = await fresh();
      seedIfEmpty(db);
      const [a, b] = repo.listTargets(db, repo.defaultPlanId(db)!);
      const g1 = repo.applyEdits(db, [{ targetId: a.id, field: 'value', value: 1 }], 'u', 'grid');
      const g2 = repo.applyEdits(db, [{ targetId: a.id, field: 'notes', value: 'n' }, { targetId: b.id, field: 'value', value: 2 }], 'u', 'paste');
      expect(g2).toBe(g1! + 1);
      expect(repo.undoLastGroup(db)).toHaveLength(2);
      expect(repo.getTarget(db, a.id).notes).toBe('');
      expect(repo.getTarget(db, b.id).value).toBe(b.value);
      expect(repo.undoLastGroup(db)).toHaveLength(1);
      expect(repo.getTarget(db, a.id).value).toBe(a.value);
      expect(repo.undoLastGroup(db)).toHaveLength(0);
      expect(repo.redoGroup(db)[0].groupId).toBe(g1);
      expect(repo.getTarget(db, a.id).value).toBe(1);
      repo.applyEdits(db, [{ targetId: b.id, field: 'notes', value: 'x' }], 'u', 'grid');
      expect(repo.undoRedoState(db)).toEqual({ canUndo: true, canRedo: false });
      expect(repo.redoGroup(db)).toHaveLength(0);
      const history = repo.editHistory(db, a.id);
      expect(history.map((h) => h.field)).toEqual(['notes', 'value']);
      expect(history[0].undone).toBe(true);
      db.close();
    });

    it('records nothing when a value does not change', async () => {
      const { db } = await fresh();
      seedIfEmpty(db);
      const [a] = repo.listTargets(db, repo.defaultPlanId(db)!);
      expect(repo.applyEdits(db, [{ targetId: a.id, field: 'value', value: a.value }], 'u', 'grid')).toBeNull();
      expect(repo.editHistory(db, a.id)).toHaveLength(0);
      db.close();
    });
});
