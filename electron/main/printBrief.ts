// The desktop app prints briefings with its own Chromium: the HTML goes into a hidden window with scripts
// off, and webContents.printToPDF lays it out on A4 from the page's @page rule. No system browser needed.
import { BrowserWindow } from 'electron';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export async function printHtmlToPdf(html: string): Promise<Uint8Array> {
  // A file rather than a data: URL: a briefing with many SVG charts can exceed the URL length Chromium accepts.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'workbench-brief-'));
  const file = path.join(dir, 'brief.html');
  await fs.writeFile(file, html, 'utf8');
  const win = new BrowserWindow({
    show: false,
    width: 900,
    height: 1200,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false },
  });
  try {
    win.webContents.on('will-navigate', (e) => e.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    await win.loadFile(file);
    const pdf = await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    return new Uint8Array(pdf);
  } finally {
    win.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
