// Times the variance call as the service answers it: a store of 2,000 targets linked to 10,000 series of 120
// months (1.2 million observations), first call (loads the points from SQLite) and then recomputes after the
// load (a new as-of month, a tolerance), against analyzeAll alone on the same data. Budget: recompute < 100 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createService } from '../electron/service/service';
import { createVarianceData } from '../electron/service/varianceData';
import { openStore } from '../electron/store/openStore';
import { analyzeAll, type TargetLink } from '../shared/variance/analyzeAll';
import type { SeriesData } from '../shared/variance/seriesData';
import { DEFAULT_STATUS_THRESHOLDS } from '../shared/variance/thresholds';
import type { VarianceResult } from '../shared/contract/varianceCalls';
import { RUNS, SERIES } from './varianceWorkload';
import { buildVarianceStore } from './serverWorkload';

/** The workload's store (bench/serverWorkload.ts builds it on either engine), in a SQLite file. */
function buildStore(file: string): void {
  const db = openStore(file);
  buildVarianceStore(db);
  db.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchVarianceService(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-variance-'));
  try {
    const file = path.join(dir, 'bench.sqlite');
    let t0 = performance.now();
    buildStore(file);
    const buildMs = performance.now() - t0;
    const db = openStore(file);
    const service = createService({ db, storePath: file, shell: 'cli', user: 'bench', version: 'bench' });
    const h = service.handlers;

    t0 = performance.now();
    const first = (await h.variance({})) as VarianceResult;
    const firstMs = performance.now() - t0;

    const months = ['2025-10', '2025-06', '2025-12', '2025-03'];
    const recompute: number[] = [];
    // A running app has the code compiled: a few calls first, not counted.
    for (let i = 0; i < 3; i++) await h.variance({ asOf: months[i % months.length] });
    for (let i = 0; i < RUNS; i++) {
      t0 = performance.now();
      await h.variance({ asOf: months[i % months.length], tolerance: i % 2 ? 0.3 : 0.5 });
      recompute.push(performance.now() - t0);
    }

    // The maths alone on the same, already loaded data.
    const targets = (await h.listTargets({})).filter((t) => t.kind !== 'task');
    const links = new Map<number, TargetLink>((await h.listLinks({})).map((l) => [l.targetId, { seriesId: l.seriesId, formula: l.formula, levelSeriesId: l.levelSeriesId }]));
    const seriesById = new Map<number, SeriesData>();
    const data = createVarianceData(db);
    for (const [id, s] of data.seriesData(new Set([...links.values()].flatMap((l) => [l.seriesId!, ...(l.levelSeriesId ? [l.levelSeriesId] : [])])))) seriesById.set(id, s);
    const maths: number[] = [];
    for (let i = 0; i < 3; i++) analyzeAll(targets, links, seriesById, months[i % months.length], { planYear: 2025 });
    for (let i = 0; i < RUNS; i++) {
      t0 = performance.now();
      analyzeAll(targets, links, seriesById, months[i % months.length], { planYear: 2025, thresholds: i % 2 ? { ...DEFAULT_STATUS_THRESHOLDS, defaultTolerance: 0.3 } : undefined });
      maths.push(performance.now() - t0);
    }
    const r = median(recompute);
    const m = median(maths);
    console.log(`variance service: ${first.rows.length} targets, ${SERIES} series × 120 months (store built in ${(buildMs / 1000).toFixed(1)} s)`);
    console.log(`  first call (loads points)  ${firstMs.toFixed(1)} ms`);
    console.log(`  recompute after load       ${r.toFixed(1)} ms  median of ${RUNS} (budget 100 ms: ${r < 100 ? 'ok' : 'OVER'})`);
    console.log(`  analyzeAll alone           ${m.toFixed(1)} ms`);
    console.log(`  service overhead           ${(r - m).toFixed(1)} ms (change checks, default month, result)`);
    db.close();
  } finally {
    if (process.env.KEEP_BENCH_STORE) console.log(dir); else fs.rmSync(dir, { recursive: true, force: true });
  }
}

