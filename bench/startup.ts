// Startup: from launching the browser shell to the first target rows visible in Chromium on a fresh
// store, against Chromium showing a static page (the floor); and opening an existing store against
// better-sqlite3 opening the same file raw.
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { openWorkbench } from '../electron/openWorkbench';
import { STORE_FILE_NAME } from '../electron/paths';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/helpers/browser';
import { makeTmpDir, removeDir } from '../tests/helpers/tmp';
import { startShell } from './shellProcess';
import { FIRST_SCREEN_CALL_NAMES, openAndTime, pageWorkLine, stepsLine, type PageWork, type Steps } from './pageSteps';
import { median, printFigure, printHeading } from './report';

export async function benchStartup(): Promise<void> {
  printHeading('Startup (browser shell, fresh store → first target rows visible)');
  const dir = makeTmpDir('wb-bench-');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // Floor: the same browser showing a static page from a local server.
    const server = http.createServer((_q, r) => r.end('<!doctype html><table><tr class="row"><td>地区生产总值</td></tr></table>'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const floorRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      const t0 = performance.now();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.locator('.row').first().waitFor();
      floorRuns.push(performance.now() - t0);
      await page.close();
    }
    server.close();
    const floor = median(floorRuns);

    const runs: number[] = [];
    const steps: Steps[] = [];
    const work: PageWork[] = [];
    for (let i = 0; i < 3; i++) {
      // A fresh data folder each time: the shell creates and seeds its default store, as on an analyst's first start.
      const t0 = performance.now();
      const shell = await startShell({ dataDir: path.join(dir, `data-${i}`) });
      const listening = performance.now() - t0;
      const page = await browser.newPage();
      const run = await openAndTime(page, shell.url, t0, listening, FIRST_SCREEN_CALL_NAMES);
      steps.push(run);
      work.push(run.work);
      runs.push(run['rows drawn']);
      await page.close();
      await shell.stop();
    }
    printFigure('shell start + seed + first rows visible (median of 3)', median(runs), floor, 'static page in the same browser');
    process.stdout.write(`    where it goes (ms from launch, medians): ${stepsLine(steps)}\n`);
    process.stdout.write(`    the page's main thread, blank page → first rows (medians): ${pageWorkLine(work)}\n`);
    process.stdout.write(`  target: under 2000 ms → ${median(runs) < 2000 ? 'met' : 'NOT met'}\n`);

    const existing = path.join(dir, 'data-0', STORE_FILE_NAME);
    const rawRuns: number[] = [];
    const openRuns: number[] = [];
    for (let i = 0; i < 5; i++) {
      let t0 = performance.now();
      const raw = new Database(existing);
      raw.prepare('SELECT COUNT(*) FROM targets').get();
      raw.close();
      rawRuns.push(performance.now() - t0);
      t0 = performance.now();
      const s = openWorkbench(existing, 'cli', { create: true });
      s.handlers.listTargets({});
      s.ctx.db.close();
      openRuns.push(performance.now() - t0);
    }
    printFigure('open an existing store and list its targets (median of 5)', median(openRuns), median(rawRuns), 'raw better-sqlite3 open + count');
  } finally {
    await browser.close();
    removeDir(dir);
  }
}

