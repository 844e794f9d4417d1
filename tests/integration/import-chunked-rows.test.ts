// The commit writes observation rows in multi-row statements, a chunk at a time. Whatever the chunk boundaries,
// the store must hold exactly the rows of the vintage rule, in file order, each with its cell: checked here
// against values computed from the test's own file, over two imports (new values, then revisions and a new month).
import type { Store } from '../../electron/store/openStore';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport } from '../../electron/import/commitImport';
import { insertObservationRows, type ObservationRow } from '../../electron/import/observationRows';
import { SQLITE_ROWS_PER_STATEMENT as ROWS_PER_STATEMENT } from '../../electron/store/bulkInsert';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { columnName } from '../../shared/sheet/cellAddress';
import { openTestStore, sha256, tempDir } from './helpers/importStore';

const SERIES = 37;
// 37 × 40 = 1,480 rows: more than one writer chunk (1,000) and not a multiple of the 50 rows of one statement.
const MONTHS = 40;

/** `2025年12月` back to `2022年9月` (newest first, as the portal writes them) and their keys. */
function months(count: number, newest: { y: number; m: number }): { label: string; key: string }[] {
  const out = [];
  let { y, m } = newest;
  for (let i = 0; i < count; i++) {
    out.push({ label: `${y}年${m}月`, key: `${y}-${String(m).padStart(2, '0')}` });
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  return out;
}

const label = (s: number) => `产品${s}产量累计值(万吨)`;
const first = (s: number, p: number) => Math.round((s * 31 + p * 7) % 997) / 10 + 1;

/** A wide file: title row, header row (line 2), one series per line from line 3. */
function wideFile(periods: { label: string }[], value: (s: number, p: number) => number): Uint8Array {
  const lines = ['地区：内蒙古自治区', ['指标', ...periods.map((p) => p.label)].join(',')];
  for (let s = 0; s < SERIES; s++) lines.push([label(s), ...periods.map((_, p) => value(s, p))].join(','));
  return new TextEncoder().encode(lines.join('\n'));
}

interface StoredRow {
  label: string;
  period: string;
  value: number;
  batch_id: number;
  sheet: string;
  cell: string;
  source_period: string;
}

function storedRows(db: Store): StoredRow[] {
  return db
    .prepare(
      `SELECT s.label, o.period, o.value, o.batch_id, src.sheet, o.cell, sp.text AS source_period
       FROM observations o JOIN series s ON s.id = o.series_id
       JOIN observation_sources src ON src.id = o.source_id AND src.batch_id = o.batch_id
       JOIN source_periods sp ON sp.id = o.source_period_id AND sp.batch_id = o.batch_id ORDER BY o.id`,
    )
    .all() as StoredRow[];
}

let db: Store;
beforeEach(() => {
  db = openTestStore(tempDir('chunked-rows'));
});
afterEach(() => db.close());

describe('observation rows written in chunks', () => {
  it('stores every value with its cell, then only the new month and the revised values', async () => {
    const old = months(MONTHS, { y: 2025, m: 11 });
    const a = wideFile(old, first);
    const one = commitImport(db, await parseStatisticsFile(a, 'a.csv'), { fileName: 'a.csv', fileHash: sha256(a), skipInvalid: false });
    expect(one.observationCount).toBe(SERIES * MONTHS);

    const expected: StoredRow[] = [];
    for (let s = 0; s < SERIES; s++) {
      old.forEach((p, i) => expected.push({ label: label(s), period: p.key, value: first(s, i), batch_id: one.batchId!, sheet: 'a', cell: `${columnName(i + 1)}${s + 3}`, source_period: p.label }));
    }
    expect(storedRows(db)).toEqual(expected);

    // Next month: one new column in front; every 7th value of the old months revised, the rest as stored.
    const next = months(MONTHS + 1, { y: 2025, m: 12 });
    const revised = (s: number, i: number) => (s * MONTHS + i) % 7 === 0;
    const secondValue = (s: number, p: number) => (p === 0 ? 500 + s : revised(s, p - 1) ? first(s, p - 1) + 0.5 : first(s, p - 1));
    const b = wideFile(next, secondValue);
    const two = commitImport(db, await parseStatisticsFile(b, 'b.csv'), { fileName: 'b.csv', fileHash: sha256(b), skipInvalid: false });

    const added: StoredRow[] = [];
    let revisions = 0;
    for (let s = 0; s < SERIES; s++) {
      next.forEach((p, i) => {
        const isNew = i === 0;
        if (!isNew && !revised(s, i - 1)) return;
        if (!isNew) revisions++;
        added.push({ label: label(s), period: p.key, value: secondValue(s, i), batch_id: two.batchId!, sheet: 'b', cell: `${columnName(i + 1)}${s + 3}`, source_period: p.label });
      });
    }
    expect(two.observationCount).toBe(added.length);
    expect(two.unchangedCount).toBe(SERIES * MONTHS - revisions);
    expect(two.changes.counts).toMatchObject({ observationsNew: SERIES, observationsRevised: revisions, observationsUnchanged: SERIES * MONTHS - revisions });
    expect(storedRows(db)).toEqual([...expected, ...added]);
  });

  it('inserts any number of rows in order, across whole statements and the remainder', () => {
    db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('t', '', '')").run();
    db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES ('x', 'x', '', 'monthly', 'monthly', '')").run();
    let written = 0;
    for (const n of [0, 1, ROWS_PER_STATEMENT - 1, ROWS_PER_STATEMENT, ROWS_PER_STATEMENT + 1, 3 * ROWS_PER_STATEMENT + 7]) {
      const rows: ObservationRow[] = Array.from({ length: n }, (_, i) => ({ seriesId: 1, period: `p${n}-${i}`, value: n + i / 100, batchId: 1, sheet: 'S', cell: `B${i + 2}`, label: 'x', sourcePeriod: `${i}` }));
      insertObservationRows(db, rows);
      const back = db.prepare('SELECT period, value, cell FROM observations WHERE id > ? ORDER BY id').all(written);
      expect(back).toEqual(rows.map((r) => ({ period: r.period, value: r.value, cell: r.cell })));
      written += n;
    }
  });
});
