// The wizard on layouts beyond the NBS wide export, in Chromium: a by-region file shows its detected layout (in
// Chinese) and the indicator of its 指标： row; the analyst changes the layout and goes back; a 中经网 workbook shows
// its series columns, one is left out, and the metadata sheet is reported as skipped.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Service } from '../../electron/service/service';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { byRegionMonthly, csv, workbook, type Cell } from '../integration/helpers/layoutFixtures';

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

const summary = () => page.getByTestId('preview-summary').textContent();
const layout = () => page.getByTestId('detected-layout').textContent();

beforeAll(async () => {
  dir = makeTmpDir();
  service = openWorkbench(path.join(dir, 'e2e.sqlite'), 'web', { create: true });
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(shell.url);
  await page.getByRole('tab', { name: '导入数据', exact: true }).click();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

describe('import wizard: layouts', () => {
  it('shows a by-region file as 分地区表 with its indicator, and lets the analyst change the layout and go back', async () => {
    const file = path.join(dir, '分省CPI.csv');
    fs.writeFileSync(file, csv(byRegionMonthly('居民消费价格指数(上年同月=100)', ['北京市', '天津市', '河北省'], 4, (r, m) => 100 + r + m / 10, 2025, 10)));
    await page.getByTestId('file-input').setInputFiles(file);
    await expect.poll(summary).toMatch(/3 个指标序列 · 12 个数值 · 0 个问题单元格/);
    expect(await layout()).toMatch(/分地区表/);
    expect(await page.getByTestId('title-indicator').textContent()).toBe('居民消费价格指数(上年同月=100)');
    await page.screenshot({ path: screenshotPath('import-by-region') });

    await page.getByTestId('layout-select').selectOption('wide');
    await page.getByTestId('apply-mapping').click();
    await expect.poll(layout).toMatch(/宽表/);
    // As a plain wide table the rows name no measure: the file is refused row by row until the analyst says.
    await expect.poll(() => page.getByTestId('problem-list').textContent()).toMatch(/没有说明口径/);

    await page.getByRole('button', { name: '恢复自动识别' }).click();
    await page.getByTestId('apply-mapping').click();
    await expect.poll(layout).toMatch(/分地区表/);
    await expect.poll(summary).toMatch(/12 个数值 · 0 个问题单元格/);
  });

  it('shows a 中经网 workbook as such, with its series columns; leaving one out drops its values', async () => {
    const rows: Cell[][] = [
      ['指标名称', '规模以上工业增加值_当期同比实际增速', '地区生产总值_累计同比实际增速'],
      ['地区', '内蒙古', '内蒙古'],
      ['频度', '月', '季'],
      ['单位', '%', '%'],
    ];
    for (let m = 1; m <= 6; m++) rows.push([`2025-${String(m).padStart(2, '0')}`, m <= 2 ? null : 5 + m / 10, m % 3 === 0 ? 5 + m / 30 : null]);
    const meta: Cell[][] = [['指标名称', '频度', '单位', '来源'], ['规模以上工业增加值_当期同比实际增速', '月', '%', '国家统计局']];
    const file = path.join(dir, 'ExportData.xlsx');
    fs.writeFileSync(file, workbook([{ name: 'ExportData', rows }, { name: '指标说明', rows: meta }], 'xlsx'));
    await page.getByTestId('file-input').setInputFiles(file);
    await expect.poll(summary).toMatch(/2 个指标序列 · 6 个数值 · 0 个问题单元格/);
    expect(await layout()).toMatch(/中经网/);
    expect(await page.getByTestId('series-columns').locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: screenshotPath('import-cei') });
    await page.getByRole('checkbox', { name: '跳过 C 列' }).check();
    await page.getByTestId('apply-mapping').click();
    await expect.poll(summary).toMatch(/1 个指标序列 · 4 个数值/);
  });
});
