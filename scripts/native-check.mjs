// Why better-sqlite3 (the store's native module) cannot load, in one line with the fix. Used by `npm start`
// before anything else runs; `node scripts/native-check.mjs` prints the same line after a failed `npm ci`.
// better-sqlite3 installs from a prebuilt binary (downloaded from GitHub) or compiles itself with node-gyp,
// which needs a C++ compiler, make, Python and Node's headers; offline, the headers come only from a local
// folder named by npm's `nodedir` setting (Debian's nodejs ships them under /usr/include/node).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** Tries to load the module; null when it loads, else the loader's error message. */
export function nativeLoadError() {
  try {
    const Database = require('better-sqlite3');
    new Database(':memory:').close();
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

const onPath = (cmd) => spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' }).status === 0;

function npmNodedir() {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['config', 'get', 'nodedir'], { encoding: 'utf8', shell: process.platform === 'win32' });
  const v = (r.stdout ?? '').trim();
  return v && v !== 'undefined' && v !== 'null' ? v : null;
}

/** Node's headers for this version, where node-gyp would find them without a download. */
function localHeaders() {
  const version = process.versions.node;
  const candidates = [
    path.join(os.homedir(), '.cache/node-gyp', version, 'include/node/node_version.h'),
    path.join(path.dirname(path.dirname(process.execPath)), 'include/node/node_version.h'),
    '/usr/include/node/node_version.h',
  ];
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

/**
 * What is wrong and how to fix it, one line (Chinese / English), from the load error and the machine:
 * module built for another Node (Electron's ABI), module not built at all (why: no compiler, no headers).
 */
export function diagnoseNative(error, probe = { onPath, npmNodedir, localHeaders }) {
  if (/NODE_MODULE_VERSION/.test(error)) {
    return 'better-sqlite3 是为另一个 Node/Electron 版本构建的，请运行 npm rebuild better-sqlite3 / better-sqlite3 was built for another Node or Electron version: run npm rebuild better-sqlite3';
  }
  // After a failed `npm ci`, node_modules is empty: name what made the build fail, with the fix, then `npm ci`.
  const notInstalled = /Cannot find module 'better-sqlite3'/.test(error);
  const rerun = notInstalled ? 'npm ci' : 'npm rebuild better-sqlite3';
  const missingTools = ['c++', 'make', 'python3'].filter((t) => !probe.onPath(t));
  if (missingTools.length > 0) {
    return `better-sqlite3 未能构建：缺少 ${missingTools.join('、')}（安装 build-essential python3 后运行 npm rebuild better-sqlite3） / better-sqlite3 is not built: ${missingTools.join(', ')} missing (install build-essential and python3, then run npm rebuild better-sqlite3)`;
  }
  const nodedir = probe.npmNodedir();
  const headers = probe.localHeaders();
  if (!nodedir && headers) {
    const dir = path.dirname(path.dirname(path.dirname(headers)));
    return `better-sqlite3 未能构建：离线时找不到 Node 头文件（npm 的 nodedir 未设置），请运行 npm config set nodedir ${dir} && ${rerun} / better-sqlite3 is not built: offline, node-gyp found no Node headers (npm's nodedir is not set): run npm config set nodedir ${dir} && ${rerun}`;
  }
  if (!headers && !nodedir) {
    return `better-sqlite3 未能构建：没有 Node 头文件且无法下载（安装 Node 头文件，如 Debian 的 libnode-dev，再 npm config set nodedir /usr && ${rerun}） / better-sqlite3 is not built: no Node headers and no download (install them, e.g. Debian libnode-dev, then npm config set nodedir /usr && ${rerun})`;
  }
  if (notInstalled) return '缺少 better-sqlite3，请运行 npm ci（其输出说明构建失败的原因） / better-sqlite3 is not installed: run npm ci (its output says why the build failed)';
  return `better-sqlite3 无法加载，请运行 npm rebuild better-sqlite3 查看原因：${error.split('\n')[0]} / better-sqlite3 cannot load: run npm rebuild better-sqlite3 to see why`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const error = nativeLoadError();
  if (error === null) {
    process.stdout.write('better-sqlite3 可以加载 / better-sqlite3 loads\n');
  } else {
    process.stderr.write(diagnoseNative(error) + '\n');
    process.exitCode = 1;
  }
}
