// The streamed one-shot import (electron/import/streamed/) writes while the file is still being read; the classic
// path parses the whole file, then commits. Whatever the file and whatever the store already holds, the two must
// leave the same store, row for row in every table, and give the same result (or the same refusal), on both
// engines. Each case also says which path the streamed import took, so the fast path is known to have run.
import { describe, expect, it, vi } from 'vitest';
import { commitImport, type CommitOptions, type CommitResult } from '../../electron/import/commitImport';
import { parseStatisticsFile, type ParseOptions } from '../../electron/import/parseFile';
import { importStreamed, type StreamedTuning } from '../../electron/import/streamed/streamedImport';
import type { Store } from '../../electron/store/openStore';
import { PREVIEW_HEAD } from '../../shared/contract/importCalls';
import { ENGINES, freshStore } from '../helpers/stores';
import { writeTransaction } from '../../electron/store/writeTransaction';
import { monthHeadersNewestFirst, workbook, type Cell } from './helpers/layoutFixtures';
import { sha256 } from './helpers/importStore';

const NOW = new Date('2026-03-02T08:00:00Z');

// Each case imports the same file four times (two stores, two paths, PostgreSQL too): on a loaded machine, more than 30 s.
vi.setConfig({ testTimeout: 120_000 });

const months = (n: number): string[] => monthHeadersNewestFirst(n, 2025, 12);

const SUFFIXES = ['累计值(亿元)', '当期值(万吨)', '累计增长(%)', '(上年同月=100)'];

interface WideOptions {
  series: number;
  periods: number;
  /** Rows of titles above the header (the NBS export writes three). */
  titles?: Cell[][];
  /** A value per (series, period); null leaves the cell empty. */
  value?: (s: number, p: number) => number | null;
  label?: (s: number) => string;
  /** Rows after the footnotes (a second small table the import must not read). */
  after?: Cell[][];
  /** Rows changed or added by index into the data rows. */
  edit?: (rows: Cell[][]) => void;
}

function wideFile(o: WideOptions): Uint8Array {
  const titles = o.titles ?? [['数据库：分省月度数据'], ['地区：示例省'], [`时间：最近${o.periods}个月`]];
  const value = o.value ?? ((s, p) => ((s * 7 + p * 3) % 11 === 5 ? null : Math.round((s * 13.7 + p * 2.9) * 10) / 10 + 1));
  const label = o.label ?? ((s) => `示例指标${s}${SUFFIXES[s % 4]}`);
  const data: Cell[][] = [];
  for (let s = 0; s < o.series; s++) data.push([label(s), ...Array.from({ length: o.periods }, (_, p) => value(s, p))]);
  o.edit?.(data);
  const rows: Cell[][] = [...titles, ['指标', ...months(o.periods)], ...data, ['注：示例数据，非官方统计。'], ['数据来源：测试'], ...(o.after ?? [])];
  return workbook([{ name: 'Sheet1', rows }], 'xlsx');
}

/** Every row of every table, in a stable order (the ids included: both paths must number their rows alike). */
function dumpStore(db: Store): Record<string, string[]> {
  const tables = (
    db.engine === 'postgres'
      ? db.prepare("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").all()
      : db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
  ) as { name: string }[];
  const out: Record<string, string[]> = {};
  for (const { name } of tables.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    out[name] = (db.prepare(`SELECT * FROM ${name}`).all() as unknown[]).map((r) => JSON.stringify(r)).sort();
  }
  return out;
}

type Outcome = { ok: true; result: unknown; warnings: string[]; skippedSheets: unknown } | { ok: false; error: { name: string; message: string; details: unknown } };

function failed(e: unknown): Outcome {
  const err = e as Error & { details?: unknown };
  return { ok: false, error: { name: err.name, message: err.message, details: err.details } };
}

interface Case {
  file: Uint8Array;
  fileName?: string;
  parse?: ParseOptions;
  skipInvalid?: boolean;
  /** Files imported first (the classic way) into both stores. */
  before?: Uint8Array[];
  path: 'streamed' | 'classic';
  /** What the case is about, checked on the result (so that it does exercise it). */
  check?: (result: CommitResult) => void;
  /** The parse thread's limits, for a thread that cannot finish. */
  tuning?: StreamedTuning;
  /** Why the streamed import took the classic path, when it must have been this. */
  reason?: RegExp;
  /** After the earlier files: the kept series counts made stale (as rows written by a tool that does not keep them). */
  staleCounts?: boolean;
}

async function classicImport(db: Store, c: Case, opts: CommitOptions): Promise<Outcome> {
  try {
    const parsed = await parseStatisticsFile(c.file, opts.fileName, { head: PREVIEW_HEAD, ...c.parse });
    const result = commitImport(db, parsed, opts);
    return { ok: true, result, warnings: parsed.warnings, skippedSheets: parsed.skippedSheets };
  } catch (e) {
    return failed(e);
  }
}

async function expectSameStores(engine: (typeof ENGINES)[number], c: Case): Promise<void> {
  const a = await freshStore(engine, 'stream-a');
  const b = await freshStore(engine, 'stream-b');
  try {
    for (const [i, earlier] of (c.before ?? []).entries()) {
      for (const { db } of [a, b]) {
        const parsed = await parseStatisticsFile(earlier, `earlier${i}.xlsx`);
        commitImport(db, parsed, { fileName: `earlier${i}.xlsx`, fileHash: sha256(earlier), skipInvalid: false, now: NOW });
      }
    }
    if (c.staleCounts) for (const { db } of [a, b]) writeTransaction(db, () => db.prepare("UPDATE series_counts_state SET stamp = 'stale'").run());
    const opts: CommitOptions = { fileName: c.fileName ?? 'file.xlsx', fileHash: sha256(c.file), skipInvalid: c.skipInvalid ?? false, now: NOW, user: 'tester' };
    const classic = await classicImport(a.db, c, opts);
    let streamed: Outcome;
    let path: string | null = null;
    let reason: string | undefined;
    try {
      const r = await importStreamed(b.db, c.file, opts.fileName, { head: PREVIEW_HEAD, ...c.parse }, opts, c.tuning);
      path = r.path;
      reason = r.reason;
      streamed = { ok: true, result: r.result, warnings: r.parsed.warnings, skippedSheets: r.parsed.skippedSheets };
    } catch (e) {
      streamed = failed(e);
    }
    expect(streamed).toEqual(classic);
    // A refusal is the importer's own (a file error or the cells refused), never a crash of either path.
    if (!classic.ok) expect(classic.error.name).toBe('ImportFileError');
    expect(dumpStore(b.db)).toEqual(dumpStore(a.db));
    if (streamed.ok) {
      expect(path).toBe(c.path);
      if (c.reason) expect(reason).toMatch(c.reason);
      c.check?.(streamed.result as CommitResult);
    }
  } finally {
    a.db.close();
    b.db.close();
    await a.remove();
    await b.remove();
  }
}

describe.each(ENGINES)('the streamed import leaves the store as the classic import does (%s)', (engine) => {
  it('an NBS wide export of 2,100 indicators (three read batches) into an empty store: streamed', async () => {
    await expectSameStores(engine, { file: wideFile({ series: 2100, periods: 4 }), path: 'streamed' });
  });

  it('kept series counts added batch by batch over earlier vintages, and counted afresh when they were stale: streamed', async () => {
    // 2,100 indicators (three read batches), the first 1,000 stored with two months, revised and continued here.
    const earlier = wideFile({ series: 1000, periods: 2, value: (s, p) => s + p + 0.5 });
    for (const staleCounts of [false, true]) {
      await expectSameStores(engine, {
        file: wideFile({ series: 2100, periods: 4 }),
        before: [earlier],
        staleCounts,
        path: 'streamed',
      });
    }
  });

  it('合计 rows with indented parts (其中 and not) down the file: streamed, with the same 合计/其中 checks', async () => {
    // Each total is followed by an indented 其中 row and an indented part; the parts add up, except for total 900.
    const part = (s: number, p: number) => s + p * 10 + 1;
    const file = wideFile({
      series: 1200,
      periods: 4,
      label: (s) => (s % 3 === 0 ? `示例合计${s}当期值(万吨)` : `${s % 3 === 1 ? '\u3000\u3000其中：' : '\u3000\u3000'}示例分项${s}当期值(万吨)`),
      value: (s, p) => (s % 3 === 0 ? part(s + 1, p) + part(s + 2, p) + (s === 900 ? 50 : 0) : part(s, p)),
    });
    await expectSameStores(engine, {
      file,
      path: 'streamed',
      check: (r) => {
        const totals = r.checks.filter((c) => c.code === 'total_mismatch');
        expect(totals.map((c) => c.name)).toEqual(Array(4).fill('示例合计900'));
      },
    });
  });

  it('a header below blank and title rows, a unit column, footnotes and a second table below them: streamed', async () => {
    const file = workbook(
      [
        {
          name: '数据',
          rows: [
            ['某省主要经济指标'],
            [],
            ['地区：示例省'],
            [],
            ['指标', '单位', ...months(8)],
            ...Array.from({ length: 1100 }, (_, s): Cell[] => [`分项指标${s}${s % 2 ? '当期值' : '累计值'}`, s % 3 ? '亿元' : '万吨', ...Array.from({ length: 8 }, (_, p) => (s + p) % 9 === 4 ? null : s * 0.5 + p)]),
            ['注：本表为示例。'],
            [],
            ['附表', '单位', '2025年1月'],
            ['另一指标当期值', '亿元', 3],
          ],
        },
      ],
      'xlsx',
    );
    await expectSameStores(engine, { file, path: 'streamed' });
  });

  it('revisions against a store that already holds values, new periods, and a second series of another unit: streamed', async () => {
    const first = wideFile({ series: 1300, periods: 4, label: (s) => (s === 4 ? '示例指标4累计值(万元)' : `示例指标${s}${SUFFIXES[s % 4]}`) });
    const second = wideFile({ series: 1300, periods: 6, value: (s, p) => ((s * 7 + p * 3) % 11 === 5 ? null : Math.round((s * 13.7 + p * 2.9) * 10) / 10 + 1 + (s % 50 === 0 && p === 3 ? 0.5 : 0)) });
    await expectSameStores(engine, {
      file: second,
      before: [first],
      path: 'streamed',
      check: (r) => {
        expect(r.changes.counts.observationsRevised).toBeGreaterThan(0);
        expect(r.changes.counts.observationsUnchanged).toBeGreaterThan(0);
        expect(r.checks.map((c) => c.code)).toContain('second_series');
      },
    });
  });

  it('the same file again: every value already stored, nothing written, no batch: streamed', async () => {
    const file = wideFile({ series: 1100, periods: 3 });
    await expectSameStores(engine, { file, before: [file], path: 'streamed', check: (r) => expect(r.batchId).toBeNull() });
  });

  it('an indicator given twice with equal values, far below the head (kept once): the classic commit after a roll-back', async () => {
    const file = wideFile({ series: 1300, periods: 3, edit: (rows) => rows.push([...rows[40]]) });
    await expectSameStores(engine, { file, path: 'classic' });
  });

  it('an indicator given twice with a different value: refused whole, as the classic path refuses it', async () => {
    const file = wideFile({ series: 1300, periods: 3, edit: (rows) => rows.push([rows[40][0], 99999, ...rows[40].slice(2)]) });
    await expectSameStores(engine, { file, path: 'classic' });
  });

  it('the same conflict with --skip-invalid: neither value imported, the cells reported', async () => {
    const file = wideFile({ series: 1300, periods: 3, edit: (rows) => rows.push([rows[40][0], 99999, ...rows[40].slice(2)]) });
    await expectSameStores(engine, { file, skipInvalid: true, path: 'classic' });
  });

  it('a file the head rows mislead (a control character in a label far below them): the classic commit after a roll-back', async () => {
    const file = wideFile({ series: 1300, periods: 3, edit: (rows) => (rows[1200][0] = `示例指标1200\u0000累计值(亿元)`) });
    await expectSameStores(engine, { file, path: 'classic' });
  });

  it('a text value and a rows measure nobody names, with the measure given: streamed; without it, refused alike', async () => {
    const file = wideFile({ series: 1200, periods: 3, label: (s) => `无口径指标${s}`, edit: (rows) => (rows[1100][2] = '约5') });
    await expectSameStores(engine, { file, parse: { measure: 'monthly' }, skipInvalid: true, path: 'streamed', check: (r) => expect(r.skipped.length).toBe(1) });
    await expectSameStores(engine, { file, path: 'classic' });
  });

  it('an indicator far below the head given again with one more period (the whole-file parse folds it): the classic commit after a roll-back', async () => {
    // Rows 0…1299 go as batches; the last row repeats row 40's values and fills the period row 40 left empty, so the
    // whole-file parse keeps one value of it (an equal duplicate dropped) and differs from what was sent.
    const value = (s: number, p: number) => (s === 40 && p === 2 ? null : s * 3 + p + 0.5);
    const file = wideFile({ series: 1300, periods: 3, value, edit: (rows) => rows.push([rows[40][0], 40 * 3 + 0.5, 40 * 3 + 1.5, 99]) });
    await expectSameStores(engine, { file, path: 'classic', check: (r) => expect(r.observationCount).toBe(1300 * 3) });
  });

  it('a parse thread that dies (out of memory) before it answers: the classic import here, the same store', async () => {
    const file = wideFile({ series: 1100, periods: 3 });
    await expectSameStores(engine, { file, path: 'classic', tuning: { workerResourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } }, reason: /parse thread stopped/ });
  });

  it('a parse thread that dies of memory inside the open transaction, after its first batch was written: seen at once, rolled back, the classic import', async () => {
    // Its supervisor sees the thread end (Worker 'error' and 'exit'): the store thread, blocked in the transaction,
    // is woken then, not after the two minutes' silence (which would also outlast this test's timeout).
    const file = wideFile({ series: 2100, periods: 4 });
    await expectSameStores(engine, {
      file,
      path: 'classic',
      tuning: { failAfterBatches: 1, workerResourceLimits: { maxOldGenerationSizeMb: 96 } },
      reason: /parse thread stopped \((ERR_WORKER_OUT_OF_MEMORY|exit code)/,
    });
  });

  it('a small file (fewer rows than the head): the classic commit, without any speculative write', async () => {
    await expectSameStores(engine, { file: wideFile({ series: 40, periods: 6 }), path: 'classic' });
  });

  it('a truncated .xlsx and one without a table: the same refusals (ImportFileError) as the classic path', async () => {
    const whole = wideFile({ series: 1100, periods: 3 });
    await expectSameStores(engine, { file: whole.subarray(0, Math.floor(whole.byteLength * 0.6)), path: 'classic' });
    const notes = workbook([{ name: '说明', rows: Array.from({ length: 700 }, (_, i): Cell[] => [`第${i}条说明文字`]) }], 'xlsx');
    await expectSameStores(engine, { file: notes, path: 'classic' });
  });

});
