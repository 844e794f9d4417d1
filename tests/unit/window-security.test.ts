import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isAllowedNavigation, mainWindowOptions } from '../../electron/main/windowOptions';

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
  it('blocks navigation away from the app', () => {
    expect(isAllowedNavigation('file:///app/index.html', 'file://')).toBe(true);
    expect(isAllowedNavigation('https://example.com/', 'file://')).toBe(false);
    expect(isAllowedNavigation('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedNavigation('http://evil.test/', 'http://localhost:5173')).toBe(false);
    expect(isAllowedNavigation('not a url', 'file://')).toBe(false);
  });
  it('main process denies new windows, checks the sender and uses these options', () => {
    const main = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/main/main.ts'), 'utf8');
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]*action: 'deny'/);
    expect(main).toMatch(/will-navigate/);
    expect(main).toMatch(/mainWindowOptions\(/);
    expect(main).toMatch(/senderFrame === mainWindow\.webContents\.mainFrame/);
    const preload = fs.readFileSync(path.resolve(import.meta.dirname, '../../electron/main/preload.ts'), 'utf8');
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
