// The schema on a PostgreSQL server (issue 14): a newer workbench's schema is refused and the older workbench
// told to upgrade, with nothing changed; a database holding someone else's tables is refused; an empty database
// needs `init`; workbenches starting at once on a new or an older store migrate it once (the migration lock) and
// seed it once.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { openStoreAt } from '../../electron/openWorkbench';
import { PG_BASE, PG_BASE_VERSION, SCHEMA_VERSION } from '../../electron/store/migrations';
import { BUILT_CLI, runCliProcess, type CliRun } from '../helpers/cli';
import { adminQuery, dropDatabase, freshDatabase } from '../helpers/pg';

const made: string[] = [];
afterEach(async () => {
  for (const name of made.splice(0)) await dropDatabase(name);
});

async function database(): Promise<{ name: string; url: string }> {
  const d = await freshDatabase('i14copy_schema');
  made.push(d.name);
  return d;
}

/** What the database holds, as the admin sees it: its tables and each one's row count. */
async function contents(name: string): Promise<Record<string, number>> {
  const tables = (await adminQuery(name, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => r.tablename as string);
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await adminQuery(name, `SELECT COUNT(*) AS n FROM "${t}"`)).rows[0].n);
  return out;
}

function cliAsync(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('schema on the server', () => {
  it('refuses a newer schema, telling this workbench to upgrade, and changes nothing', async () => {
    const d = await database();
    expect(runCliProcess(['init', '--db', d.url]).code).toBe(0);
    await adminQuery(d.name, 'UPDATE workbench_schema SET version = $1', [SCHEMA_VERSION + 1]);
    const before = await contents(d.name);
    expect(() => openStoreAt(d.url)).toThrow(/请升级本程序.*upgrade this workbench; nothing was changed/);
    const r = runCliProcess(['targets', '--db', d.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`schema ${SCHEMA_VERSION + 1}, this one knows up to ${SCHEMA_VERSION}`);
    const w = runCliProcess(['init', '--db', d.url]);
    expect(w.code).toBe(1);
    expect(await contents(d.name)).toEqual(before);
    expect((await adminQuery(d.name, 'SELECT version FROM workbench_schema')).rows).toEqual([{ version: SCHEMA_VERSION + 1 }]);
  });

  it('refuses a database that holds other tables, even for init, and leaves it as it was', async () => {
    const d = await database();
    await adminQuery(d.name, "CREATE TABLE ledger (id INTEGER PRIMARY KEY, what TEXT); INSERT INTO ledger VALUES (1, '预算')");
    for (const args of [['init', '--db', d.url], ['targets', '--db', d.url]]) {
      const r = runCliProcess(args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/已有其他表，不是工作台数据库.*holds other tables and is not a workbench store/);
    }
    expect(await contents(d.name)).toEqual({ ledger: 1 });
  });

  it('an empty database is not set up by a mere look: it needs init, which then serves', async () => {
    const d = await database();
    const r = runCliProcess(['targets', '--db', d.url]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/还不是工作台数据库.*init/);
    expect(await contents(d.name)).toEqual({});
    const init = runCliProcess(['init', '--db', d.url]);
    expect(init.code, init.stderr).toBe(0);
    const t = runCliProcess(['targets', '--db', d.url]);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('地区生产总值');
  });

  it('workbenches setting up one new database at once create its schema once and seed it once', async () => {
    const d = await database();
    const runs = await Promise.all([0, 1, 2, 3].map(() => cliAsync(['init', '--db', d.url])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect((await adminQuery(d.name, 'SELECT version FROM workbench_schema')).rows).toEqual([{ version: SCHEMA_VERSION }]);
    expect(Number((await adminQuery(d.name, 'SELECT COUNT(*) AS n FROM plans')).rows[0].n)).toBe(1);
  });

  it('workbenches opening an older store at once migrate it once', async () => {
    const d = await database();
    // A store as a workbench of the base version left it, with a plan in it.
    await adminQuery(d.name, PG_BASE);
    await adminQuery(d.name, 'UPDATE workbench_schema SET version = $1', [PG_BASE_VERSION]);
    await adminQuery(d.name, "INSERT INTO plans (year, region, title, source_file, source_text, created_at) VALUES (2025, '某省', '计划', 'plan.docx', '正文', '2025-01-20')");
    const runs = await Promise.all([0, 1, 2, 3].map(() => cliAsync(['store-digest', '--db', d.url])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const digests = new Set(runs.map((r) => /sha256:(\w+)/.exec(r.stdout)?.[1]));
    expect(digests.size).toBe(1);
    expect((await adminQuery(d.name, 'SELECT version FROM workbench_schema')).rows).toEqual([{ version: SCHEMA_VERSION }]);
    const cols = await adminQuery(d.name, "SELECT column_name FROM information_schema.columns WHERE table_name = 'plans' AND column_name = 'created_by'");
    expect(cols.rowCount).toBe(1);
    expect(Number((await adminQuery(d.name, 'SELECT COUNT(*) AS n FROM plans')).rows[0].n)).toBe(1);
  });
});
