// The store settings dialog in Chromium against the browser shell (issue 14): reached from the header by
// keyboard, it shows the current store, its engine and the role, read-only (the shell takes --db), with the
// command to use instead; Escape closes it; the English switch turns its wording.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Service } from '../../electron/service/service';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let storeFile: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

beforeAll(async () => {
  dir = makeTmpDir();
  storeFile = path.join(dir, '设置.sqlite');
  service = openWorkbench(storeFile, 'web', { create: true });
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.goto(shell.url);
  await page.getByTestId('store-settings-open').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

describe('store settings dialog (browser shell)', () => {
  it('opens from the header by keyboard and shows the store read-only with the command to use', async () => {
    await page.getByTestId('store-settings-open').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('store-settings');
    await dialog.waitFor();
    expect(await dialog.getByRole('heading').textContent()).toBe('数据存储设置');
    await expect.poll(() => page.getByTestId('store-location').textContent()).toBe(storeFile);
    expect(await page.getByTestId('store-engine').textContent()).toBe('数据文件（SQLite）');
    expect(await page.getByTestId('store-role').textContent()).toMatch(/· (负责人|分析员)$/);
    expect(await page.getByTestId('store-readonly').textContent()).toContain('--db postgres://user@host/db');
    expect(await page.getByTestId('store-save').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('关闭');
    await page.screenshot({ path: screenshotPath('store-settings-readonly'), fullPage: true });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('speaks English after the switch', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('store-settings-open').click();
    expect(await page.getByTestId('store-settings').getByRole('heading').textContent()).toBe('Store settings');
    expect(await page.getByTestId('store-engine').textContent()).toBe('Store file (SQLite)');
    await page.screenshot({ path: screenshotPath('store-settings-readonly-en'), fullPage: true });
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.getByTestId('store-settings').count()).toBe(0);
  });
});
