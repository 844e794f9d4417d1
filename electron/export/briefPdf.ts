// Prints a briefing to an A4 PDF with headless Chromium (playwright-core, the system browser), so the CLI
// and the app produce the same pages; Chromium embeds the CJK font subsets it used.

import { writeFile } from 'node:fs/promises';
import { chromium, type Browser } from 'playwright-core';
import type { BriefInput } from '../../shared/export/types';
import { briefPages, renderBriefHtml } from './briefHtml';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumPath(): string {
  return process.env.PLAN_WORKBENCH_CHROMIUM || DEFAULT_CHROMIUM;
}

/** Print `html` to PDF bytes. Margins come from the page's own `@page` rule. */
export async function htmlToPdf(html: string, browser?: Browser): Promise<Uint8Array> {
  const owned = browser ? null : await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });
  const b = browser ?? owned!;
  try {
    const context = await b.newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      return new Uint8Array(pdf);
    } finally {
      await context.close();
    }
  } finally {
    await owned?.close();
  }
}

/** Write the briefing PDF; `pages` is the count the layout planned (the test checks the PDF agrees). */
export async function writeBriefPdf(input: BriefInput, filePath: string, browser?: Browser): Promise<{ pages: number; bytes: number }> {
  const html = renderBriefHtml(input);
  const pdf = await htmlToPdf(html, browser);
  await writeFile(filePath, pdf);
  return { pages: briefPages(input).length, bytes: pdf.byteLength };
}

export { chartSvg } from './chartSvg';
