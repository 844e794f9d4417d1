// The plan import view on a government work report (written for the test): only the plan year's targets are
// proposed; the review's results and the outlook's goals are shown on request and cannot be accepted; a restated
// target is one row whose other statement is marked in the document text.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import type { Service } from '../../electron/service/service';
import { startWebShell, type WebShell } from '../../electron/web/server';
import { proposeFromText } from '../../electron/plan/proposePlan';
import { launchBrowser, screenshotPath } from '../helpers/browser';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const REPORT = `2033年某省人民政府工作报告
——2033年1月16日在某省人民代表大会上
一、2032年工作回顾
过去一年，全省地区生产总值增长5.2%，城镇新增就业72万人，新建农村公路3000公里。
二、“十六五”时期的主要目标
到2035年，全省森林覆盖率达到31%。
三、2033年工作安排
今年全省经济社会发展主要预期目标是：地区生产总值增长5%左右；城镇新增就业70万人以上；居民消费价格涨幅2%左右。
(一)稳定就业
新增城镇就业70万人以上，开展补贴性职业技能培训超25万人次。
(二)改善民生
新建社区嵌入式服务设施500个，为超5000名困难老人提供居家适老化改造。
`;

const extraction = proposeFromText(REPORT);
const noOf = (pred: (t: (typeof extraction.targets)[number]) => boolean) => extraction.targets.findIndex(pred) + 1;
const JOBS = noOf((t) => t.scope === 'plan_year' && t.value === 70);
const REVIEW_GDP = noOf((t) => t.scope === 'review' && t.value === 5.2);
const planYear = extraction.targets.filter((t) => t.scope === 'plan_year');

let dir: string;
let service: Service;
let shell: WebShell;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
const cell = (no: number, col: string) => page.locator(`[data-testid="proposals-grid"] .ag-row[row-id="${no}"] .ag-cell[col-id="${col}"]`);

beforeAll(async () => {
  dir = makeTmpDir('wb-e2e-parts-');
  fs.writeFileSync(path.join(dir, '2033年政府工作报告.txt'), REPORT);
  service = openWorkbench(path.join(dir, 'e2e.sqlite'), 'web', { create: true });
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1500, height: 900 });
  await page.goto(shell.url);
  await page.getByRole('tab', { name: '导入计划' }).click();
});

afterAll(async () => {
  await browser?.close();
  await shell?.close();
  service?.ctx.db.close();
  removeDir(dir);
});

describe('plan import of a work report', () => {
  it('proposes only the plan year’s items, and says how many were kept apart', async () => {
    await page.getByTestId('plan-file').setInputFiles(path.join(dir, '2033年政府工作报告.txt'));
    await cell(JOBS, 'indicator').waitFor();
    await expect.poll(() => page.getByTestId('proposal-count').textContent()).toContain(`建议 ${planYear.length} 项`);
    expect(await page.getByTestId('message').textContent()).toMatch(/另有回顾与远景 \d+ 项，不作为目标/);
    expect(await cell(REVIEW_GDP, 'indicator').count()).toBe(0);
    expect(await cell(JOBS, 'scope').textContent()).toBe('本年目标');
    expect(await page.locator('.field-year').inputValue()).toBe('2033');
  });

  it('marks both statements of a restated target in the text', async () => {
    await cell(JOBS, 'section').click();
    await expect.poll(() => page.getByTestId('quote-mark').textContent()).toContain('城镇新增就业70万人以上');
    expect(await page.getByTestId('also-mark').textContent()).toContain('新增城镇就业70万人以上');
    expect(await cell(JOBS, 'alsoStatedAt').textContent()).toBe('三、(一)');
    await page.screenshot({ path: screenshotPath('plan-parts-restated') });
  });

  it('shows review and outlook items on request, which cannot be accepted or committed', async () => {
    await page.getByTestId('show-other-parts').check();
    await cell(REVIEW_GDP, 'indicator').waitFor();
    expect(await cell(REVIEW_GDP, 'scope').textContent()).toBe('往年实绩 2032');
    expect(await page.getByTestId(`accept-${REVIEW_GDP}`).count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="proposals-grid"] .ag-row.row-context').count()).toBeGreaterThan(0);
    await page.waitForTimeout(400); // let the grid finish placing the rows it has just shown
    await page.screenshot({ path: screenshotPath('plan-parts-review-shown') });
    await page.getByTestId('commit-plan').click();
    await expect.poll(() => (service.handlers.listPlans({}) as unknown[]).length).toBe(2);
    const planId = Math.max(...(service.handlers.listPlans({}) as { id: number }[]).map((p) => p.id));
    const stored = service.handlers.listTargets({ planId }) as { scope?: string; value: number | null }[];
    expect(stored).toHaveLength(planYear.length);
    expect(stored.some((t) => t.value === 5.2 || t.value === 31)).toBe(false);
  });

  it('shows both statements of the restated target in the targets view', async () => {
    await page.getByRole('tab', { name: '计划目标' }).click();
    const planId = Math.max(...(service.handlers.listPlans({}) as { id: number }[]).map((p) => p.id));
    const jobs = (service.handlers.listTargets({ planId }) as { id: number; value: number | null }[]).find((t) => t.value === 70);
    expect(jobs).toBeDefined();
    const row = page.locator(`[data-testid="targets-grid"] .ag-row[row-id="${jobs?.id}"] .ag-cell[col-id="section"]`);
    await row.waitFor();
    await row.click();
    await expect.poll(() => page.getByTestId('also-stated').textContent()).toContain('新增城镇就业70万人以上');
    await page.screenshot({ path: screenshotPath('plan-parts-targets-detail') });
  });
});
