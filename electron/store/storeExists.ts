// The cheap check before a store is opened: a path given for an existing store must name a file that exists and is
// not empty. Apart from openWorkbench.ts so that the browser shell's HTTP thread can refuse a mistyped --db before it
// listens, without loading the store or the service (those load in its worker threads).
import fs from 'node:fs';
import { WorkbenchError } from '../../shared/errors';
import { isServerLocation } from './pg/openPgStore';

/** Refuses a path where no store exists unless the caller may create one. */
export function checkStoreExists(storePath: string, options: { create?: boolean }): void {
  if (storePath === ':memory:' || options.create || isServerLocation(storePath)) return;
  let size: number;
  try {
    size = fs.statSync(storePath).size;
  } catch {
    throw new WorkbenchError(
      'store',
      `数据文件不存在：${storePath}（未创建新文件；请检查路径，或用 init 命令新建） / No store at ${storePath} (none was created; check the path, or create one with the init command)`,
    );
  }
  if (size === 0) {
    throw new WorkbenchError('store', `${storePath} 是空文件，不是数据文件（未做任何修改；可用 init 命令初始化） / ${storePath} is an empty file, not a store (left untouched; the init command can set it up)`);
  }
}
