// Bulk inserts on both engines: the rows read back are the rows given (NULLs, quotes, exact doubles, CJK text),
// across chunk borders on PostgreSQL, and a failing row leaves nothing of the call behind.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertReturning, insertRows, rowInserter, singleRowInsertSql, unnestInsertSql } from '../../electron/store/bulkInsert';
import { openStore } from '../../electron/store/openStore';
import { openPgStore } from '../../electron/store/pg/openPgStore';
import type { StoreDb } from '../../electron/store/storeDb';
import { writeTransaction } from '../../electron/store/writeTransaction';
import { dropDatabase, freshDatabase } from '../helpers/pg';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const TARGET_COLUMNS = ['plan_id', 'position', 'section', 'indicator', 'kind', 'value', 'value_low', 'unit', 'basis', 'quote', 'quote_start', 'quote_end'];

/** Awkward values on purpose: quotes of both kinds, a backslash, NULLs, doubles that print long, CJK. */
function targetRows(planId: number, n: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push([
      planId,
      i + 1,
      '一、',
      `指标${i} "增加值" 'O''Brien' \\ ；`,
      i % 2 ? 'level' : 'growth_rate',
      i % 3 === 0 ? null : 0.1 + i * 1e-7 + 1 / 3,
      i % 5 === 0 ? -1.7976931348623157e308 : null,
      i % 4 === 0 ? null : '亿元',
      null,
      `“原文”第${i}句?$1 ?`,
      i,
      i + 10,
    ]);
  }
  return rows;
}

const readBack = (db: StoreDb, planId: number) =>
  db
    .prepare(`SELECT ${TARGET_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM targets WHERE plan_id = ? ORDER BY position`)
    .raw()
    .all(planId) as unknown[][];

function newPlan(db: StoreDb): number {
  return writeTransaction(db, () =>
    (db.prepare("INSERT INTO plans (year, region, title, source_file, source_text, created_at) VALUES (2025, '测试', 'bulk', 'x', '', '') RETURNING id").get() as { id: number }).id,
  );
}

describe('statement shapes', () => {
  it('is one parameter per column on either engine, whatever the number of rows', () => {
    expect(singleRowInsertSql('observations', ['series_id', 'value'])).toBe('INSERT INTO "observations" ("series_id", "value") VALUES (?, ?)');
    expect(unnestInsertSql('observations', ['series_id', 'value'], ['integer', 'double precision'])).toBe(
      'INSERT INTO "observations" ("series_id", "value") SELECT * FROM unnest(?::integer[], ?::double precision[])',
    );
  });

  it('refuses names that are not plain identifiers, and odd type names', () => {
    expect(() => singleRowInsertSql('observations; DROP TABLE x', ['a'])).toThrow(/identifier/);
    expect(() => unnestInsertSql('observations', ['a"b'], ['text'])).toThrow(/identifier/);
    expect(() => unnestInsertSql('observations', ['a'], ['text[]); DROP TABLE x; --'])).toThrow(/type/);
  });
});

type Opened = { db: StoreDb; cleanup: () => Promise<void> };

const engines: [string, () => Promise<Opened>][] = [
  [
    'sqlite',
    async () => {
      const dir = makeTmpDir('wb-bulk-');
      const db = openStore(path.join(dir, 'store.sqlite'));
      return { db, cleanup: async () => { db.close(); removeDir(dir); } };
    },
  ],
  [
    'postgres',
    async () => {
      const { name, url } = await freshDatabase('i14_bench_bulk');
      const db = openPgStore(url, { create: true });
      return { db, cleanup: async () => { db.close(); await dropDatabase(name); } };
    },
  ],
];

describe.each(engines)('insertRows on %s', (_engine, open) => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await open();
  });
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('reads back exactly the rows given, across chunk borders', () => {
    const { db } = opened;
    const planId = newPlan(db);
    const rows = targetRows(planId, 257);
    // 10 rows a statement: 25 full chunks and a short last one.
    const written = insertRows(db, 'targets', TARGET_COLUMNS, rows, { rowsPerStatement: 10 });
    expect(written).toBe(257);
    expect(readBack(db, planId)).toEqual(rows);
  });

  it('writes with the default chunk size too (observations, exact doubles)', () => {
    const { db } = opened;
    const batch = writeTransaction(db, () => {
      const b = (db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('b.xlsx', 'h', '') RETURNING id").get() as { id: number }).id;
      const s = (db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES ('工业增加值', '工业增加值(%)', '%', 'yoy', 'monthly', '') RETURNING id").get() as { id: number }).id;
      const inserter = rowInserter(db, 'observations', ['series_id', 'period', 'value', 'batch_id', 'cell']);
      for (let i = 0; i < 2_500; i++) inserter.add([i === 3 ? BigInt(s) : s, `p${String(i).padStart(5, '0')}`, i === 7 ? 5e-324 : i * 0.1 + Math.PI, b, "it's \"quoted\""]);
      inserter.flush();
      expect(inserter.written).toBe(2_500);
      return b;
    });
    const back = db.prepare('SELECT period, value, cell AS label FROM observations WHERE batch_id = ? ORDER BY period').all(batch) as { period: string; value: number; label: string }[];
    expect(back).toHaveLength(2_500);
    expect(back[7].value).toBe(5e-324);
    expect(db.prepare('SELECT COUNT(*) FROM observations WHERE batch_id = ? AND series_id = (SELECT series_id FROM observations WHERE batch_id = ? AND period = ?)').pluck().get(batch, batch, 'p00003')).toBe(2_500);
    expect(back[2_499].value).toBe(2_499 * 0.1 + Math.PI);
    expect(back.every((r) => r.label === "it's \"quoted\"")).toBe(true);
  });

  it('answers the returned columns of every row inserted, across chunk borders (new series and their ids)', () => {
    const { db } = opened;
    const rows = Array.from({ length: 123 }, (_, i) => [`返回指标${i}`, `返回指标${i}(亿元)`, '亿元', 'monthly', 'monthly', i % 2 ? '全国' : '']);
    // 123 rows: two whole statements of 50 and 23 one by one on SQLite, 25 chunks of 5 on PostgreSQL.
    const back = writeTransaction(db, () => insertReturning(db, 'series', ['name', 'label', 'unit', 'measure', 'frequency', 'region'], rows, ['id', 'name', 'region'], { rowsPerStatement: 5 })) as [number, string, string][];
    expect(back.map(([, name, region]) => [name, region]).sort()).toEqual(rows.map((r) => [r[0], r[5]]).sort());
    // Each id is the row stored under that name.
    for (const [id, name] of back) expect(db.prepare('SELECT name FROM series WHERE id = ?').pluck().get(id)).toBe(name);
    expect(() => insertReturning(db, 'series', ['name'], [['x']], ['id'])).toThrow(/write transaction/);
  });

  it('leaves nothing behind when a row is refused', () => {
    const { db } = opened;
    const planId = newPlan(db);
    const rows = targetRows(planId, 40);
    rows[33][4] = 'not_a_kind'; // fails the CHECK constraint in the fourth chunk
    expect(() => writeTransaction(db, () => insertRows(db, 'targets', TARGET_COLUMNS, rows, { rowsPerStatement: 10 }))).toThrow();
    expect(readBack(db, planId)).toEqual([]);
  });

  it('refuses a row of the wrong width and writing outside a transaction', () => {
    const { db } = opened;
    const inserter = rowInserter(db, 'targets', TARGET_COLUMNS);
    expect(() => inserter.add([1, 2])).toThrow(/2 values for 12 columns/);
    const planId = newPlan(db);
    expect(() => {
      inserter.add(targetRows(planId, 1)[0]);
      inserter.flush();
    }).toThrow(/write transaction/);
    expect(readBack(db, planId)).toEqual([]);
  });
});

describe('the change counter on PostgreSQL (migration 7)', () => {
  let opened: Opened;
  beforeAll(async () => {
    opened = await engines[1][1]();
  });
  afterAll(async () => {
    await opened?.cleanup();
  });

  it('moves once per committed write transaction, however many statements it ran', () => {
    const { db } = opened;
    const counter = () => db.prepare('SELECT n FROM workbench_changes').pluck().get() as number;
    const before = counter();
    const planId = newPlan(db);
    expect(counter()).toBe(before + 1);
    // 30 statements of 10 rows each in one transaction: still one step.
    insertRows(db, 'targets', TARGET_COLUMNS, targetRows(planId, 300), { rowsPerStatement: 10 });
    expect(counter()).toBe(before + 2);
    expect(() =>
      writeTransaction(db, () => {
        insertRows(db, 'targets', TARGET_COLUMNS, targetRows(planId, 5));
        throw new Error('abandoned');
      }),
    ).toThrow('abandoned');
    expect(counter()).toBe(before + 2);
    // A savepoint rolled back inside a transaction that commits: the commit still counts, once.
    writeTransaction(db, () => {
      expect(() => writeTransaction(db, () => {
        insertRows(db, 'targets', TARGET_COLUMNS, targetRows(planId, 5));
        throw new Error('inner');
      })).toThrow('inner');
      db.prepare("UPDATE plans SET title = 'bulk 2' WHERE id = ?").run(planId);
    });
    expect(counter()).toBe(before + 3);
  });
});
