// The plan import view in Chromium against the browser shell: upload the seed plan, see the proposals, select
// one (its sentence marked in the text), correct a value, reject a row, commit as a new plan, preview and
// confirm an update of the seeded plan, and find both in the targets view.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { proposeFromText } from '../../electron/plan/proposePlan';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Service } from '../../electron/service/service';
import type { Plan, Target } from '../../shared/domain/target';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const SEED = path.resolve(import.meta.dirname, '../../seeds/2025-plan.txt');
const proposals = proposeFromText(fs.readFileSync(SEED, 'utf8')).targets;
const noOf = (indicator: string) => proposals.findIndex((t) => t.indicator === indicator) + 1;
const GDP = noOf('地区生产总值');
const INDUSTRY = noOf('规模以上工业增加值');
const TOURISTS = noOf('游客数量');

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

const cell = (no: number, col: string) => page.locator(`[data-testid="proposals-grid"] .ag-row[row-id="${no}"] .ag-cell[col-id="${col}"]`);
/** Scrolls the virtualised grid until the row is rendered (rows far down are not in the DOM). */
async function scrollToRow(no: number): Promise<void> {
  const viewport = page.locator('[data-testid="proposals-grid"] .ag-body-vertical-scroll-viewport');
  await viewport.evaluate((el) => {
    el.scrollTop = 0;
  });
  for (let i = 0; i < 200 && (await cell(no, 'section').count()) === 0; i++) {
    await viewport.evaluate((el) => {
      el.scrollTop += el.clientHeight / 2;
    });
    await page.waitForTimeout(30);
  }
  // Let the grid finish placing the rows it has just rendered.
  await page.waitForTimeout(200);
}
const plans = () => service.handlers.listPlans({}) as Plan[];
const targetsOf = (planId: number) => service.handlers.listTargets({ planId }) as Target[];

beforeAll(async () => {
  dir = makeTmpDir();
  service = openWorkbench(path.join(dir, 'e2e.sqlite'), 'web', { create: true });
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(shell.url);
  await page.getByRole('tab', { name: '导入计划' }).click();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

describe('plan import view', () => {
  it('reads the chosen file into proposed rows and the document text, saving nothing', async () => {
    await page.getByTestId('plan-import-empty').waitFor();
    await page.getByTestId('plan-file').setInputFiles(SEED);
    await cell(GDP, 'indicator').waitFor();
    expect(await cell(GDP, 'value').textContent()).toBe('6');
    expect(await cell(GDP, 'comparator').textContent()).toBe('左右');
    await expect.poll(() => page.getByTestId('proposal-count').textContent()).toContain(`建议 ${proposals.length} 项`);
    expect(await page.locator('.field-title').inputValue()).toBe('2025年内蒙古自治区国民经济和社会发展计划');
    expect(await page.locator('.field-year').inputValue()).toBe('2025');
    expect(await page.locator('.field-region').inputValue()).toBe('内蒙古自治区');
    expect(await page.getByTestId('plan-text').textContent()).toContain('地区生产总值增长6%左右');
    expect(plans()).toHaveLength(1);
  });

  it('marks the selected row’s sentence in the text and scrolls it into view', async () => {
    // The tourist target sits far down the document: the text panel must scroll to it.
    await scrollToRow(TOURISTS);
    await cell(TOURISTS, 'section').click();
    const mark = page.getByTestId('quote-mark');
    await expect.poll(() => mark.textContent()).toBe(proposals[TOURISTS - 1].quote);
    const body = await page.locator('.plan-text-body').boundingBox();
    await expect.poll(async () => {
      const box = await mark.boundingBox();
      return box !== null && body !== null && box.y >= body.y && box.y + box.height <= body.y + body.height;
    }).toBe(true);
    expect(await mark.textContent()).toContain('游客数量突破3亿人次');
    await expect.poll(() => page.locator(`[data-testid="proposals-grid"] .ag-row-selected[row-id="${TOURISTS}"]`).count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('plan-import-selected') });
  });

  it('corrects a value, refuses a bad one, and rejects a row', async () => {
    await scrollToRow(GDP);
    await cell(GDP, 'value').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(GDP, 'value').textContent()).toBe('6.5');

    await cell(GDP, 'unit').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('斤两');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/未知单位/);
    expect(await cell(GDP, 'unit').textContent()).toBe('%');
    await page.getByRole('alert').getByRole('button').click();

    await page.getByTestId(`accept-${INDUSTRY}`).click();
    await expect.poll(() => page.locator(`[data-testid="proposals-grid"] .ag-row[row-id="${INDUSTRY}"]`).first().getAttribute('class')).toMatch(/row-rejected/);
    await expect.poll(() => page.getByTestId('proposal-count').textContent()).toContain('拒绝 1');
    await page.screenshot({ path: screenshotPath('plan-import-review') });
    expect(plans()).toHaveLength(1);
  });

  it('commits the accepted rows as a new plan', async () => {
    await page.getByTestId('commit-plan').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/已导入为新计划 2/);
    expect(plans()).toHaveLength(2);
    const stored = targetsOf(2);
    expect(stored).toHaveLength(proposals.length - 1);
    expect(stored.find((t) => t.indicator === '地区生产总值')!.value).toBe(6.5);
    expect(stored.some((t) => t.indicator === '规模以上工业增加值')).toBe(false);
    // A second click cannot store the same rows twice.
    expect(await page.getByTestId('commit-plan').isDisabled()).toBe(true);
  });

  it('previews an update of the seeded plan, then confirms it', async () => {
    await page.getByTestId('mode-update').check();
    await page.getByTestId('update-plan').selectOption('1');
    await page.getByTestId('preview-update').click();
    const diff = page.getByTestId('plan-diff');
    await diff.waitFor();
    expect(await diff.textContent()).toMatch(/新增 0 项.*修改 1 处.*删除 1 项/);
    expect(await diff.textContent()).toContain('地区生产总值 · 目标值：6 → 6.5');
    expect(await diff.textContent()).toContain('规模以上工业增加值');
    await page.screenshot({ path: screenshotPath('plan-import-update-preview') });
    expect(targetsOf(1).find((t) => t.indicator === '地区生产总值')!.value).toBe(6);
    await page.getByTestId('commit-plan').click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/已更新计划 1/);
    expect(targetsOf(1).find((t) => t.indicator === '地区生产总值')!.value).toBe(6.5);
    expect(targetsOf(1)).toHaveLength(proposals.length - 1);
  });

  it('shows the imported plan in the targets view, with a plan selector', async () => {
    await page.getByRole('tab', { name: '计划目标' }).click();
    const select = page.getByTestId('plan-select');
    await select.waitFor();
    expect(await select.inputValue()).toBe('2');
    await expect.poll(() => page.getByTestId('target-count').textContent()).toBe(`共 ${proposals.length - 1} 项`);
    const gdp = targetsOf(2).find((t) => t.indicator === '地区生产总值')!;
    await expect.poll(() => page.locator(`.ag-row[row-id="${gdp.id}"] .ag-cell[col-id="value"]`).first().textContent()).toBe('6.5');
    await page.screenshot({ path: screenshotPath('plan-import-targets') });
    await select.selectOption('1');
    const seededGdp = targetsOf(1).find((t) => t.indicator === '地区生产总值')!;
    await expect.poll(() => page.locator(`.ag-row[row-id="${seededGdp.id}"] .ag-cell[col-id="value"]`).first().textContent()).toBe('6.5');
  });

  it('keeps the review across tabs; refuses a binary file named .txt with a message, keeping the store as it was', async () => {
    await page.getByRole('tab', { name: '导入计划' }).click();
    // The review survived the visit to another tab.
    await expect.poll(() => page.getByTestId('proposal-count').textContent()).toContain('拒绝 1');
    expect(await cell(GDP, 'value').textContent()).toBe('6.5');
    const bad = path.join(dir, 'binary.txt');
    fs.writeFileSync(bad, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131) % 256)));
    await page.getByTestId('plan-file').setInputFiles(bad);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/“binary.txt”：文件不是文本文件/);
    expect(await page.getByRole('alert').textContent()).not.toMatch(/The file is not/);
    expect(plans()).toHaveLength(2);
    await page.screenshot({ path: screenshotPath('plan-import-refused') });
  });

  it('speaks English on the switch', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toBe('Import plan');
    expect(await page.getByTestId('proposal-count').textContent()).toMatch(/proposed \(\d+ quantified\) · \d+ accepted · 1 rejected/);
    expect(await page.locator('[data-testid="proposals-grid"] .ag-header-cell[col-id="accepted"]').textContent()).toContain('Accept');
    await page.screenshot({ path: screenshotPath('plan-import-english') });
    await page.getByTestId('lang-switch').click();
  });
});
