// The Electron main process: windows, dialogs and files only. The service (store, import, export, briefing) runs in
// its own utilityProcess (electron/service/host/serviceProcess.ts); each window talks to it through a MessagePort,
// so nothing the service does can freeze a window.
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { currentUser, STORE_FILE_NAME } from '../paths';
import { startServiceConnection, type ServiceConnection } from './serviceConnection';
import { setLogDir } from '../log';
import { readStoreSettings, serializeStoreSettings, serviceStore, settingsFromRequest, storeSettingsView, STORE_SETTINGS_FILE } from './storeSettings';
import { toWireError } from '../../shared/errors';
import { CONTENT_SECURITY_POLICY, isAllowedExternal, isAllowedNavigation, isAppPage, isPermissionAllowed, mainWindowOptions } from './windowOptions';

declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;

let service: ServiceConnection | null = null;
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
  service?.connect(win);
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
  // The log sits beside the store in userData: `<userData>/logs/workbench.log`.
  setLogDir(path.join(app.getPath('userData'), 'logs'));
  process.env.PLAN_WORKBENCH_SEEDS ??= app.isPackaged ? path.join(process.resourcesPath, 'seeds') : path.resolve(app.getAppPath(), 'seeds');
  // The service process opens the app's own default store, created and seeded on first start. Briefing PDFs and
  // report charts come back here to be drawn with Electron's own Chromium (the CLI and the browser shell use
  // headless Chromium instead).
  // Which store: the app's own file unless the store setting names another file or a team's server (issue 14);
  // a server password comes decrypted from the OS keychain into the service process's environment only.
  const userData = app.getPath('userData');
  const settingsFile = path.join(userData, STORE_SETTINGS_FILE);
  const { settings, problem } = readStoreSettings(fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : null);
  if (problem) void dialog.showMessageBox({ type: 'warning', title: '计划执行分析工作台 / Plan Workbench', message: problem });
  const store = serviceStore(settings, path.join(userData, STORE_FILE_NAME), safeStorage);
  if (store.problem) void dialog.showMessageBox({ type: 'warning', title: '计划执行分析工作台 / Plan Workbench', message: store.problem });
  service = startServiceConnection({
    entry: path.join(__dirname, 'serviceProcess.cjs'),
    storePath: store.storePath,
    defaultFolder: userData,
    user: currentUser(),
    env: { ...process.env, ...store.env },
    // A call is trusted only from the main frame of our window, showing our own page (checked by URL, too).
    isTrustedSender: (event) =>
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      event.senderFrame === mainWindow.webContents.mainFrame &&
      isAppPage(event.senderFrame?.url ?? '', appPage()),
    onFatal: (message) => dialog.showErrorBox('计划执行分析工作台 / Plan Workbench', message),
  });
  handleStoreSettings(settingsFile, (event) => mainWindow !== null && event.sender === mainWindow.webContents && event.senderFrame === mainWindow.webContents.mainFrame && isAppPage(event.senderFrame?.url ?? '', appPage()));
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => service?.stop());

/**
 * The settings dialog's narrow channel (issue 14): read the saved choice (never a password), and save a new one,
 * checked here again, written atomically (a temporary file renamed over the old one), the password only
 * encrypted by safeStorage. The app then restarts so its service opens the new store.
 */
function handleStoreSettings(settingsFile: string, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  const refused = { error: { code: 'unauthorized', message: '拒绝来自未知页面的调用 / Call from an unknown frame refused' } };
  const saved = () => readStoreSettings(fs.existsSync(settingsFile) ? fs.readFileSync(settingsFile, 'utf8') : null).settings;
  ipcMain.handle('workbench:store-settings-get', (event) => {
    if (!isTrusted(event)) return refused;
    try {
      return { result: storeSettingsView(saved(), safeStorage) };
    } catch (e) {
      return { error: toWireError(e) };
    }
  });
  ipcMain.handle('workbench:store-settings-set', (event, raw: unknown) => {
    if (!isTrusted(event)) return refused;
    try {
      const next = settingsFromRequest(raw, saved(), safeStorage);
      const temp = `${settingsFile}.${process.pid}.tmp`;
      fs.writeFileSync(temp, serializeStoreSettings(next), { encoding: 'utf8', mode: 0o600 });
      fs.renameSync(temp, settingsFile);
      // Give the reply time to reach the page (it says the app restarts), then start again on the new store.
      setTimeout(() => {
        app.relaunch();
        app.exit(0);
      }, 1500);
      return { result: { restarting: true } };
    } catch (e) {
      return { error: toWireError(e) };
    }
  });
}
