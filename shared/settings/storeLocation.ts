// Where the desktop app's store lives (issue 14), as the analyst types it: a file path, or a team server's
// `postgres://user@host[:port]/database`. Shared so the settings dialog checks as the analyst types with exactly
// the rules the main process applies when it saves. Also the shape of the narrow settings IPC (zod).
import * as z from '../zod';
import { WorkbenchError } from '../errors';

// shared/ sees only the ES library; WHATWG URL is a global in both Node and the browser.
type UrlParts = { hostname: string; pathname: string; username: string; password: string };
const UrlCtor = (globalThis as unknown as { URL: new (text: string) => UrlParts }).URL;

export type StoreLocation =
  | { kind: 'file'; path: string }
  | { kind: 'server'; url: string; user: string; host: string; database: string; hasPassword: boolean };

const bad = (zh: string, en: string) => new WorkbenchError('bad_request', `${zh} / ${en}`);

/** Reads what the analyst typed as the store's place: a file path, or `postgres://user@host[:port]/database`. */
export function parseStoreLocation(text: string): StoreLocation {
  const raw = text.trim();
  if (!raw) throw bad('请填写数据文件路径或服务器地址', 'Give a store file path or a server URL');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) && !/^postgres(ql)?:\/\//i.test(raw)) {
    throw bad(`不支持的地址：${raw.split('://')[0]}://（服务器地址以 postgres:// 开头）`, `Unsupported address ${raw.split('://')[0]}:// (a server URL starts with postgres://)`);
  }
  if (!/^postgres(ql)?:\/\//i.test(raw)) return { kind: 'file', path: raw };
  let url: UrlParts;
  try {
    url = new UrlCtor(raw);
  } catch {
    throw bad(`服务器地址无法识别：${raw.replace(/:[^:@/]*@/, ':***@')}`, 'The server URL cannot be read');
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname) throw bad('服务器地址缺少主机名（如 postgres://zhang@db.example/plan）', 'The server URL has no host (e.g. postgres://zhang@db.example/plan)');
  if (!database || database.includes('/')) throw bad('服务器地址缺少数据库名（如 postgres://zhang@db.example/plan）', 'The server URL names no database (e.g. postgres://zhang@db.example/plan)');
  if (!url.username) throw bad('服务器地址缺少登录角色（如 postgres://zhang@db.example/plan）', 'The server URL names no login role (e.g. postgres://zhang@db.example/plan)');
  return { kind: 'server', url: raw, user: decodeURIComponent(url.username), host: url.hostname, database, hasPassword: url.password !== '' };
}

export const PASSWORD_IN_URL_MESSAGE =
  '服务器地址中不能包含密码：请在密码框中填写（由系统钥匙串加密保存），或使用 PGPASSFILE / ~/.pgpass / The server URL must not contain the password: type it in the password box (kept encrypted by the OS keychain), or use PGPASSFILE / ~/.pgpass';

/** The three choices of the settings dialog. */
export type StoreChoice = 'default' | 'file' | 'server';

/** What the dialog sends to the main process over `workbench:store-settings-set`; checked there again. */
export const storeSettingsRequestSchema = z.strictObject({
  choice: z.enum(['default', 'file', 'server']),
  location: z.string().check(z.maxLength(4096)),
  /** Only for a server; empty or absent: PGPASSFILE / ~/.pgpass answers. */
  password: z.optional(z.string().check(z.maxLength(1024))),
});
export type StoreSettingsRequest = z.infer<typeof storeSettingsRequestSchema>;

/** What `workbench:store-settings-get` answers: never the password, only whether one is kept. */
export interface StoreSettingsView {
  choice: StoreChoice;
  location: string;
  passwordSaved: boolean;
  encryptionAvailable: boolean;
}

/**
 * The dialog's check as the analyst types: null when the form can be saved, else the bilingual reason. The
 * same rules as the main process (parseStoreLocation; no password in the URL; a file takes no password).
 */
export function storeFormProblem(form: StoreSettingsRequest, encryptionAvailable: boolean): string | null {
  if (form.choice === 'default') return null;
  let location: StoreLocation;
  try {
    location = parseStoreLocation(form.location);
  } catch (e) {
    return (e as Error).message;
  }
  if (form.choice === 'file') {
    if (location.kind !== 'file') return '这是服务器地址：请选择“团队服务器” / This is a server URL: choose “Team server”';
    return null;
  }
  if (location.kind !== 'server') return '服务器地址以 postgres:// 开头（如 postgres://zhang@db.example/plan） / A server URL starts with postgres:// (e.g. postgres://zhang@db.example/plan)';
  if (location.hasPassword) return PASSWORD_IN_URL_MESSAGE;
  if (form.password && !encryptionAvailable) {
    return '本机的系统钥匙串不可用，无法加密保存密码；请改用 PGPASSFILE / ~/.pgpass / The OS keychain is not available here, so the password cannot be kept encrypted; use PGPASSFILE / ~/.pgpass instead';
  }
  return null;
}
