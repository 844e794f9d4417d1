// A CLI command's wall time, `targets --json` as the user types it (`npm run -s workbench -- …`), against the
// floor no Node CLI run through npm can beat: npm starting a script (`npm run -s env`) plus Node loading the
// native SQLite module (`node -e "require('better-sqlite3')"`). Target: at most 1.5 × the floor. The same
// command compiled at start by tsx (how the CLI ran before it was built) is shown for comparison.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTmpDir, removeDir } from '../tests/helpers/tmp';
import { BUILT, ROOT } from './paths';
import { median, printFigure, printHeading } from './report';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Wall time of one process run to its end; a failed run stops the benchmark with its stderr. */
function wall(cmd: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, shell: process.platform === 'win32' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const medianOf = (runs: number, f: () => number) => median(Array.from({ length: runs }, f));

export async function benchCli(): Promise<void> {
  printHeading('CLI command (targets --json on the seeded store, whole process)');
  const dir = makeTmpDir('wb-bench-cli-');
  try {
    const db = path.join(dir, 'store.sqlite');
    wall(process.execPath, [BUILT('cli'), 'init', '--db', db]);
    const runs = 7;
    const npmStart = medianOf(runs, () => wall(npm, ['run', '-s', 'env']));
    const nativeLoad = medianOf(runs, () => wall(process.execPath, ['-e', "require('better-sqlite3')"]));
    const floor = npmStart + nativeLoad;
    const viaNpm = medianOf(runs, () => wall(npm, ['run', '-s', 'workbench', '--', 'targets', '--json', '--db', db]));
    const direct = medianOf(runs, () => wall(process.execPath, [BUILT('cli'), 'targets', '--json', '--db', db]));
    process.stdout.write(`  floor: npm run -s env ${npmStart.toFixed(0)} ms + require('better-sqlite3') ${nativeLoad.toFixed(0)} ms\n`);
    printFigure(`npm run -s workbench -- targets --json (median of ${runs})`, viaNpm, floor, 'floor');
    printFigure(`node build/cli.mjs targets --json (median of ${runs})`, direct, nativeLoad, "node -e require('better-sqlite3')");
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    if (fs.existsSync(tsx)) {
      const compiled = medianOf(3, () => wall(tsx, [path.join(ROOT, 'electron/cli/main.ts'), 'targets', '--json', '--db', db]));
      printFigure('tsx electron/cli/main.ts targets --json (before: compiled at start)', compiled, floor, 'floor');
    }
    process.stdout.write(`  target: at most 1.5 × floor → ×${(viaNpm / floor).toFixed(2)} ${viaNpm <= 1.5 * floor ? 'met' : 'NOT met'}\n`);
  } finally {
    removeDir(dir);
  }
}
