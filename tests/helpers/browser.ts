// Debian's Chromium driven by playwright-core, as on CI (never a downloaded browser).
import fs from 'node:fs';
import { chromium, type BrowserContext } from 'playwright-core';
import { makeTmpDir, removeDir } from './tmp';

export const CHROMIUM = process.env.PLAN_WORKBENCH_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Headless Chromium may start its own omnibox-popup page (a WebUI of the browser's top chrome) while a test opens
  // a page; in traces of the bench's 2,000-target open it took 2.6–3.0 s of main-thread time in 2 runs of 3. The
  // workbench's window (Electron) has no omnibox, so that page is the test browser's noise, not the product's.
  '--disable-features=PreloadTopChromeWebUI',
];

export async function launchBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk`);
  const dir = makeTmpDir('wb-chromium-');
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
  });
  return {
    context,
    close: async () => {
      await context.close();
      removeDir(dir);
    },
  };
}

export const SCREENSHOT_DIR = new URL('../e2e/__screenshots__/', import.meta.url).pathname;
export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return `${SCREENSHOT_DIR}${name}.png`;
}
