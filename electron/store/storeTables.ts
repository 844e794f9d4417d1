// What a store holds, read from the store itself on either engine: its workbench tables, their columns, primary
// keys and foreign keys. copy-store and the store digest use it, so a table or column a later migration adds is
// copied and compared without anyone remembering to list it here.
import type { StoreDb } from './storeDb';

export interface StoreTable {
  name: string;
  /** Column names, sorted: the engines order columns differently (SQLite appends ALTERed ones). */
  columns: string[];
  /** The primary key's columns, in key order: rows are read and compared in this order. */
  key: string[];
  /** Tables this one references (foreign keys), so they are filled first. */
  references: string[];
  /** Is the key an integer id (identity on the server)? Then rows are read in pages by it. */
  integerId: boolean;
}

/** The server's bookkeeping, not the analysts' data: never copied (the target has its own). */
const SERVER_BOOKKEEPING = new Set(['workbench_schema', 'workbench_changes']);

function sqliteTables(db: StoreDb): StoreTable[] {
  const names = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
    .pluck()
    .all() as string[];
  return names.map((name) => {
    const info = db.prepare('SELECT name, type, pk FROM pragma_table_info(?)').all(name) as { name: string; type: string; pk: number }[];
    const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const refs = db.prepare('SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)').pluck().all(name) as string[];
    return {
      name,
      columns: info.map((c) => c.name).sort(),
      key: key.map((c) => c.name),
      references: refs.filter((r) => r !== name).sort(),
      integerId: key.length === 1 && /INT/i.test(key[0].type),
    };
  });
}

function pgTables(db: StoreDb): StoreTable[] {
  const names = (db.prepare('SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename').pluck().all() as string[]).filter(
    (n) => !SERVER_BOOKKEEPING.has(n),
  );
  return names.map((name) => {
    const columns = db
      .prepare('SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?')
      .all(name) as { column_name: string; data_type: string }[];
    const key = db
      .prepare(
        `SELECT a.attname AS name FROM pg_index i
           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
          WHERE i.indrelid = to_regclass(?) AND i.indisprimary
          ORDER BY array_position(i.indkey::int2[], a.attnum)`,
      )
      .pluck()
      .all(name) as string[];
    const refs = db
      .prepare(
        `SELECT DISTINCT c.confrelid::regclass::text AS ref FROM pg_constraint c
          WHERE c.conrelid = to_regclass(?) AND c.contype = 'f'`,
      )
      .pluck()
      .all(name) as string[];
    const keyType = columns.find((c) => c.column_name === key[0])?.data_type ?? '';
    return {
      name,
      columns: columns.map((c) => c.column_name).sort(),
      key,
      references: refs.filter((r) => r !== name).sort(),
      integerId: key.length === 1 && /int/i.test(keyType),
    };
  });
}

/** The store's tables, parents before children (the order rows are inserted in), ties by name. */
export function storeTables(db: StoreDb): StoreTable[] {
  const tables = db.engine === 'postgres' ? pgTables(db) : sqliteTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: StoreTable[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const place = (t: StoreTable): void => {
    if (placed.has(t.name)) return;
    if (visiting.has(t.name)) throw new Error(`foreign keys form a cycle through ${t.name}`);
    visiting.add(t.name);
    for (const r of t.references) {
      const parent = byName.get(r);
      if (parent) place(parent);
    }
    visiting.delete(t.name);
    placed.add(t.name);
    ordered.push(t);
  };
  for (const t of tables) place(t);
  return ordered;
}

/** A quoted identifier, the same on both engines (names come from the store's own catalogue, never from a user). */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `SELECT <columns> FROM t ORDER BY <key>`, optionally a page after a given integer id. */
export function selectRowsSql(t: StoreTable, page?: { limit: number; afterKey: boolean }): string {
  const cols = t.columns.map(ident).join(', ');
  const order = (t.key.length > 0 ? t.key : t.columns).map(ident).join(', ');
  if (!page || !t.integerId) return `SELECT ${cols} FROM ${ident(t.name)} ORDER BY ${order}`;
  const after = page.afterKey ? ` WHERE ${ident(t.key[0])} > ?` : '';
  return `SELECT ${cols} FROM ${ident(t.name)}${after} ORDER BY ${order} LIMIT ${page.limit}`;
}

/**
 * Every row of a table as arrays of column values (columns sorted), in key order; integer-keyed tables are read
 * in pages so a million observations never sit in memory at once.
 */
export function* tableRows(db: StoreDb, t: StoreTable, pageSize = 5000): Generator<unknown[]> {
  if (!t.integerId) {
    yield* db.prepare(selectRowsSql(t)).raw().all() as unknown[][];
    return;
  }
  const keyIndex = t.columns.indexOf(t.key[0]);
  const next = db.prepare(selectRowsSql(t, { limit: pageSize, afterKey: true })).raw();
  let after: unknown = null;
  for (;;) {
    const rows = (after === null ? db.prepare(selectRowsSql(t, { limit: pageSize, afterKey: false })).raw().all() : next.all(after)) as unknown[][];
    yield* rows;
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1][keyIndex];
  }
}

export function rowCount(db: StoreDb, t: StoreTable): number {
  return Number(db.prepare(`SELECT COUNT(*) FROM ${ident(t.name)}`).pluck().get());
}
