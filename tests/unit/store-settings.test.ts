// The desktop app's store setting (issue 14): a file or a server URL, checked when saved; a password never kept
// in plain text (refused inside the URL, encrypted by the injected keychain otherwise) and handed to the service
// process only in its environment.
import { describe, expect, it } from 'vitest';
import { DEFAULT_STORE_SETTINGS, parseStoreLocation, readStoreSettings, serializeStoreSettings, serviceStore, settingsToSave, type SafeStorageLike } from '../../electron/main/storeSettings';

/** A keychain that "encrypts" by reversing and tagging: enough to see the plain text never lands in the file. */
function keychain(available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${[...s].reverse().join('')}`, 'utf8'),
    decryptString: (b) => {
      const text = b.toString('utf8');
      if (!text.startsWith('enc:')) throw new Error('not ours');
      return [...text.slice(4)].reverse().join('');
    },
  };
}

describe('parseStoreLocation', () => {
  it('reads a file path and a server URL with its role, host and database', () => {
    expect(parseStoreLocation(' /data/计划.sqlite ')).toEqual({ kind: 'file', path: '/data/计划.sqlite' });
    expect(parseStoreLocation('postgres://zhang@db.fgw.example:5432/plan')).toEqual({ kind: 'server', url: 'postgres://zhang@db.fgw.example:5432/plan', user: 'zhang', host: 'db.fgw.example', database: 'plan', hasPassword: false });
    expect(parseStoreLocation('postgresql://zhang:secret@db/plan')).toMatchObject({ kind: 'server', hasPassword: true });
  });

  it('refuses what is not a store place, in both languages', () => {
    expect(() => parseStoreLocation('')).toThrow(/请填写.*Give a store/);
    expect(() => parseStoreLocation('mysql://zhang@db/plan')).toThrow(/不支持的地址.*Unsupported address mysql/);
    expect(() => parseStoreLocation('postgres://zhang@db/')).toThrow(/缺少数据库名.*names no database/);
    expect(() => parseStoreLocation('postgres://db/plan')).toThrow(/缺少登录角色.*names no login role/);
  });
});

describe('settingsToSave', () => {
  it('refuses a password inside the URL, naming the keychain and PGPASSFILE', () => {
    expect(() => settingsToSave('postgres://zhang:secret@db/plan', null, keychain())).toThrow(/不能包含密码.*PGPASSFILE.*must not contain the password/);
  });

  it('keeps a typed password only encrypted, and the file never holds it', () => {
    const saved = settingsToSave('postgres://zhang@db/plan', 'Mi码-42', keychain());
    expect(saved).toEqual({ version: 1, location: 'postgres://zhang@db/plan', passwordEncrypted: expect.any(String) });
    const text = serializeStoreSettings(saved);
    expect(text).not.toContain('Mi码-42');
    expect(readStoreSettings(text).settings).toEqual(saved);
    expect(serviceStore(saved, '/u/workbench.sqlite', keychain())).toEqual({ storePath: 'postgres://zhang@db/plan', env: { PGPASSWORD: 'Mi码-42' } });
  });

  it('without a keychain refuses to keep the password and points to PGPASSFILE; without a password relies on it', () => {
    expect(() => settingsToSave('postgres://zhang@db/plan', 'x', keychain(false))).toThrow(/PGPASSFILE/);
    const saved = settingsToSave('postgres://zhang@db/plan', null, keychain(false));
    expect(saved).toEqual({ version: 1, location: 'postgres://zhang@db/plan' });
    expect(serviceStore(saved, '/u/workbench.sqlite', keychain(false))).toEqual({ storePath: 'postgres://zhang@db/plan', env: {} });
  });

  it('a file location takes no password; the default is the app’s own file', () => {
    expect(() => settingsToSave('/d/a.sqlite', 'x', keychain())).toThrow(/不需要密码/);
    expect(serviceStore(settingsToSave('/d/a.sqlite', null, keychain()), '/u/w.sqlite', keychain())).toEqual({ storePath: '/d/a.sqlite', env: {} });
    expect(serviceStore(DEFAULT_STORE_SETTINGS, '/u/w.sqlite', keychain())).toEqual({ storePath: '/u/w.sqlite', env: {} });
  });
});

describe('readStoreSettings', () => {
  it('falls back to the app’s own file, saying why, for a damaged, foreign or password-bearing file', () => {
    expect(readStoreSettings(null)).toEqual({ settings: DEFAULT_STORE_SETTINGS, problem: null });
    expect(readStoreSettings('{not json').problem).toMatch(/已损坏.*damaged/);
    expect(readStoreSettings(JSON.stringify({ version: 2, location: null })).problem).toMatch(/无法识别.*not recognised/);
    expect(readStoreSettings(JSON.stringify({ version: 1, location: 'postgres://a:pw@db/plan' })).problem).toMatch(/地址无效.*invalid/);
  });

  it('a password the keychain cannot decrypt leaves the server chosen, without a password, and says so', () => {
    const result = serviceStore({ version: 1, location: 'postgres://zhang@db/plan', passwordEncrypted: Buffer.from('garbage').toString('base64') }, '/u/w.sqlite', keychain());
    expect(result).toMatchObject({ storePath: 'postgres://zhang@db/plan', env: {}, problem: expect.stringMatching(/无法解密.*cannot be decrypted/) });
  });
});
