// 边读边写 / The streamed one-shot import of an .xlsx into a SQLite store: a parse thread reads and maps the file
// (speculativeParse.ts) while this thread, holding the import's one write transaction, writes each batch of series
// it is sent (speculativeCommit.ts). The parse thread then plans the whole-file parse as the classic commit plans it
// (speculativePlan.ts); the transaction commits only if that plan is exactly what was written. Anything else — a
// layout not mapped as it is read, a whole-sheet detection that differs from the head's, a series the store already
// holds, the file's own checks changing a series, a parse thread that fails or falls silent — rolls back, and the
// caller imports the file the classic way (parse, then commit). Either way the store ends as the classic import
// leaves it.
//
// The transaction is on a connection of the import's own, opened for it and closed after it: its writes are seen by
// no other call of the service until they commit (SQLite's WAL snapshot), nothing else can write inside it, and
// meanwhile this thread's event loop turns (progress, cancel, other calls). A write by another call waits for it as
// it would wait for another program's import.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, type MessagePort, type ResourceLimits } from 'node:worker_threads';
import type { Store } from '../../store/openStore';
import { openStore } from '../../store/openStore';
import { SqliteStore } from '../../store/sqliteStore';
import { beginImmediate } from '../../store/writeTransaction';
import { checkZipDirectory, ZIP_LIMITS } from '../zipSafety';
import type { CommitOptions, CommitResult } from '../commitImport';
import type { ParseOptions } from '../parseFile';
import { SpeculationStopped, SpeculativeCommit } from './speculativeCommit';
import { firstSeries } from './speculativeParse';
import { seriesLookup } from '../../store/seriesLookup';
import { homeRegion } from '../../store/settingsRepo';
import { identityKey, seriesIdentity } from '../../../shared/import/seriesIdentity';
import type { FromParseThread, ParsedSummary, ParseThreadData, ToParseThread } from './parseThreadProtocol';

/**
 * A parse thread silent this long is taken for hung (its failure or exit is seen at once, through the worker's
 * events). It says how far it is every 250 ms while it reads; the whole-file parse and the plan after the read send
 * nothing, and at the 200 MB file limit they take seconds, never minutes.
 */
export const PARSE_THREAD_SILENCE_MS = 300_000;

export interface StreamedImport {
  /** The whole-file parse without its values (they were written as they came): its sheets, warnings and problems. */
  parsed: ParsedSummary;
  result: CommitResult;
}

/** Why the streamed import was not used, or stopped (for tests and the benchmark). */
export interface StreamedImportReport {
  used: boolean;
  reason?: string;
}

export interface StreamedImportHooks {
  /** Progress between batches (phase, fraction of the import); may throw to cancel (the transaction rolls back). */
  step?: (phase: 'reading' | 'parsing' | 'committing', fraction: number) => Promise<void>;
  report?: (r: StreamedImportReport) => void;
  /** The parse thread's heap limits (tests: a thread that runs out of memory midway). */
  parseThreadLimits?: ResourceLimits;
}

/** The parse thread's code: built beside this module (build/, .vite/build/), or the TypeScript source through tsx. */
export function parseThreadEntry(): URL {
  const built = new URL('./importParseWorker.mjs', import.meta.url);
  if (fs.existsSync(fileURLToPath(built))) return built;
  return new URL('./importParseWorkerDev.mjs', import.meta.url);
}

/**
 * Below this much sheet XML (the worksheets' inflated sizes the zip directory declares; about 32 bytes a value in the
 * NBS layout, so some 500,000 values) the classic import is the faster: the parse thread's start (0.2 s) and its
 * code run cold cost more than the overlap saves (bench/import.ts; docs/import.md 边读边写).
 */
export const STREAMED_MIN_SHEET_BYTES = 16 * 1024 * 1024;

/** Does the file hold enough rows for the streamed import to pay (an .xlsx whose sheets pass STREAMED_MIN_SHEET_BYTES)? */
export async function worthStreaming(bytes: Uint8Array): Promise<boolean> {
  let checked;
  try {
    // The directory alone: nothing is inflated (every entry deferred, and the check abandoned at once).
    checked = await checkZipDirectory(bytes, ZIP_LIMITS, () => true);
  } catch {
    return false; // not a zip, or one the import will refuse: the classic import says why
  }
  checked.abandon();
  const sheetBytes = checked.entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)).reduce((n, e) => n + e.uncompressedSize, 0);
  return sheetBytes >= STREAMED_MIN_SHEET_BYTES;
}

/** Can this file be imported streamed into this store? (An .xlsx by name, a SQLite file, no analyst's corrections.) */
export function streamable(db: Store, fileName: string, options: ParseOptions): db is SqliteStore {
  if (!(db instanceof SqliteStore) || db.sqlite.memory || db.sqlite.readonly || db.inTransaction) return false;
  if (!/\.xlsx$/i.test(fileName)) return false;
  return options.mappings === undefined && options.headerRows === undefined && options.layouts === undefined;
}

/**
 * The service's way in for a commit: the streamed import where it applies (`streamable`) and pays (`worthStreaming`);
 * null where it does not, or when it stopped (nothing written): the classic import follows.
 */
export async function importStreamedWhereItPays(db: Store, bytes: Uint8Array, fileName: string, options: ParseOptions, opts: CommitOptions, hooks: StreamedImportHooks = {}): Promise<StreamedImport | null> {
  if (!streamable(db, fileName, options) || !(await worthStreaming(bytes))) return null;
  return importStreamed(db, bytes, fileName, options, opts, hooks);
}

/**
 * The streamed import, or null when it stopped (nothing written: the caller imports the classic way). The file's
 * refusals (problems without skipInvalid, no values) are thrown as the classic commit throws them, and so is
 * whatever `hooks.step` throws (a cancel), after the rollback.
 */
export async function importStreamed(db: SqliteStore, bytes: Uint8Array, fileName: string, options: ParseOptions, opts: CommitOptions, hooks: StreamedImportHooks = {}): Promise<StreamedImport | null> {
  const { port1, port2 } = new MessageChannel();
  // A copy of its own (a Buffer's bytes may sit in a shared pool, which a transfer would take from the caller).
  const copy = new Uint8Array(bytes);
  const data: ParseThreadData = { bytes: copy, fileName, options: { sheet: options.sheet, measure: options.measure, head: options.head }, port: port2, storeFile: db.sqlite.name };
  const worker = new Worker(parseThreadEntry(), { workerData: data, transferList: [port2, copy.buffer], ...(hooks.parseThreadLimits ? { resourceLimits: hooks.parseThreadLimits } : {}) });
  const inbox = new Inbox(port1, worker);
  let writer: SqliteStore | null = null;
  let committed = false;
  try {
    // A store that holds series already: is the file's head among them (a re-import, a monthly update)? Then the
    // speculation would stop at its first batch; asked here, on the head alone, while the parse thread starts.
    const stored = await headStored(db, bytes, fileName, options);
    if (stored !== null) throw new SpeculationStopped(stored);
    writer = openStore(db.sqlite.name) as SqliteStore;
    // The connection is the import's alone: its settings need no restoring. Foreign keys unchecked as the classic
    // commit has them (every row refers to the batch and series written in this transaction); its WAL checkpoint after
    // the answer (walCheckpoint.ts).
    writer.sqlite.pragma('foreign_keys = OFF');
    writer.sqlite.pragma('wal_autocheckpoint = 0');
    beginImmediate(writer, db);
    try {
      const commit = new SpeculativeCommit(writer, opts);
      // The store as the parse thread's plan reads it is now the store as it was before this transaction.
      port1.postMessage({ type: 'locked' } satisfies ToParseThread);
      const done = await speculate(commit, inbox, hooks);
      writer.exec('COMMIT');
      committed = true;
      hooks.report?.({ used: true });
      return done;
    } finally {
      if (writer.inTransaction) writer.exec('ROLLBACK');
    }
  } catch (e) {
    if (e instanceof SpeculationStopped) {
      hooks.report?.({ used: false, reason: e.message });
      return null;
    }
    throw e;
  } finally {
    inbox.close();
    void worker.terminate();
    const done = writer;
    if (done && committed) {
      // The import's pages go into the store's file on the next turn, after the answer; closing checkpoints what is left.
      setImmediate(() => {
        try {
          done.sqlite.pragma('wal_checkpoint(PASSIVE)');
        } catch {
          // A checkpoint that cannot run now (the store busy) is left to the next commit or the close.
        }
        done.close();
      });
    } else {
      done?.close();
    }
  }
}

/**
 * Why the speculation would stop at the file's first series (null: it would not, or the store holds no series at
 * all). Read from the store as it is now; the transaction asks again for every series it writes.
 */
async function headStored(db: SqliteStore, bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<string | null> {
  if (db.prepare('SELECT 1 FROM series LIMIT 1').get() === undefined) return null;
  const head = await firstSeries(bytes, fileName, { sheet: options.sheet, measure: options.measure });
  if (head === null) return 'the head of the file is no grid mapped as it is read';
  const lookup = seriesLookup(db);
  const home = homeRegion(db).region;
  lookup.preloadNames?.(head.map((s) => s.name));
  const held = head.find((s) => s.observations.length > 0 && lookup.find(seriesIdentity(s, home)));
  return held ? `the store holds ${identityKey(seriesIdentity(held, home))}` : null;
}

async function speculate(commit: SpeculativeCommit, inbox: Inbox, hooks: StreamedImportHooks): Promise<StreamedImport> {
  const step = hooks.step ?? (async () => undefined);
  for (;;) {
    const message = await inbox.next();
    switch (message.type) {
      case 'series':
        commit.add(message.batch);
        await step('reading', 0.05 + 0.8 * message.fraction);
        break;
      case 'progress':
        await step(message.phase, 0.05 + 0.8 * message.fraction);
        break;
      case 'stopped':
        throw new SpeculationStopped(message.reason);
      case 'failed':
        throw new SpeculationStopped(`the parse thread failed: ${message.message}`);
      case 'end':
        // The last chance to cancel: after it the transaction commits or fails whole.
        await step('committing', 0.95);
        return { parsed: message.summary, result: commit.finish(message.summary, message.plan) };
    }
  }
}

/** The parse thread's messages in order, awaited one at a time; its error, its exit or a long silence stops the speculation. */
class Inbox {
  private readonly queue: FromParseThread[] = [];
  private waiting: { resolve: (m: FromParseThread) => void; reject: (e: Error) => void } | null = null;
  private ended: Error | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly port: MessagePort,
    worker: Worker,
  ) {
    port.on('message', (message: FromParseThread) => {
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = null;
        this.clearTimer();
        resolve(message);
      } else this.queue.push(message);
    });
    worker.on('error', (e) => this.end(new SpeculationStopped(`the parse thread failed: ${e.message}`)));
    // Its last message comes before its exit, on another channel: the exit is the end only once the queue is drained.
    worker.on('exit', (code) => setImmediate(() => this.end(new SpeculationStopped(`the parse thread ended (exit code ${code})`))));
  }

  next(): Promise<FromParseThread> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.ended) return Promise.reject(this.ended);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.timer = setTimeout(() => this.end(new SpeculationStopped(`the parse thread was silent for ${PARSE_THREAD_SILENCE_MS / 1000} s`)), PARSE_THREAD_SILENCE_MS);
    });
  }

  private end(e: Error): void {
    this.ended ??= e;
    this.clearTimer();
    if (this.waiting && this.queue.length === 0) {
      const { reject } = this.waiting;
      this.waiting = null;
      reject(this.ended);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  close(): void {
    this.clearTimer();
    this.port.close();
  }
}
