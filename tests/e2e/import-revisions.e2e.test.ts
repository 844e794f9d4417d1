// The wizard against the store, in Chromium: a first month's file starts its series; the next month's file, which
// names no region, continues them (the home region), and its revised value shows as revised (old → new) before the
// commit and in the report after it; importing the same file again writes nothing.
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

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;

const batches = () => service.handlers.listBatches({}) as ImportBatch[];
const storedSeries = () => service.handlers.listSeries({}) as Series[];
const text = (id: string) => page.getByTestId(id).textContent();

function writeFile(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, body);
  return file;
}

beforeAll(async () => {
  dir = makeTmpDir();
  service = openWorkbench(path.join(dir, 'e2e.sqlite'), 'web', { create: true });
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(shell.url);
  await page.getByRole('tab', { name: '导入数据', exact: true }).click();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

const SEPTEMBER = '地区：内蒙古自治区\n指标,2025年9月,2025年8月\n规模以上工业增加值累计增长(%),7.1,7.0\n原煤产量累计值(万吨),93000,82000\n';
// No 地区 row; September's coal output revised from 93000 to 93500.
const OCTOBER = '指标,2025年10月,2025年9月\n规模以上工业增加值累计增长(%),7.3,7.1\n原煤产量累计值(万吨),103600,93500\n';

describe('import: first month, then the next month with a revision', () => {
  it('the first month starts two series under the region the file names', async () => {
    await expect.poll(() => text('home-region')).toMatch(/本库所属地区：内蒙古自治区（取自计划）/);
    await page.getByTestId('file-input').setInputFiles(writeFile('9月.csv', SEPTEMBER));
    await expect.poll(() => text('change-counts')).toMatch(/将延续序列 0 个 · 新建序列 2 个 · 新增数值 4 · 未变 0 · 修订 0/);
    const rows = page.getByTestId('series-changes').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toMatch(/新建.*内蒙古自治区/);
    await page.getByTestId('commit-import').click();
    await expect.poll(() => text('message')).toMatch(/已导入「9月\.csv」（批次 1）/);
    expect(await text('commit-report')).toMatch(/已延续序列 0 个 · 新建序列 2 个/);
    expect(storedSeries().map((s) => s.region)).toEqual(['内蒙古自治区', '内蒙古自治区']);
  });

  it('the next month continues both series and shows the revision before the commit', async () => {
    await page.getByTestId('file-input').setInputFiles(writeFile('10月.csv', OCTOBER));
    await expect.poll(() => text('change-counts')).toMatch(/将延续序列 2 个 · 新建序列 0 个 · 新增数值 2 · 未变 1 · 修订 1/);
    const coal = storedSeries().find((s) => s.name === '原煤产量')!;
    const coalRow = page.getByTestId('series-changes').locator('tbody tr', { hasText: '原煤产量' });
    expect(await coalRow.textContent()).toMatch(new RegExp(`延续 #${coal.id}.*内蒙古自治区（文件未注明）.*1 · 0 · 1`));
    expect(await coalRow.locator('td.reason').textContent()).toMatch(/按本库所属地区「内蒙古自治区」.*延续已有序列/);
    expect(await text('revisions')).toMatch(/修订 1 个数值.*10月!C3.*原煤产量累计值\(万吨\).*2025年1-9月：93000 → 93500/s);
    const grid = page.getByTestId('preview-grid');
    await grid.locator('.ag-row').first().waitFor();
    const c3 = grid.locator('.ag-row', { has: page.locator('.ag-cell[col-id="cell"]', { hasText: /^10月!C3$/ }) });
    expect(await c3.locator('.ag-cell[col-id="change"]').textContent()).toBe('修订 93000 → 93500');
    await page.screenshot({ path: screenshotPath('import-revision-preview') });
  });

  it('after the commit the revisions are listed, and both vintages are kept', async () => {
    await page.getByTestId('commit-import').click();
    await expect.poll(() => text('message')).toMatch(/已导入「10月\.csv」（批次 2）/);
    const report = page.getByTestId('commit-report');
    expect(await report.textContent()).toMatch(/已延续序列 2 个 · 新建序列 0 个 · 新增数值 2 · 未变 1 · 修订 1/);
    expect(await report.getByTestId('revisions').textContent()).toMatch(/93000 → 93500/);
    await page.screenshot({ path: screenshotPath('import-revision-report') });
    expect(storedSeries()).toHaveLength(2);
    const coal = storedSeries().find((s) => s.name === '原煤产量')!;
    const vintages = (service.handlers.seriesObservations({ seriesId: coal.id, allVintages: true }) as { period: string; value: number }[]).filter((o) => o.period === '2025-09');
    expect(vintages.map((o) => o.value)).toEqual([93000, 93500]);
  });

  it('the same file again: every value unchanged, nothing written', async () => {
    await page.getByTestId('file-input').setInputFiles(writeFile('10月.csv', OCTOBER));
    await expect.poll(() => text('change-counts')).toMatch(/新增数值 0 · 未变 4 · 修订 0/);
    await page.getByTestId('commit-import').click();
    await expect.poll(() => text('message')).toMatch(/4 个数值与库中完全相同，未写入任何内容/);
    expect(batches()).toHaveLength(2);
  });
});
