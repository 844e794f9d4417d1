// The desktop app's store setting (issue 14): the app's own file (the default), another file, or a team's
// PostgreSQL server. The workbench never writes a password in plain text: a server URL that carries one is
// refused when saving; the password is kept encrypted by the OS keychain (Electron safeStorage), or left to the
// PGPASSFILE / ~/.pgpass that node-postgres reads. Pure functions: the safeStorage is injected, so this is tested
// without Electron; main.ts reads and writes the file in userData.
import * as z from '../../shared/zod';
import { WorkbenchError } from '../../shared/errors';
import { parseStoreLocation, storeSettingsRequestSchema, type StoreSettingsView } from '../../shared/settings/storeLocation';

/** Electron's safeStorage, as far as it is used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const STORE_SETTINGS_FILE = 'store-settings.json';

/** The file's shape (exported for the schema equality test). */
export const settingsSchema = z.strictObject({
  version: z.literal(1),
  /** null: the app's own store file in userData. */
  location: z.nullable(z.string().check(z.minLength(1), z.maxLength(4096))),
  /** The server password, encrypted by safeStorage (base64); never the password itself. */
  passwordEncrypted: z.optional(z.string().check(z.maxLength(8192))),
});

export type StoreSettingsFile = z.infer<typeof settingsSchema>;

export const DEFAULT_STORE_SETTINGS: StoreSettingsFile = { version: 1, location: null };

export { parseStoreLocation, type StoreLocation } from '../../shared/settings/storeLocation';

const bad = (zh: string, en: string) => new WorkbenchError('bad_request', `${zh} / ${en}`);

/**
 * The settings to save for a location the analyst typed and, for a server, a password they gave (or none: the
 * PGPASSFILE / ~/.pgpass answers). A password inside the URL is refused, naming the safe ways.
 */
export function settingsToSave(locationText: string, password: string | null, safe: SafeStorageLike): StoreSettingsFile {
  const location = parseStoreLocation(locationText);
  if (location.kind === 'file') {
    if (password) throw bad('数据文件不需要密码', 'A store file takes no password');
    return { version: 1, location: location.path };
  }
  if (location.hasPassword) {
    throw bad(
      '服务器地址中不能包含密码：请在密码框中填写（由系统钥匙串加密保存），或使用 PGPASSFILE / ~/.pgpass',
      'The server URL must not contain the password: type it in the password box (kept encrypted by the OS keychain), or use PGPASSFILE / ~/.pgpass',
    );
  }
  if (!password) return { version: 1, location: location.url };
  if (!safe.isEncryptionAvailable()) {
    throw bad(
      '本机的系统钥匙串不可用，无法加密保存密码；请改用 PGPASSFILE / ~/.pgpass',
      'The OS keychain is not available here, so the password cannot be kept encrypted; use PGPASSFILE / ~/.pgpass instead',
    );
  }
  return { version: 1, location: location.url, passwordEncrypted: safe.encryptString(password).toString('base64') };
}

/** The settings file's text, checked; a damaged or foreign file falls back to the default store, saying why. */
export function readStoreSettings(text: string | null): { settings: StoreSettingsFile; problem: string | null } {
  if (text === null) return { settings: DEFAULT_STORE_SETTINGS, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { settings: DEFAULT_STORE_SETTINGS, problem: '存储设置文件已损坏，改用本机数据文件 / The store settings file is damaged; using the app’s own store' };
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) return { settings: DEFAULT_STORE_SETTINGS, problem: '存储设置文件无法识别，改用本机数据文件 / The store settings file is not recognised; using the app’s own store' };
  if (parsed.data.location !== null) {
    try {
      const location = parseStoreLocation(parsed.data.location);
      if (location.kind === 'server' && location.hasPassword) throw new Error('password in URL');
    } catch {
      return { settings: DEFAULT_STORE_SETTINGS, problem: '存储设置中的地址无效，改用本机数据文件 / The store setting’s location is invalid; using the app’s own store' };
    }
  }
  return { settings: parsed.data, problem: null };
}

export function serializeStoreSettings(settings: StoreSettingsFile): string {
  return `${JSON.stringify(settingsSchema.parse(settings), null, 2)}\n`;
}

/**
 * Where the service process opens its store and what it adds to its environment: the password, decrypted only
 * in memory, as PGPASSWORD (node-postgres reads it; it never appears in the URL, a log or the window).
 */
export function serviceStore(settings: StoreSettingsFile, defaultFile: string, safe: SafeStorageLike): { storePath: string; env: Record<string, string>; problem?: string } {
  if (settings.location === null) return { storePath: defaultFile, env: {} };
  const location = parseStoreLocation(settings.location);
  if (location.kind === 'file') return { storePath: location.path, env: {} };
  if (!settings.passwordEncrypted) return { storePath: location.url, env: {} };
  try {
    return { storePath: location.url, env: { PGPASSWORD: safe.decryptString(Buffer.from(settings.passwordEncrypted, 'base64')) } };
  } catch {
    // Still the server the analyst chose: PGPASSFILE / ~/.pgpass may answer, else the connection says it was refused.
    return {
      storePath: location.url,
      env: {},
      problem: '保存的服务器密码无法解密（系统钥匙串已变更？），请在设置中重新填写 / The saved server password cannot be decrypted (the OS keychain changed?); enter it again in the settings',
    };
  }
}

/** What the settings dialog is shown: the saved choice, never the password (only whether one is kept). */
export function storeSettingsView(settings: StoreSettingsFile, safe: SafeStorageLike): StoreSettingsView {
  const encryptionAvailable = safe.isEncryptionAvailable();
  if (settings.location === null) return { choice: 'default', location: '', passwordSaved: false, encryptionAvailable };
  const location = parseStoreLocation(settings.location);
  return { choice: location.kind, location: settings.location, passwordSaved: Boolean(settings.passwordEncrypted), encryptionAvailable };
}

/**
 * The dialog's request (checked at the IPC boundary) → the settings to write. A server password left out
 * (`password` absent) keeps the one already saved for the same URL; an empty one means PGPASSFILE / ~/.pgpass.
 */
export function settingsFromRequest(raw: unknown, previous: StoreSettingsFile, safe: SafeStorageLike): StoreSettingsFile {
  const parsed = storeSettingsRequestSchema.safeParse(raw);
  if (!parsed.success) throw bad('存储设置请求无效', 'Invalid store settings request');
  const request = parsed.data;
  if (request.choice === 'default') return DEFAULT_STORE_SETTINGS;
  const location = parseStoreLocation(request.location);
  if (location.kind !== request.choice) throw bad('所选类型与填写的地址不符', 'The chosen kind does not match the location given');
  if (location.kind === 'server' && request.password === undefined && previous.passwordEncrypted && previous.location === location.url) {
    return { version: 1, location: location.url, passwordEncrypted: previous.passwordEncrypted };
  }
  return settingsToSave(request.location, request.password || null, safe);
}
