// Before any test file runs: bring the built CLI (build/*.mjs) up to date with the sources, once, so the
// tests that spawn it run what users run, and parallel test files never build it at the same time. Then the
// PostgreSQL server the suites also run against (issue 14): WORKBENCH_TEST_PG when set, else a throwaway
// cluster started here for this run and removed at its end (tests/helpers/pgCluster.ts). Without PostgreSQL
// binaries the run fails, saying what to install: the server suites are never skipped silently.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startPgCluster } from './helpers/pgCluster';

export default async function setup(): Promise<(() => void) | undefined> {
  const root = path.resolve(import.meta.dirname, '..');
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/ensure-built.mjs'), '--node-only'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`构建命令行失败 / Building the CLI failed:\n${r.stderr}`);
  if (process.env.WORKBENCH_TEST_PG) return undefined;
  const cluster = await startPgCluster();
  // The test workers start after this and inherit the environment.
  process.env.WORKBENCH_TEST_PG = cluster.url;
  // An interrupted run (Ctrl+C, a killed CI job) skips the teardown: the cluster must not outlive it.
  process.once('exit', () => cluster.stop());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cluster.stop();
      process.kill(process.pid, signal);
    });
  }
  return () => cluster.stop();
}
