// The analysis workbook read back as a colleague's spreadsheet program would: sheets, frozen headers,
// formats, status fills, formulas with cached results equal to the variance rows, and no injected formula.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeAnalysisWorkbook, writeGridViewWorkbook } from '../../electron/export/workbook';
import { readReturnedTargets } from '../../electron/export/readTargetsWorkbook';
import { VARIANCE_HEADER_ROW } from '../../electron/export/varianceSheet';
import { diffTargets } from '../../shared/export/targetsDiff';
import { TARGET_COLUMNS } from '../../shared/export/targetsSheet';
import { STATUS_LABELS } from '../../shared/variance/types';
import type { ExportInput, ExportResult } from '../../shared/export/types';
import { INJECTION_TEXTS, sampleExportInput } from '../fixtures/exportSample';

const dir = mkdtempSync(join(tmpdir(), 'pw-export-'));
const file = join(dir, 'analysis.xlsx');
let input: ExportInput;
let result: ExportResult;
let sheetjs: XLSX.WorkBook;
let excel: ExcelJS.Workbook;

/** Raw XML of every worksheet part, via SheetJS's view of the zip. */
function worksheetXml(path: string): Map<string, string> {
  const book = XLSX.read(readFileSync(path), { type: 'buffer', bookFiles: true }) as XLSX.WorkBook & { files: Record<string, { content: Uint8Array }> };
  const xml = new Map<string, string>();
  const rels = Buffer.from(book.files['xl/_rels/workbook.xml.rels'].content).toString('utf8');
  const workbookXml = Buffer.from(book.files['xl/workbook.xml'].content).toString('utf8');
  for (const m of workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = new RegExp(`Id="${m[2]}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${m[2]}"`).exec(rels)!;
    const part = `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, '')}`;
    xml.set(m[1], Buffer.from(book.files[part].content).toString('utf8'));
  }
  return xml;
}

beforeAll(async () => {
  input = sampleExportInput(30);
  result = await writeAnalysisWorkbook(input, file);
  sheetjs = XLSX.read(readFileSync(file), { type: 'buffer', cellFormula: true, cellStyles: true });
  excel = new ExcelJS.Workbook();
  await excel.xlsx.readFile(file);
});

describe('analysis workbook', () => {
  it('has the four sheets in order, and reports them', () => {
    expect(result.sheets).toEqual(['说明', '目标', '执行情况', '数据']);
    expect(sheetjs.SheetNames).toEqual(result.sheets);
  });

  it('explains the cut-off, the export time and the source files', () => {
    const text = XLSX.utils.sheet_to_csv(sheetjs.Sheets['说明']);
    expect(text).toContain('数据截至2025年10月');
    expect(text).toContain('2025年11月18日 09:30');
    for (const batch of input.batches) expect(text).toContain(batch.fileName);
    expect(text).toContain('修改后回传');
  });

  it('freezes the header and the leading columns on every data sheet', () => {
    for (const name of ['目标', '执行情况', '数据']) {
      const view = excel.getWorksheet(name)!.views[0] as { state: string; ySplit: number; xSplit: number };
      expect(view.state).toBe('frozen');
      expect(view.ySplit).toBe(VARIANCE_HEADER_ROW);
      expect(view.xSplit).toBeGreaterThan(0);
    }
  });

  it('puts a title row above the header and sizes Chinese columns to fit', () => {
    const sheet = excel.getWorksheet('执行情况')!;
    expect(String(sheet.getCell('A1').value)).toContain('主要指标执行情况（2025年1-10月）');
    expect(sheet.getCell('A3').value).toBe('目标ID');
    const indicatorWidth = sheet.getColumn(3).width!;
    const longest = Math.max(...input.variance.map((r) => [...r.indicator].length));
    // CJK characters are about two digit-widths each; the column wraps beyond its cap.
    expect(indicatorWidth).toBeGreaterThanOrEqual(Math.min(30, longest * 2));
  });

  it('writes formulas where a colleague edits, with cached results equal to the variance rows', () => {
    const sheet = sheetjs.Sheets['执行情况'];
    const gapRows = input.variance.filter((r) => r.actual !== null && r.target !== null);
    const completionRows = input.variance.filter((r) => r.completionRate !== null);
    expect(result.formulaCells).toBe(gapRows.length + completionRows.length * 2);
    input.variance.forEach((row, i) => {
      const n = VARIANCE_HEADER_ROW + 1 + i;
      expect(sheet[`A${n}`].v).toBe(row.targetId);
      if (row.gap !== null && row.actual !== null) {
        expect(sheet[`I${n}`].f).toBe(`F${n}-G${n}`);
        expect(sheet[`I${n}`].v).toBeCloseTo(row.gap, 9);
        expect((sheet[`F${n}`].v as number) - (sheet[`G${n}`].v as number)).toBeCloseTo(sheet[`I${n}`].v as number, 9);
      }
      if (row.completionRate !== null) {
        expect(sheet[`K${n}`].f).toBe(`F${n}/G${n}*100`);
        expect(sheet[`K${n}`].v).toBeCloseTo(row.completionRate, 9);
        expect(sheet[`N${n}`].f).toBe(`K${n}-L${n}`);
        expect(sheet[`N${n}`].v).toBeCloseTo(row.completionRate - row.scheduleCalendar!, 9);
      } else {
        expect(sheet[`K${n}`]?.f).toBeUndefined();
      }
    });
  });

  it('formats rates with one decimal, gaps signed, levels with thousands separators, units in headers', () => {
    const sheet = excel.getWorksheet('执行情况')!;
    const headers = (sheet.getRow(3).values as unknown[]).map(String);
    expect(headers).toContain('完成率(%)\n(实际÷目标)');
    expect(headers).toContain('快于序时\n(个百分点)');
    input.variance.forEach((row, i) => {
      const n = VARIANCE_HEADER_ROW + 1 + i;
      if (row.actual === null) return;
      if (row.actualUnit === '%') {
        expect(sheet.getCell(`F${n}`).numFmt).toBe('0.0');
        expect(sheet.getCell(`I${n}`).numFmt).toBe('+0.0;-0.0;0.0');
      } else {
        expect(sheet.getCell(`F${n}`).numFmt).toMatch(/^#,##0/);
        expect(sheet.getCell(`K${n}`).numFmt).toBe('0.0');
      }
    });
  });

  it('colours each status cell and writes the status itself', () => {
    const sheet = excel.getWorksheet('执行情况')!;
    const statusColumn = (sheet.getRow(3).values as unknown[]).indexOf('状态');
    const fills = new Map<string, string>();
    input.variance.forEach((row, i) => {
      const cell = sheet.getRow(VARIANCE_HEADER_ROW + 1 + i).getCell(statusColumn);
      expect(cell.value).toBe(STATUS_LABELS[row.status].zh);
      const fill = cell.fill as ExcelJS.FillPattern;
      expect(fill.pattern).toBe('solid');
      const previous = fills.get(row.status);
      if (previous) expect(fill.fgColor?.argb).toBe(previous);
      fills.set(row.status, fill.fgColor!.argb!);
    });
    // Different statuses, different fills.
    expect(new Set(fills.values()).size).toBe(fills.size);
  });

  it('holds every observation in long form with its source cell', () => {
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(sheetjs.Sheets['数据'], { range: 2 });
    const expected = input.series.flatMap((s) => s.observations.map((o) => ({ s, o })));
    expect(rows).toHaveLength(expected.length);
    expected.forEach(({ s, o }, i) => {
      expect(rows[i]['序列ID']).toBe(s.series.id);
      expect(rows[i]['期别']).toBe(o.period);
      expect(rows[i]['数值']).toBe(o.value);
      expect(rows[i]['单元格']).toBe(o.cell);
      expect(rows[i]['来源文件']).toBe(o.file);
    });
  });

  it('keeps injection-looking text as text: no <f> outside the formula columns', () => {
    const xml = worksheetXml(file);
    const allowed = new Set(result.formulaAddresses);
    let formulas = 0;
    for (const [name, sheetXml] of xml) {
      for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(?:(?!<\/c>).)*?<f>/g)) {
        formulas += 1;
        expect(allowed.has(`${name}!${m[1]}`)).toBe(true);
      }
    }
    expect(formulas).toBe(result.formulaCells);
    // The injection strings are present, and read back as strings.
    const strings = new Set<string>();
    for (const name of sheetjs.SheetNames) {
      const sheet = sheetjs.Sheets[name];
      for (const [address, cell] of Object.entries(sheet)) {
        if (address.startsWith('!')) continue;
        const c = cell as XLSX.CellObject;
        if (typeof c.v === 'string' && INJECTION_TEXTS.some((t) => c.v === t || (c.v as string).includes(t))) {
          expect(c.t).toBe('s');
          expect(c.f).toBeUndefined();
          strings.add(INJECTION_TEXTS.find((t) => (c.v as string).includes(t))!);
        }
      }
    }
    expect([...strings].sort()).toEqual([...INJECTION_TEXTS].sort());
  });

  it('comes back: a colleague edits values and notes, the import lists exactly those changes', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('目标')!;
    const col = (header: string) => TARGET_COLUMNS.findIndex((c) => c.header === header) + 1;
    // Row 4 is the first target; row 6 the third.
    sheet.getRow(4).getCell(col('目标值')).value = 6.5;
    sheet.getRow(6).getCell(col('备注')).value = '=1+1 按季度复核';
    sheet.getRow(6).getCell(col('计划原文')).value = '改了原文（不可编辑列，不比对）';
    const returned = join(dir, 'returned.xlsx');
    await book.xlsx.writeFile(returned);

    const read = await readReturnedTargets(readFileSync(returned), input.targets.map((t) => t.id));
    expect(read.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(read.rows).toHaveLength(input.targets.length);
    const changes = diffTargets(input.targets, read.rows);
    expect(changes.map((c) => [c.targetId, c.field, c.before, c.after])).toEqual([
      [input.targets[0].id, 'value', input.targets[0].value, 6.5],
      [input.targets[2].id, 'notes', input.targets[2].notes, '=1+1 按季度复核'],
    ]);
  });

  it('exports a grid view with units in headers, formats by type and coloured statuses', async () => {
    const gridFile = join(dir, 'grid.xlsx');
    const rows = input.variance.slice(0, 6).map((r) => ({ indicator: r.indicator, actual: r.actual, gap: r.gap, status: r.status, note: INJECTION_TEXTS[0] }));
    const out = await writeGridViewWorkbook(
      {
        title: '执行情况 · 筛选：总体目标',
        subtitle: '数据截至2025年10月',
        columns: [
          { field: 'indicator', headerName: '指标', type: 'text' },
          { field: 'actual', headerName: '实际', type: 'percent' },
          { field: 'gap', headerName: '差距', type: 'pp' },
          { field: 'status', headerName: '状态', type: 'status' },
          { field: 'note', headerName: '备注', type: 'text' },
        ],
        rows,
      },
      gridFile,
    );
    expect(out.rows).toBe(rows.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(gridFile);
    const sheet = book.worksheets[0];
    // Percent and 个百分点 are in the cells' number formats (Excel computes with the numbers), not in the headers.
    expect(sheet.getRow(3).values).toEqual([undefined, '指标', '实际', '差距', '状态', '备注']);
    expect(sheet.getCell('B4').value).toBeCloseTo(rows[0].actual! / 100, 12);
    expect(sheet.getCell('B4').numFmt).toBe('0.0%');
    expect(sheet.getCell('C4').value).toBe(rows[0].gap);
    expect(sheet.getCell('C4').numFmt).toBe('+0.0"个百分点";-0.0"个百分点";0.0"个百分点"');
    expect(sheet.getCell('D4').value).toBe(STATUS_LABELS[rows[0].status].zh);
    expect((sheet.getCell('D4').fill as ExcelJS.FillPattern).pattern).toBe('solid');
    expect(sheet.getCell('E4').value).toBe(INJECTION_TEXTS[0]);
    expect(sheet.getCell('E4').formula).toBeUndefined();
    expect((sheet.views[0] as { ySplit: number }).ySplit).toBe(3);
  });
});

// Where LibreOffice is installed, let it recalculate every formula and compare with the variance rows.
const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice'].find((p) => existsSync(p));
describe.runIf(soffice)('analysis workbook recalculated by LibreOffice', () => {
  it('evaluates the formulas to the numbers the workbench shows', () => {
    const profile = join(dir, 'lo-profile');
    mkdirSync(join(profile, 'user'), { recursive: true });
    // Recalculate on load (LibreOffice otherwise trusts the cached results, which would prove nothing).
    writeFileSync(
      join(profile, 'user', 'registrymodifications.xcu'),
      `<?xml version="1.0" encoding="UTF-8"?><oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item></oor:items>`,
    );
    const out = join(dir, 'csv');
    execFileSync(soffice!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, file], { timeout: 90_000, stdio: 'ignore' });
    const csv = readdirSync(out).find((f) => f.includes('执行情况'))!;
    const lines = XLSX.read(readFileSync(join(out, csv), 'utf8'), { type: 'string', raw: true }).Sheets.Sheet1;
    const grid = XLSX.utils.sheet_to_json<string[]>(lines, { header: 1, raw: false, defval: '' });
    input.variance.forEach((row, i) => {
      const line = grid[VARIANCE_HEADER_ROW + i];
      expect(Number(line[0])).toBe(row.targetId);
      // The CSV holds the formatted text: compare at the displayed precision.
      if (row.gap !== null && row.actual !== null) expect(Number(line[8].replace(/,/g, ''))).toBeCloseTo(row.gap, 1);
      if (row.completionRate !== null) expect(Number(line[10])).toBeCloseTo(row.completionRate, 1);
    });
  }, 120_000);
});
