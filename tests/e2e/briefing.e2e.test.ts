// Hand-on files in Chromium against the browser shell: the targets toolbar's Excel export, the current view
// export, the returned-workbook review (accept some, undo), and the briefing builder's preview, PDF and charts.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Download, Page } from 'playwright-core';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Series } from '../../shared/domain/series';
import type { Target } from '../../shared/domain/target';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let coal: Target;
let oil: Target;

/** Illustrative monthly figures for 2024 and 2025 up to October, as a bureau-style wide CSV. */
function statisticsCsv(): string {
  const months: [number, number][] = [];
  for (const y of [2025, 2024]) for (let m = 12; m >= 2; m--) if (!(y === 2025 && m > 10)) months.push([y, m]);
  const rows: [string, (y: number, m: number) => number][] = [
    ['规模以上工业增加值累计增长(%)', (y, m) => (y === 2025 ? 7.9 - m * 0.05 : 6.8 - m * 0.03)],
    ['固定资产投资累计增长(%)', (y, m) => (y === 2025 ? 3.2 + m * 0.1 : 5.5 + m * 0.2)],
    ['煤炭产量累计值(万吨)', (y, m) => (y === 2025 ? 10150 : 9800) * m],
    ['原油产量累计值(万吨)', (y, m) => (y === 2025 ? 25.6 : 24.9) * m],
  ];
  const lines = [['"指标"', ...months.map(([y, m]) => `"${y}年${m}月"`)].join(',')];
  for (const [label, f] of rows) lines.push([`"${label}"`, ...months.map(([y, m]) => f(y, m).toFixed(1))].join(','));
  return lines.join('\n') + '\n';
}

async function saved(download: Download): Promise<{ name: string; bytes: Buffer }> {
  const file = path.join(dir, `dl-${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

async function downloadOf(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  return saved(download);
}

const cell = (id: number, col: string) => page.locator(`.ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`);
const stored = (id: number) => (service.handlers.listTargets({}) as Target[]).find((t) => t.id === id)!;

beforeAll(async () => {
  dir = makeTmpDir('wb-e2e-brief-');
  service = openWorkbench(path.join(dir, 'e2e.sqlite'), 'web', { create: true });
  await dispatch(service, 'commitImport', { file: { fileName: '2025年10月统计月报.csv', dataBase64: Buffer.from(statisticsCsv()).toString('base64') } });
  const series = (await dispatch(service, 'listSeries', {})) as Series[];
  const targets = service.handlers.listTargets({}) as Target[];
  for (const [indicator, label] of [
    ['规模以上工业增加值', '规模以上工业增加值累计增长(%)'],
    ['固定资产投资', '固定资产投资累计增长(%)'],
    ['煤炭产量', '煤炭产量累计值(万吨)'],
    ['原油产量', '原油产量累计值(万吨)'],
  ]) {
    const target = targets.find((t) => t.indicator === indicator)!;
    await dispatch(service, 'setLink', { targetId: target.id, seriesId: series.find((s) => s.label === label)!.id });
  }
  coal = targets.find((t) => t.indicator === '煤炭产量')!;
  oil = targets.find((t) => t.indicator === '原油产量')!;
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(shell.url);
  await cell(coal.id, 'value').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

describe('targets toolbar', () => {
  it('导出Excel downloads the analysis workbook as of the newest month', async () => {
    const { name, bytes } = await downloadOf(() => page.getByTestId('export-workbook').click());
    expect(name).toBe('2025年计划执行情况_数据截至2025年10月.xlsx');
    const wb = XLSX.read(bytes);
    expect(wb.SheetNames).toEqual(['说明', '目标', '执行情况', '数据']);
  });

  it('导出当前视图 exports the filtered, sorted rows with the displayed columns in order', async () => {
    await page.getByRole('textbox', { name: '筛选' }).fill('产量');
    await page.locator('.ag-header-cell[col-id="indicator"] .ag-header-cell-label').click();
    const { bytes } = await downloadOf(() => page.getByTestId('export-view').click());
    const sheet = XLSX.read(bytes).Sheets[XLSX.read(bytes).SheetNames[0]];
    const grid = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1 });
    expect((grid[2] as string[]).slice(0, 5)).toEqual(['章节', '指标', '类型', '进展', '目标值']);
    const indicators = grid.slice(3).map((r) => String(r[1]));
    // The grid's own order: rows carry their displayed index (the DOM order is not the display order).
    const shownOrder = () =>
      page.locator('.ag-row').evaluateAll((rows) =>
        rows
          .filter((r) => r.querySelector('[col-id="indicator"]'))
          .map((r) => [Number(r.getAttribute('row-index')), r.querySelector('[col-id="indicator"]')?.textContent ?? ''] as const)
          .sort((a, b) => a[0] - b[0])
          .map(([, text]) => text),
      );
    await expect.poll(shownOrder).toEqual(indicators);
    await page.getByRole('textbox', { name: '筛选' }).fill('');
    expect(indicators).toContain('煤炭产量');
    expect(indicators.length).toBeLessThan((service.handlers.listTargets({}) as Target[]).length);
    // Labels as shown, not codes: the kind column says 总量, not level.
    const coalRow = grid.slice(3).find((r) => r[1] === '煤炭产量')!;
    expect(coalRow[2]).toBe('总量');
    expect(coalRow[3]).toBe('未开始');
    expect(coalRow[4]).toBe(12);
  });

  it('导入回传文件 lists the changes; only the ticked one is applied, recorded and undone by Ctrl+Z', async () => {
    const wb = new ExcelJS.Workbook();
    const { bytes } = await downloadOf(() => page.getByTestId('export-workbook').click());
    await wb.xlsx.load(new Uint8Array(bytes).buffer);
    const sheet = wb.getWorksheet('目标')!;
    const header = sheet.getRow(3).values as unknown[];
    sheet.eachRow((row, n) => {
      if (n <= 3) return;
      const id = row.getCell(header.indexOf('ID')).value;
      if (id === coal.id) row.getCell(header.indexOf('目标值')).value = 12.5;
      if (id === oil.id) row.getCell(header.indexOf('备注')).value = '请核实';
    });
    const returned = path.join(dir, '回传.xlsx');
    await wb.xlsx.writeFile(returned);

    // Keep the coal row in view (the grid renders only the rows on screen).
    await page.getByRole('textbox', { name: '筛选' }).fill('煤炭产量');
    await page.getByTestId('returned-file').setInputFiles(returned);
    const dialog = page.getByTestId('returned-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('returned-change').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('returned-dialog') });
    await dialog.getByRole('checkbox', { name: '采纳 原油产量 备注' }).uncheck();
    await dialog.getByTestId('returned-apply').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => cell(coal.id, 'value').textContent()).toBe('12.5');
    expect(stored(coal.id).value).toBe(12.5);
    expect(stored(oil.id).notes).toBe('');
    const history = service.handlers.targetHistory({ targetId: coal.id }) as { source: string }[];
    expect(history[0].source).toBe('workbook');

    await cell(coal.id, 'indicator').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(coal.id, 'value').textContent()).toBe('12');
    expect(stored(coal.id).value).toBe(12);
    await page.getByRole('textbox', { name: '筛选' }).fill('');
  });
});

describe('variance view', () => {
  it('导出当前视图 exports the analysis grid with rates as numbers and statuses as words', async () => {
    await page.getByRole('tab', { name: '执行情况' }).click();
    await page.getByTestId('variance-grid').locator('.ag-row').first().waitFor();
    const { bytes } = await downloadOf(() => page.getByTestId('export-view').click());
    const wb = XLSX.read(bytes);
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    expect(String(grid[1][0])).toContain('数据截至2025年10月');
    const header = (grid[2] as string[]).map(String);
    const coalRow = grid.slice(3).find((r) => r[header.indexOf('指标')] === '煤炭产量')!;
    const completion = header.findIndex((h) => h.startsWith('完成率'));
    // An Excel percent: the number 0.846 shown as 84.6%, so a colleague's formulas compute with it.
    expect(coalRow[completion]).toBeCloseTo((10150 * 10) / 10000 / 12, 6);
    // 实际 and 差距 are numbers too, each in its row's unit by number format, not text like "4.4%".
    expect(typeof coalRow[header.indexOf('实际')]).toBe('number');
    expect(typeof coalRow[header.indexOf('差距')]).toBe('number');
    expect(['已完成', '符合进度', '有风险', '滞后']).toContain(coalRow[header.indexOf('状态')]);
  });
});

describe('briefing view', () => {
  it('previews A4 pages with charts and the cut-off line', async () => {
    await page.getByRole('tab', { name: '简报' }).click();
    const frame = page.frameLocator('[data-testid="brief-preview"]');
    await frame.locator('section.page').first().waitFor({ timeout: 30_000 });
    expect(await frame.locator('header.first .cutoff').textContent()).toContain('数据截至2025年10月');
    expect(await frame.locator('svg').count()).toBeGreaterThanOrEqual(1);
    expect(await frame.locator('section.page').count()).toBeGreaterThanOrEqual(1);
    // Under the shell's CSP the frame's inline styles apply: the page is laid out at A4 width (180 mm + margins).
    const width = await frame.locator('section.page').first().evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(780);
    await expect.poll(() => page.getByTestId('brief-chart').count()).toBeGreaterThanOrEqual(1);
    await page.screenshot({ path: screenshotPath('briefing') });
  });

  it('narrows to a section and follows the as-of month', async () => {
    await page.getByTestId('brief-section').selectOption('一');
    await page.getByTestId('brief-asof').fill('2025-09');
    const frame = page.frameLocator('[data-testid="brief-preview"]');
    await expect.poll(() => frame.locator('header.first .cutoff').textContent(), { timeout: 15_000 }).toContain('数据截至2025年9月');
    await expect.poll(() => frame.locator('table.figures tbody tr').count()).toBe(2);
  });

  it('保存PDF downloads the briefing as a PDF', async () => {
    const { name, bytes } = await downloadOf(() => page.getByTestId('brief-save-pdf').click());
    expect(name).toMatch(/^2025年计划执行情况简报_一_数据截至2025年9月\.pdf$/);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('saves a chart as SVG and as PNG for a Word document', async () => {
    const chart = page.getByTestId('brief-chart').first();
    const svg = await downloadOf(() => chart.getByRole('button', { name: '保存SVG' }).click());
    expect(svg.name).toMatch(/\.svg$/);
    expect(svg.bytes.toString('utf8')).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const png = await downloadOf(() => chart.getByRole('button', { name: '保存PNG' }).click());
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(5_000);
  });
});
