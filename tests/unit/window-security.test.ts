import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
import { ELECTRON_FUSES } from '../../electron/main/fuseSettings';
import {
  CONTENT_SECURITY_POLICY,
  META_CONTENT_SECURITY_POLICY,
  isAllowedExternal,
  isAllowedNavigation,
  isAppPage,
  isPermissionAllowed,
  mainWindowOptions,
} from '../../electron/main/windowOptions';

const read = (rel: string) => fs.readFileSync(path.resolve(import.meta.dirname, '../..', rel), 'utf8');

describe('Electron window security', () => {
  it('keeps context isolation, the sandbox and no Node in the page', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });
  it('has a strict content security policy', () => {
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
  });
  it('allows navigation to exactly the app page: not any file: URL, not another page of the dev server', () => {
    const page = 'file:///opt/plan-workbench/resources/app.asar/.vite/renderer/main_window/index.html';
    expect(isAllowedNavigation(page, page)).toBe(true);
    expect(isAllowedNavigation(`${page}#/variance`, page)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', page)).toBe(false);
    expect(isAllowedNavigation('file:///home/analyst/Downloads/evil.html', page)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', page)).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/other.html', 'http://localhost:5173/')).toBe(false);
    expect(isAllowedNavigation('http://evil.test/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('not a url', page)).toBe(false);
  });
  it('has no DevTools in a packaged build, DevTools while developing', () => {
    expect(mainWindowOptions('/p.cjs', { packaged: true }).webPreferences!.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs').webPreferences!.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { packaged: false }).webPreferences!.devTools).toBe(true);
  });
  it('opens only https links to the allowed official sites in the browser', () => {
    expect(isAllowedExternal('https://www.stats.gov.cn/sj/')).toBe(true);
    expect(isAllowedExternal('http://www.stats.gov.cn/')).toBe(false);
    expect(isAllowedExternal('https://www.stats.gov.cn.evil.test/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@www.stats.gov.cn/')).toBe(false);
    expect(isAllowedExternal('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternal('smb://host/share')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });
  it('denies every permission by default', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) expect(isPermissionAllowed(p)).toBe(false);
  });
  it('carries the CSP in renderer/index.html as a <meta> too, equal to the header but for frame-ancestors', () => {
    const html = read('renderer/index.html');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY).not.toMatch(/frame-ancestors/);
    expect(CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'; ", '')).toBe(META_CONTENT_SECURITY_POLICY);
  });
  it('sets the Electron fuses in the packaged binary', () => {
    expect(ELECTRON_FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(ELECTRON_FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(ELECTRON_FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(ELECTRON_FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(ELECTRON_FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(ELECTRON_FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(ELECTRON_FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    const forge = read('forge.config.ts');
    expect(forge).toMatch(/new FusesPlugin\(ELECTRON_FUSES\)/);
  });
  it('main process denies new windows, checks the sender and uses these options', () => {
    const main = read('electron/main/main.ts');
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]*action: 'deny'/);
    expect(main).toMatch(/will-navigate/);
    expect(main).toMatch(/mainWindowOptions\(/);
    expect(main).toMatch(/senderFrame === mainWindow\.webContents\.mainFrame/);
    // The sender check compares the frame's URL with the app page too.
    expect(main).toMatch(/isAppPage\(event\.senderFrame\?\.url/);
    expect(main).toMatch(/'will-redirect'[\s\S]*isAllowedNavigation/);
    expect(main).toMatch(/setPermissionRequestHandler\([\s\S]*isPermissionAllowed/);
    expect(main).toMatch(/setPermissionCheckHandler\([\s\S]*isPermissionAllowed/);
    expect(main).toMatch(/if \(isAllowedExternal\(url\)\) void shell\.openExternal\(url\)/);
    expect(main).toMatch(/packaged: app\.isPackaged/);
    expect(main).not.toMatch(/openExternal\((?!url\))/);
    const preload = read('electron/main/preload.ts');
    expect(preload).toMatch(/contextBridge\.exposeInMainWorld\('workbench'/);
    expect(preload).toMatch(/isCallName/);
  });
});

describe('the main process holds no store', () => {
  it('starts the service in a utilityProcess and imports neither the store nor the service', () => {
    const dir = path.resolve(import.meta.dirname, '../../electron/main');
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      const src = fs.readFileSync(path.join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/from '\.\.\/(store|openWorkbench|service\/service|import|export|plan)\b/);
      expect(src, f).not.toMatch(/better-sqlite3/);
    }
    const connection = fs.readFileSync(path.join(dir, 'serviceConnection.ts'), 'utf8');
    expect(connection).toMatch(/utilityProcess\.fork\(/);
    expect(connection).toMatch(/new MessageChannelMain\(\)/);
  });
  it('reads a picked file by path only once the main process granted it', async () => {
    const { grantableFile } = await import('../../electron/main/fileGrant');
    expect(() => grantableFile('relative/file.xlsx')).toThrow(/absolute|位置/);
    expect(() => grantableFile(42)).toThrow();
    expect(() => grantableFile('/nonexistent-dir/x.xlsx')).toThrow(/找不到|not found/);
    expect(() => grantableFile(import.meta.dirname)).toThrow(/不是文件|not a file/);
    expect(grantableFile(import.meta.filename)).toEqual({ fileName: path.basename(import.meta.filename), path: import.meta.filename });
  });
});

describe('the app page check used for IPC senders', () => {
  it('trusts only the app page itself', () => {
    const page = 'file:///app/.vite/renderer/main_window/index.html';
    expect(isAppPage(page, page)).toBe(true);
    expect(isAppPage('file:///app/.vite/renderer/main_window/other.html', page)).toBe(false);
    expect(isAppPage('', page)).toBe(false);
    expect(isAppPage('about:blank', page)).toBe(false);
  });
});
