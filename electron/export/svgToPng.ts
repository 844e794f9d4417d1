// Rasterises SVG charts to PNG for Word, which shows embedded SVG only in recent versions (WPS and older Word
// need a bitmap): all charts of a document on one page of headless Chromium (the same browser the PDF path
// uses), each screenshotted at twice its CSS size so it stays sharp in print.

import { chromium, type Browser } from 'playwright-core';
import { chromiumPath, LAUNCH_ARGS } from './briefPdf';

export interface SvgImage {
  svg: string;
  /** CSS pixels. */
  width: number;
  height: number;
}

/** What turns SVGs into PNGs: headless Chromium here, a hidden window in the desktop app. */
export type SvgRasterizer = (images: readonly SvgImage[]) => Promise<Uint8Array[]>;

export const RASTER_SCALE = 2;

export async function svgsToPng(images: readonly SvgImage[], browser?: Browser): Promise<Uint8Array[]> {
  if (images.length === 0) return [];
  const owned = browser ? null : await chromium.launch({ executablePath: chromiumPath(), args: LAUNCH_ARGS });
  const b = browser ?? owned!;
  try {
    const width = Math.ceil(Math.max(...images.map((i) => i.width)));
    const context = await b.newContext({ javaScriptEnabled: false, offline: true, deviceScaleFactor: RASTER_SCALE, viewport: { width, height: 800 } });
    try {
      const page = await context.newPage();
      const body = images
        .map((img, i) => `<div id="img${i}" style="width:${Math.round(img.width)}px;height:${Math.round(img.height)}px;background:#fff">${img.svg}</div>`)
        .join('');
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>body{margin:0;background:#fff}svg{display:block}</style></head><body>${body}</body></html>`, {
        waitUntil: 'load',
      });
      const out: Uint8Array[] = [];
      for (let i = 0; i < images.length; i++) out.push(new Uint8Array(await page.locator(`#img${i}`).screenshot({ type: 'png' })));
      return out;
    } finally {
      await context.close();
    }
  } finally {
    await owned?.close();
  }
}
