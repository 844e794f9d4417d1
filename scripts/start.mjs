// `npm start`: the Electron desktop app. Electron's binary is fetched on first start (npm ci skips its
// download so that an offline install still succeeds); where it cannot be had, say so in one line and
// serve the same app on 127.0.0.1 for a browser instead. First of all, the store's native module must load:
// if it does not, say in one line what is missing and how to fix it, and stop.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { diagnoseNative, nativeLoadError } from './native-check.mjs';

const require = createRequire(import.meta.url);
const extra = process.argv.slice(2);

function electronDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function electronBinary(dir) {
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const bin = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(bin) ? bin : null;
}

function ensureElectron() {
  const dir = electronDir();
  if (!dir) return false;
  if (electronBinary(dir)) return true;
  if (process.env.PLAN_WORKBENCH_NO_ELECTRON === '1') return false;
  // Electron's own installer downloads the binary; offline it fails at once, on a slow line it may take a minute.
  const r = spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: 120_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  return r.status === 0 && electronBinary(dir) !== null;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => spawn(npm, args, { stdio: 'inherit', shell: process.platform === 'win32' }).on('exit', (code) => process.exit(code ?? 1));

const nativeError = nativeLoadError();
// Built for Electron's ABI (by an earlier `electron-forge start`) is fine for the desktop app, not for the browser shell.
const builtForElectron = nativeError !== null && /NODE_MODULE_VERSION/.test(nativeError);
if (nativeError !== null && !builtForElectron) {
  console.error(diagnoseNative(nativeError));
  process.exit(1);
}

if (ensureElectron()) {
  run(['run', 'electron:start', '--', ...extra]);
} else if (builtForElectron) {
  console.error(diagnoseNative(nativeError));
  process.exit(1);
} else {
  console.log('未能安装 Electron 运行文件（离线环境），改为在浏览器中使用：请打开下面的地址 / Electron binary unavailable (offline): serving the app for a browser on 127.0.0.1, open the URL below');
  // The browser shell directly (not through a second `npm run`): it rebuilds only what changed.
  spawn(process.execPath, [path.join(import.meta.dirname, 'run-built.mjs'), 'web', ...extra], { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 1));
}
