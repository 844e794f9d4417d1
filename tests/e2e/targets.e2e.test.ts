// The targets grid in Chromium against the browser shell: seeded rows, keyboard edit that persists,
// persisted undo, refusal of invalid entries, paste of an Excel block, the English switch.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Service } from '../../electron/service/service';
import type { Target } from '../../shared/domain/target';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let gdp: Target;
let investment: Target;

const cell = (id: number, col: string) => page.locator(`.ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`);
const storedTarget = (id: number) => (service.handlers.listTargets({}) as Target[]).find((t) => t.id === id)!;

beforeAll(async () => {
  dir = makeTmpDir();
  service = openWorkbench(path.join(dir, 'e2e.sqlite'), 'web', { create: true });
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  const targets = service.handlers.listTargets({}) as Target[];
  gdp = targets.find((t) => t.indicator === '地区生产总值')!;
  investment = targets.find((t) => t.indicator === '固定资产投资')!;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(shell.url);
  await cell(gdp.id, 'value').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

describe('targets grid', () => {
  it('shows the seeded plan', async () => {
    await expect.poll(() => cell(gdp.id, 'indicator').textContent()).toBe('地区生产总值');
    expect(await cell(gdp.id, 'value').textContent()).toBe('6');
    expect(await cell(gdp.id, 'comparator').textContent()).toBe('左右');
    await page.screenshot({ path: screenshotPath('targets-grid'), fullPage: true });
  });

  it('edits a value by keyboard, keeps it after reload, and Ctrl+Z restores it', async () => {
    await cell(gdp.id, 'value').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6.8');
    await page.keyboard.press('Enter');
    await expect.poll(() => storedTarget(gdp.id).value).toBe(6.8);
    await page.reload();
    await cell(gdp.id, 'value').waitFor();
    await expect.poll(() => cell(gdp.id, 'value').textContent()).toBe('6.8');
    await cell(gdp.id, 'indicator').click();
    await page.keyboard.press('Control+z');
    await expect.poll(() => cell(gdp.id, 'value').textContent()).toBe('6');
    expect(storedTarget(gdp.id).value).toBe(6);
  });

  it('refuses text in a number cell with a visible message and saves nothing', async () => {
    await cell(investment.id, 'value').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/必须是数字/);
    expect(await cell(investment.id, 'value').textContent()).toBe('10');
    expect(storedTarget(investment.id).value).toBe(10);
    await page.screenshot({ path: screenshotPath('targets-invalid') });
  });

  it('refuses an unknown unit', async () => {
    await cell(investment.id, 'unit').click();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('斤两');
    await page.keyboard.press('Enter');
    await expect.poll(async () => page.getByRole('alert').textContent()).toMatch(/未知单位/);
    expect(storedTarget(investment.id).unit).toBe('%');
  });

  it('pastes a block copied from Excel as one undoable step', async () => {
    await cell(gdp.id, 'value').click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '6.2\r\n7.5\r\n');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await expect.poll(() => storedTarget(gdp.id).value).toBe(6.2);
    // Unsorted, the grid shows targets in plan order, as the service lists them.
    const ordered = service.handlers.listTargets({}) as Target[];
    const below = ordered[ordered.findIndex((t) => t.id === gdp.id) + 1].id;
    expect(storedTarget(below).value).toBe(7.5);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await expect.poll(() => storedTarget(gdp.id).value).toBe(6);
    expect(storedTarget(below).value).not.toBe(7.5);
  });

  it('shows the edit history of the selected target', async () => {
    await cell(gdp.id, 'section').click();
    const history = page.getByTestId('history');
    await history.waitFor();
    expect(await history.locator('li').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: screenshotPath('targets-history') });
  });

  it('switches to English', async () => {
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('.titlebar h1').textContent()).toBe('Plan Workbench');
    await expect.poll(() => cell(gdp.id, 'comparator').textContent()).toBe('about');
    await page.getByTestId('lang-switch').click();
  });
});
