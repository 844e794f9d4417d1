// The desktop window's options and content policy, kept free of Electron imports so a test can
// check that the security settings stay as they must.
import type { BrowserWindowConstructorOptions } from 'electron';

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The same policy as renderer/index.html carries it in a <meta>: `frame-ancestors` only works as a header. */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(/\s*frame-ancestors [^;]*;/, '');

export function mainWindowOptions(preloadPath: string, options: { packaged: boolean } = { packaged: true }): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: '计划执行分析工作台',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // DevTools only while developing: a packaged copy gives no console into the service.
      devTools: !options.packaged,
    },
  };
}

/** The URL without fragment and query: the part that names the page. */
function pageOf(url: string): URL | null {
  try {
    const u = new URL(url);
    u.hash = '';
    u.search = '';
    return u;
  } catch {
    return null;
  }
}

/**
 * Is `url` exactly the app's own page (`appPage`: the packaged index.html as a file: URL, or the dev server's
 * page)? Not any file: URL, not another page of the dev server's origin. Fragment and query may differ.
 */
export function isAppPage(url: string, appPage: string): boolean {
  const u = pageOf(url);
  const app = pageOf(appPage);
  if (!u || !app) return false;
  if (app.protocol === 'file:') return u.href === app.href;
  const samePath = (p: string) => (p === '/' || p === '/index.html' ? '/' : p);
  return u.origin === app.origin && samePath(u.pathname) === samePath(app.pathname);
}

/** Navigation and redirects in the window: only to the app's own page. */
export function isAllowedNavigation(url: string, appPage: string): boolean {
  return isAppPage(url, appPage);
}

/** Hosts whose pages the app may open in the user's browser (official statistics and plan sites), https only. */
export const EXTERNAL_HOSTS: readonly string[] = ['www.stats.gov.cn', 'data.stats.gov.cn', 'www.ndrc.gov.cn', 'www.gov.cn'];

/** May this link be handed to the system browser (shell.openExternal)? Anything else is dropped. */
export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_HOSTS.includes(u.hostname);
  } catch {
    return false;
  }
}

/** Permissions the page may be granted (camera, geolocation, notifications, clipboard read…): none. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}
