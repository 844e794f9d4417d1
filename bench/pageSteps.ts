// Where the time to the first target rows goes, step by step, on the benchmark's own clock (ms from launching the
// shell): the shell printing its URL (listening, store open), the page's HTML asked for, its first contract call
// sent, the last of the first screen's answers received, and the first target row drawn. Read from Playwright's
// request events, so the page's code is measured as it ships, with nothing added to it. The first screen's calls go
// as one request in the browser shell (electron/web/firstScreenBatch.ts); older builds sent one request each.
import type { Page, Request } from 'playwright-core';
import { FIRST_SCREEN_CALLS } from '../renderer/views/firstScreenCalls';
import { median } from './report';

/** The calls the first target rows wait for (the ones the page's entry sends first). */
export const FIRST_SCREEN_CALL_NAMES: readonly string[] = FIRST_SCREEN_CALLS.map(([name]) => name);

export const STEP_NAMES = ['listening', 'HTML asked', 'first call sent', 'first screen answered', 'rows drawn'] as const;
export type Steps = Record<(typeof STEP_NAMES)[number], number>;

/**
 * What the page's main thread did from the blank page to the first target row, from Chromium's own counters
 * (CDP Performance.getMetrics): its CPU time (ThreadTime), and the wall time of its tasks, of running script
 * (compile and evaluation included), of layout and of style recalculation, in ms. Wall times on a busy machine grow
 * with the load; the CPU time much less, which makes it the figure to compare two builds with.
 */
export interface PageWork {
  cpu: number;
  tasks: number;
  script: number;
  layout: number;
  style: number;
}
const PAGE_WORK_METRICS: Record<keyof PageWork, string> = { cpu: 'ThreadTime', tasks: 'TaskDuration', script: 'ScriptDuration', layout: 'LayoutDuration', style: 'RecalcStyleDuration' };

/** The selector of a drawn target row's value cell: what an analyst sees as "the targets are there". */
export const FIRST_TARGET_ROW = '.ag-row[row-id] .ag-cell[col-id="value"]';

/**
 * Opens `url` in `page` and waits for the first target row; `t0` is when the shell was launched, `listeningAt` when it
 * printed its URL. `firstScreenCalls` are the calls the rows wait for.
 */
export async function openAndTime(page: Page, url: string, t0: number, listeningAt: number, firstScreenCalls: readonly string[]): Promise<Steps & { work: PageWork }> {
  // Read on the blank page before and after: what the counters hold is the page's work alone (a counter session
  // adds nothing to the page's code; the navigation and what is timed stay as they were).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => new Map((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const before = await metrics();
  let html = NaN;
  let firstCall = NaN;
  const answered = new Map<string, number>();
  // The calls a request carries: one (POST /api/call/<name>) or the first screen's batch (POST /api/first-screen,
  // whose body lists them).
  const callsOf = (r: Request): string[] => {
    const { pathname } = new URL(r.url());
    if (pathname === '/api/first-screen') return ((r.postDataJSON() ?? []) as [string, unknown][]).map(([name]) => name);
    const one = /\/api\/call\/(\w+)$/.exec(pathname)?.[1];
    return one ? [one] : [];
  };
  page.on('request', (r) => {
    const at = performance.now() - t0;
    if (r.resourceType() === 'document' && Number.isNaN(html)) html = at;
    if (callsOf(r).length > 0 && Number.isNaN(firstCall)) firstCall = at;
  });
  page.on('requestfinished', (r) => {
    for (const name of callsOf(r)) if (firstScreenCalls.includes(name) && !answered.has(name)) answered.set(name, performance.now() - t0);
  });
  await page.goto(url);
  await page.locator(FIRST_TARGET_ROW).first().waitFor({ timeout: 60_000 });
  const drawn = performance.now() - t0;
  const after = await metrics();
  await cdp.detach();
  const work = Object.fromEntries(Object.entries(PAGE_WORK_METRICS).map(([k, name]) => [k, ((after.get(name) ?? NaN) - (before.get(name) ?? 0)) * 1000])) as unknown as PageWork;
  return { listening: listeningAt, 'HTML asked': html, 'first call sent': firstCall, 'first screen answered': Math.max(...answered.values()), 'rows drawn': drawn, work };
}

/** One line: the median of the page's main-thread figures over the runs. */
export function pageWorkLine(runs: PageWork[]): string {
  const m = (k: keyof PageWork) => median(runs.map((r) => r[k])).toFixed(0);
  return `CPU ${m('cpu')} ms; tasks ${m('tasks')} ms, of which script ${m('script')}, layout ${m('layout')}, style ${m('style')}`;
}

/** One line: the median of each step over the runs. */
export function stepsLine(runs: Steps[]): string {
  return STEP_NAMES.map((k) => `${k} ${median(runs.map((r) => r[k])).toFixed(0)}`).join(' → ');
}
