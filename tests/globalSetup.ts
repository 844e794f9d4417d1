// Before any test file runs: bring the built CLI (build/*.mjs) up to date with the sources, once, so the
// tests that spawn it run what users run, and parallel test files never build it at the same time.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-built.mjs'), '--node-only'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`构建命令行失败 / Building the CLI failed:\n${r.stderr}`);
}
