// The import commands as a script runs them: a spawned `workbench` process against a store file.
import Database from 'better-sqlite3';
import { SqliteStore } from '../../electron/store/sqliteStore';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { FIXTURES, storeDump } from './helpers/importStore';

interface TruthObservation {
  name: string;
  label: string;
  unit: string;
  measure: string;
  period: string;
  value: number;
}
const truth = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'nbs_sample.xls.truth.json'), 'utf8')) as { observations: TruthObservation[] };

interface SeriesJson {
  id: number;
  name: string;
  label: string;
  unit: string;
  measure: string;
  frequency: string;
  observations: { period: string; value: number }[];
}

// Each spawned CLI is a Node process (build/cli.mjs; up to a second on a busy two-core machine); one test spawns up to ten.
const CLI_TIMEOUT = 180_000;

let dir: string;
beforeAll(() => {
  dir = makeTmpDir();
});
afterAll(() => removeDir(dir));

const dump = (db: string) => {
  const conn = new Database(db, { readonly: true });
  try {
    return storeDump(new SqliteStore(conn, db));
  } finally {
    conn.close();
  }
};

describe('workbench import / series / batches / undo-import', () => {
  it('imports the NBS sample and `series --json` gives the truth values, sorted by period', () => {
    const db = path.join(dir, 'sample.sqlite');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const r = runCliProcess(['import', path.join(FIXTURES, 'nbs_sample.xls'), '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已导入 nbs_sample\.xls（批次 1）/);
    expect(r.stdout).toMatch(/观测值新增 23、未变 0、修订 0/);
    expect(r.stdout).toMatch(/粗钢产量累计值\(万吨\)/);

    const s = runCliProcess(['series', '--db', db, '--json']);
    expect(s.code).toBe(0);
    const series = JSON.parse(s.stdout) as SeriesJson[];
    expect(series).toHaveLength(5);
    expect(Object.keys(series[0]).sort()).toEqual(['frequency', 'id', 'label', 'measure', 'name', 'observations', 'region', 'unit']);
    let count = 0;
    for (const t of truth.observations) {
      const hit = series.find((x) => x.label === t.label);
      expect(hit, t.label).toMatchObject({ name: t.name, unit: t.unit, measure: t.measure, frequency: 'monthly' });
      const o = hit!.observations.find((x) => x.period === t.period);
      expect(o, `${t.label} ${t.period}`).toBeDefined();
      expect(Math.abs(o!.value - t.value)).toBeLessThanOrEqual(1e-6);
      count++;
    }
    expect(series.reduce((n, x) => n + x.observations.length, 0)).toBe(count);
    for (const x of series) expect(x.observations.map((o) => o.period)).toEqual(x.observations.map((o) => o.period).sort());

    const b = runCliProcess(['batches', '--db', db, '--json']);
    expect(JSON.parse(b.stdout)).toEqual([expect.objectContaining({ id: 1, fileName: 'nbs_sample.xls', observationCount: 23, undone: false })]);
  }, CLI_TIMEOUT);

  it('refuses a file with a flagged cell: non-zero exit, one line naming the cell, store unchanged; --skip-invalid imports the rest', () => {
    const db = path.join(dir, 'bad.sqlite');
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, '指标,2025年6月,2025年5月\n原煤产量当期值(万吨),100,约5\n粗钢产量当期值(万吨),200,—\n');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const before = dump(db);
    const r = runCliProcess(['import', file, '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad!C2「约5」/);
    expect(dump(db)).toBe(before);

    const ok = runCliProcess(['import', file, '--skip-invalid', '--json', '--db', db]);
    expect(ok.code).toBe(0);
    const result = JSON.parse(ok.stdout) as { observationCount: number; skipped: { cell: string; reason: string }[] };
    expect(result.observationCount).toBe(2);
    expect(result.skipped).toEqual([expect.objectContaining({ cell: 'C2', reason: expect.stringMatching(/文字/) })]);
    const text = runCliProcess(['import', file, '--skip-invalid', '--db', db]);
    expect(text.stdout).toMatch(/跳过的单元格 1 个[\s\S]*bad!C2「约5」/);
  }, CLI_TIMEOUT);

  it('lists the history and undoes a batch; bad input exits non-zero with one line and changes nothing', () => {
    const db = path.join(dir, 'undo.sqlite');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    expect(runCliProcess(['import', path.join(FIXTURES, 'nbs_sample.csv'), '--db', db]).code).toBe(0);
    const list = runCliProcess(['batches', '--db', db]);
    expect(list.stdout).toMatch(/nbs_sample\.csv\s+序列 5\s+观测值 23/);
    const before = dump(db);
    for (const args of [['undo-import', '99', '--db', db], ['undo-import', 'abc', '--db', db], ['import', path.join(dir, 'missing.xlsx'), '--db', db], ['import', path.join(FIXTURES, 'nbs_sample.xls'), '--sheet', 'Nope', '--db', db], ['import', '--db', db]]) {
      const r = runCliProcess(args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(dump(db)).toBe(before);
    }
    const undo = runCliProcess(['undo-import', '1', '--db', db]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toMatch(/已撤销导入批次 1：删除观测值 23 个、指标序列 5 个/);
    expect(JSON.parse(runCliProcess(['series', '--json', '--db', db]).stdout)).toEqual([]);
    expect(runCliProcess(['batches', '--db', db]).stdout).toMatch(/已撤销 \/ undone/);
    expect(runCliProcess(['undo-import', '1', '--db', db]).code).not.toBe(0);
  }, CLI_TIMEOUT);
});
