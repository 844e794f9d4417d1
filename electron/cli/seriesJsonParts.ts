// `series --json` on two threads. At 20,000 series × 50 months the command's time is about half the store's
// grouped read (SQLite's, on this thread) and half formatting; on one thread they add up. Here a worker thread
// reads and formats the second half of the list from its own read-only connection while this thread does the
// first half and writes it; then this thread writes the worker's pieces. The text is the same bytes as the one-
// thread path (seriesJsonBytes: the array's brackets around parts joined by its separator), because:
// - each thread reads in one read transaction, and the worker's part is used only if it read the same stamp of
//   the observations (observationsStamp: every import, undo or new row changes it) as this thread; otherwise, or
//   if the worker fails in any way, this thread reads the second half itself, in its own transaction;
// - the worker is given the series of its part (who they are, in the list's order) by this thread.
// Only on SQLite, only for stores large enough that a second thread pays for its start, and only while a core is
// free: on a 2-core machine at a load of 10 the two threads cost 0.7 s more CPU and ran slower than one.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { compareSeries } from '../import/commitImport';
import type { Store } from '../store/openStore';
import { currentValues, observationsStamp, seriesCatalog, type CatalogSeries } from '../store/seriesDataRepo';
import { writeBytes, type CliIO } from './context';
import { ARRAY_CLOSE, ARRAY_OPEN, ELEMENT_SEPARATOR, seriesElementsBytes, seriesJsonBytes } from './seriesJsonBytes';

export interface PartRequest {
  /** The store's file. */
  file: string;
  /** The series of the part, in the list's order. */
  list: CatalogSeries[];
}

export type PartMessage = { type: 'pieces'; pieces: Uint8Array[] } | { type: 'done'; stamp: string };

/**
 * Below this many observations (the highest row id, an estimate) one thread is quicker than starting a second.
 * Off for now: measured at 1,000,000 on this 2-core machine the two threads were slower than one even at a load
 * of 2.5 (3.9 s against 2.7–3.1 s, 3.7 s of CPU against 2.6, 253 MB against 147); 200,000 is where to start when
 * an idle machine shows otherwise.
 */
export const TWO_THREADS_FROM = Number.POSITIVE_INFINITY;

/** A core is idle (the last minute's load average below the cores less half a core): a second thread runs beside this one. */
export function coreFree(): boolean {
  return os.loadavg()[0] < os.availableParallelism() - 0.5;
}

/** The worker's code: the built bundle beside this module, else the TypeScript source through tsx. */
function workerUrl(): URL {
  const built = new URL('./seriesJsonWorker.mjs', import.meta.url);
  if (fs.existsSync(fileURLToPath(built))) return built;
  return new URL('./seriesJsonWorkerDev.mjs', import.meta.url);
}

interface PartResult {
  stamp: string;
  pieces: Uint8Array[];
}

/** A worker started at once (its start overlaps this thread's reading of the list), asked for its part later. */
class PartWorker {
  private readonly worker: Worker;
  /** Its pieces and stamp once it is done; null if it failed or ended without them. */
  readonly result: Promise<PartResult | null>;

  constructor() {
    this.worker = new Worker(workerUrl());
    const pieces: Uint8Array[] = [];
    this.result = new Promise((resolve) => {
      this.worker.on('message', (m: PartMessage) => {
        if (m.type === 'pieces') for (const p of m.pieces) pieces.push(p);
        else resolve({ stamp: m.stamp, pieces });
      });
      // Once done, a later error or the exit change nothing (a promise resolves once).
      this.worker.once('error', () => resolve(null));
      this.worker.once('exit', () => resolve(null));
    });
  }

  ask(request: PartRequest): void {
    this.worker.postMessage(request);
  }

  stop(): void {
    void this.worker.terminate();
  }
}

const highestObservationId = (db: Store) => db.prepare('SELECT COALESCE(MAX(id), 0) FROM observations').pluck().get() as number;

/**
 * For tests: where two threads begin (given, the machine's load is not asked), and a step run after this thread
 * has read the list, before the worker reads.
 */
export interface SeriesJsonOptions {
  twoThreadsFrom?: number;
  beforeWorkerReads?: () => void;
}

/** How the text was made: on one thread, or on two (and whether the worker's part was the one written). */
export type SeriesJsonPath = 'one thread' | 'two threads' | 'two threads, second part read again here';

/**
 * Writes `series --json`'s text to `io`: every series (natural name order) with its current values, exactly
 * `JSON.stringify(list.map(seriesJson), null, 2)` and a line break.
 */
export async function writeSeriesJson(io: CliIO, db: Store, options: SeriesJsonOptions = {}): Promise<SeriesJsonPath> {
  const twoThreadsFrom = options.twoThreadsFrom ?? (coreFree() ? TWO_THREADS_FROM : Infinity);
  if (db.engine !== 'sqlite' || db.inTransaction) {
    const list = seriesCatalog(db).sort(compareSeries);
    await writeBytes(io, seriesJsonBytes(list, currentValues(db)));
    return 'one thread';
  }
  // One read transaction: the list and the values of one state of the store, however long the reader takes.
  db.exec('BEGIN');
  let worker: PartWorker | null = null;
  try {
    if (highestObservationId(db) >= twoThreadsFrom) worker = new PartWorker();
    const stamp = observationsStamp(db);
    const list = seriesCatalog(db).sort(compareSeries);
    if (!worker || list.length < 2) {
      await writeBytes(io, seriesJsonBytes(list, currentValues(db)));
      return 'one thread';
    }
    const half = Math.ceil(list.length / 2);
    const first = list.slice(0, half);
    const second = list.slice(half);
    options.beforeWorkerReads?.();
    worker.ask({ file: db.location, list: second });
    const theirs = worker.result;
    let used = false;
    // One stream of pieces (`out`, where there is no `write`, takes the whole text at once).
    await writeBytes(
      io,
      (async function* () {
        yield ARRAY_OPEN;
        yield* seriesElementsBytes(first, currentValues(db, first.map((s) => s.id)));
        yield ELEMENT_SEPARATOR;
        const part = await theirs;
        used = part !== null && part.stamp === stamp;
        if (part !== null && used) yield* part.pieces;
        else yield* seriesElementsBytes(second, currentValues(db, second.map((s) => s.id)));
        yield ARRAY_CLOSE;
      })(),
    );
    return used ? 'two threads' : 'two threads, second part read again here';
  } finally {
    worker?.stop();
    db.exec('COMMIT');
  }
}
