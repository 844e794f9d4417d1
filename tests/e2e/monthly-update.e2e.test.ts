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
  service = openWorkbench(path.join(dir, 'monthly.sqlite'), 'web');
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
    expect(await page.getByTestId('monthly-commit-summary').textContent()).toMatch(/4 个序列，写入 \d+ 个新增或修订的数值，0 个数值与已有相同/);
    const auto = await page.getByTestId('monthly-autolinked').textContent();
    expect(auto).toContain('煤炭产量 → 原煤产量累计值(万吨)');
    expect(auto).toContain('城镇调查失业率 → 城镇调查失业率(%)');
    const stored = await links();
    expect(stored.get(idOf('煤炭产量'))?.source).toBe('suggested');
    // 新增城镇就业 is worded differently from the series: suggested, not linked, left to decide.
    const review = page.getByTestId('suggestion-review');
    await review.getByTestId('suggestion-row').first().waitFor();
    expect(await review.textContent()).toContain('新增城镇就业');
    expect(stored.has(idOf('新增城镇就业'))).toBe(false);
    expect(await page.getByTestId('monthly-variance').textContent()).toContain('数据截至2025年9月');
    await page.screenshot({ path: screenshotPath('monthly-2-committed'), fullPage: true });
  });

  it('accepts the reviewed suggestion as 采纳建议', async () => {
    const review = page.getByTestId('suggestion-review');
    await review.getByTestId('accept-suggestions').click();
    await review.getByTestId('no-suggestions').waitFor();
    expect((await links()).get(idOf('新增城镇就业'))?.source).toBe('suggested');
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
    expect(await page.getByTestId('monthly-commit-summary').textContent()).toContain('写入 5 个新增或修订的数值，42 个数值与已有相同');
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
