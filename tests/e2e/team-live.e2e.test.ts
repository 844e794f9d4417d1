// Team mode in Chromium (issue 14): two browser shells on one PostgreSQL database, one page each. An analyst's
// edit in one page appears in the other page's grid without a reload, with a notice naming the colleague; a
// viewer's page shows the grid read-only with a note, and its edits never reach the store.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openWorkbench } from '../../electron/openWorkbench';
import { startThreadedBackend, type ThreadedBackend } from '../../electron/service/host/threadedBackend';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { adminQuery, databaseUrl, dropDatabase, freshDatabase, loginRole } from '../helpers/pg';

const rendererDir = path.resolve(import.meta.dirname, '../../dist/renderer');
let database: string;
const backends: ThreadedBackend[] = [];
const shells: WebShell[] = [];
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let zhang: Page;
let li: Page;
let wang: Page;
let targetId: number;

const cell = (page: Page, col: string) => page.locator(`.ag-row[row-id="${targetId}"] .ag-cell[col-id="${col}"]`);
const storedValue = async () => (await adminQuery(database, 'SELECT value FROM targets WHERE id = $1', [targetId])).rows[0].value as number;

async function pageAs(role: string, workbenchRole: 'viewer' | 'analyst'): Promise<Page> {
  const login = await loginRole(role, workbenchRole);
  const backend = await startThreadedBackend({ storePath: databaseUrl(database, login), shell: 'web', user: login });
  backends.push(backend);
  const shell = await startWebShell({ backend, rendererDir });
  shells.push(shell);
  const page = await browser.context.newPage();
  await page.goto(shell.url);
  await cell(page, 'value').waitFor();
  return page;
}

beforeAll(async () => {
  ({ name: database } = await freshDatabase('i14_live_e2e'));
  openWorkbench(databaseUrl(database), 'cli', { create: true }).ctx.db.close();
  targetId = (await adminQuery(database, "SELECT id FROM targets WHERE indicator = '地区生产总值' AND kind = 'growth_rate' ORDER BY id LIMIT 1")).rows[0].id as number;
  browser = await launchBrowser();
  zhang = await pageAs('i14live_e2e_zhang', 'analyst');
  li = await pageAs('i14live_e2e_li', 'analyst');
  wang = await pageAs('i14live_e2e_wang', 'viewer');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  for (const s of shells) await s.close();
  for (const b of backends) await b.close();
  if (database) await dropDatabase(database);
});

describe('two analysts on one server', () => {
  it('an edit in one page appears in the other page’s grid without a reload, naming the colleague', async () => {
    const before = await cell(li, 'value').textContent();
    expect(before).toBe('6');
    // Li's page must not reload: a marker on its window would be lost by a reload.
    await li.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await cell(zhang, 'value').click();
    await zhang.keyboard.press('Enter');
    await zhang.keyboard.press('Control+A');
    await zhang.keyboard.type('6.5');
    await zhang.keyboard.press('Enter');
    await expect.poll(storedValue, { timeout: 20_000 }).toBe(6.5);
    await expect.poll(() => cell(li, 'value').textContent(), { timeout: 20_000 }).toBe('6.5');
    await expect.poll(() => wang.locator('[data-testid="colleague-notice"]').textContent(), { timeout: 20_000 }).toContain('i14live_e2e_zhang');
    expect(await li.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await li.locator('[data-testid="colleague-notice"]').textContent()).toMatch(/i14live_e2e_zhang 刚修改了计划目标/);
    await li.screenshot({ path: screenshotPath('team-live-colleague-edit'), fullPage: true });
  }, 60_000);

  it('a viewer sees the grid read-only with a note; an edit cannot even start', async () => {
    await expect.poll(() => wang.locator('[data-testid="read-only-note"]').textContent(), { timeout: 20_000 }).toMatch(/只读.*查看者/);
    await expect.poll(() => cell(wang, 'value').textContent(), { timeout: 20_000 }).toBe('6.5');
    await cell(wang, 'value').dblclick();
    await wang.keyboard.type('9');
    await wang.keyboard.press('Enter');
    expect(await wang.locator('.ag-cell-inline-editing').count()).toBe(0);
    expect(await storedValue()).toBe(6.5);
    await wang.screenshot({ path: screenshotPath('team-live-viewer'), fullPage: true });
  }, 60_000);
});
