// A fingerprint of everything a store holds, the same on both engines for the same data: sha256 over every
// table's name, columns and rows (in key order), values written one way whichever engine read them. Two stores
// with the same digest hold the same plans, targets, series, vintages, links, batches, history, refusals and
// settings, to the bit: numbers are IEEE doubles on both (SQLite REAL, PostgreSQL double precision) and are
// written as their shortest exact decimal, so 0.1 stays 0.1 and nothing is rounded to look equal.
import { createHash } from 'node:crypto';
import type { StoreDb } from './storeDb';
import { rowCount, storeTables, tableRows, type StoreTable } from './storeTables';

export interface TableDigest {
  name: string;
  rows: number;
  sha256: string;
}

export interface StoreDigest {
  schemaVersion: number;
  sha256: string;
  tables: TableDigest[];
}

/** The schema version the store says it has (SQLite user_version, the server's workbench_schema row). */
export function storeSchemaVersion(db: StoreDb): number {
  if (db.engine === 'postgres') return Number(db.prepare('SELECT version FROM workbench_schema').pluck().get());
  return Number(db.prepare('PRAGMA user_version').pluck().get());
}

/** One value as the digest writes it: JSON, with what JSON cannot say (non-finite numbers, bytes) tagged. */
export function normaliseValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : { float: String(v) };
  if (typeof v === 'bigint') return { int: v.toString() };
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('hex') };
  return { other: String(v) };
}

/** One row's line in the digest. */
export function rowLine(row: readonly unknown[]): string {
  return `${JSON.stringify(row.map(normaliseValue))}\n`;
}

function tableDigest(db: StoreDb, t: StoreTable): TableDigest {
  const hash = createHash('sha256');
  hash.update(`${JSON.stringify(t.columns)}\n`);
  let rows = 0;
  for (const row of tableRows(db, t)) {
    hash.update(rowLine(row));
    rows++;
  }
  return { name: t.name, rows, sha256: hash.digest('hex') };
}

/** The store's digest; read inside one transaction by the caller when the store may be written meanwhile. */
export function storeDigest(db: StoreDb, tables: StoreTable[] = storeTables(db)): StoreDigest {
  const schemaVersion = storeSchemaVersion(db);
  const digests = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((t) => tableDigest(db, t));
  const hash = createHash('sha256');
  hash.update(`plan-workbench store digest 1\nschema ${schemaVersion}\n`);
  for (const d of digests) hash.update(`${d.name} ${d.rows} ${d.sha256}\n`);
  return { schemaVersion, sha256: hash.digest('hex'), tables: digests };
}

/** Rows per table, without reading them: what a non-empty store holds. */
export function storeCounts(db: StoreDb, tables: StoreTable[] = storeTables(db)): { name: string; rows: number }[] {
  return tables.map((t) => ({ name: t.name, rows: rowCount(db, t) }));
}
