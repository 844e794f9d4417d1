// 本月更新 in Chromium against the browser shell, run twice as an analyst would: the first month (file → preview
// → commit → confident links made, the rest reviewed → variance → hand-on files), then the next month, counting
// the clicks (at most 3 and the one file dialog). Then the 执行情况 pieces of the same cycle: the plan's target on
// unlinked rows, search and counts, 导出Excel at the month shown, 采纳全部建议, the link panel that never acts on
// another target's answer, and server messages in English after switching.
import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { LinkView } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { bureauCsv } from '../fixtures/monthlyBureauFile';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let targets: Target[];
const chooserCount = { n: 0 };

const idOf = (indicator: string) => targets.find((t) => t.indicator === indicator && t.kind !== 'task')!.id;
const links = async () => new Map(((await dispatch(service, 'listLinks', {})) as LinkView[]).map((l) => [l.targetId, l]));
const clicks = () => page.evaluate(() => (window as unknown as { __clicks: number }).__clicks);

/** Chooses the file through the page's file dialog (the one dialog of the flow). */
async function chooseFile(file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('monthly-choose').click();
  await (await chooser).setFiles(file);
}

/** The hand-on files as the page lists them: kind and the path written. */
const writtenFiles = () =>
  page.getByTestId('monthly-hand-on-file').evaluateAll((items) =>
    items.map((li) => ({ kind: li.getAttribute('data-kind') ?? '', path: li.querySelector('.file-name')?.textContent ?? '' })),
  );

/** The downloads a click starts, by file name. */
async function downloadsOf(count: number, act: () => Promise<void>): Promise<Download[]> {
  const got: Download[] = [];
  const done = new Promise<void>((resolve) => {
    const on = (d: Download) => {
      got.push(d);
      if (got.length === count) {
        page.off('download', on);
        resolve();
      }
    };
    page.on('download', on);
  });
  await act();
  await done;
  return got;
}

beforeAll(async () => {
  dir = makeTmpDir();
  service = openWorkbench(path.join(dir, 'monthly.sqlite'), 'web', { create: true });
  targets = (await dispatch(service, 'listTargets', {})) as Target[];
  fs.writeFileSync(path.join(dir, '2025年1-9月.csv'), bureauCsv(9));
  fs.writeFileSync(path.join(dir, '2025年1-10月.csv'), bureauCsv(10, true));
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  // Every click the analyst makes (trusted input events), counted in the page.
  await page.addInitScript(() => {
    (window as unknown as { __clicks: number }).__clicks = 0;
    document.addEventListener('click', (e) => e.isTrusted && (window as unknown as { __clicks: number }).__clicks++, true);
  });
  page.on('filechooser', () => chooserCount.n++);
  await page.goto(shell.url);
  await page.getByRole('tab', { name: '计划目标' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

describe('本月更新, first month', () => {
  it('previews the file before anything is written', async () => {
    await page.getByRole('tab', { name: '本月更新' }).click();
    await chooseFile(path.join(dir, '2025年1-9月.csv'));
    const summary = page.getByTestId('monthly-preview-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('最新到2025年9月');
    expect(await summary.textContent()).toContain('问题单元格 0 个');
    expect(((await dispatch(service, 'listSeries', {})) as unknown[]).length).toBe(0);
    await page.screenshot({ path: screenshotPath('monthly-1-preview'), fullPage: true });
  });

  it('commits, links the confident suggestions, lists the rest, and shows the variance at the new month', async () => {
    await page.getByTestId('monthly-commit').click();
    await page.getByTestId('monthly-committed').waitFor();
    expect(await page.getByTestId('monthly-commit-summary').textContent()).toMatch(/5 个序列，写入 \d+ 个新增或修订的数值，0 个数值与已有相同/);
    const auto = await page.getByTestId('monthly-autolinked').textContent();
    expect(auto).toContain('煤炭产量 → 原煤产量累计值(万吨)');
    expect(auto).toContain('城镇调查失业率 → 城镇调查失业率当期值(%)');
    const stored = await links();
    expect(stored.get(idOf('煤炭产量'))?.source).toBe('suggested');
    // 第三产业新增就业岗位 is worded differently from its series: suggested, not linked, left to decide.
    const review = page.getByTestId('suggestion-review');
    await review.getByTestId('suggestion-row').first().waitFor();
    expect(await review.textContent()).toContain('第三产业新增就业岗位');
    expect(stored.has(idOf('第三产业新增就业岗位'))).toBe(false);
    expect(await page.getByTestId('monthly-variance').textContent()).toContain('数据截至2025年9月');
    await page.screenshot({ path: screenshotPath('monthly-2-committed'), fullPage: true });
  });

  it('accepts the reviewed suggestion as 采纳建议', async () => {
    const review = page.getByTestId('suggestion-review');
    await review.getByTestId('accept-suggestions').click();
    await review.getByTestId('no-suggestions').waitFor();
    expect((await links()).get(idOf('第三产业新增就业岗位'))?.source).toBe('suggested');
  });

  it('writes the workbook, the briefing and the report into one folder, shown with their paths, each downloadable', async () => {
    await page.getByTestId('monthly-hand-on').click();
    const listed = page.getByTestId('monthly-hand-on-file');
    await listed.first().waitFor({ timeout: 90_000 });
    const written = await writtenFiles();
    expect(written.map((f) => f.kind).sort()).toEqual(['briefing', 'report', 'workbook']);
    const dirShown = (await page.getByTestId('monthly-hand-on-dir').textContent()) ?? '';
    for (const f of written) {
      expect(fs.existsSync(f.path), f.path).toBe(true);
      expect(f.path.startsWith(dirShown.replace(/^已写入文件夹：/, ''))).toBe(true);
    }
    expect(written.find((f) => f.kind === 'workbook')!.path).toContain('2025');
    expect(fs.readFileSync(written.find((f) => f.kind === 'briefing')!.path).subarray(0, 5).toString()).toBe('%PDF-');
    const [download] = await downloadsOf(1, () => page.getByTestId('monthly-download-workbook').click());
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.screenshot({ path: screenshotPath('monthly-3-hand-on'), fullPage: true });
  }, 120_000);
});

describe('本月更新, the next month', () => {
  it('takes at most 3 clicks and one file dialog, and ends at the new month with the files written', async () => {
    await page.reload();
    await page.getByRole('tab', { name: '计划目标' }).waitFor();
    const before = await clicks();
    const choosersBefore = chooserCount.n;

    await page.getByRole('tab', { name: '本月更新' }).click(); // 1
    await chooseFile(path.join(dir, '2025年1-10月.csv')); // the file dialog
    await page.getByTestId('monthly-preview-summary').waitFor();
    await page.getByTestId('monthly-commit').click(); // 2
    await page.getByTestId('monthly-committed').waitFor();
    await page.getByTestId('monthly-hand-on').click(); // 3
    await page.getByTestId('monthly-hand-on-file').first().waitFor({ timeout: 90_000 });

    const used = (await clicks()) - before;
    expect(chooserCount.n - choosersBefore).toBe(1);
    // The click that opens the file dialog is the dialog; the rest are the flow's own.
    expect(used - 1).toBeLessThanOrEqual(3);
    const files = await writtenFiles();
    expect(files.length).toBe(3);
    expect(files.every((f) => fs.existsSync(f.path) && f.path.includes('2025-10'))).toBe(true);
    // October's 4 values and the revised September investment figure are written; the 42 unchanged values
    // (4 series × 8 months less the revised one, and last year's 11 coal months) are not written again.
    expect(await page.getByTestId('monthly-commit-summary').textContent()).toContain('写入 6 个新增或修订的数值，50 个数值与已有相同');
    expect(await page.getByTestId('monthly-variance').textContent()).toContain('数据截至2025年10月');
    expect(await page.getByTestId('monthly-hand-on-files').textContent()).toContain('2025');
    await page.screenshot({ path: screenshotPath('monthly-4-next-month'), fullPage: true });
  }, 120_000);

  it('can be walked by keyboard: each step’s action takes the focus', async () => {
    await page.getByTestId('monthly-restart').press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('monthly-choose');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(path.join(dir, '2025年1-10月.csv'));
    await page.getByTestId('monthly-preview-summary').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('monthly-commit');
    await page.keyboard.press('Enter');
    await page.getByTestId('monthly-committed').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('monthly-hand-on');
    // Nothing new in the same file again.
    expect(await page.getByTestId('monthly-commit-summary').textContent()).toContain('写入 0 个新增或修订的数值');
  });
});

describe('执行情况 after the update', () => {
  const grid = '[data-testid="variance-grid"]';
  const cell = (id: number, col: string) => page.locator(`${grid} .ag-row[row-id="${id}"] .ag-cell[col-id="${col}"]`);
  const shownRows = () => page.locator(`${grid} .ag-row[row-id]`).evaluateAll((rows) => new Set(rows.map((r) => r.getAttribute('row-id'))).size);
  const chipCounts = async () => {
    const texts = await page.locator('.status-filter .status-chip').allTextContents();
    return texts.map((x) => Number(/(\d+)\s*$/.exec(x)?.[1] ?? NaN));
  };

  beforeAll(async () => {
    await page.reload();
    await page.getByRole('tab', { name: '执行情况' }).click();
    await page.getByTestId('variance-search').waitFor();
  });

  it('shows the plan’s target for unlinked targets; search narrows the rows and the counts follow', async () => {
    await page.getByTestId('variance-search').fill('地区生产总值');
    const gdp = idOf('地区生产总值');
    await expect.poll(() => cell(gdp, 'target').textContent()).toBe('6%左右');
    expect(await cell(gdp, 'status').textContent()).toBe('无数据');
    const all = ((await dispatch(service, 'variance', {})) as { rows: { indicator: string; seriesName: string | null }[] }).rows;
    const coalRows = all.filter((r) => r.indicator.includes('煤炭') || (r.seriesName ?? '').includes('煤炭')).length;
    expect(coalRows).toBeGreaterThan(0);
    await page.getByTestId('variance-search').fill('煤炭');
    await expect.poll(shownRows).toBe(coalRows);
    expect((await chipCounts()).reduce((a, b) => a + b, 0)).toBe(coalRows);
    expect(await page.getByTestId('variance-count').textContent()).toBe(`显示 ${coalRows} / ${all.length} 项`);
    // A linked level target: the target in the series' unit, with the plan's comparator.
    const coal = idOf('煤炭产量');
    expect(await cell(coal, 'target').textContent()).toBe('12亿吨以上');
    expect(await cell(coal, 'previousStatus').textContent()).toBe('有风险');
    expect(await cell(coal, 'sincePrevious').textContent()).not.toBe('—');
    await page.screenshot({ path: screenshotPath('variance-search'), fullPage: true });
  });

  it('导出Excel writes the workbook at the month shown', async () => {
    await page.getByTestId('as-of').selectOption('2025-09');
    await expect.poll(() => page.getByTestId('variance-count').textContent()).toMatch(/^显示/);
    const [download] = await downloadsOf(1, () => page.getByTestId('variance-export-workbook').click());
    expect(download.suggestedFilename()).toBe('2025年计划执行情况_数据截至2025年9月.xlsx');
    await page.getByTestId('as-of').selectOption('');
  }, 60_000);

  it('the link panel never shows or acts on the previous target’s late answer', async () => {
    const coal = idOf('煤炭产量');
    const unemployment = idOf('城镇调查失业率');
    const series = (await dispatch(service, 'listSeries', {})) as { id: number; label: string }[];
    const unemploymentSeries = series.find((s) => s.label === '城镇调查失业率当期值(%)')!.id;
    // Coal's candidates come late (2.5 s), unemployment's after 0.6 s.
    await page.route('**/api/call/linkCandidates', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { targetId?: number };
      await new Promise((r) => setTimeout(r, body.targetId === coal ? 2500 : 600));
      await route.continue();
    });
    await page.getByTestId('variance-search').fill('');
    await page.getByTestId('variance-search').fill('煤炭');
    await cell(coal, 'indicator').click();
    await page.getByTestId('variance-search').fill('城镇调查失业率');
    await cell(unemployment, 'indicator').click();
    const editor = page.getByTestId('link-editor');
    // While unemployment's candidates load, nothing is shown to click.
    await expect.poll(() => editor.getAttribute('data-target-id')).toBe(String(unemployment));
    expect(await editor.getByTestId('suggestion').count()).toBe(0);
    await editor.getByTestId('suggestion').first().waitFor();
    // Coal's answer arrives after it: still unemployment's suggestions only.
    await page.waitForTimeout(2600);
    const offered = await editor.getByTestId('suggestion').evaluateAll((b) => b.map((x) => Number(x.getAttribute('data-series-id'))));
    expect(offered).toContain(unemploymentSeries);
    expect(offered.every((id) => series.find((s) => s.id === id)!.label.startsWith('城镇调查失业率'))).toBe(true);
    await page.unroute('**/api/call/linkCandidates');
  }, 30_000);

  it('采纳全部建议: a list to review and untick, accepted in one step as 采纳建议', async () => {
    const jobs = idOf('第三产业新增就业岗位');
    await dispatch(service, 'setLink', { targetId: jobs, seriesId: null });
    await page.getByTestId('variance-search').fill('');
    await page.getByTestId('review-suggestions').click();
    const review = page.getByTestId('suggestion-review');
    const row = review.locator(`[data-testid="suggestion-row"][data-target-id="${jobs}"]`);
    await row.waitFor();
    await row.getByRole('checkbox').uncheck();
    expect(await review.getByTestId('accept-suggestions').isDisabled()).toBe(true);
    await row.getByRole('checkbox').check();
    await review.getByTestId('accept-suggestions').click();
    await review.getByTestId('no-suggestions').waitFor();
    expect((await links()).get(jobs)?.source).toBe('suggested');
    await page.screenshot({ path: screenshotPath('variance-accept-all'), fullPage: true });
    await review.getByTestId('suggestion-review-close').click();
  });

  it('server messages follow the language switch', async () => {
    const coal = idOf('煤炭产量');
    const series = (await dispatch(service, 'listSeries', {})) as { id: number; label: string }[];
    const unemploymentSeries = series.find((s) => s.label === '城镇调查失业率当期值(%)')!.id;
    await page.getByTestId('variance-search').fill('煤炭');
    await cell(coal, 'indicator').click();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('formula-input').fill(`s${unemploymentSeries}`);
    await page.getByTestId('formula-link').click();
    const bar = page.getByTestId('message');
    await expect.poll(() => bar.textContent()).toMatch(/^cannot link "煤炭产量" to /);
    expect(await bar.textContent()).not.toMatch(/不能关联|单位/);
    await page.getByTestId('lang-switch').click();
    await expect.poll(() => bar.textContent()).toMatch(/^不能关联“煤炭产量”/);
  });
});
