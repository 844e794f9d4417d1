// Two writers and more on one store, each its own process: two CLI imports at once while the browser shell saves a
// stream of edits. Every write is saved and none is refused for a lock (writes take the lock at BEGIN IMMEDIATE and
// wait for it; see electron/store/writeTransaction.ts). No duration is asserted.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, startShell, type ShellProcess } from '../hostile/processes';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let db: string;
let shell: ShellProcess;

/** A wide table of `rows` indicators × 12 months: enough rows that a commit holds the write lock for a while. */
function wideCsv(prefix: string, rows: number): string {
  const months = Array.from({ length: 12 }, (_, i) => `2024年${i + 1}月`);
  const lines = [['指标', ...months].join(',')];
  for (let r = 0; r < rows; r++) lines.push([`${prefix}产品${r}产量当期值(万吨)`, ...months.map((_, m) => String(100 + r + m / 10))].join(','));
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  dir = makeTmpDir('wb-writers-');
  db = path.join(dir, 'store.sqlite');
  expect((await cli(['init', '--db', db])).code).toBe(0);
  fs.writeFileSync(path.join(dir, '甲.csv'), wideCsv('甲', 3000));
  fs.writeFileSync(path.join(dir, '乙.csv'), wideCsv('乙', 3000));
  shell = await startShell(db);
}, 300_000);

afterAll(async () => {
  await shell?.stop();
  removeDir(dir);
});

describe('two imports and a stream of edits at once', () => {
  it('saves every write and refuses none for a lock', async () => {
    const targets = (await shell.call('listTargets', {})).body.result as { id: number }[];
    const imports = Promise.all([cli(['import', path.join(dir, '甲.csv'), '--json', '--db', db]), cli(['import', path.join(dir, '乙.csv'), '--json', '--db', db])]);
    let importsDone = false;
    void imports.then(() => (importsDone = true));
    const failures: string[] = [];
    let edits = 0;
    // Edit until both imports have finished (at least 20 edits), each one call, as the grid sends them.
    while (!importsDone || edits < 20) {
      const target = targets[edits % targets.length];
      const r = await shell.call('editTargets', { edits: [{ targetId: target.id, field: 'notes', value: `并发编辑 ${edits}` }] });
      if (r.status !== 200) failures.push(`${r.status} ${r.body.error?.message}`);
      edits++;
    }
    const [a, b] = await imports;
    expect(failures).toEqual([]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stderr + b.stderr).not.toMatch(/database is locked/i);
    expect(JSON.parse(a.stdout).observationCount + JSON.parse(b.stdout).observationCount).toBe(2 * 3000 * 12);

    const conn = new Database(db, { readonly: true });
    try {
      expect(conn.prepare('SELECT COUNT(*) FROM import_batches').pluck().get()).toBe(2);
      expect(conn.prepare('SELECT COUNT(*) FROM observations').pluck().get()).toBe(2 * 3000 * 12);
      expect(conn.prepare("SELECT COUNT(*) FROM edits WHERE field = 'notes'").pluck().get()).toBe(edits);
    } finally {
      conn.close();
    }
    expect(shell.alive()).toBe(true);
  }, 600_000);
});
