// The page's start in Chromium against the browser shell: the first screen's calls go to the shell once each, in one
// request (the entry sends them before the app loads and the views take those answers, renderer/client/
// primedClient.ts, electron/web/firstScreenBatch.ts), the rows they draw are the store's; and every view, opened in
// turn and used the way its grid is used (editors, filters, tooltips, selection, a series' observations, the import
// history), runs without an AG Grid console error — the app registers only the grid modules it lists
// (renderer/grid/modules.ts), and a missing one is error #200.
import path from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Target } from '../../shared/domain/target';
import { FIRST_SCREEN_CALLS } from '../../renderer/views/firstScreenCalls';
import { targetColumns } from '../../renderer/grid/targetColumns';
import type { ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import { csvLines } from '../fixtures/varianceSample';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const SEED_PLAN = path.resolve(import.meta.dirname, '../../seeds/2025-plan.txt');

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let targets: Target[];
/** Every contract call the page sent, by name, in order (each call of the first screen's batch counted). */
const sent: string[] = [];
/** The first screen's batches the page sent, each as the calls it carried. */
const batches: [string, unknown][][] = [];
/** Console errors and warnings that come from AG Grid (its messages start "AG Grid:"), and uncaught page errors. */
const gridProblems: string[] = [];

const targetCell = (id: number, col: string) => page.locator(`[data-testid="targets-grid"] .ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`);
const openView = (name: string) => page.getByRole('tab', { name, exact: true }).click();

beforeAll(async () => {
  dir = makeTmpDir();
  service = openWorkbench(path.join(dir, 'e2e.sqlite'), 'web', { create: true });
  const data = Buffer.from(csvLines().join('\n') + '\n', 'utf8').toString('base64');
  await dispatch(service, 'commitImport', { file: { fileName: 'stats.csv', dataBase64: data } });
  await dispatch(service, 'autoLink', {});
  targets = (await dispatch(service, 'listTargets', {})) as Target[];
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    const m = /\/api\/call\/(\w+)$/.exec(pathname);
    if (m) sent.push(m[1]);
    // The first screen's batch: one request carrying the five calls (electron/web/firstScreenBatch.ts).
    if (pathname === '/api/first-screen') {
      batches.push(r.postDataJSON() as [string, unknown][]);
      for (const [name] of r.postDataJSON() as [string, unknown][]) sent.push(name);
    }
  });
  page.on('console', (m: ConsoleMessage) => {
    if ((m.type() === 'error' || m.type() === 'warning') && /AG Grid/i.test(m.text())) gridProblems.push(m.text());
  });
  page.on('pageerror', (e) => gridProblems.push(`page error: ${e.message}`));
  page.setDefaultTimeout(10_000);
  await page.goto(shell.url);
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

/**
 * Every drawn targets cell reads what its column (renderer/grid/targetColumns.ts) makes of the stored target: its
 * valueGetter, then its valueFormatter or its refData words, as AG Grid applies them, nothing else.
 */
async function expectDrawnCellsStored(on: Page, lang: 'zh' | 'en'): Promise<void> {
  const byId = new Map(targets.map((t) => [t.id, t]));
  const expectedText = (col: ColDef<Target>, target: Target): string => {
    const value = typeof col.valueGetter === 'function' ? col.valueGetter({ data: target } as ValueGetterParams<Target>) : (target as unknown as Record<string, unknown>)[col.field!];
    if (typeof col.valueFormatter === 'function') return String(col.valueFormatter({ value, data: target } as ValueFormatterParams<Target>) ?? '');
    if (col.refData) return col.refData[value as string] || '';
    return value === null || value === undefined ? '' : String(value);
  };
  const columns = new Map(targetColumns(lang, () => []).map((c) => [c.field as string, c]));
  await expect.poll(() => on.locator('[data-testid="targets-grid"] .ag-header-cell[col-id="value"]').textContent()).toContain(lang === 'zh' ? '目标值' : 'Value');
  const drawn = await on.locator('[data-testid="targets-grid"] .ag-row[row-id] .ag-cell[col-id]').evaluateAll((cells) =>
    cells.map((c) => ({ row: Number(c.closest('.ag-row')!.getAttribute('row-id')), col: c.getAttribute('col-id')!, text: c.textContent ?? '' })),
  );
  expect(new Set(drawn.map((d) => d.row)).size).toBeGreaterThan(10);
  expect(new Set(drawn.map((d) => d.col)).size).toBeGreaterThan(8);
  for (const cell of drawn) {
    const target = byId.get(cell.row);
    expect(target, `row ${cell.row}`).toBeDefined();
    expect(cell.text, `${lang} ${cell.row} ${cell.col}`).toBe(expectedText(columns.get(cell.col)!, target!));
  }
}

describe('start of the page', () => {
  it('sends each of the first screen’s calls once and draws the store’s targets from their answers', async () => {
    const gdp = targets.find((t) => t.indicator === '地区生产总值')!;
    await targetCell(gdp.id, 'value').waitFor();
    expect(await targetCell(gdp.id, 'value').textContent()).toBe(String(gdp.value));
    expect(await targetCell(gdp.id, 'indicator').textContent()).toBe(gdp.indicator);
    await expect.poll(() => page.getByTestId('target-count').textContent()).toContain(String(targets.length));
    // Settled: whatever the views ask after their first rows has been sent (the event stream is open for good, so
    // Playwright's "network idle" never comes).
    await page.waitForTimeout(1000);
    for (const [name] of FIRST_SCREEN_CALLS) expect(sent.filter((n) => n === name), name).toHaveLength(1);
    // Nothing primed was left untaken, nothing asked twice: the calls sent are exactly the primed ones, all in the
    // one batch request (one of Chromium's six connections to the shell), none on its own.
    expect([...sent].sort()).toEqual(FIRST_SCREEN_CALLS.map(([name]) => name).sort());
    expect(batches).toEqual([FIRST_SCREEN_CALLS.map(([name, args]) => [name, args])]);
    await page.screenshot({ path: screenshotPath('startup-targets'), fullPage: true });
  });

  it('draws in every targets cell the store’s value as its column formats it, in Chinese and in English', async () => {
    // The grid is drawn by AG Grid's own renderer (renderer/grid/VanillaGrid.tsx) from the columns of
    // renderer/grid/targetColumns.ts: each drawn cell must read what its column makes of the stored target (its
    // valueGetter, then its valueFormatter or its refData words, as AG Grid applies them), nothing else.
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByTestId('lang-switch').click();
      await expectDrawnCellsStored(page, lang);
    }
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => page.locator('[data-testid="targets-grid"] .ag-header-cell[col-id="value"]').textContent()).toContain('目标值');
  });

  it('draws the same cells when the answers come after the grid is made (a large plan): made empty once, then filled', async () => {
    // At 2,000 targets the app may have loaded before the first screen's answers are in: the grid is then made empty
    // (renderer/views/TargetsView.tsx) and its rows are handed to it when they come, through updateGridOptions
    // (renderer/grid/VanillaGrid.tsx). Held back here until the empty grid is there.
    const late = await browser.context.newPage();
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    await late.route('**/api/first-screen', async (route) => {
      await released;
      await route.continue();
    });
    try {
      await late.goto(shell.url);
      await late.locator('[data-testid="targets-grid"] .ag-root').waitFor();
      expect(await late.locator('[data-testid="targets-grid"] .ag-row[row-id]').count()).toBe(0);
      release();
      await late.locator('[data-testid="targets-grid"] .ag-row[row-id]').first().waitFor();
      await expectDrawnCellsStored(late, 'zh');
      expect(await late.locator('[data-testid="targets-grid"] .ag-root-wrapper').count()).toBe(1);
      await expect.poll(() => late.getByTestId('target-count').textContent()).toContain(String(targets.length));
      await late.screenshot({ path: screenshotPath('startup-targets-late-answers'), fullPage: true });
    } finally {
      release();
      await late.close();
    }
  });

  it('uses the targets grid’s editors, filter, tooltip and selection without an AG Grid error', async () => {
    const gdp = targets.find((t) => t.indicator === '地区生产总值')!;
    // Text editor: open and leave with Escape (nothing saved).
    await targetCell(gdp.id, 'value').dblclick();
    await page.locator('.ag-cell-inline-editing input').waitFor();
    await page.keyboard.press('Escape');
    // Select editor (comparator), large text editor (notes, in a popup).
    await targetCell(gdp.id, 'comparator').dblclick();
    await page.locator('.ag-cell-inline-editing, .ag-popup-editor').first().waitFor();
    await page.keyboard.press('Escape');
    // Notes is beyond the window's width (columns off screen are not drawn): reached by keyboard, as an analyst would.
    await targetCell(gdp.id, 'value').click();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    await page.locator('.ag-popup-editor textarea').waitFor();
    await page.keyboard.press('Escape');
    // Selection shows the target's source sentence and history beside the grid.
    await targetCell(gdp.id, 'indicator').click();
    await expect.poll(() => page.locator('.ag-row-selected').count()).toBeGreaterThan(0);
    // Tooltip on the source sentence; the quick filter narrows the rows.
    await targetCell(gdp.id, 'quote').scrollIntoViewIfNeeded();
    await targetCell(gdp.id, 'quote').hover();
    await page.locator('.ag-tooltip').waitFor();
    await page.getByRole('textbox', { name: '筛选' }).fill('地区生产总值');
    const shownRows = () => page.locator('[data-testid="targets-grid"] .ag-center-cols-container .ag-row').count();
    await expect.poll(shownRows).toBeLessThan(Math.min(targets.length, 10));
    // The indicator column is pinned on the left, so it is drawn however far the grid is scrolled.
    await targetCell(gdp.id, 'indicator').waitFor();
    await page.getByRole('textbox', { name: '筛选' }).fill('');
    // The column filter (agTextColumnFilter) of 指标, from its header menu.
    await page.locator('[data-testid="targets-grid"] .ag-header-cell[col-id="indicator"]').hover();
    await page.locator('[data-testid="targets-grid"] .ag-header-cell[col-id="indicator"] .ag-header-cell-filter-button, [data-testid="targets-grid"] .ag-header-cell[col-id="indicator"] .ag-header-cell-menu-button').first().click();
    await page.locator('.ag-filter input').first().waitFor();
    await page.keyboard.press('Escape');
    expect(gridProblems).toEqual([]);
  });

  it('opens every other view and uses its grid without an AG Grid error', async () => {
    await openView('执行情况');
    await page.locator('[data-testid="variance-grid"] .ag-row[row-id] .ag-cell[col-id="status"]').first().waitFor();
    await page.locator('[data-testid="variance-grid"] .ag-row[row-id]').first().click();
    await page.screenshot({ path: screenshotPath('startup-variance'), fullPage: true });

    await openView('数据');
    await page.locator('[data-testid="series-grid"] .ag-row[row-id]').first().click();
    await page.locator('[data-testid="observations-grid"] .ag-row[row-id]').first().waitFor();
    await page.screenshot({ path: screenshotPath('startup-series'), fullPage: true });

    await openView('导入数据');
    await page.getByTestId('history-tab').click();
    await page.locator('.ag-row[row-id]').first().waitFor();

    await openView('导入计划');
    await page.getByTestId('plan-file').setInputFiles(SEED_PLAN);
    await page.locator('[data-testid="proposals-grid"] .ag-row[row-id]').first().waitFor({ timeout: 30_000 });

    await openView('本月更新');
    await page.getByTestId('monthly-update').waitFor();

    await openView('简报');
    await page.getByTestId('brief-preview').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: screenshotPath('startup-briefing'), fullPage: true });

    await openView('计划目标');
    await page.locator('[data-testid="targets-grid"] .ag-row[row-id]').first().waitFor();
    expect(gridProblems).toEqual([]);
  });
});
