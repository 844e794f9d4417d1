// The import wizard and the series view in Chromium against the browser shell: upload, preview, problems,
// a mapping correction, commit, history, the series with its chart, and undo from the history.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Service } from '../../electron/service/service';
import type { ImportBatch, Series } from '../../shared/domain/series';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const SAMPLE = path.resolve(import.meta.dirname, '../fixtures/nbs_sample.xls');

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

const batches = () => service.handlers.listBatches({}) as ImportBatch[];
const storedSeries = () => service.handlers.listSeries({}) as Series[];
const summary = () => page.getByTestId('preview-summary').textContent();

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

describe('import data', () => {
  it('lists every problem cell of a bad file, and refuses to commit it unless skipped', async () => {
    const bad = path.join(dir, '月报.csv');
    fs.writeFileSync(bad, '指标,2025年6月,2025年5月\n原煤产量当期值(万吨),100,约5\n粗钢产量当期值(万吨),200,#N/A\n');
    await page.getByTestId('file-input').setInputFiles(bad);
    const list = page.getByTestId('problem-list');
    await list.waitFor();
    expect(await list.textContent()).toMatch(/月报!C2.*约5.*数值含文字/);
    expect(await list.textContent()).toMatch(/月报!C3/);
    const commit = page.getByTestId('commit-import');
    expect(await commit.isDisabled()).toBe(true);
    await page.getByTestId('cells-tab').click();
    await page.locator('.sheet-cells td.m-problem').first().waitFor();
    expect(await page.locator('.sheet-cells td.m-problem').count()).toBe(2);
    await page.getByTestId('skip-invalid').check();
    expect(await commit.isDisabled()).toBe(false);
    await page.screenshot({ path: screenshotPath('import-problems') });
    expect(batches()).toEqual([]);
  });

  it('previews the NBS sample: 23 observations, the detected wide layout and its mapping', async () => {
    await page.getByTestId('file-input').setInputFiles(SAMPLE);
    await expect.poll(summary).toMatch(/1 个工作表 · 5 个指标序列 · 23 个数值 · 0 个问题单元格/);
    expect(await page.getByTestId('problem-list').count()).toBe(0);
    expect(await page.getByTestId('detected-layout').textContent()).toMatch(/宽表/);
    expect(await page.getByTestId('period-columns').locator('li').count()).toBe(5);
    await page.getByRole('tab', { name: /将导入的数值（23）/ }).click();
    const grid = page.getByTestId('preview-grid');
    await grid.locator('.ag-row').first().waitFor();
    const b5 = grid.locator('.ag-row', { has: page.locator('.ag-cell[col-id="cell"]', { hasText: /^Sheet1!B5$/ }) });
    expect(await b5.locator('.ag-cell[col-id="value"]').textContent()).toBe('262.9');
    expect(await b5.locator('.ag-cell[col-id="period"]').textContent()).toBe('2025年6月');
    const cumulative = grid.locator('.ag-row', { has: page.locator('.ag-cell[col-id="label"]', { hasText: '粗钢产量累计值' }) }).first();
    expect(await cumulative.locator('.ag-cell[col-id="period"]').textContent()).toMatch(/^2025年1-\d+月$/);
    await page.screenshot({ path: screenshotPath('import-preview') });
    await page.getByTestId('cells-tab').click();
    await page.locator('.sheet-cells td.m-header').first().waitFor();
    await page.screenshot({ path: screenshotPath('import-sheet-cells') });
    await page.getByRole('tab', { name: /将导入的数值/ }).click();
  });

  it('applies a correction (a row skipped) and goes back to the detected mapping', async () => {
    await page.getByRole('checkbox', { name: '跳过第 5 行' }).check();
    expect(await page.getByTestId('commit-import').isDisabled()).toBe(true);
    await page.getByTestId('apply-mapping').click();
    await expect.poll(summary).toMatch(/19 个数值/);
    await page.getByRole('button', { name: '恢复自动识别' }).click();
    await page.getByTestId('apply-mapping').click();
    await expect.poll(summary).toMatch(/23 个数值/);
  });

  it('commits, and the import shows in the history', async () => {
    await page.getByTestId('commit-import').click();
    await expect.poll(() => page.getByTestId('message').textContent()).toMatch(/已导入「nbs_sample\.xls」（批次 1）：5 个指标序列，新写入 23 个数值/);
    expect(batches()).toEqual([expect.objectContaining({ id: 1, observationCount: 23, undone: false })]);
    await page.getByTestId('history-tab').click();
    const row = page.locator('[data-testid="import-history"] .ag-row[row-id="1"]');
    await row.waitFor();
    expect(await row.locator('.ag-cell[col-id="fileName"]').textContent()).toBe('nbs_sample.xls');
    expect(await row.locator('.ag-cell[col-id="observationCount"]').textContent()).toBe('23');
    await page.screenshot({ path: screenshotPath('import-history') });
  });

  it('shows the series, its values with their cells, and a chart', async () => {
    await page.getByRole('tab', { name: '数据', exact: true }).click();
    await expect.poll(() => page.getByTestId('series-count').textContent()).toBe('共 5 个指标序列');
    const steel = storedSeries().find((s) => s.label === '粗钢产量累计值(万吨)')!;
    await page.locator(`[data-testid="series-grid"] .ag-row[row-id="${steel.id}"] .ag-cell[col-id="label"]`).click();
    await expect.poll(() => page.getByTestId('series-detail').locator('h4').textContent()).toMatch(/粗钢产量累计值\(万吨\)/);
    const obs = page.getByTestId('observations-grid');
    await expect.poll(() => obs.locator('.ag-cell[col-id="period"]').count()).toBe(5);
    expect(await obs.locator('.ag-cell[col-id="period"]').allTextContents()).toContain('2025年1-6月');
    expect(await obs.locator('.ag-cell[col-id="cell"]').first().textContent()).toMatch(/^Sheet1![A-Z]+6$/);
    const chart = page.getByTestId('series-chart');
    // The axis shows the five periods as the bureau writes them, and the line has a point for each value.
    await expect.poll(() => chart.locator('svg text', { hasText: /^2025年1-\d月$/ }).count()).toBe(5);
    expect(await chart.locator('svg text', { hasText: '1559.8' }).count()).toBe(1);
    await page.screenshot({ path: screenshotPath('series-view') });
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => obs.locator('.ag-cell[col-id="period"]').allTextContents()).toContain('Jan-Jun 2025');
    await page.screenshot({ path: screenshotPath('series-view-en') });
    await page.getByTestId('lang-switch').click();
  });

  it('undoes the import from the history after a confirmation', async () => {
    await page.getByRole('tab', { name: '导入数据', exact: true }).click();
    await page.getByTestId('history-tab').click();
    await page.getByTestId('undo-batch-1').click();
    const dialog = page.getByTestId('confirm-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/撤销导入批次 1？.*23 个数值/);
    await page.screenshot({ path: screenshotPath('import-undo-confirm') });
    await page.getByTestId('confirm-yes').click();
    await expect.poll(() => batches()[0].undone).toBe(true);
    await expect.poll(() => page.locator('[data-testid="import-history"] .ag-row[row-id="1"] .ag-cell[col-id="undone"]').textContent()).toBe('已撤销');
    expect(await page.getByTestId('undo-batch-1').count()).toBe(0);
    expect(storedSeries()).toEqual([]);
  });
});
