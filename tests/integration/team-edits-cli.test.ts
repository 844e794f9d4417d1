// Issue 14's check: two CLIs against one PostgreSQL server edit the same target at once. One saves; the other is
// refused with a message and exit code 1; the history holds both attempts' authors. Each process is its own
// analyst (PLAN_WORKBENCH_USER). Both state the revision they read, as a script does, so they truly race.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch } from '../../electron/service/service';
import type { EditRecord, RefusalRecord } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { dropDatabase, freshDatabase } from '../helpers/pg';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function cliAs(user: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join(root, 'electron/cli/main.ts'), ...args], { cwd: root, env: { ...process.env, PLAN_WORKBENCH_USER: user } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

let db: { name: string; url: string };
let target: Target;

beforeAll(async () => {
  db = await freshDatabase('i14_edits_cli');
  const s = openWorkbench(db.url, 'cli', { create: true });
  try {
    target = ((await dispatch(s, 'listTargets', {})) as Target[]).find((t) => t.indicator === '地区生产总值')!;
  } finally {
    s.ctx.db.close();
  }
}, 60_000);
afterAll(async () => {
  await dropDatabase(db.name);
});

describe('two CLIs editing one target on one server', () => {
  it('saves one, refuses the other with a message and exit code 1, and keeps both authors', async () => {
    const rev = String(target.revision ?? 0);
    const [a, b] = await Promise.all([
      cliAs('王分析', ['target', 'set', String(target.id), 'value', '6.2', '--expect-revision', rev, '--db', db.url]),
      cliAs('赵分析', ['target', 'set', String(target.id), 'value', '6.8', '--expect-revision', rev, '--db', db.url]),
    ]);
    const runs = [
      { user: '王分析', value: 6.2, ...a },
      { user: '赵分析', value: 6.8, ...b },
    ];
    const saved = runs.filter((r) => r.code === 0);
    const refused = runs.filter((r) => r.code !== 0);
    expect(saved, JSON.stringify(runs)).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].code).toBe(1);
    expect(saved[0].stdout).toMatch(/已保存.*Saved/);
    expect(refused[0].stderr).toMatch(new RegExp(`未保存：.*${saved[0].user} 于 .* 修改了该目标.*Not saved`));

    const shown = await cliAs('审阅', ['target', 'history', String(target.id), '--json', '--db', db.url]);
    expect(shown.code, shown.stderr).toBe(0);
    const h = JSON.parse(shown.stdout) as { revision: number; updatedBy: string; edits: EditRecord[]; refusals: RefusalRecord[] };
    expect(h.revision).toBe((target.revision ?? 0) + 1);
    expect(h.updatedBy).toBe(saved[0].user);
    expect(h.edits.map((e) => [e.user, e.newValue, e.source])).toEqual([[saved[0].user, saved[0].value, 'cli']]);
    expect(h.refusals.map((r) => [r.user, r.attemptedValue, r.changedBy, r.currentValue])).toEqual([[refused[0].user, refused[0].value, saved[0].user, saved[0].value]]);

    const text = await cliAs('审阅', ['target', 'history', String(target.id), '--db', db.url]);
    expect(text.stdout).toContain(`${saved[0].user}  目标值：6 → ${saved[0].value}  [cli]`);
    expect(text.stdout).toContain(`${refused[0].user}  未保存 / refused：目标值 → ${refused[0].value}，${saved[0].user}`);
  }, 180_000);

  it('a script stating the value it saw is refused when a colleague changed that field, not when another field changed', async () => {
    // A script that read before a colleague's save states what it saw with --expect: refused by field value.
    const seenBefore = (await cliAs('王分析', ['target', 'history', String(target.id), '--json', '--db', db.url])).stdout;
    const current = (JSON.parse(seenBefore) as { edits: EditRecord[] }).edits[0].newValue as number;
    expect((await cliAs('赵分析', ['target', 'set', String(target.id), '目标值', '7.1', '--db', db.url])).code).toBe(0);
    const late = await cliAs('王分析', ['target', 'set', String(target.id), 'value', '7.3', '--expect', String(current), '--db', db.url]);
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/未保存：赵分析 于 .* 已把“地区生产总值”的目标值改为 7\.1（你要保存的是 7\.3）/);
    // A colleague's change to another field does not block a value save stated against the value.
    expect((await cliAs('赵分析', ['target', 'set', String(target.id), 'notes', '待核', '--db', db.url])).code).toBe(0);
    const ok = await cliAs('王分析', ['target', 'set', String(target.id), 'value', '7.3', '--expect', '7.1', '--db', db.url]);
    expect(ok.code, ok.stderr).toBe(0);
    // Same validation as the grid.
    const bad = await cliAs('王分析', ['target', 'set', String(target.id), 'value', '约7', '--db', db.url]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/目标值必须是数字.*must be a number/);
  }, 180_000);
});
