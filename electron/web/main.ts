// `npm run web`: the browser shell on 127.0.0.1, over the default store (or --db PATH). The service runs in worker
// threads (electron/service/host/threadedBackend.ts); this thread only serves HTTP and pushes events.
import { resolveStoreLocation, shownLocation } from '../store/location';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentUser, defaultStorePath } from '../paths';
import { startThreadedBackend } from '../service/host/threadedBackend';
import { reportError } from '../log';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// The built renderer beside the checkout: one level up from build/web.mjs, two from electron/web/main.ts.
const builtRenderer = [path.resolve(here, '../dist/renderer'), path.resolve(here, '../../dist/renderer')].find((d) => fs.existsSync(path.join(d, 'index.html')));
// `npm run web -- --db x.sqlite` means x.sqlite in the folder the user typed it in (npm's INIT_CWD).
const storePath = resolveStoreLocation(argValue('db') ?? defaultStorePath(), process.env.INIT_CWD ?? process.cwd());
const port = argValue('port') ? Number(argValue('port')) : 0;
const rendererDir = process.env.PLAN_WORKBENCH_RENDERER ?? builtRenderer ?? path.resolve(here, '../dist/renderer');

try {
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-workbench-uploads-'));
  // Only the default store is created on first start; a --db path must be a store that exists. The service thread
  // starts first, and this thread loads its HTTP server while that one loads the service and opens the store.
  const starting = startThreadedBackend({ storePath, shell: 'web', user: currentUser(), uploadsDir, create: argValue('db') === undefined });
  starting.catch(() => undefined); // awaited just below; this only keeps an early failure from counting as unhandled
  const { startWebShell } = await import('./server');
  const backend = await starting;
  const shell = await startWebShell({ backend, rendererDir, port });
  process.stdout.write(`计划执行分析工作台已启动 / Plan Workbench is running: ${shell.url}\n数据文件 / Store: ${shownLocation(storePath)}\n按 Ctrl+C 退出 / Press Ctrl+C to quit\n`);
  const stop = () => {
    void shell
      .close()
      .then(() => backend.close())
      .finally(() => {
        fs.rmSync(uploadsDir, { recursive: true, force: true });
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`错误 / Error: ${reportError('web start', e).message}\n`);
  process.exitCode = 1;
}
