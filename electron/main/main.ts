// The Electron main process: one window over the store in the user's data folder.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { openWorkbench } from '../openWorkbench';
import { STORE_FILE_NAME } from '../paths';
import type { Service } from '../service/service';
import { registerContract } from './ipc';
import { printHtmlToPdf } from './printBrief';
import { CONTENT_SECURITY_POLICY, isAllowedExternal, isAllowedNavigation, isAppPage, isPermissionAllowed, mainWindowOptions } from './windowOptions';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

let service: Service | null = null;
let mainWindow: BrowserWindow | null = null;

const devServerUrl = (): string | null => (typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL ? MAIN_WINDOW_VITE_DEV_SERVER_URL : null);
const indexFile = (): string => path.join(__dirname, `../renderer/${MAIN_WINDOW_VITE_NAME}/index.html`);

/** The one page the window may show: the dev server's page, or the packaged index.html. */
function appPage(): string {
  return devServerUrl() ?? pathToFileURL(indexFile()).href;
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs'), { packaged: app.isPackaged }));
  mainWindow = win;
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, appPage())) e.preventDefault();
  });
  win.webContents.on('will-redirect', (e, url) => {
    if (!isAllowedNavigation(url, appPage())) e.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the allowed official sites open in the user's browser; nothing opens an app window.
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (app.isPackaged) {
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  }
  win.once('ready-to-show', () => win.show());
  const dev = devServerUrl();
  if (dev) void win.loadURL(dev);
  else void win.loadFile(indexFile());
}

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  // Any other web contents (none are expected) gets the same navigation rules.
  contents.on('will-navigate', (e, url) => {
    if (!isAllowedNavigation(url, appPage())) e.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Deny by default: every permission request, and every synchronous permission check.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionAllowed(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionAllowed(permission));
  process.env.PLAN_WORKBENCH_SEEDS ??= app.isPackaged ? path.join(process.resourcesPath, 'seeds') : path.resolve(app.getAppPath(), 'seeds');
  // The desktop app's own default store: created and seeded on first start (userData exists: Electron makes it).
  service = openWorkbench(path.join(app.getPath('userData'), STORE_FILE_NAME), 'electron', { create: true, defaultFolder: app.getPath('userData') });
  // Briefing PDFs from Electron's own Chromium (the CLI and the browser shell use headless Chromium instead).
  service.ctx.printPdf = printHtmlToPdf;
  // A call is trusted only from the main frame of our window, showing our own page (checked by URL, too).
  registerContract(
    ipcMain,
    service,
    (event) =>
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      event.senderFrame === mainWindow.webContents.mainFrame &&
      isAppPage(event.senderFrame?.url ?? '', appPage()),
  );
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => service?.ctx.db.close());
