// The streamed one-shot import: parse (a worker thread) and writes (this thread, the store's) overlap. The worker
// reads the .xlsx and sends the series it guesses from the rows read so far; this thread plans each batch against
// the store and writes it at once, inside one open write transaction. At the end the worker has parsed the whole
// file as the classic path does and says whether that parse is exactly what it sent: then the whole-file rules
// (refusal for problems, counts, checks, the batch's details) finish the same transaction; otherwise the
// transaction rolls back and the classic commit writes the whole-file parse. The store ends as the classic path
// leaves it, row for row (tests/integration/streamed-import.test.ts).
//
// Covered: a one-shot import (no preview, no mapping or sheet chosen) of an .xlsx of one worksheet in a grid layout
// (indicators in rows, periods in columns), each series once in the file. Anything else takes the classic path.

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import type { Store } from '../../store/openStore';
import { writeTransaction } from '../../store/writeTransaction';
import { withoutForeignKeyChecks } from '../../store/foreignKeys';
import { seriesLookup } from '../../store/seriesLookup';
import { homeRegion } from '../../store/settingsRepo';
import type { PeriodKey } from '../../../shared/domain/series';
import { planImport, seriesReason, STATUS_NEW, STATUS_UNCHANGED, type ChangeCounts, type SummaryHints, type ImportPlan, type PlannedSeries, type StoredSeries, type StoreLookup } from '../../../shared/import/importChanges';
import { importWarnings } from '../../../shared/import/importWarnings';
import { identityKey } from '../../../shared/import/seriesIdentity';
import type { ParsedFile, ParsedSeries } from '../../../shared/import/mapping';
import { commitImport, createSeries, insertBatchRow, recordBatch, refuseProblems, unchangedResult, type CommitOptions, type CommitResult } from '../commitImport';
import { ImportFileError } from '../importFileError';
import { ObservationRowWriter } from '../observationRows';
import { addWrittenCounts, addWrittenPart, keptCountsCurrent, type WrittenCounts } from '../../store/seriesCounts';
import type { ParseOptions } from '../parseFile';
import type { FromStreamWorker, StreamWorkerData } from './protocol';
import { decodeObservations, eachObservation, planningSeries, seriesStarts, type SeriesBatch } from './seriesBatch';

export interface StreamedImportResult {
  result: CommitResult;
  /** The whole-file parse, its series left out when they went as batches (for the warnings, skipped sheets). */
  parsed: ParsedFile;
  /** streamed: written as the file was read · classic: the classic commit wrote it (and why). */
  path: 'streamed' | 'classic';
  reason?: string;
}

/** The worker's code: the built bundle beside this module, else the TypeScript source through tsx. */
function workerUrl(): URL {
  const built = new URL('./streamWorker.mjs', import.meta.url);
  if (fs.existsSync(fileURLToPath(built))) return built;
  return new URL('./streamWorkerDev.mjs', import.meta.url);
}

/**
 * How long the store thread waits for the worker's next message before calling it lost: a parse thread that hangs
 * (alive, but saying nothing). A thread that ends, however it ends, is seen at once (its supervisor, below).
 */
const SILENCE_MS = 120_000;

/** Atomics.waitAsync (Node 16+; ES2024's lib, newer than this project's). */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, timeout: number): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
}

/**
 * The parse thread's supervisor, a thread of a few lines whose event loop is always free: it starts the parse
 * thread and, the moment that thread ends (an exit, an uncaught error, out of memory: Worker 'error' and 'exit'),
 * says how on its own port and raises the ended flag. The store thread cannot hear those events itself while it
 * waits synchronously inside its transaction (its event loop does not run there), and a thread killed for memory
 * runs none of its own exit code. Terminating the supervisor ends the parse thread with it.
 */
const SUPERVISOR = `
const { Worker, workerData } = require('node:worker_threads');
const { url, data, resourceLimits, report, signal } = workerData;
const posted = new Int32Array(signal);
let failure = null;
const child = new Worker(new URL(url), { workerData: data, transferList: [data.port, data.bytes.buffer], ...(resourceLimits ? { resourceLimits } : {}) });
child.on('error', (e) => { failure = { message: String((e && e.message) || e), code: e && e.code } });
child.on('exit', (exitCode) => {
  report.postMessage({ exitCode, failure });
  Atomics.store(posted, 1, 1);
  Atomics.add(posted, 0, 1);
  Atomics.notify(posted, 0);
  report.close();
});
`;

/**
 * The parse thread keeps what it reads (the grid and every observation, for the whole-file parse at the end), so
 * nearly all it allocates survives: a young generation of 12 MB (V8's default is 48) promotes it sooner and holds
 * 25-40 MB less at the import's peak (bench file, 1,000,000 observations), at no measured cost in CPU.
 */
const PARSE_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12 };

interface ParseThreadEnd {
  exitCode: number;
  failure: { message: string; code?: string } | null;
}

class WorkerLink {
  readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly report: MessagePort;
  private readonly posted: Int32Array;

  constructor(bytes: Uint8Array, fileName: string, options: StreamWorkerData['options'], tuning: StreamedTuning) {
    const signal = new SharedArrayBuffer(8);
    this.posted = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const reports = new MessageChannel();
    this.report = reports.port1;
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    const data: StreamWorkerData = { bytes: copy, fileName, options, signal, port: port2, ...(tuning.failAfterBatches !== undefined ? { failAfterBatches: tuning.failAfterBatches } : {}) };
    const resourceLimits: ResourceLimits = { ...PARSE_THREAD_LIMITS, ...tuning.workerResourceLimits };
    this.worker = new Worker(SUPERVISOR, {
      eval: true,
      workerData: { url: workerUrl().href, data, resourceLimits, report: reports.port2, signal },
      transferList: [port2, copy.buffer, reports.port2],
    });
    // The supervisor itself failing (it cannot start the parse thread) ends the link too, seen before the
    // transaction opens (this thread's event loop runs until then).
    const ended = (e: Error | null) => {
      if (e) this.failure ??= e;
      Atomics.store(this.posted, 1, 1);
      Atomics.add(this.posted, 0, 1);
      Atomics.notify(this.posted, 0);
    };
    this.worker.on('error', (e) => ended(e));
    this.worker.on('exit', () => ended(null));
  }

  private failure: Error | null = null;

  private seen = 0;

  /** How the parse thread ended, from its supervisor's report (or this thread's own view of the supervisor). */
  private lost(): Fallback {
    const got = receiveMessageOnPort(this.report);
    const end = got ? (got.message as ParseThreadEnd) : null;
    const why = end?.failure ? `${end.failure.code ? `${end.failure.code}: ` : ''}${end.failure.message.split('\n')[0]}` : end ? `exit code ${end.exitCode}` : this.failure?.message;
    return lost(why ?? null);
  }

  /** The next message, waiting without blocking the event loop (before the transaction opens). */
  async next(): Promise<FromStreamWorker> {
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) return got.message as FromStreamWorker;
      if (Atomics.load(this.posted, 1) === 1) throw this.lost();
      const wait = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.posted, 0, this.seen, SILENCE_MS);
      const outcome = wait.async ? await wait.value : wait.value;
      if (outcome === 'timed-out') throw lost('no word for two minutes');
      this.seen = Atomics.load(this.posted, 0);
    }
  }

  /** The next message, blocking this thread (inside the transaction, where nothing else may run). */
  nextSync(): FromStreamWorker {
    for (;;) {
      const got = receiveMessageOnPort(this.port);
      if (got) return got.message as FromStreamWorker;
      if (Atomics.load(this.posted, 1) === 1) throw this.lost();
      if (Atomics.wait(this.posted, 0, this.seen, SILENCE_MS) === 'timed-out') throw lost('no word for two minutes');
      this.seen = Atomics.load(this.posted, 0);
    }
  }

  close(): void {
    this.port.close();
    this.report.close();
    void this.worker.terminate();
  }
}

/**
 * The parse thread ended without its answer (it crashed, ran out of memory, or fell silent): the classic parse runs
 * here instead, so the analyst gets what the classic import gives, its refusal included, never this thread's loss.
 */
function lost(cause: string | null): Fallback {
  return new Fallback(null, `the parse thread stopped${cause ? ` (${cause})` : ''}`);
}

/** The worker's refusal of the file is the classic parse's (the same reader and rules); anything else is a loss. */
function workerError(m: Extract<FromStreamWorker, { type: 'error' }>): ImportFileError | Fallback {
  if (m.error.importReason) return new ImportFileError(m.error.importReason, m.error.message, m.error.details);
  return new Fallback(null, `the parse thread failed (${m.error.message.split('\n')[0]})`);
}

/** Thrown inside the transaction to roll it back and commit the whole-file parse the classic way. */
class Fallback {
  constructor(
    /** The worker's whole-file parse, or null when it is not to be had from the worker (then the parse runs here). */
    readonly parsed: ParsedFile | null,
    readonly reason: string,
  ) {}
}

export interface StreamedTuning {
  /** The parse thread's V8 limits (tests give it too little memory, to see the import survive its loss). */
  workerResourceLimits?: ResourceLimits;
  /** Tests only: the parse thread dies of memory after sending this many batches (StreamWorkerData). */
  failAfterBatches?: number;
}

export async function importStreamed(db: Store, bytes: Uint8Array, fileName: string, parse: ParseOptions, opts: CommitOptions, tuning: StreamedTuning = {}): Promise<StreamedImportResult> {
  const link = new WorkerLink(bytes, fileName, { ...(parse.measure !== undefined ? { measure: parse.measure } : {}), ...(parse.head ? { head: parse.head } : {}) }, tuning);
  const classicHere = async (e: Fallback, rolledBack: boolean) => {
    link.close();
    const parsed = e.parsed ?? (await (await import('../parseFile')).parseStatisticsFile(bytes, fileName, parse));
    return await classic(db, parsed, opts, e.reason, rolledBack);
  };
  try {
    // Until the first batch nothing is written: the transaction (and the store's write lock) waits for it.
    let first: FromStreamWorker;
    try {
      first = await link.next();
    } catch (e) {
      if (e instanceof Fallback) return await classicHere(e, false);
      throw e;
    }
    if (first.type === 'error') {
      const error = workerError(first);
      if (error instanceof Fallback) return await classicHere(error, false);
      throw error;
    }
    if (first.type === 'parsed') return await classic(db, first.parsed, opts, first.reason, false);
    // The whole-file parse has no series at all (every row a problem): it went whole, for the classic refusal.
    if (first.type === 'verified') return await classic(db, first.meta, opts, 'no series', false);
    try {
      // Foreign keys unchecked on SQLite as in the classic commit (foreignKeys.ts): every row refers to the batch row
      // and the series written or read in this one transaction under the write lock.
      return withoutForeignKeyChecks(db, () => writeTransaction(db, () => streamIntoTransaction(db, link, first, opts)));
    } catch (e) {
      if (e instanceof Fallback) return await classicHere(e, true);
      // A refusal (the file's problems, a file error the worker met midway) after rows were written: rolled back,
      // and the ids the speculation took given back, so the store is as the classic refusal leaves it.
      restartSequences(db);
      throw e;
    }
  } finally {
    link.close();
  }
}

function streamIntoTransaction(db: Store, link: WorkerLink, first: Extract<FromStreamWorker, { type: 'series' }>, opts: CommitOptions): StreamedImportResult {
  const writer = new StreamedWriter(db, opts);
  let message: FromStreamWorker = first;
  for (;;) {
    if (message.type === 'series') writer.add(message);
    else if (message.type === 'error') throw workerError(message);
    else if (message.type === 'parsed') throw new Fallback(message.parsed, message.reason);
    else break;
    message = link.nextSync();
  }
  // The batches were the whole-file parse, but could not all be written as they came (a series given twice).
  if (writer.broken !== null) throw new Fallback(null, writer.broken);
  return { result: writer.finish(message.meta), parsed: message.meta, path: 'streamed' };
}

async function classic(db: Store, parsed: ParsedFile, opts: CommitOptions, reason: string, rolledBack: boolean): Promise<StreamedImportResult> {
  if (rolledBack) restartSequences(db);
  return { result: commitImport(db, parsed, opts), parsed, path: 'classic', reason };
}

/**
 * After a rolled-back speculation PostgreSQL's identity sequences have moved on (they are not transactional); they are
 * set back to the next id after the rows that stand, so the classic commit numbers its rows as it would have. Under
 * the store's writers' lock (one writer at a time), so no other writer's ids are touched. SQLite's ids (max + 1)
 * roll back with the transaction.
 */
function restartSequences(db: Store): void {
  if (db.engine !== 'postgres') return;
  writeTransaction(db, () => {
    for (const table of ['import_batches', 'series', 'observations', 'observation_sources', 'source_periods']) {
      db.prepare(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), COALESCE((SELECT MAX(id) FROM ${table}), 0) + 1, false)`).get();
    }
  });
}

/**
 * Plans and writes the batches as they come, as the classic commit would plan and write the whole file: each batch
 * planned against the store before any of its rows is written (a series' stored values are read before it is
 * written), new series created in plan order, rows written in plan order through the one row writer.
 */
class StreamedWriter {
  broken: string | null = null;
  private readonly lookup: StoreLookup;
  private readonly home: string | null;
  private readonly series: PlannedSeries[] = [];
  private readonly keys = new Set<string>();
  private readonly ids = new Map<string, number>();
  private readonly created: number[] = [];
  private readonly createdIds = new Set<number>();
  private readonly relabelled: Record<string, string> = {};
  private countsWereCurrent = false;
  /**
   * Per series written: its lowest and highest period written and how many are new (the kept series counts); those
   * not yet added (all of them when the kept counts were not current: the finish counts every series again).
   */
  private readonly writtenCounts: WrittenCounts[] = [];
  /** The current values the plan read, before this import wrote anything to those series (for the checks). */
  private readonly currentRead = new Map<number, ReadonlyMap<PeriodKey, number>>();
  /**
   * Each planned series' lowest and highest period, taken while its planning observations are at hand: the batch
   * summary then need not decode a million observations again only to find them (it still does for revisions).
   */
  private readonly ranges = new Map<PlannedSeries, readonly [PeriodKey, PeriodKey]>();
  /**
   * Reasons worded while the store thread waits for the next batch, for the series whose reason the finish cannot
   * change: a continued series, or a new one without other series of its name (the finish only drops siblings).
   */
  private readonly reasons = new Map<PlannedSeries, string>();
  private readonly hints: SummaryHints = { rangeOf: (p) => this.ranges.get(p), reasonOf: (p) => this.reasons.get(p) };
  private readonly counts: ChangeCounts = { seriesNew: 0, seriesContinued: 0, observationsNew: 0, observationsUnchanged: 0, observationsRevised: 0 };
  private parsedSeries = 0;
  private batchId: number | null = null;
  private rows: ObservationRowWriter | null = null;
  private readonly relabel;

  constructor(
    private readonly db: Store,
    private readonly opts: CommitOptions,
  ) {
    const lookup = seriesLookup(db);
    const read = this.currentRead;
    this.lookup = {
      ...lookup,
      current(id) {
        const values = lookup.current(id);
        read.set(id, values);
        return values;
      },
    };
    this.home = homeRegion(db).region;
    this.relabel = db.prepare('UPDATE series SET label = ? WHERE id = ?');
  }

  add(message: Extract<FromStreamWorker, { type: 'series' }>): void {
    if (this.broken !== null) return;
    const series = planningSeries(message.batch, this.opts.fileName, message.sheet);
    const parsed: ParsedFile = {
      fileName: this.opts.fileName,
      format: 'xlsx',
      encoding: null,
      sheets: [{ name: message.sheet, layout: message.layout, mapping: message.mapping, series, problems: [], warnings: [] }],
      skippedSheets: [],
      problems: [],
      warnings: [],
      observationCount: 0,
    };
    const plan = planImport(parsed, this.lookup, this.home);
    const offset = this.parsedSeries;
    this.parsedSeries += series.length;
    // One series per row, each once in the file: the batch's plan is the whole plan's slice.
    if (plan.conflicts.length > 0 || plan.series.length !== series.length || plan.series.some((p) => this.keys.has(p.key))) {
      this.broken = 'a series given twice';
      return;
    }
    const fresh = plan.series.filter((p) => !p.stored);
    const relabels = plan.series.some((p) => p.stored && p.stored.label !== p.label);
    const writes = plan.counts.observationsNew + plan.counts.observationsRevised;
    if (fresh.length > 0 || relabels || writes > 0) this.open();
    const created = fresh.length > 0 ? createSeries(this.db, fresh) : new Map<string, number>();
    for (const p of plan.series) {
      p.order += offset;
      this.keys.add(p.key);
      let seriesId: number;
      if (p.stored) {
        seriesId = p.stored.id;
        if (p.stored.label !== p.label) {
          this.relabelled[String(seriesId)] = p.stored.label;
          this.relabel.run(p.label, seriesId);
        }
      } else {
        seriesId = created.get(p.key)!;
        this.created.push(seriesId);
        this.createdIds.add(seriesId);
      }
      this.ids.set(p.key, seriesId);
      this.series.push(p);
    }
    this.writeAndKeepCompact(plan.series, series, message.batch, message.sheet);
    // The batch's kept counts now, while the parse thread reads on, rather than all 20,000 in the finish (on the
    // critical path): each series is in one batch only (checked above), so the parts add up to the whole.
    if (this.countsWereCurrent && this.batchId !== null) {
      addWrittenPart(this.db, this.batchId, this.writtenCounts);
      this.writtenCounts.length = 0;
    }
    const c = plan.counts;
    this.counts.seriesNew += c.seriesNew;
    this.counts.seriesContinued += c.seriesContinued;
    this.counts.observationsNew += c.observationsNew;
    this.counts.observationsUnchanged += c.observationsUnchanged;
    this.counts.observationsRevised += c.observationsRevised;
  }

  /**
   * Once a batch is written its million-scale part, the observation objects, is let go: each planned series reads
   * its observations again from the batch's compact arrays when the whole-file rules ask for them (the checks, the
   * revisions), as objects equal to the ones decoded here. The store thread then holds typed arrays and one string
   * per cell, not a million objects, while the rest of the file is read.
   */
  private writeAndKeepCompact(planned: readonly PlannedSeries[], series: readonly ParsedSeries[], batch: SeriesBatch, sheet: string): void {
    const starts = seriesStarts(batch);
    const file = this.opts.fileName;
    const rows = this.rows;
    for (let j = 0; j < planned.length; j++) {
      const p = planned[j];
      // One series per row, each once (checked above): the plan's series are the batch's, in order, sharing arrays.
      if (p.observations !== series[j].observations) throw new Error('streamed commit: the plan does not follow the batch');
      // As summariseChanges finds them: the lowest and highest period by string order (a planned series has values).
      let low = p.observations[0].period;
      let high = low;
      for (const o of p.observations) {
        if (o.period < low) low = o.period;
        if (o.period > high) high = o.period;
      }
      this.ranges.set(p, [low, high]);
      if (p.stored !== null || p.siblings.length === 0) this.reasons.set(p, seriesReason(p, this.home));
      const start = starts[j];
      // Rows in plan order, as the classic commit writes them: every value new, or only the new and revised ones.
      const { statuses } = p;
      const seriesId = this.ids.get(p.key)!;
      if (p.counts.new + p.counts.revised > 0) {
        // The series' kept counts follow from what is written, as in the classic commit: a new period adds one.
        let first: string | null = null;
        let last: string | null = null;
        let added = 0;
        eachObservation(batch, j, start, file, sheet, (k, period, value, source) => {
          if (statuses !== null && statuses[k] === STATUS_UNCHANGED) return;
          rows!.add(seriesId, period, value, source);
          if (statuses === null || statuses[k] === STATUS_NEW) added++;
          if (first === null || period < first) first = period;
          if (last === null || period > last) last = period;
        });
        if (first !== null) this.writtenCounts.push([seriesId, first, last!, added]);
      }
      Object.defineProperty(p, 'observations', { get: () => decodeObservations(batch, j, start, file, sheet), enumerable: true, configurable: true });
    }
  }

  /** The batch row, the first time anything is to be written (a file that changes nothing writes no batch). */
  private open(): void {
    if (this.batchId !== null) return;
    // issue 12 (branch list): asked before this import writes anything, for the kept series counts in finish.
    this.countsWereCurrent = keptCountsCurrent(this.db);
    this.batchId = insertBatchRow(this.db, this.opts);
    this.rows = new ObservationRowWriter(this.db, this.batchId);
  }

  /** The whole-file rules over what was written, as the classic commit applies them. */
  finish(parsed: ParsedFile): CommitResult {
    if (parsed.problems.length > 0 && !this.opts.skipInvalid) refuseProblems(parsed.problems);
    const skipped = this.opts.skipInvalid ? [...parsed.problems] : [];
    const plan: ImportPlan = { series: this.series, counts: this.counts, conflicts: [], homeRegion: this.home };
    // Siblings were looked up batch by batch: series this file created, or holds, are not "other" series.
    for (const p of plan.series) {
      if (p.stored) continue;
      p.siblings = p.siblings.filter((s) => !this.createdIds.has(s.id) && !this.keys.has(identityKey(s))).map((s) => this.asBefore(s));
    }
    const checks = importWarnings(plan, this.lookupAsBefore());
    const written = this.counts.observationsNew + this.counts.observationsRevised;
    if (this.batchId === null) return unchangedResult(plan, checks, skipped, this.hints);
    const rowsWritten = this.rows!.finish();
    if (rowsWritten !== written) throw new Error(`streamed commit: wrote ${rowsWritten} observation rows for ${written} planned`);
    // The kept series counts, added from what was written, as the classic commit adds them (seriesCounts.ts).
    addWrittenCounts(this.db, this.batchId, this.writtenCounts, this.countsWereCurrent);
    return recordBatch(this.db, parsed, { plan, checks, skipped, batchId: this.batchId, ids: this.ids, created: this.created, relabelled: this.relabelled, hints: this.hints });
  }

  /** A stored series as it was before this import relabelled it. */
  private asBefore(s: StoredSeries): StoredSeries {
    const label = this.relabelled[String(s.id)];
    return label === undefined ? s : { ...s, label };
  }

  /** The store as it was before this import wrote: its new series hidden, labels and current values as they were. */
  private lookupAsBefore(): StoreLookup {
    const { lookup, createdIds, currentRead } = this;
    const before = (s: StoredSeries | undefined) => (s === undefined || createdIds.has(s.id) ? undefined : this.asBefore(s));
    return {
      find: (identity) => before(lookup.find(identity)),
      byName: (name) => lookup.byName(name).flatMap((s) => before(s) ?? []),
      current: (id) => currentRead.get(id) ?? (createdIds.has(id) ? new Map() : lookup.current(id)),
    };
  }
}
