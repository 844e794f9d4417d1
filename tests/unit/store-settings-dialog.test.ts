// The store settings dialog's rules (issue 14): what the dialog checks as the analyst types is what the main
// process checks when it saves; the view it is shown never carries a password; a saved password is kept only for
// the same server URL when the analyst leaves the box empty.
import { describe, expect, it } from 'vitest';
import { storeFormProblem } from '../../shared/settings/storeLocation';
import { DEFAULT_STORE_SETTINGS, serializeStoreSettings, settingsFromRequest, storeSettingsView, type SafeStorageLike } from '../../electron/main/storeSettings';

function keychain(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${[...s].reverse().join('')}`, 'utf8'),
    decryptString: (b) => [...b.toString('utf8').slice(4)].reverse().join(''),
  };
}

describe('storeFormProblem (the dialog, as the analyst types)', () => {
  it('accepts the default, a file path and a server URL without password', () => {
    expect(storeFormProblem({ choice: 'default', location: '' }, false)).toBeNull();
    expect(storeFormProblem({ choice: 'file', location: '/data/省发改委.sqlite' }, false)).toBeNull();
    expect(storeFormProblem({ choice: 'server', location: 'postgres://zhang@db.example/plan', password: '' }, false)).toBeNull();
    expect(storeFormProblem({ choice: 'server', location: 'postgres://zhang@db.example/plan', password: 'pw' }, true)).toBeNull();
  });

  it('names what is wrong, in both languages', () => {
    expect(storeFormProblem({ choice: 'file', location: '  ' }, true)).toMatch(/请填写.*Give a store/);
    expect(storeFormProblem({ choice: 'file', location: 'postgres://zhang@db/plan' }, true)).toMatch(/团队服务器.*Team server/);
    expect(storeFormProblem({ choice: 'server', location: '/data/x.sqlite' }, true)).toMatch(/postgres:\/\/.*starts with postgres/);
    expect(storeFormProblem({ choice: 'server', location: 'postgres://db/plan' }, true)).toMatch(/缺少登录角色.*no login role/);
    expect(storeFormProblem({ choice: 'server', location: 'postgres://zhang:secret@db/plan' }, true)).toMatch(/不能包含密码.*PGPASSFILE/);
    expect(storeFormProblem({ choice: 'server', location: 'postgres://zhang@db/plan', password: 'pw' }, false)).toMatch(/钥匙串不可用.*PGPASSFILE/);
  });
});

describe('settingsFromRequest (main, at the IPC boundary)', () => {
  const url = 'postgres://zhang@db.example/plan';

  it('refuses a malformed request or a choice that does not match the location', () => {
    expect(() => settingsFromRequest({ choice: 'server', location: url, extra: 1 }, DEFAULT_STORE_SETTINGS, keychain())).toThrow(/请求无效.*Invalid/);
    expect(() => settingsFromRequest('postgres://x', DEFAULT_STORE_SETTINGS, keychain())).toThrow(/请求无效/);
    expect(() => settingsFromRequest({ choice: 'file', location: url }, DEFAULT_STORE_SETTINGS, keychain())).toThrow(/不符.*does not match/);
    expect(() => settingsFromRequest({ choice: 'server', location: url, password: 'pw' }, DEFAULT_STORE_SETTINGS, keychain(false))).toThrow(/钥匙串不可用/);
  });

  it('keeps a password only encrypted, keeps it for the same URL when left out, drops it for PGPASSFILE', () => {
    const withPassword = settingsFromRequest({ choice: 'server', location: url, password: '口令pw' }, DEFAULT_STORE_SETTINGS, keychain());
    expect(serializeStoreSettings(withPassword)).not.toContain('口令pw');
    expect(withPassword.passwordEncrypted).toBeTruthy();
    expect(settingsFromRequest({ choice: 'server', location: url }, withPassword, keychain())).toEqual(withPassword);
    expect(settingsFromRequest({ choice: 'server', location: 'postgres://zhang@db.example/other' }, withPassword, keychain())).toEqual({ version: 1, location: 'postgres://zhang@db.example/other' });
    expect(settingsFromRequest({ choice: 'server', location: url, password: '' }, withPassword, keychain())).toEqual({ version: 1, location: url });
    expect(settingsFromRequest({ choice: 'default', location: '' }, withPassword, keychain())).toEqual(DEFAULT_STORE_SETTINGS);
  });

  it('shows the dialog the saved choice without the password', () => {
    const withPassword = settingsFromRequest({ choice: 'server', location: url, password: 'pw' }, DEFAULT_STORE_SETTINGS, keychain());
    const view = storeSettingsView(withPassword, keychain());
    expect(view).toEqual({ choice: 'server', location: url, passwordSaved: true, encryptionAvailable: true });
    expect(JSON.stringify(view)).not.toContain(withPassword.passwordEncrypted);
    expect(storeSettingsView({ version: 1, location: '/data/a.sqlite' }, keychain(false))).toEqual({ choice: 'file', location: '/data/a.sqlite', passwordSaved: false, encryptionAvailable: false });
  });
});
