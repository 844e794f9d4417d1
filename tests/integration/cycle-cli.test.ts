// `cycle FILE --out DIR` end to end, as the analyst runs it each month: a spawned CLI over a real store (the
// seeded 2025 plan), the bureau's September file (first month: series new, links accepted where the
// suggestion is confident), then October with a revision of September. Checks what it prints and writes
// against `variance --json` of the same store; a file with a bad cell is refused with the cell named and
// nothing changed; `export --as-of` uses the month asked for.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleResult } from '../../electron/cli/commands/cycle';
import { STATUS_LABELS, STATUSES, type VarianceRow } from '../../shared/variance/types';
import { runCliProcess } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { bureauCsv } from './helpers/bureauMonth';

let dir: string;
let db: string;
let september: ReturnType<typeof runCliProcess>;
let october: CycleResult;
let variance: VarianceRow[];

const cli = (args: string[]) => runCliProcess([...args, '--db', db]);

beforeAll(() => {
  dir = makeTmpDir('wb-cycle-');
  db = path.join(dir, 'store.sqlite');
  expect(cli(['init']).code).toBe(0);
  writeFileSync(path.join(dir, '2025年9月.csv'), bureauCsv({ month: 9 }));
  writeFileSync(path.join(dir, '2025年10月.csv'), bureauCsv({ month: 10, reviseIndustry: 0.2 }));
  september = cli(['cycle', path.join(dir, '2025年9月.csv'), '--out', path.join(dir, '9月')]);
  const run = cli(['cycle', path.join(dir, '2025年10月.csv'), '--out', path.join(dir, '10月'), '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  october = JSON.parse(run.stdout) as CycleResult;
  variance = JSON.parse(cli(['variance', '--as-of', '2025-10', '--json']).stdout) as VarianceRow[];
}, 600_000);

afterAll(() => removeDir(dir));

describe('cycle, first month', () => {
  it('imports, links the confident suggestions, analyses and writes the three files', () => {
    expect(september.stderr).toBe('');
    expect(september.code).toBe(0);
    expect(september.stdout).toContain('新增观测值 95 个，修订 0 个');
    expect(september.stdout).toContain('新序列 5 个');
    expect(september.stdout).toMatch(/自动关联 \d+ 项/);
    expect(september.stdout).toContain('已关联 / linked');
    expect(september.stdout).toContain('数据截至2025年9月');
    expect(readdirSync(path.join(dir, '9月')).sort()).toEqual(
      ['2025年计划执行情况_数据截至2025年9月.xlsx', '2025年计划执行情况简报_数据截至2025年9月.pdf', '2025年计划执行情况分析报告（初稿）_数据截至2025年9月.docx'].sort(),
    );
  });
});

describe('cycle, a later month', () => {
  it('tells new from revised observations and names the new series', () => {
    const i = october.import;
    // October adds one month for five series, the single 天然气 point is a new series, September's industry figure is revised.
    expect(i.newObservations).toBe(6);
    expect(i.revisedObservations).toBe(1);
    expect(i.newSeries.map((s) => s.label)).toEqual(['天然气产量累计值(亿立方米)']);
    expect(i.unchangedObservations).toBe(94);
  });

  it('links only suggestions pointing at the new series; existing links stay as they were', () => {
    expect(october.links.linked.map((l) => l.indicator)).toEqual(['天然气产量']);
    expect(october.links.toDecide).toEqual([]);
  });

  it('reports the same statuses as variance --json, and which targets moved since last month', () => {
    expect(october.variance.asOf).toBe('2025-10');
    for (const s of STATUSES) expect(october.variance.counts[s]).toBe(variance.filter((r) => r.status === s).length);
    const moved = variance.filter((r) => r.previous && r.previous.status !== r.status).map((r) => r.targetId);
    expect(october.variance.moved.map((m) => m.targetId)).toEqual(moved);
    const oil = october.variance.moved.find((m) => m.indicator === '原油产量')!;
    expect([oil.from, oil.to]).toEqual(['on_track', 'met']);
    expect(oil.text).toContain(`由${STATUS_LABELS.on_track.zh}转为${STATUS_LABELS.met.zh}`);
  });

  it('writes the workbook, the briefing PDF and the report into DIR', () => {
    const out = path.join(dir, '10月');
    expect(october.handOn.dir).toBe(out);
    expect(october.handOn.files.map((f) => f.kind)).toEqual(['workbook', 'briefing', 'report']);
    for (const f of october.handOn.files) expect(readFileSync(f.path).byteLength).toBe(f.bytes);
    const wb = XLSX.read(readFileSync(october.handOn.files[0].path));
    const sheet = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['执行情况'], { header: 1 });
    const header = sheet[2];
    expect(header).toEqual(expect.arrayContaining(['上月实际值', '上月状态', '较上月']));
    const oilRow = sheet.find((r) => r[2] === '原油产量')!;
    expect(oilRow[header.indexOf('上月状态')]).toBe(STATUS_LABELS.on_track.zh);
    expect(oilRow[header.indexOf('较上月')]).toBe(variance.find((r) => r.indicator === '原油产量')!.sincePrevious);
  });
});

describe('cycle refuses what it cannot read', () => {
  it('names the bad cell, changes nothing and writes no folder', () => {
    const before = cli(['batches']).stdout;
    const bad = bureauCsv({ month: 11 }).replace(/^("规模以上工业增加值累计增长\(%\)"),[^,]+/m, '$1,约7');
    const file = path.join(dir, '2025年11月.csv');
    writeFileSync(file, bad);
    const r = cli(['cycle', file, '--out', path.join(dir, '11月')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/B4|约7/);
    expect(cli(['batches']).stdout).toBe(before);
    expect(existsSync(path.join(dir, '11月'))).toBe(false);
  }, 180_000);

  it('refuses an output folder whose parent does not exist before importing', () => {
    const before = cli(['batches']).stdout;
    const r = cli(['cycle', path.join(dir, '2025年10月.csv'), '--out', path.join(dir, 'no', 'such')]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('上级文件夹不存在');
    expect(cli(['batches']).stdout).toBe(before);
  }, 180_000);
});

describe('export --as-of', () => {
  it('uses that month: the cut-off, the figures as of September (revised value) and no October data', () => {
    const file = path.join(dir, 'sep.xlsx');
    const r = cli(['export', file, '--as-of', '2025-09']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('数据截至2025年9月');
    const wb = XLSX.read(readFileSync(file));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['执行情况'], { header: 1 });
    expect(String(rows[1]?.[0] ?? rows[0]?.[0])).toMatch(/数据截至2025年9月|1-9月/);
    const header = rows[2] as string[];
    const industry = rows.find((x) => x[2] === '规模以上工业增加值')!;
    // September's figure as revised by the October file (7.3 + 0.2), not October's 7.4.
    expect(industry[header.indexOf('实际值')]).toBeCloseTo(7.5, 9);
    expect(industry[header.indexOf('数据期')]).toBe('2025年1-9月');
    const data = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['数据'], { header: 1 });
    expect(data.some((x) => x.includes('2025-10'))).toBe(false);
  }, 180_000);
});
