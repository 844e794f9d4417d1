// `npm run web`: the browser shell on 127.0.0.1, over the default store (or --db PATH). The service runs in worker
// threads (electron/service/host/threadedBackend.ts); this thread only serves HTTP and pushes events.
import { resolveStoreLocation, shownLocation } from '../store/location';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { currentUser, defaultStorePath } from '../paths';
import { startThreadedBackend } from '../service/host/threadedBackend';
import { pendingBackend } from '../service/host/pendingBackend';
import { checkStoreExists } from '../store/storeExists';
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
  const create = argValue('db') === undefined;
  // Only the default store is created on first start; a --db path must be a store that exists: a mistyped one is
  // refused here, before the shell says it is running.
  checkStoreExists(storePath, { create });
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-workbench-uploads-'));
  // The service threads load their code and open (on first start create and seed) the store while this thread
  // listens and serves the page: the browser loads and evaluates it meanwhile, and its first calls wait for the
  // threads (pendingBackend.ts). A store that then cannot be opened ends the shell with its message.
  const starting = startThreadedBackend({ storePath, shell: 'web', user: currentUser(), uploadsDir, create });
  const backend = pendingBackend(starting, uploadsDir);
  const { startWebShell } = await import('./server');
  const shell = await startWebShell({ backend, rendererDir, port });
  const stop = (code: number) => {
    void shell
      .close()
      .then(() => backend.close())
      .finally(() => {
        fs.rmSync(uploadsDir, { recursive: true, force: true });
        process.exit(code);
      });
  };
  starting.catch((e: unknown) => {
    process.stderr.write(`错误 / Error: ${reportError('web start', e).message}\n`);
    stop(1);
  });
  process.stdout.write(`计划执行分析工作台已启动 / Plan Workbench is running: ${shell.url}\n数据文件 / Store: ${shownLocation(storePath)}\n按 Ctrl+C 退出 / Press Ctrl+C to quit\n`);
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
} catch (e) {
  process.stderr.write(`错误 / Error: ${reportError('web start', e).message}\n`);
  process.exitCode = 1;
}
