// `npm run bench -- server`: the same work on PostgreSQL beside SQLite, in the same run, each PostgreSQL figure
// as a ratio of the SQLite one (the baseline): writing 1,000,000 observations as an import does, the variance
// recompute, and opening the app (appInfo + listPlans + listTargets + variance). The server is
// WORKBENCH_BENCH_PG or a throwaway cluster (pgCluster.ts); without one, the SQLite figures are printed alone.
//
// The import figure is the import's write phase (its batch, 20,000 series, 1,000,000 observation rows with
// provenance, the batch's counts, in one write transaction) through electron/store/bulkInsert.ts: on
// PostgreSQL one INSERT of a few thousand rows at a time (column arrays, unnest). Parsing the file costs the same on both engines and is measured by
// `bench -- import`. One INSERT per row (the import's form before bulkInsert) is measured on a sample.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench } from '../electron/openWorkbench';
import { rowInserter, PG_ROWS_PER_STATEMENT } from '../electron/store/bulkInsert';
import { openStore } from '../electron/store/openStore';
import { openPgStore } from '../electron/store/pg/openPgStore';
import type { StoreDb } from '../electron/store/storeDb';
import { writeTransaction } from '../electron/store/writeTransaction';
import { createService } from '../electron/service/service';
import type { VarianceResult } from '../shared/contract/varianceCalls';
import { withBenchServer, type BenchServer } from './pgCluster';
import { median, printFigure, printHeading } from './report';
import { IMPORT_PERIODS, IMPORT_SERIES, OBSERVATION_COLUMNS, buildVarianceStore, importHeader, importObservations, importTexts } from './serverWorkload';
import { RUNS } from './varianceWorkload';

const PER_ROW_SAMPLE = 20_000;
const CHUNK_SAMPLE = 200_000;

interface Engines {
  sqlite: () => StoreDb;
  /** Opens a fresh database (its URL) on the server, or null without a server. */
  postgres: (() => Promise<{ db: StoreDb; url: string; drop: () => Promise<void> }>) | null;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

/** The import's writes: batch, series, observations, counts, in one write transaction. Returns the rows written. */
function writeImport(db: StoreDb, limit = Infinity, rowsPerStatement?: number): number {
  return writeTransaction(db, () => {
    const { batchId, seriesIds } = importHeader(db, 'bench.xlsx');
    const texts = importTexts(db, batchId, seriesIds.length);
    const obs = rowInserter(db, 'observations', OBSERVATION_COLUMNS, { rowsPerStatement });
    for (const row of importObservations(batchId, seriesIds, texts, limit)) obs.add(row);
    obs.flush();
    db.prepare('UPDATE import_batches SET series_count = ?, observation_count = ? WHERE id = ?').run(seriesIds.length, obs.written, batchId);
    return obs.written;
  });
}

/** The same rows, one INSERT statement per row (as commitImport.ts writes them before the lead routes it through bulkInsert). */
function writeRowByRow(db: StoreDb, limit: number): number {
  return writeTransaction(db, () => {
    const { batchId, seriesIds } = importHeader(db, 'bench-rows.xlsx');
    const texts = importTexts(db, batchId, seriesIds.length);
    const insert = db.prepare(`INSERT INTO observations (${OBSERVATION_COLUMNS.join(', ')}) VALUES (${OBSERVATION_COLUMNS.map(() => '?').join(', ')})`);
    let n = 0;
    for (const row of importObservations(batchId, seriesIds, texts, limit)) {
      insert.run(...row);
      n++;
    }
    return n;
  });
}

const count = (db: StoreDb) => db.prepare('SELECT COUNT(*) FROM observations').pluck().get() as number;

async function importFigures(engines: Engines): Promise<void> {
  const total = IMPORT_SERIES * IMPORT_PERIODS;
  printHeading(`Import write phase: ${IMPORT_SERIES.toLocaleString()} series × ${IMPORT_PERIODS} months = ${total.toLocaleString()} observations, one transaction (bulkInsert.ts)`);
  const lite = engines.sqlite();
  const [rows, liteMs] = time(() => writeImport(lite));
  if (rows !== total || count(lite) !== total) throw new Error(`SQLite wrote ${count(lite)} of ${total} rows`);
  lite.close();
  printFigure('SQLite: prepared statement in a loop', liteMs);
  if (!engines.postgres) return;

  const pg = await engines.postgres();
  try {
    const [pgRows, pgMs] = time(() => writeImport(pg.db));
    if (pgRows !== total || count(pg.db) !== total) throw new Error(`PostgreSQL wrote ${count(pg.db)} of ${total} rows`);
    printFigure(`PostgreSQL: array INSERTs of ${PG_ROWS_PER_STATEMENT.toLocaleString()} rows (unnest)`, pgMs, liteMs, 'SQLite');
  } finally {
    pg.db.close();
    await pg.drop();
  }

  // One statement per row, on a sample: every row a round trip through the connection's worker to the server.
  const sample = await engines.postgres();
  try {
    const [n, ms] = time(() => writeRowByRow(sample.db, PER_ROW_SAMPLE));
    const perMillion = (ms / n) * total;
    printFigure(`PostgreSQL: one INSERT per row, ${n.toLocaleString()} rows`, ms);
    process.stdout.write(`    → ${Math.round((n / ms) * 1000).toLocaleString()} rows/s; at that rate ${total.toLocaleString()} rows would take ${(perMillion / 1000).toFixed(0)} s (estimated from the sample, not run)\n`);
  } finally {
    sample.db.close();
    await sample.drop();
  }

  // Why the chunk size: the same 200,000 rows with smaller and larger statements.
  const figures: [number, number][] = [];
  for (const p of [1_000, PG_ROWS_PER_STATEMENT, 50_000]) {
    const sweep = await engines.postgres();
    try {
      const [, ms] = time(() => writeImport(sweep.db, CHUNK_SAMPLE, p));
      figures.push([p, ms]);
    } finally {
      sweep.db.close();
      await sweep.drop();
    }
  }
  const base = figures.find(([p]) => p === PG_ROWS_PER_STATEMENT)![1];
  for (const [p, ms] of figures) printFigure(`PostgreSQL: ${CHUNK_SAMPLE.toLocaleString()} rows, ${p.toLocaleString()} rows a statement`, ms, base, `${PG_ROWS_PER_STATEMENT.toLocaleString()} a statement`);
}

interface VarianceFigures {
  buildMs: number;
  firstMs: number;
  recomputeMs: number;
  rows: number;
}

async function varianceOn(db: StoreDb): Promise<VarianceFigures> {
  const [, buildMs] = time(() => buildVarianceStore(db));
  const h = createService({ db, storePath: db.location, shell: 'cli', user: 'bench', version: 'bench' }).handlers;
  let t0 = performance.now();
  const first = (await h.variance({})) as VarianceResult;
  const firstMs = performance.now() - t0;
  const months = ['2025-10', '2025-06', '2025-12', '2025-03'];
  for (let i = 0; i < 3; i++) await h.variance({ asOf: months[i % months.length] });
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    t0 = performance.now();
    await h.variance({ asOf: months[i % months.length], tolerance: i % 2 ? 0.3 : 0.5 });
    runs.push(performance.now() - t0);
  }
  return { buildMs, firstMs, recomputeMs: median(runs), rows: first.rows.length };
}

/** Opening the app as a shell does: open (migrations checked), then the first screen's calls. */
async function openApp(location: string): Promise<number> {
  const t0 = performance.now();
  const service = openWorkbench(location, 'cli');
  try {
    const h = service.handlers;
    await h.appInfo({});
    await h.listPlans({});
    await h.listTargets({});
    await h.variance({});
    return performance.now() - t0;
  } finally {
    service.ctx.db.close();
  }
}

async function openFigures(liteFile: string, pgUrl: string | null): Promise<void> {
  printHeading('Opening the app: open the store, appInfo + listPlans + listTargets + variance (2,000 targets), median of 5');
  const lite: number[] = [];
  const pg: number[] = [];
  for (let i = 0; i < 5; i++) {
    lite.push(await openApp(liteFile));
    if (pgUrl) pg.push(await openApp(pgUrl));
  }
  printFigure('SQLite', median(lite));
  if (pgUrl) printFigure('PostgreSQL', median(pg), median(lite), 'SQLite');
}

async function varianceAndOpen(engines: Engines, dir: string): Promise<void> {
  printHeading('Variance recompute through the service: 2,000 targets, 10,000 series × 120 months');
  const liteFile = path.join(dir, 'variance.sqlite');
  const lite = await varianceOn(openStore(liteFile));
  printFigure(`SQLite: store built (${lite.rows} targets)`, lite.buildMs);
  printFigure('SQLite: first call (loads the points)', lite.firstMs);
  printFigure(`SQLite: recompute, median of ${RUNS}`, lite.recomputeMs);
  let pgUrl: string | null = null;
  let drop: (() => Promise<void>) | null = null;
  try {
    if (engines.postgres) {
      const pg = await engines.postgres();
      pgUrl = pg.url;
      drop = pg.drop;
      try {
        const f = await varianceOn(pg.db);
        printFigure(`PostgreSQL: store built (${f.rows} targets)`, f.buildMs, lite.buildMs, 'SQLite');
        printFigure('PostgreSQL: first call (loads the points)', f.firstMs, lite.firstMs, 'SQLite');
        printFigure(`PostgreSQL: recompute, median of ${RUNS}`, f.recomputeMs, lite.recomputeMs, 'SQLite');
      } finally {
        pg.db.close();
      }
    }
    await openFigures(liteFile, pgUrl);
  } finally {
    await drop?.();
  }
}

async function run(server: BenchServer | null): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-server-'));
  let n = 0;
  const engines: Engines = {
    sqlite: () => openStore(path.join(dir, `import-${n++}.sqlite`)),
    postgres: server
      ? async () => {
          const d = await server.createDatabase('wb_bench');
          return { db: openPgStore(d.url, { create: true }), url: d.url, drop: () => server.dropDatabase(d.name) };
        }
      : null,
  };
  try {
    await importFigures(engines);
    await varianceAndOpen(engines, dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchServerEngines(): Promise<void> {
  printHeading('PostgreSQL beside SQLite (same run; PostgreSQL figures as ratios of SQLite)');
  let measured = false;
  await withBenchServer(async (server) => {
    measured = true;
    await run(server);
  });
  if (!measured) await run(null);
}
