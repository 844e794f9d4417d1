// The Electron main process: one window over the store in the user's data folder.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import path from 'node:path';
import { openWorkbench } from '../openWorkbench';
import { STORE_FILE_NAME } from '../paths';
import type { Service } from '../service/service';
import { registerContract } from './ipc';
import { printHtmlToPdf } from './printBrief';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation, mainWindowOptions } from './windowOptions';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

let service: Service | null = null;
let mainWindow: BrowserWindow | null = null;

function appOrigin(): string {
  return typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL ? new URL(MAIN_WINDOW_VITE_DEV_SERVER_URL).origin : 'file://';
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  mainWindow = win;
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, appOrigin())) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never in an app window.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  if (typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL) void win.loadURL(MAIN_WINDOW_VITE_DEV_SERVER_URL);
  else void win.loadFile(path.join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}/index.html`));
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  process.env.PLAN_WORKBENCH_SEEDS ??= app.isPackaged ? path.join(process.resourcesPath, 'seeds') : path.resolve(app.getAppPath(), 'seeds');
  // The desktop app's own default store: created and seeded on first start (userData exists: Electron makes it).
  service = openWorkbench(path.join(app.getPath('userData'), STORE_FILE_NAME), 'electron', { create: true, defaultFolder: app.getPath('userData') });
  // Briefing PDFs from Electron's own Chromium (the CLI and the browser shell use headless Chromium instead).
  service.ctx.printPdf = printHtmlToPdf;
  registerContract(ipcMain, service, (event) => mainWindow !== null && event.sender === mainWindow.webContents && event.senderFrame === mainWindow.webContents.mainFrame);
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => service?.ctx.db.close());
