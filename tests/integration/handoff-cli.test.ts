// Export and briefing end to end from the CLI, over a real store: the 2025 plan, a statistics file imported
// and five targets linked. The workbook is read back as a colleague's program would (and recalculated by
// LibreOffice where installed); the briefing is a real A4 PDF; the 目标 sheet edited with exceljs comes back
// as exactly the changed fields, which apply as recorded edits that undo restores.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import type { ReturnedWorkbook } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { acceptedEdits, changeKey } from '../../shared/export/targetsDiff';
import { runCliProcess } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';

// A leading `=` in the file name: it reaches the 说明 and 数据 sheets and must stay text there.
const STATS_FILE = '=2025年10月统计月报.csv';
const ROUND_TRIP_NOTE = '=SUM(1,2) 请核实口径';

/** A bureau-style wide sheet, months newest first, 2024 and 2025 (1-2月 released together). Illustrative figures. */
function statisticsCsv(): string {
  const months: [number, number][] = [];
  for (const y of [2025, 2024]) for (let m = 12; m >= 2; m--) if (!(y === 2025 && m > 10)) months.push([y, m]);
  const rows: [string, (y: number, m: number) => number][] = [
    ['规模以上工业增加值累计增长(%)', (y, m) => (y === 2025 ? 7.9 - m * 0.05 : 6.8 - m * 0.03)],
    ['固定资产投资累计增长(%)', (y, m) => (y === 2025 ? 3.2 + m * 0.1 : 5.5 + m * 0.2)],
    ['煤炭产量累计值(万吨)', (y, m) => (y === 2025 ? 10150 : 9800) * m * (1 + 0.01 * Math.sin(m))],
    ['原油产量累计值(万吨)', (y, m) => (y === 2025 ? 25.6 : 24.9) * m],
    ['天然气产量累计值(亿立方米)', (y, m) => (y === 2025 ? 26.1 : 25.2) * m * (1 - 0.01 * Math.cos(m))],
  ];
  const lines = ['"数据库：分省月度数据"', '"地区：内蒙古自治区"', ['"指标"', ...months.map(([y, m]) => `"${y}年${m}月"`)].join(',')];
  for (const [label, f] of rows) lines.push([`"${label}"`, ...months.map(([y, m]) => f(y, m).toFixed(1))].join(','));
  lines.push('"注：示例数据，非官方统计。"');
  return lines.join('\n') + '\n';
}

const LINKS: [indicator: string, series: string][] = [
  ['规模以上工业增加值', '规模以上工业增加值累计增长(%)'],
  ['固定资产投资', '固定资产投资累计增长(%)'],
  ['煤炭产量', '煤炭产量累计值(万吨)'],
  ['原油产量', '原油产量累计值(万吨)'],
  ['天然气产量', '天然气产量累计值(亿立方米)'],
];

interface VarianceJson {
  targetId: number;
  indicator: string;
  actual: number | null;
  target: number | null;
  gap: number | null;
  completionRate: number | null;
  scheduleCalendar: number | null;
}

let dir: string;
let db: string;
let targets: Target[];
let linked: Target[];
let variance: VarianceJson[];
let workbookFile: string;
let exportRun: { code: number; stdout: string; stderr: string };
let briefRun: { code: number; stdout: string; stderr: string };

// How long these take is measured by `npm run bench`, never asserted here.
const cli = (args: string[]) => runCliProcess([...args, '--db', db]);

beforeAll(() => {
  dir = makeTmpDir('wb-handoff-');
  db = path.join(dir, 'store.sqlite');
  expect(cli(['init']).code).toBe(0);
  const csv = path.join(dir, STATS_FILE);
  writeFileSync(csv, statisticsCsv());
  const imported = cli(['import', csv]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  targets = JSON.parse(cli(['targets', '--json']).stdout) as Target[];
  // The first target of each indicator: 固定资产投资 appears twice in the plan.
  linked = LINKS.map(([indicator, series]) => {
    const target = targets.find((t) => t.indicator === indicator)!;
    const r = cli(['link', '--target', String(target.id), '--series', series]);
    expect(r.stderr).toBe('');
    return target;
  });
  variance = JSON.parse(cli(['variance', '--as-of', '2025-10', '--json']).stdout) as VarianceJson[];
  workbookFile = path.join(dir, 'out.xlsx');
  exportRun = cli(['export', workbookFile, '--as-of', '2025-10']);
  briefRun = cli(['brief', path.join(dir, 'out.pdf'), '--as-of', '2025-10', '--section', '一']);
}, 120_000);

afterAll(() => removeDir(dir));

describe('export FILE.xlsx', () => {
  it('writes the workbook and says where, which sheets and how long it took', () => {
    expect(exportRun.stderr).toBe('');
    expect(exportRun.code).toBe(0);
    expect(exportRun.stdout).toContain(`已导出 / Exported: ${workbookFile}`);
    expect(exportRun.stdout).toContain('说明, 目标, 执行情况, 数据');
    expect(exportRun.stdout).toContain('数据截至2025年10月');
    expect(exportRun.stdout).toMatch(/用时 \/ Elapsed: \d+\.\d\d s/);
  });

  it('has the four sheets, formulas whose cached results are the figures of variance --json', () => {
    const wb = XLSX.read(readFileSync(workbookFile), { cellFormula: true });
    expect(wb.SheetNames).toEqual(['说明', '目标', '执行情况', '数据']);
    const sheet = wb.Sheets['执行情况'];
    const headers = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, range: 2 })[0];
    const col = (header: string) => XLSX.utils.encode_col(headers.findIndex((h) => h.replace(/\n.*/s, '') === header));
    const range = XLSX.utils.decode_range(sheet['!ref']!);
    let checked = 0;
    for (const target of linked) {
      const expected = variance.find((r) => r.targetId === target.id)!;
      expect(expected.actual).not.toBeNull();
      let row = -1;
      for (let r = 3; r <= range.e.r; r++) if (sheet[`A${r + 1}`]?.v === target.id) row = r + 1;
      expect(row).toBeGreaterThan(0);
      const gap = sheet[`${col('差距')}${row}`];
      expect(gap.f).toBeTruthy();
      expect(gap.v).toBeCloseTo(expected.gap!, 6);
      checked++;
      if (expected.completionRate !== null) {
        const completion = sheet[`${col('完成率(%)')}${row}`];
        expect(completion.f).toBe(`F${row}/G${row}*100`);
        expect(completion.v).toBeCloseTo(expected.completionRate, 6);
        expect(sheet[`${col('实际值')}${row}`].v).toBeCloseTo(expected.actual!, 9);
        checked++;
      }
    }
    expect(checked).toBe(LINKS.length + 3);
  });

  it('puts formulas only in the variance sheet: no imported or typed text became a formula', () => {
    const wb = XLSX.read(readFileSync(workbookFile), { cellFormula: true });
    let formulas = 0;
    for (const name of wb.SheetNames) {
      const sheet = wb.Sheets[name];
      for (const [address, cell] of Object.entries(sheet)) {
        if (address.startsWith('!')) continue;
        const c = cell as XLSX.CellObject;
        if (c.f) {
          expect(name).toBe('执行情况');
          expect(c.f).toMatch(/^[A-Z]+\d+[-/][A-Z]+\d+(\*100)?$/);
          formulas++;
        }
      }
    }
    expect(formulas).toBeGreaterThan(0);
    // The file name with a leading `=` is a text cell in the data and notes sheets.
    const data = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['数据'], { header: 1 });
    const sourceColumn = (data[2] as string[]).indexOf('来源文件');
    const sources = data.slice(3).map((r) => r[sourceColumn]);
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources)).toEqual(new Set([STATS_FILE]));
    const readme = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['说明'], { header: 1 }).flat();
    expect(readme).toContain(STATS_FILE);
  });

  it('keeps only the data up to the cut-off, with the cell each value came from', () => {
    const wb = XLSX.read(readFileSync(workbookFile));
    const data = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['数据'], { range: 2 });
    expect(data.length).toBe(5 * 20);
    for (const row of data) {
      expect(String(row['期别']) <= '2025-10').toBe(true);
      expect(String(row['单元格'])).toMatch(/^[A-Z]+\d+$/);
    }
  });

  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
  it.runIf(soffice)('recalculated by LibreOffice, the formulas give the numbers the workbench shows', () => {
    const profile = path.join(dir, 'lo-profile');
    mkdirSync(path.join(profile, 'user'), { recursive: true });
    // Recalculate on load: otherwise LibreOffice shows the cached results, which would prove nothing.
    writeFileSync(
      path.join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>`,
    );
    const out = path.join(dir, 'csv');
    execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, workbookFile], { timeout: 90_000, stdio: 'ignore' });
    const csv = readdirSync(out).find((f) => f.includes('执行情况'))!;
    const grid = XLSX.utils.sheet_to_json<string[]>(XLSX.read(readFileSync(path.join(out, csv), 'utf8'), { type: 'string', raw: true }).Sheets.Sheet1, { header: 1, raw: false, defval: '' });
    const headers = grid[2].map((h) => h.replace(/\n.*/s, ''));
    for (const target of linked) {
      const expected = variance.find((r) => r.targetId === target.id)!;
      const line = grid.find((l) => Number(l[0]) === target.id)!;
      // The CSV holds the text as displayed (one decimal).
      expect(Number(line[headers.indexOf('差距')].replace(/,/g, ''))).toBeCloseTo(expected.gap!, 1);
      if (expected.completionRate !== null) expect(Number(line[headers.indexOf('完成率(%)')])).toBeCloseTo(expected.completionRate, 1);
    }
  }, 120_000);
});

describe('brief FILE.pdf', () => {
  // How long it takes is measured by `npm run bench`, not asserted here (no test asserts a wall-clock time).
  it('prints the A4 pages of section 一 and says how many', () => {
    expect(briefRun.stderr).toBe('');
    expect(briefRun.code).toBe(0);
    const pages = Number(/页数 \/ Pages: (\d+)/.exec(briefRun.stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    // Section 一 holds 煤炭产量, 原油产量 and 天然气产量 of the linked five.
    expect(briefRun.stdout).toContain('目标 3 项');
    const pdf = readFileSync(path.join(dir, 'out.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect((text.match(/\/Type\s*\/Page\b/g) ?? []).length).toBe(pages);
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThanOrEqual(pages);
    for (const [, w, h] of boxes) expect([Math.round(Number(w)), Math.round(Number(h))]).toEqual([595, 842]);
  });
});

describe('CLI errors: one line, non-zero exit', () => {
  it('refuses an as-of month not written YYYY-MM', () => {
    const r = cli(['export', path.join(dir, 'x.xlsx'), '--as-of', '2025-13']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('YYYY-MM');
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });

  it('refuses a path it cannot write', () => {
    for (const args of [
      ['export', path.join(dir, 'no-such-dir', 'x.xlsx')],
      ['brief', path.join(dir, 'no-such-dir', 'x.pdf'), '--section', '一'],
    ]) {
      const r = cli(args);
      expect(r.code).not.toBe(0);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('目录不存在');
    }
  });

  it('refuses a section without targets that carry figures', () => {
    const r = cli(['brief', path.join(dir, 'y.pdf'), '--section', '十一']);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('round trip of the 目标 sheet', () => {
  let service: Service;
  let returned: ReturnedWorkbook;
  const coal = () => linked[2];
  const oil = () => linked[3];

  beforeAll(async () => {
    // A colleague edits one value and one note in the exported file with another program and sends it back.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbookFile);
    const sheet = wb.getWorksheet('目标')!;
    const header = sheet.getRow(3).values as unknown[];
    const column = (name: string) => header.indexOf(name);
    sheet.eachRow((row, n) => {
      if (n <= 3) return;
      const id = row.getCell(column('ID')).value;
      if (id === coal().id) row.getCell(column('目标值')).value = 12.5;
      if (id === oil().id) row.getCell(column('备注')).value = ROUND_TRIP_NOTE;
    });
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    service = openWorkbench(db, 'cli', { create: true });
    returned = (await dispatch(service, 'readReturnedWorkbook', { file: { fileName: '回传.xlsx', dataBase64: bytes.toString('base64') } })) as ReturnedWorkbook;
  });

  afterAll(() => service?.ctx.db.close());

  it('shows exactly the two changes, target by target, with no problems', () => {
    expect(returned.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(returned.rowCount).toBe(targets.length);
    expect(returned.changes.map((c) => [c.targetId, c.field, c.before, c.after])).toEqual([
      [coal().id, 'value', 12, 12.5],
      [oil().id, 'notes', '', ROUND_TRIP_NOTE],
    ]);
  });

  it('applies the accepted changes as recorded workbook edits, and undo restores them', async () => {
    const edits = acceptedEdits(returned.changes, returned.changes.map(changeKey));
    await dispatch(service, 'editTargets', { edits, source: 'workbook' });
    const after = (await dispatch(service, 'listTargets', {})) as Target[];
    expect(after.find((t) => t.id === coal().id)!.value).toBe(12.5);
    expect(after.find((t) => t.id === oil().id)!.notes).toBe(ROUND_TRIP_NOTE);
    const history = (await dispatch(service, 'targetHistory', { targetId: coal().id })) as { source: string; newValue: unknown }[];
    expect(history.map((h) => [h.source, h.newValue])).toContainEqual(['workbook', 12.5]);

    await dispatch(service, 'undo', {});
    const undone = (await dispatch(service, 'listTargets', {})) as Target[];
    expect(undone.find((t) => t.id === coal().id)!.value).toBe(12);
    expect(undone.find((t) => t.id === oil().id)!.notes).toBe('');
  });

  it('reads nothing back from a file without a 目标 sheet, and says so', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '无关内容';
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const r = (await dispatch(service, 'readReturnedWorkbook', { file: { fileName: 'other.xlsx', dataBase64: bytes.toString('base64') } })) as ReturnedWorkbook;
    expect(r.changes).toEqual([]);
    expect(r.problems[0].severity).toBe('error');
    expect(r.problems[0].message).toContain('表头');
  });
});
