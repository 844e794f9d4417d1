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
    expect(preload).toMatch(/CALL_NAMES/);
  });
});

describe('IPC registration', () => {
  it('registers one handler per contract call and refuses untrusted senders', async () => {
    const { registerContract, channelOf } = await import('../../electron/main/ipc');
    const { CALL_NAMES } = await import('../../shared/contract');
    const handlers = new Map<string, (e: unknown, args: unknown) => Promise<unknown>>();
    const fakeIpc = { handle: (ch: string, fn: (e: unknown, args: unknown) => Promise<unknown>) => handlers.set(ch, fn) };
    const fakeService = { ctx: {}, handlers: { knownUnits: () => ['%'] } } as never;
    registerContract(fakeIpc as never, fakeService, (e) => (e as unknown as { trusted: boolean }).trusted);
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map(channelOf).sort());
    expect(await handlers.get(channelOf('knownUnits'))!({ trusted: false }, {})).toMatchObject({ error: { code: 'unauthorized' } });
    expect(await handlers.get(channelOf('knownUnits'))!({ trusted: true }, {})).toEqual({ result: ['%'] });
    expect(await handlers.get(channelOf('knownUnits'))!({ trusted: true }, { junk: 1 })).toMatchObject({ error: { code: 'bad_request' } });
  });
});
