// Where the benchmark finds the checkout: it runs from bench/*.ts (tsx) or from build/bench.mjs (built).
import fs from 'node:fs';
import path from 'node:path';

function checkoutRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'seeds'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no checkout above ${from}`);
  }
}

export const ROOT = checkoutRoot(import.meta.dirname);
/** Generated inputs (the large workbook) live here between runs; ignored by git. */
export const BENCH_TMP = path.join(ROOT, 'bench/.tmp');
export const BUILT = (name: 'cli' | 'web') => path.join(ROOT, 'build', `${name}.mjs`);
