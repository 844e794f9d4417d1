// The streamed import (electron/import/streamed/: a parse thread maps the rows as it reads while the store thread
// writes them in the import's transaction) against the classic import (parse whole, then commit). Two SQLite stores
// take the same files in the same order: one through parseStatisticsFile + commitImport, the other through
// importStreamed, falling back to the classic import when it stops, as the service does. Every answer (the result,
// or the error's class, code and message) and every row of every table must be equal after each file, and the
// streamed import must have been used where it can be (a fresh grid of new series) and have stopped, writing
// nothing, where it cannot: series the store holds, a layout not mapped as read, a whole-sheet detection that
// differs from the head's, the file's own checks changing a series, control characters, rows out of order.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, type CommitOptions, type CommitResult } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { importStreamed, streamable, type StreamedImportHooks, type StreamedImportReport } from '../../electron/import/streamed/streamedImport';
import { HEAD_ROWS } from '../../electron/import/streamed/speculativeParse';
import { openStore } from '../../electron/store/openStore';
import type { SqliteStore } from '../../electron/store/sqliteStore';
import { seedIfEmpty } from '../../electron/store/seed';
import { storeTables, tableRows } from '../../electron/store/storeTables';
import type { Store } from '../../electron/store/openStore';
import { monthHeadersNewestFirst, workbook, type Cell, type SheetSpec } from './helpers/layoutFixtures';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const HEAD = { head: { rows: 12, columns: 8 } };
const NOW = new Date('2026-11-30T08:00:00Z');

type Answer = { result: CommitResult } | { error: { name: string; code: unknown; message: string } };

async function answer(run: () => Promise<CommitResult> | CommitResult): Promise<Answer> {
  try {
    return { result: await run() };
  } catch (e) {
    const err = e as Error & { code?: unknown };
    return { error: { name: err.constructor.name, code: err.code, message: err.message } };
  }
}

function everyRow(db: Store): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of storeTables(db)) out[t.name] = [...tableRows(db, t)];
  return out;
}

const SUFFIXES = ['累计值(亿元)', '当期值(万吨)', '累计增长(%)', '(上年同月=100)'];

/** An NBS wide export: titles, a header of months newest first, `series` indicator rows, footnotes. */
function wideRows(series: number, periods: number, opts: { first?: number; value?: (s: number, p: number) => Cell } = {}): Cell[][] {
  const rows: Cell[][] = [['数据库：分省月度数据'], ['地区：示例省'], [`时间：最近${periods}个月`], ['指标', ...monthHeadersNewestFirst(periods, 2025, 10)]];
  const first = opts.first ?? 0;
  const value = opts.value ?? ((s: number, p: number) => ((s + p) % 7 === 3 ? null : Math.round((s * 13.7 + p * 2.9) * 10) / 10));
  for (let s = first; s < first + series; s++) rows.push([`示例指标${s}${SUFFIXES[s % 4]}`, ...Array.from({ length: periods }, (_, p) => value(s, p))]);
  rows.push(['注：示例数据。'], ['数据来源：测试']);
  return rows;
}

const xlsx = (sheets: SheetSpec[]) => workbook(sheets, 'xlsx');

describe('the streamed import against the classic import (SQLite)', () => {
  let dir: string;
  let classic: SqliteStore;
  let streamed: SqliteStore;
  let reports: StreamedImportReport[];

  beforeEach(() => {
    dir = makeTmpDir('wb-streamed-');
    classic = openStore(path.join(dir, 'classic.sqlite')) as SqliteStore;
    streamed = openStore(path.join(dir, 'streamed.sqlite')) as SqliteStore;
    reports = [];
  });
  afterEach(() => {
    classic.close();
    streamed.close();
    removeDir(dir);
  });

  /** One file into both stores; answers whether the streamed import was used. */
  async function importBoth(bytes: Uint8Array, fileName: string, skipInvalid = false, hooks: StreamedImportHooks = {}): Promise<StreamedImportReport> {
    const opts: CommitOptions = { fileName, fileHash: `hash-${fileName}`, skipInvalid, now: NOW };
    const a = await answer(async () => commitImport(classic, await parseStatisticsFile(bytes, fileName, HEAD), opts));
    let report: StreamedImportReport = { used: false, reason: 'not streamable' };
    const b = await answer(async () => {
      expect(streamable(streamed, fileName, HEAD)).toBe(true);
      const got = await importStreamed(streamed, bytes, fileName, HEAD, opts, { ...hooks, report: (r) => (report = r) });
      if (got) return got.result;
      return commitImport(streamed, await parseStatisticsFile(bytes, fileName, HEAD), opts);
    });
    expect(b).toEqual(a);
    const want = everyRow(classic);
    const got = everyRow(streamed);
    expect(Object.keys(got)).toEqual(Object.keys(want));
    for (const [table, rows] of Object.entries(want)) expect(got[table], table).toEqual(rows);
    reports.push(report);
    return report;
  }

  it('writes a fresh grid as it is read, row for row as the classic import; the same file again falls back', async () => {
    const file = xlsx([{ name: '月度', rows: wideRows(HEAD_ROWS + 700, 14) }]);
    expect((await importBoth(file, 'fresh.xlsx')).used).toBe(true);
    const again = await importBoth(file, 'fresh.xlsx');
    expect(again).toMatchObject({ used: false, reason: expect.stringMatching(/store holds/) });
    // New months of the same series and new series: the store holds some, so the classic import writes them.
    const more = xlsx([{ name: '月度', rows: wideRows(HEAD_ROWS + 800, 15, { value: (s, p) => s * 2 + p }) }]);
    expect((await importBoth(more, 'more.xlsx')).used).toBe(false);
    // New series first, then stored ones further down: the head is new, so the transaction writes batches before the
    // store's series stop it; it rolls back and the classic import follows.
    const newThenStored = wideRows(HEAD_ROWS + 500, 14, { first: 70_000 });
    newThenStored.splice(-2, 0, ...wideRows(30, 14).slice(4, -2));
    expect(await importBoth(xlsx([{ name: '月度', rows: newThenStored }]), 'new-then-stored.xlsx')).toMatchObject({ used: false, reason: expect.stringMatching(/store holds/) });
    // Series all new to the store beside stored ones: streamed again.
    const fresh = xlsx([{ name: '月度', rows: wideRows(300, 6, { first: 50_000 }) }]);
    expect((await importBoth(fresh, 'fresh2.xlsx')).used).toBe(true);
  });

  it('imports into a seeded store (home region, plans) with two sheets and indented parts as the classic import', async () => {
    // One seeded store copied, so that both hold the very same plans (their rows carry the time of seeding).
    seedIfEmpty(classic);
    classic.close();
    streamed.close();
    fs.copyFileSync(path.join(dir, 'classic.sqlite'), path.join(dir, 'streamed.sqlite'));
    classic = openStore(path.join(dir, 'classic.sqlite')) as SqliteStore;
    streamed = openStore(path.join(dir, 'streamed.sqlite')) as SqliteStore;
    const parts: Cell[][] = [['地区：示例省'], ['指标', ...monthHeadersNewestFirst(6, 2025, 10)], ['工业增加值合计累计值(亿元)', 10, 20, 30, 40, 50, 60], ['  其中：甲累计值(亿元)', 4, 8, 12, 16, 20, 24], ['  乙累计值(亿元)', 5, 9, 13, 17, 21, 25]];
    const file = xlsx([{ name: '甲表', rows: wideRows(1500, 8) }, { name: '乙表', rows: parts }]);
    expect((await importBoth(file, 'two-sheets.xlsx')).used).toBe(true);
  });

  it('stops and falls back where the whole sheet is not what its head says', async () => {
    // A table whose label column is read as something else further down: text in column A below the head.
    const rows = wideRows(HEAD_ROWS + 100, 6);
    rows.splice(HEAD_ROWS + 50, 0, ['', '说明：以下为补充数据']);
    await importBoth(xlsx([{ name: 'S', rows }]), 'tail.xlsx');
    // A long table of a second sheet, read whole by the classic import.
    const long: Cell[][] = [['指标', '时间', '数值'], ...Array.from({ length: 30 }, (_, k): Cell[] => ['原煤产量当期值(万吨)', `2025年${(k % 12) + 1}月`, k])];
    const report = await importBoth(xlsx([{ name: '宽表', rows: wideRows(40, 4, { first: 900 }) }, { name: '长表', rows: long }]), 'mixed.xlsx');
    expect(report).toMatchObject({ used: false });
  });

  it('stops where the file checks itself: a series twice, conflicting duplicates, implausible values', async () => {
    const twice = wideRows(1200, 5);
    twice.splice(1100, 0, [...twice[10]]);
    expect((await importBoth(xlsx([{ name: 'S', rows: twice }]), 'twice.xlsx')).used).toBe(false);
    const conflict = wideRows(1200, 5, { first: 3000 });
    const changed = [...conflict[20]];
    changed[2] = 99_999;
    conflict.splice(1150, 0, changed);
    expect((await importBoth(xlsx([{ name: 'S', rows: conflict }]), 'conflict.xlsx')).used).toBe(false);
    expect((await importBoth(xlsx([{ name: 'S', rows: conflict }]), 'conflict.xlsx', true)).used).toBe(false);
    const huge = wideRows(1200, 5, { first: 6000, value: (s, p) => (s === 6500 && p === 2 ? 1e300 : s + p) });
    expect((await importBoth(xlsx([{ name: 'S', rows: huge }]), 'huge.xlsx')).used).toBe(false);
  });

  it('refuses flagged cells as the classic import does, and skips them when asked, streamed', async () => {
    const rows = wideRows(1100, 5, { first: 8000, value: (s, p) => (s === 8900 && p === 1 ? '不详' : s + p) });
    const refused = await importBoth(xlsx([{ name: 'S', rows }]), 'flagged.xlsx');
    expect(refused.used).toBe(false);
    expect((await importBoth(xlsx([{ name: 'S', rows }]), 'flagged.xlsx', true)).used).toBe(true);
  });

  it('stops for control characters, a file with no values and a file that is not a workbook', async () => {
    const rows = wideRows(20, 4, { first: 10_000 });
    rows[6][0] = `控制\u0001字符${rows[6][0] as string}`;
    expect((await importBoth(xlsx([{ name: 'S', rows }]), 'ctrl.xlsx')).used).toBe(false);
    expect((await importBoth(xlsx([{ name: 'S', rows: [['说明'], ['没有数据']] }]), 'empty.xlsx')).used).toBe(false);
    expect((await importBoth(new Uint8Array(Buffer.from('not a workbook')), 'text.xlsx')).used).toBe(false);
  });

  it('takes merged title cells, which the reader meets after the rows', async () => {
    const rows = wideRows(HEAD_ROWS + 10, 6, { first: 12_000 });
    expect((await importBoth(xlsx([{ name: 'S', rows, merges: ['A1:G1'] }]), 'merged.xlsx')).used).toBe(true);
  });

  it('falls back when the parse thread runs out of memory midway, having written its first batches', async () => {
    const file = xlsx([{ name: 'S', rows: wideRows(60_000, 12, { first: 40_000 }) }]);
    const report = await importBoth(file, 'oom.xlsx', false, { parseThreadLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    expect(report).toMatchObject({ used: false, reason: expect.stringMatching(/parse thread (failed|ended)/) });
  }, 240_000);

  it('leaves nothing behind when it stops: no batch, no series, and the next import numbers as the classic one', async () => {
    const file = xlsx([{ name: 'S', rows: wideRows(1200, 4, { first: 20_000 }) }]);
    await importBoth(file, 'a.xlsx');
    await importBoth(file, 'a.xlsx');
    await importBoth(xlsx([{ name: 'S', rows: wideRows(50, 4, { first: 30_000 }) }]), 'b.xlsx');
    expect(reports.map((r) => r.used)).toEqual([true, false, true]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);
  });
});
