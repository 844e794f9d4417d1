// The desktop app rasterises the report's charts with its own Chromium (no system browser there): each SVG
// is loaded into a hidden window of its size, scripts off, and captured as PNG.
import { BrowserWindow } from 'electron';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export async function rasterizeSvgsInWindow(images: readonly { svg: string; width: number; height: number }[]): Promise<Uint8Array[]> {
  if (images.length === 0) return [];
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'workbench-charts-'));
  const win = new BrowserWindow({
    show: false,
    useContentSize: true,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, spellcheck: false, offscreen: true },
  });
  try {
    win.webContents.on('will-navigate', (e) => e.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const out: Uint8Array[] = [];
    for (const [i, img] of images.entries()) {
      const width = Math.ceil(img.width);
      const height = Math.ceil(img.height);
      const file = path.join(dir, `chart${i}.html`);
      await fs.writeFile(file, `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;background:#fff;overflow:hidden}svg{display:block}</style></head><body>${img.svg}</body></html>`, 'utf8');
      win.setContentSize(width, height);
      await win.loadFile(file);
      const shot = await win.webContents.capturePage({ x: 0, y: 0, width, height });
      out.push(new Uint8Array(shot.toPNG()));
    }
    return out;
  } finally {
    win.destroy();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
