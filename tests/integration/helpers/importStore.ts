// Test helpers for the importer: a fresh store in a temp dir with the schema applied, and a full content dump
// to prove a refused import left the store exactly as it was.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS } from '../../../electron/store/migrations';
import type { Store } from '../../../electron/store/openStore';
import { SqliteStore } from '../../../electron/store/sqliteStore';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}

export function openTestStore(dir: string): SqliteStore {
  const file = path.join(dir, 'store.sqlite');
  const db = new Database(file);
  // Every migration, as openStore applies them (foreign keys off while tables are rebuilt).
  db.transaction(() => {
    for (const m of MIGRATIONS) db.exec(m);
  })();
  db.pragma('foreign_keys = ON');
  return new SqliteStore(db, file);
}

export function storeDump(db: Store): string {
  const tables = ['import_batches', 'series', 'observations'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()));
}

export function rowCounts(db: Store): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of ['import_batches', 'series', 'observations']) counts[t] = db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number;
  return counts;
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export const FIXTURES = path.resolve(__dirname, '../../fixtures');
