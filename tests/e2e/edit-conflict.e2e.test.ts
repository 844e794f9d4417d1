// Team mode in Chromium (issue 14): the analyst's grid shows a value, a colleague (another connection on the same
// store) saves the same cell, and the analyst's save is refused with a dialog saying who changed it, when, the value
// now and theirs; reapplying saves theirs against the colleague's. The history panel names both, and the refusal.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStoreAt, openWorkbench } from '../../electron/openWorkbench';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { createService, dispatch, type Service } from '../../electron/service/service';
import type { Target } from '../../shared/domain/target';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let mine: Service;
let colleague: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let gdp: Target;

const cell = (id: number, col: string) => page.locator(`.ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`);
const stored = (id: number) => mine.handlers.getTarget({ targetId: id }) as Target;

beforeAll(async () => {
  dir = makeTmpDir();
  const location = path.join(dir, 'team.sqlite');
  openWorkbench(location, 'cli', { create: true }).ctx.db.close();
  mine = createService({ db: openStoreAt(location), storePath: location, shell: 'web', user: '张敏', version: 'test' });
  colleague = createService({ db: openStoreAt(location), storePath: location, shell: 'cli', user: '李强', version: 'test' });
  shell = await startWebShell({ service: mine, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  gdp = (mine.handlers.listTargets({}) as Target[]).find((t) => t.indicator === '地区生产总值')!;
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 860 });
  await page.goto(shell.url);
  await cell(gdp.id, 'value').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  mine?.ctx.db.close();
  colleague?.ctx.db.close();
  removeDir(dir);
});

async function typeInto(id: number, col: string, text: string) {
  await cell(id, col).click();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('a save over a colleague’s change', () => {
  it('is refused with who, when and the value now, and can be reapplied', async () => {
    expect(await cell(gdp.id, 'value').textContent()).toBe('6');
    // The colleague saves the same cell while this grid still shows 6.
    await dispatch(colleague, 'editTargets', { edits: [{ targetId: gdp.id, field: 'value', value: 6.3, revision: gdp.revision, seen: 6 }] });

    await typeInto(gdp.id, 'value', '6.8');
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/未保存：同事刚修改了同一处/);
    const row = dialog.getByTestId('conflict-row');
    expect(await row.locator('.conflict-who').textContent()).toBe('李强');
    expect(await row.locator('.conflict-theirs').textContent()).toBe('6.3');
    expect(await row.locator('.conflict-mine').textContent()).toBe('6.8');
    // Nothing of the refused save was written; the grid shows the colleague's value behind the dialog.
    expect(stored(gdp.id).value).toBe(6.3);
    await expect.poll(() => cell(gdp.id, 'value').textContent()).toBe('6.3');
    await page.screenshot({ path: screenshotPath('edit-conflict-dialog') });

    await dialog.getByTestId('conflict-reapply').click();
    await expect.poll(() => stored(gdp.id).value).toBe(6.8);
    await expect.poll(() => cell(gdp.id, 'value').textContent()).toBe('6.8');
    expect(await page.getByTestId('conflict-dialog').count()).toBe(0);
  });

  it('shows both authors and the refused attempt in the history panel', async () => {
    await cell(gdp.id, 'indicator').click();
    const history = page.getByTestId('history');
    await history.waitFor();
    await expect.poll(() => history.locator('li').count()).toBe(3);
    const text = await history.textContent();
    expect(text).toMatch(/张敏目标值：6\.3 → 6\.8/);
    expect(text).toMatch(/张敏未保存：目标值 → 6\.8（李强 已改为 6\.3）/);
    expect(text).toMatch(/李强目标值：6 → 6\.3/);
    expect(await page.getByTestId('last-change').textContent()).toMatch(/修订 2，最后由 张敏/);
    await page.screenshot({ path: screenshotPath('edit-conflict-history') });
  });

  it('keeps the colleague’s value when asked, in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    const now = stored(gdp.id);
    await dispatch(colleague, 'editTargets', { edits: [{ targetId: gdp.id, field: 'value', value: 6.1, revision: now.revision, seen: now.value }] });
    await typeInto(gdp.id, 'value', '7');
    const dialog = page.getByTestId('conflict-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Not saved: a colleague just changed the same cell/);
    await page.screenshot({ path: screenshotPath('edit-conflict-dialog-en') });
    await dialog.getByTestId('conflict-keep').click();
    await expect.poll(() => cell(gdp.id, 'value').textContent()).toBe('6.1');
    expect(stored(gdp.id).value).toBe(6.1);
  });
});
