// `npm run web`: the browser shell on 127.0.0.1, over the default store (or --db PATH).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWorkbenchError } from '../../shared/errors';
import { defaultStorePath } from '../paths';
import { openWorkbench } from '../openWorkbench';
import { startWebShell } from './server';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// `npm run web -- --db x.sqlite` means x.sqlite in the folder the user typed it in (npm's INIT_CWD).
const storePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), argValue('db') ?? defaultStorePath());
const port = argValue('port') ? Number(argValue('port')) : 0;

try {
  // Only the default store is created on first start; a --db path must be a store that exists.
  const service = openWorkbench(storePath, 'web', { create: argValue('db') === undefined });
  const shell = await startWebShell({ service, rendererDir: path.resolve(here, '../../dist/renderer'), port });
  process.stdout.write(`计划执行分析工作台已启动 / Plan Workbench is running: ${shell.url}\n数据文件 / Store: ${storePath}\n按 Ctrl+C 退出 / Press Ctrl+C to quit\n`);
  const stop = () => {
    void shell.close().then(() => {
      service.ctx.db.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`错误 / Error: ${isWorkbenchError(e) || e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 1;
}
