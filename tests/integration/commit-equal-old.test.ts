// Round 9's commit (issue 12: the import of 1,000,000 observations faster than soffice's conversion) against the
// commit as it was before it, kept verbatim in tests/helpers/oldCommitImport.ts (with its row writer and bulk insert
// beside it). Two stores on each engine take the same generated histories: one through the workbench's commitImport,
// the other through the old copy. Every answer (the result, or the error's class, code and message) and every row of
// every table must be equal after each step, and the preview's plan and checks (planFileImport, with the series
// lookup as it was, tests/helpers/oldSeriesLookup.ts) equal before it: fresh imports (an empty store), re-imports
// of the same file (nothing written), revisions and new months, relabels, new series among stored ones, flagged cells skipped or refused, undos (the workbench's
// undo on both), imports after an undo that reuse its ids, and files whose series and rows cross the 500-row
// statements (499, 500, 501, 1,001 series). Labels and cells are generated with a seeded generator, awkward texts
// included (quotes, backslashes, emoji, long labels, full-width parentheses that relabel a series).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStoreAt } from '../../electron/openWorkbench';
import { commitImport, planFileImport, undoImportBatch, type CommitOptions, type CommitResult } from '../../electron/import/commitImport';
import { commitImport as oldCommitImport, planFileImport as oldPlanFileImport } from '../helpers/oldCommitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import type { Store } from '../../electron/store/openStore';
import { storeTables, tableRows } from '../../electron/store/storeTables';
import type { ParsedFile } from '../../shared/import/mapping';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';
import { sha256 } from './helpers/importStore';
import { seededRandom as random } from '../helpers/seededRandom';

const NAMES = ['原煤产量', '粗钢产量', '发电量', '水泥产量', '天然气产量', `O'Brien "引号" 指标`, '反斜杠\\指标', '😀表情指标', '长'.repeat(300), '  空格 指标 '];
const KINDS = ['当期值(万吨)', '累计值(万吨)', '当期值（万吨）', '累计增长(%)', '(上年同月=100)', '当期值(亿千瓦时)'];

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A wide CSV as the statistics portal writes it: `series` rows of `periods` months, odd cells among them. */
function wideCsv(rnd: () => number, series: number, periods: number, firstMonth: number, pool: number): Uint8Array {
  const months = Array.from({ length: periods }, (_, k) => {
    const m = firstMonth + k;
    return `${2020 + Math.floor(m / 12)}年${(m % 12) + 1}月`;
  }).reverse();
  const lines = ['地区：内蒙古自治区', ['指标', ...months].join(',')];
  const used = new Set<string>();
  for (let s = 0; s < series; s++) {
    const k = Math.floor(rnd() * pool);
    const name = k < NAMES.length ? NAMES[k] : `指标${k}`;
    const label = `${name}${KINDS[Math.floor(rnd() * KINDS.length)]}`;
    if (used.has(label)) continue;
    used.add(label);
    const cells = months.map(() => {
      const r = rnd();
      if (r < 0.03) return '';
      if (r < 0.04) return 'abc';
      if (r < 0.05) return '-0';
      if (r < 0.06) return '1e5';
      if (r < 0.5) return String(Math.round(rnd() * 100_000) / 100);
      return String(Math.floor(rnd() * 1000));
    });
    lines.push([quote(label), ...cells].join(','));
  }
  return new Uint8Array(Buffer.from(lines.join('\n'), 'utf8'));
}

type Answer = { result: CommitResult } | { error: { name: string; code: unknown; message: string } };

function answer(run: () => CommitResult): Answer {
  try {
    return { result: run() };
  } catch (e) {
    const err = e as Error & { code?: unknown };
    return { error: { name: err.constructor.name, code: err.code, message: err.message } };
  }
}

/** Every row of every table, by table (bigints as numbers: the engines differ there, not the stores). */
function everyRow(db: Store): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of storeTables(db)) out[t.name] = [...tableRows(db, t)].map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  return out;
}

describe.each(ENGINES)('the commit against the commit before round 9, on %s', (engine) => {
  let places: StorePlace[];
  let db: Store;
  let old: Store;
  beforeEach(async () => {
    places = [await freshPlace(engine, 'c9-new'), await freshPlace(engine, 'c9-old')];
    db = openStoreAt(places[0].location, { create: true });
    old = openStoreAt(places[1].location, { create: true });
  });
  afterEach(async () => {
    db.close();
    old.close();
    for (const p of places) await p.remove();
  });

  let clock = 0;
  /** The same file committed into both stores, each its own way: the same answer and the same rows. */
  function both(parsed: ParsedFile, name: string, bytes: Uint8Array, skipInvalid: boolean): Answer {
    // The preview's plan and checks first, both ways over the same store (empty at a history's first file).
    expect(planFileImport(db, parsed)).toEqual(oldPlanFileImport(db, parsed));
    const opts: CommitOptions = { fileName: name, fileHash: sha256(bytes), skipInvalid, now: new Date(Date.UTC(2025, 5, 1, 0, 0, clock++)), user: 'analyst' };
    const now = answer(() => commitImport(db, parsed, opts));
    const before = answer(() => oldCommitImport(old, parsed, opts));
    expect(now).toEqual(before);
    expect(everyRow(db)).toEqual(everyRow(old));
    return now;
  }

  function undoBoth(batchId: number): void {
    const now = answer(() => undoImportBatch(db, batchId) as unknown as CommitResult);
    expect(answer(() => undoImportBatch(old, batchId) as unknown as CommitResult)).toEqual(now);
    expect(everyRow(db)).toEqual(everyRow(old));
  }

  async function history(seed: number, steps: number, sizes: readonly number[]): Promise<{ written: number; refused: number; undone: number }> {
    const rnd = random(seed);
    const batches: number[] = [];
    let written = 0;
    let refused = 0;
    let undone = 0;
    let month = 0;
    for (let step = 0; step < steps; step++) {
      const series = sizes[step % sizes.length];
      const periods = 1 + Math.floor(rnd() * 5);
      // Mostly the months before again (revisions, unchanged values), sometimes new ones.
      month += Math.floor(rnd() * 3);
      const bytes = wideCsv(rnd, series, periods, month, series > 100 ? series * 2 : 40);
      const name = `f${seed}-${step}.csv`;
      const parsed = await parseStatisticsFile(bytes, name);
      const skipInvalid = rnd() < 0.7;
      const a = both(parsed, name, bytes, skipInvalid);
      if ('error' in a) refused++;
      else if (a.result.batchId !== null) {
        written++;
        batches.push(a.result.batchId);
        // The same file again: every value unchanged, nothing written.
        const again = both(parsed, name, bytes, skipInvalid);
        if ('result' in again) expect(again.result.batchId).toBeNull();
      }
      if (batches.length > 0 && rnd() < 0.3) {
        // The newest batch (always undoable) or an older one (refused when a newer batch touched its series).
        const pick = rnd() < 0.6 ? batches.length - 1 : Math.floor(rnd() * batches.length);
        undoBoth(batches[pick]);
        batches.splice(pick, 1);
        undone++;
      }
    }
    return { written, refused, undone };
  }

  it('writes the same rows and answers the same through generated histories of small files', async () => {
    let written = 0;
    let refused = 0;
    let undone = 0;
    for (const seed of [1, 2, 3]) {
      const h = await history(seed, 12, [3, 8, 1, 20, 5, 13]);
      written += h.written;
      refused += h.refused;
      undone += h.undone;
    }
    // The histories did write, refuse and undo something.
    expect(written).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(0);
    expect(undone).toBeGreaterThan(2);
    // Some batch relabelled a stored series (its label printed another way).
    expect(Number(db.prepare(`SELECT COUNT(*) FROM import_batches WHERE details NOT LIKE '%"relabelled":{}%'`).pluck().get())).toBeGreaterThan(0);
  }, 240_000);

  it('writes the same rows across the 500-row statements (499, 500, 501 and 1,001 series)', async () => {
    const h = await history(9, 6, [499, 500, 501, 1001, 2, 700]);
    expect(h.written).toBeGreaterThan(2);
  }, 240_000);

  it('refuses the same way: flagged cells without skipping, and skips them when asked', async () => {
    const bad = new Uint8Array(Buffer.from(['地区：内蒙古自治区', '指标,2025年2月,2025年1月', '"原煤产量当期值(万吨)",abc,1', '"粗钢产量当期值(万吨)",2,x'].join('\n'), 'utf8'));
    const parsed = await parseStatisticsFile(bad, 'bad.csv');
    const refusedAnswer = both(parsed, 'bad.csv', bad, false);
    expect('error' in refusedAnswer).toBe(true);
    const skipped = both(parsed, 'bad.csv', bad, true);
    expect('result' in skipped && skipped.result.skipped.length).toBe(2);
  });
});
