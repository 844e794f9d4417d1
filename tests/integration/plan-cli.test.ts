// `plan extract` and `plan import` as a user runs them (a spawned process), and the files they must refuse:
// a clear one-line message, a non-zero exit code, and a store left exactly as it was.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizePlanText } from '../../shared/plan/normalize';
import { runCliProcess } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const root = path.resolve(import.meta.dirname, '../..');
const SEED = path.join(root, 'seeds/2025-plan.txt');
const PROPOSAL_FIELDS = ['id', 'section', 'indicator', 'kind', 'value', 'valueLow', 'valueHigh', 'unit', 'comparator', 'qualifier', 'basis', 'quote', 'notes', 'taskStatus', 'alsoStatedAt', 'direction', 'quoteStart', 'quoteEnd', 'scope'];

type Row = Record<string, unknown>;
let dir: string;
beforeAll(() => {
  dir = makeTmpDir('wb-plan-cli-');
});
afterAll(() => removeDir(dir));

function storeCounts(db: string) {
  const conn = new Database(db, { readonly: true });
  try {
    return conn.prepare('SELECT (SELECT COUNT(*) FROM plans) AS plans, (SELECT COUNT(*) FROM targets) AS targets, (SELECT COUNT(*) FROM edits) AS edits').get();
  } finally {
    conn.close();
  }
}

describe('plan extract', () => {
  it('prints the proposed targets of the seed plan as JSON, without needing or creating a store', () => {
    const home = makeTmpDir('wb-home-');
    const dataDir = path.join(home, 'data');
    const r = runCliProcess(['plan', 'extract', SEED, '--json'], { env: { PLAN_WORKBENCH_DATA: dataDir } });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    for (const row of rows) expect(Object.keys(row)).toEqual(PROPOSAL_FIELDS);
    expect(rows.map((row) => row.id)).toEqual(rows.map((_, i) => i + 1));
    const find = (indicator: string) => rows.find((row) => row.indicator === indicator);
    expect(find('地区生产总值')).toMatchObject({ kind: 'growth_rate', value: 6, unit: '%', comparator: 'about', section: '总体目标' });
    expect(find('游客数量')).toMatchObject({ kind: 'level', value: 3, unit: '亿人次', comparator: 'exceed', qualifier: 'strive' });
    expect(find('城镇新增就业')).toMatchObject({ value: 18, unit: '万人', comparator: 'at_least' });
    // 119 statements of figures, two of them restatements of headline targets: 117 targets.
    expect(rows.filter((row) => row.kind !== 'task').length).toBe(117);
    expect(rows.every((row) => row.scope === 'plan_year')).toBe(true);
    expect(find('固定资产投资')).toMatchObject({ value: 10, comparator: 'about', section: '总体目标', alsoStatedAt: [{ section: '四、(一)' }] });
    // The quote offsets point into the normalised text.
    const text = normalizePlanText(fs.readFileSync(SEED, 'utf8'));
    for (const row of rows) expect(text.slice(row.quoteStart as number, row.quoteEnd as number)).toBe(row.quote);
    // No store was opened or made in the default data folder.
    expect(fs.existsSync(dataDir)).toBe(false);
    removeDir(home);
  });

  it('prints a readable list with the plan title without --json', () => {
    const r = runCliProcess(['plan', 'extract', SEED]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2025年内蒙古自治区国民经济和社会发展计划 · 2025 · 内蒙古自治区/);
    expect(r.stdout).toMatch(/地区生产总值\s+增速\s+6%左右/);
    expect(r.stdout).toMatch(/其中量化 117 项/);
    expect(r.stdout).toMatch(/固定资产投资.*另见 also at 四、\(一\)/);
  });

  // Speed: `npm run bench -- plan-extract` measures it against a baseline of the same run; no wall-clock assertion here.

});

describe('plan import', () => {
  it('commits a new plan that targets --plan N lists', () => {
    const db = path.join(dir, 'new.sqlite');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const r = runCliProcess(['plan', 'import', SEED, '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { planId: number; added: unknown[] };
    // A new store is seeded with the 2025 plan, so the import is plan 2.
    expect(result.planId).toBe(2);
    const listed = runCliProcess(['targets', '--json', '--plan', String(result.planId), '--db', db]);
    expect(listed.code, listed.stderr).toBe(0);
    const targets = JSON.parse(listed.stdout) as Row[];
    expect(targets).toHaveLength(result.added.length);
    expect(targets.find((t) => t.indicator === '地区生产总值')).toMatchObject({ value: 6, unit: '%', comparator: 'about' });
  });

  it('takes --year and --title over the document', () => {
    const db = path.join(dir, 'titled.sqlite');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const r = runCliProcess(['plan', 'import', SEED, '--db', db, '--year', '2026', '--title', '修订稿']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/已导入为新计划 2：修订稿/);
    const conn = new Database(db, { readonly: true });
    expect(conn.prepare('SELECT year, region, title FROM plans WHERE id = 2').get()).toEqual({ year: 2026, region: '内蒙古自治区', title: '修订稿' });
    conn.close();
  });

  it('--update matches the stored plan and reports nothing changed for the same document', () => {
    const db = path.join(dir, 'update.sqlite');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const before = storeCounts(db);
    const dry = runCliProcess(['plan', 'import', SEED, '--update', '1', '--dry-run', '--db', db]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/新增 0 项，修改 0 处，删除 0 项/);
    const r = runCliProcess(['plan', 'import', SEED, '--update', '1', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ planId: 1, added: [], changed: [], removed: [], groupId: null });
    expect(storeCounts(db)).toEqual(before);
    const missing = runCliProcess(['plan', 'import', SEED, '--update', '99', '--db', db]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/Plan 99 does not exist/);
  });

  describe('refuses files that cannot hold a plan, leaving the store unchanged', () => {
    const bad: [string, () => Buffer, RegExp][] = [
      ['empty.txt', () => Buffer.alloc(0), /The file is empty/],
      ['binary.txt', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)), /not a text file/],
      ['fake.docx', () => Buffer.from('PK? no, just text pretending to be Word'), /Not a valid Word document/],
      ['scan.pdf', () => pdfWithoutText(), /no text layer/],
      ['missing.txt', () => Buffer.alloc(0), /File not found/],
    ];
    for (const [name, bytes, message] of bad) {
      it(name, () => {
        const db = path.join(dir, `bad-${name}.sqlite`);
        expect(runCliProcess(['init', '--db', db]).code).toBe(0);
        const before = { counts: storeCounts(db), bytes: fs.readFileSync(db) };
        const file = path.join(dir, name);
        if (name !== 'missing.txt') fs.writeFileSync(file, bytes());
        for (const args of [['plan', 'import', file, '--db', db], ['plan', 'extract', file, '--json']]) {
          const r = runCliProcess(args);
          expect(r.code, args.join(' ')).not.toBe(0);
          expect(r.stdout).toBe('');
          expect(r.stderr.trim().split('\n')).toHaveLength(1);
          expect(r.stderr).toMatch(message);
          expect(r.stderr).toMatch(/[\u4e00-\u9fff].* \/ [A-Z]/);
        }
        expect(storeCounts(db)).toEqual(before.counts);
        expect(fs.readFileSync(db).equals(before.bytes)).toBe(true);
      });
    }
  });

  it('refuses a text with no plan targets, and unknown subcommands', () => {
    const db = path.join(dir, 'none.sqlite');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const file = path.join(dir, 'letter.txt');
    fs.writeFileSync(file, 'Dear colleague, see you at the meeting.\n');
    const r = runCliProcess(['plan', 'import', file, '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/No plan targets were found/);
    // Nothing was added: the store still holds only the seeded plan.
    const plans = JSON.parse(runCliProcess(['targets', '--json', '--db', db]).stdout) as unknown[];
    expect(plans.length).toBe(JSON.parse(runCliProcess(['targets', '--json', '--db', db]).stdout).length);
    expect(new Set((plans as { quote: string }[]).map((t) => t.quote)).has('Dear colleague, see you at the meeting.')).toBe(false);
    expect(runCliProcess(['plan', 'frob', SEED]).code).not.toBe(0);
    expect(runCliProcess(['plan', 'extract', SEED, '--year', '2025']).code).not.toBe(0);
  });
});

/** A one-page PDF with an empty content stream: what a scan without OCR looks like to a text reader. */
function pdfWithoutText(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
