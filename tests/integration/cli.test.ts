import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { ENGINES, freshPlace } from '../helpers/stores';

let dir: string;
beforeAll(() => {
  dir = makeTmpDir();
});
afterAll(() => removeDir(dir));

describe('CLI', () => {
  it('init creates and seeds a store; targets --json prints the plan main targets', () => {
    const db = path.join(dir, 'x.sqlite');
    const init = runCliProcess(['init', '--db', db]);
    expect(init.code, init.stderr).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
    const r = runCliProcess(['targets', '--json', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const targets = JSON.parse(r.stdout) as Record<string, unknown>[];
    const fields = ['id', 'section', 'indicator', 'kind', 'value', 'valueLow', 'valueHigh', 'unit', 'comparator', 'qualifier', 'basis', 'quote'];
    for (const t of targets) for (const f of fields) expect(t).toHaveProperty(f);
    const find = (word: string) => targets.find((t) => String(t.indicator).includes(word));
    expect(find('地区生产总值')).toMatchObject({ kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
    expect(find('固定资产投资')).toMatchObject({ kind: 'growth_rate', value: 10, unit: '%', comparator: 'about' });
    expect(find('城镇新增就业')).toMatchObject({ value: 18, unit: '万人', comparator: 'at_least', direction: 'higher_better' });
    expect(find('城镇调查失业率')).toMatchObject({ direction: 'lower_better' });
  });

  it('a bad --db path gives a non-zero exit and a one-line message', () => {
    const file = path.join(dir, 'plain.txt');
    fs.writeFileSync(file, 'hello, not a database at all.....');
    const r = runCliProcess(['targets', '--db', file]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/not a workbench store/);
    const r2 = runCliProcess(['targets', '--db', '/proc/forbidden/x.sqlite']);
    expect(r2.code).not.toBe(0);
    expect(r2.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a mistyped --db is refused, naming it, and nothing is created there (only init creates a store)', () => {
    const typo = path.join(dir, 'typo.db');
    const r = runCliProcess(['targets', '--json', '--db', typo]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(typo);
    expect(r.stderr).toMatch(/数据文件不存在.*No store at/);
    expect(fs.existsSync(typo)).toBe(false);
    const nowhere = path.join(dir, 'no-such-folder', 'sub', 'x.sqlite');
    for (const command of [['targets'], ['init']]) {
      const refused = runCliProcess([...command, '--db', nowhere]);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.existsSync(path.join(dir, 'no-such-folder'))).toBe(false);
  }, 180_000);

  it('unknown commands and options are refused', () => {
    expect(runCliProcess(['frobnicate']).code).not.toBe(0);
    const r = runCliProcess(['targets', '--jsno', '--db', path.join(dir, 'y.sqlite')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Unknown option --jsno/);
  });
});

describe('CLI paths', () => {
  it('resolves a relative --db against the folder the user ran npm in (INIT_CWD)', () => {
    const where = makeTmpDir();
    const r = runCliProcess(['init', '--db', 'rel.sqlite'], { env: { INIT_CWD: where } });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(where, 'rel.sqlite'))).toBe(true);
    removeDir(where);
  });
});

describe.each(ENGINES)('CLI on %s', (engine) => {
  it('init sets up and seeds the store; targets --json prints the same plan on either engine', async () => {
    const place = await freshPlace(engine, 'i14copy_cli');
    try {
      const init = runCliProcess(['init', '--db', place.location]);
      expect(init.code, init.stderr).toBe(0);
      expect(init.stdout).toMatch(/2025年.*计划: \d+ 项目标/);
      const r = runCliProcess(['targets', '--json', '--db', place.location]);
      expect(r.code, r.stderr).toBe(0);
      const targets = JSON.parse(r.stdout) as Record<string, unknown>[];
      expect(targets.find((t) => t.indicator === '地区生产总值')).toMatchObject({ kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
      // A second init finds the store ready and seeds nothing more.
      expect(runCliProcess(['init', '--db', place.location]).code).toBe(0);
      const again = JSON.parse(runCliProcess(['targets', '--json', '--db', place.location]).stdout) as unknown[];
      expect(again).toHaveLength(targets.length);
    } finally {
      await place.remove();
    }
  });
});
