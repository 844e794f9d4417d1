// Runs the CLI as a separate process, as a user or script would: the built JavaScript (build/cli.mjs),
// which the test run's global setup brings up to date with the sources before any test starts.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
export const BUILT_CLI = path.join(root, 'build/cli.mjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCliProcess(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: 120_000,
    // spawnSync's default 1 MB would cut a large output (series --json at scale) and kill the child, which
    // reads as a failed command: allow what a test may print, and say so plainly when even that is exceeded.
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error) throw new Error(`CLI ${args.join(' ')}: ${r.error.message}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
