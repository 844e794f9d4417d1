// The load run in small (bench/load.ts runs 10 analysts for 60 s): 3 analysts, each a process with its own
// service and connection, editing the same few targets, linking and importing against one server for a few
// seconds. What is asserted is what the bench checks: every write saved or refused with a message, none lost,
// nothing half-written. No durations are asserted.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runLoad, summarise, verifyLoad, type LoadResult } from '../../bench/load';
import { adminQuery, dropDatabase, freshDatabase } from '../helpers/pg';

// Each analyst: the load run's analyst program under tsx (a program file: a worker thread started from `node -e` hangs).
const ANALYST_PROGRAM = path.resolve(import.meta.dirname, '../../bench/loadAnalystMain.ts');

let database: { name: string; url: string };
let result: LoadResult;

beforeAll(async () => {
  database = await freshDatabase('i14_bench_load');
  result = await runLoad({
    url: database.url,
    analysts: 3,
    seconds: 4,
    thinkMs: 300,
    command: (json) => ({
      cmd: process.execPath,
      args: ['--import', 'tsx', ANALYST_PROGRAM, json],
    }),
  });
}, 180_000);

afterAll(async () => {
  if (database) await dropDatabase(database.name);
});

it('saves or refuses every write with a message, and the store holds exactly what was saved', () => {
  const s = summarise(result);
  if (process.env.WB_LOAD_DEBUG) console.log(JSON.stringify({ saved: s.saved, refused: s.refused, examples: s.examples, checked: result.checked }));
  expect(s.unexpected).toEqual([]);
  expect(result.problems).toEqual([]);
  // All three kinds of work happened, by every analyst.
  expect(s.saved.edit).toBeGreaterThan(0);
  expect(s.saved.link).toBeGreaterThan(0);
  expect(s.saved.import).toBeGreaterThan(0);
  for (const r of result.reports) expect(r.calls).toBeGreaterThan(0);
  for (const [kind, n] of Object.entries(s.refused)) {
    expect(n).toBeGreaterThan(0);
    expect(s.examples[kind]).toMatch(/\S/);
  }
  // The checks looked at every saved write.
  expect(result.checked.edits).toBe(s.saved.edit);
  expect(result.checked.batches).toBe(s.saved.import);
  expect(result.checked.observations).toBe(result.reports.flatMap((r) => r.imports).reduce((n, i) => n + i.observationCount, 0));
});

it('the checks see a lost edit, a half-written batch and a write nobody was told of', async () => {
  const edit = result.reports.flatMap((r) => r.edits).find((e) => e.field === 'value')!;
  const batch = result.reports.flatMap((r) => r.imports)[0];
  // As if a save had been lost, an import had stopped halfway, and a write had gone unreported.
  await adminQuery(database.name, 'UPDATE targets SET value = -1 WHERE id = $1', [edit.targetId]);
  await adminQuery(database.name, 'DELETE FROM observations WHERE id = (SELECT MIN(id) FROM observations WHERE batch_id = $1)', [batch.batchId]);
  await adminQuery(database.name, "INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('ghost.csv', '', '')");
  const { problems } = verifyLoad(database.url, result.reports);
  expect(problems.some((p) => p.startsWith(`target ${edit.targetId}/value holds -1`))).toBe(true);
  expect(problems.some((p) => p.startsWith(`batch ${batch.batchId}: ${batch.observationCount - 1} rows`))).toBe(true);
  expect(problems.some((p) => p.includes('(ghost.csv) was written but nobody was told'))).toBe(true);
});
