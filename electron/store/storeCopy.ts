// copy-store: moves a desk's store to the server and back (or file to file, server to server), exactly. Every
// table the store holds is copied row by row with its ids, in one transaction on the target under its writers'
// lock; the server's identity sequences are then moved past the copied ids, so the next import or edit does not
// collide with them. The target's digest is compared with the source's before the transaction commits: a copy
// that is not identical is rolled back, never left half-written. The source is read in one snapshot.
import { WorkbenchError } from '../../shared/errors';
import type { StoreDb } from './storeDb';
import { storeCounts, storeDigest, storeSchemaVersion, type StoreDigest } from './storeDigest';
import { ident, storeTables, tableRows, type StoreTable } from './storeTables';
import { writeTransaction } from './writeTransaction';

export interface CopyOutcome {
  /** copied: the target was empty and now holds the source; identical: it already did, nothing was written. */
  outcome: 'copied' | 'identical';
  digest: StoreDigest;
}

/** PostgreSQL takes at most 65,535 parameters per statement; rows go in batches well under that. */
const PG_PARAMETERS_PER_INSERT = 30_000;

function sameSchema(source: StoreTable[], target: StoreTable[]): string | null {
  const describe = (ts: StoreTable[]) => new Map(ts.map((t) => [t.name, t.columns.join(',')]));
  const s = describe(source);
  const t = describe(target);
  for (const [name, cols] of s) {
    if (!t.has(name)) return `目标没有表 ${name} / the target has no table ${name}`;
    if (t.get(name) !== cols) return `表 ${name} 的列不同（${cols} ≠ ${t.get(name)}） / table ${name} has other columns (${cols} ≠ ${t.get(name)})`;
  }
  for (const name of t.keys()) if (!s.has(name)) return `来源没有表 ${name} / the source has no table ${name}`;
  return null;
}

function insertRows(target: StoreDb, t: StoreTable, rows: Iterable<unknown[]>): number {
  const cols = t.columns.map(ident).join(', ');
  const one = `(${t.columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${ident(t.name)} (${cols}) VALUES `;
  let n = 0;
  if (target.engine === 'sqlite') {
    const insert = target.prepare(head + one);
    for (const row of rows) {
      insert.run(row);
      n++;
    }
    return n;
  }
  // The server: many rows per statement, so a million observations are not a million round trips.
  const perBatch = Math.max(1, Math.floor(PG_PARAMETERS_PER_INSERT / t.columns.length));
  const statements = new Map<number, ReturnType<StoreDb['prepare']>>();
  const flush = (batch: unknown[][]) => {
    let insert = statements.get(batch.length);
    if (!insert) {
      insert = target.prepare(head + batch.map(() => one).join(', '));
      statements.set(batch.length, insert);
    }
    insert.run(batch.flat());
  };
  let batch: unknown[][] = [];
  for (const row of rows) {
    batch.push(row);
    n++;
    if (batch.length === perBatch) {
      flush(batch);
      batch = [];
    }
  }
  if (batch.length > 0) flush(batch);
  return n;
}

/** On the server: each identity sequence continues after the largest copied id. */
function moveSequences(target: StoreDb, tables: StoreTable[]): void {
  if (target.engine !== 'postgres') return; // SQLite's next rowid is the largest id + 1 by itself
  for (const t of tables) {
    if (!t.integerId) continue;
    const key = ident(t.key[0]);
    // pg_get_serial_sequence answers NULL for a key without a sequence (links.target_id); setval(NULL) is NULL.
    target
      .prepare(`SELECT setval(pg_get_serial_sequence(?, ?), COALESCE((SELECT MAX(${key}) FROM ${ident(t.name)}), 0) + 1, false)`)
      .get(t.name, t.key[0]);
  }
}

function holdings(counts: { name: string; rows: number }[]): string {
  return counts
    .filter((c) => c.rows > 0)
    .map((c) => `${c.name} ${c.rows}`)
    .join(', ');
}

/** Reads `fn` from one consistent snapshot of the store (a colleague's commit meanwhile is not half-seen). */
function inSnapshot<T>(db: StoreDb, fn: () => T): T {
  return db.transaction(() => {
    if (db.engine === 'postgres') db.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return fn();
  })();
}

/**
 * Copies everything `source` holds into `target`, which must be empty or already identical. Both stores are open
 * at this workbench's schema version (opening migrates an older one and refuses a newer one), checked again here.
 */
export function copyStore(source: StoreDb, target: StoreDb): CopyOutcome {
  return inSnapshot(source, () => {
    const tables = storeTables(source);
    const targetTables = storeTables(target);
    const differs = sameSchema(tables, targetTables);
    const from = storeDigest(source, tables);
    const toVersion = storeSchemaVersion(target);
    if (from.schemaVersion !== toVersion) {
      throw new WorkbenchError(
        'store',
        `来源与目标的数据版本不同（${from.schemaVersion} 与 ${toVersion}），未复制任何内容；请先用同一版本的工作台打开两者以升级 / The source and target are at different schema versions (${from.schemaVersion} and ${toVersion}); nothing was copied; open both with the same workbench to upgrade them first`,
      );
    }
    if (differs) throw new WorkbenchError('store', `来源与目标的表结构不同，未复制任何内容：${differs} / The source and target schemas differ; nothing was copied: ${differs}`);
    return writeTransaction(target, () => {
      const before = storeDigest(target, targetTables);
      if (before.sha256 === from.sha256) return { outcome: 'identical' as const, digest: from };
      const held = holdings(storeCounts(target, targetTables));
      if (held !== '') {
        throw new WorkbenchError(
          'store',
          `目标不是空的，也与来源不同（已有 ${held} 行），未覆盖任何内容 / The target is not empty and differs from the source (it holds ${held} rows); nothing was overwritten`,
        );
      }
      for (const t of tables) insertRows(target, t, tableRows(source, t));
      moveSequences(target, tables);
      const after = storeDigest(target, targetTables);
      if (after.sha256 !== from.sha256) {
        const wrong = after.tables.filter((t, i) => t.sha256 !== from.tables[i]?.sha256).map((t) => t.name);
        throw new WorkbenchError(
          'store',
          `复制后的数据与来源不一致（${wrong.join(', ')}），已撤销，目标保持为空 / The copy differs from the source (${wrong.join(', ')}); it was rolled back and the target left empty`,
        );
      }
      return { outcome: 'copied' as const, digest: from };
    });
  });
}
