// 边读边写 / The streamed one-shot import of an .xlsx into a SQLite store: a parse thread reads and maps the file
// (speculativeParse.ts) while this thread, holding the import's one write transaction, writes each series it is sent
// (speculativeCommit.ts). The whole-file parse then arrives and is planned as the classic commit plans it; the
// transaction commits only if that plan is exactly what was written. Anything else — a layout not mapped as it is
// read, a whole-sheet detection that differs from the head's, a series the store already holds, the file's own
// checks changing a series, a parse thread that fails or falls silent — rolls back, and the caller imports the file
// the classic way (parse, then commit). Either way the store ends as the classic import leaves it.
//
// This thread waits for the parse thread with Atomics.wait, not its event loop: while the transaction is open
// nothing else runs on this connection (no other call of the service can read the rows half written, or write
// inside this transaction).
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Store } from '../../store/openStore';
import { SqliteStore } from '../../store/sqliteStore';
import { writeTransaction } from '../../store/writeTransaction';
import { withoutForeignKeyChecks } from '../../store/foreignKeys';
import { checkpointAfterwards } from '../../store/walCheckpoint';
import type { CommitOptions, CommitResult } from '../commitImport';
import type { ParseOptions } from '../parseFile';
import { SpeculationStopped, SpeculativeCommit } from './speculativeCommit';
import type { FromParseThread, ParsedSummary, ParseThreadData, ToParseThread } from './parseThreadProtocol';

/** A parse thread silent this long (it says how far it is every 250 ms) is taken for lost. */
export const PARSE_THREAD_SILENCE_MS = 30_000;

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

/** The parse thread's code: built beside this module (build/, .vite/build/), or the TypeScript source through tsx. */
export function parseThreadEntry(): URL {
  const built = new URL('./importParseWorker.mjs', import.meta.url);
  if (fs.existsSync(fileURLToPath(built))) return built;
  return new URL('./importParseWorkerDev.mjs', import.meta.url);
}

/** Can this file be imported streamed into this store? (An .xlsx by name, a SQLite file, no analyst's corrections.) */
export function streamable(db: Store, fileName: string, options: ParseOptions): boolean {
  if (!(db instanceof SqliteStore) || db.sqlite.memory || db.inTransaction) return false;
  if (!/\.xlsx$/i.test(fileName)) return false;
  return options.mappings === undefined && options.headerRows === undefined && options.layouts === undefined;
}

/**
 * The streamed import, or null when it stopped (nothing written: the caller imports the classic way). The file's
 * refusals (problems without skipInvalid, no values) are thrown as the classic commit throws them.
 */
export function importStreamed(db: SqliteStore, bytes: Uint8Array, fileName: string, options: ParseOptions, opts: CommitOptions, report?: (r: StreamedImportReport) => void, onProgress?: (fraction: number) => void): StreamedImport | null {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const copy = bytes.slice();
  const data: ParseThreadData = { bytes: copy, fileName, options: { sheet: options.sheet, measure: options.measure, head: options.head }, port: port2, signal, storeFile: db.sqlite.name };
  const worker = new Worker(parseThreadEntry(), { workerData: data, transferList: [port2, copy.buffer as ArrayBuffer] });
  worker.unref();
  // Its end is seen through its messages (or their silence); the event is only kept from being an uncaught error.
  worker.on('error', () => undefined);
  try {
    const done = checkpointAfterwards(db, () =>
      withoutForeignKeyChecks(db, () =>
        writeTransaction(db, (): StreamedImport => {
          const commit = new SpeculativeCommit(db, opts);
          // The store as the parse thread's plan reads it is now the store as it was before this transaction.
          port1.postMessage({ type: 'locked' } satisfies ToParseThread);
          return speculate(commit, port1, signal, onProgress);
        }),
      ),
    );
    report?.({ used: true });
    return done;
  } catch (e) {
    if (e instanceof SpeculationStopped) {
      report?.({ used: false, reason: e.message });
      return null;
    }
    throw e;
  } finally {
    port1.close();
    void worker.terminate();
  }
}

function speculate(commit: SpeculativeCommit, port: MessagePort, signal: Int32Array, onProgress?: (fraction: number) => void): StreamedImport {
  for (;;) {
    const message = nextMessage(port, signal);
    switch (message.type) {
      case 'series':
        commit.add(message.batch);
        onProgress?.(message.fraction);
        break;
      case 'progress':
        onProgress?.(message.fraction);
        break;
      case 'stopped':
        throw new SpeculationStopped(message.reason);
      case 'failed':
        throw new SpeculationStopped(`the parse thread failed: ${message.message}`);
      case 'end':
        return { parsed: message.summary, result: commit.finish(message.summary, message.plan) };
    }
  }
}

/** The next message of the parse thread, waiting without the event loop; a long silence stops the speculation. */
function nextMessage(port: MessagePort, signal: Int32Array): FromParseThread {
  for (;;) {
    // Read the signal before looking: a message posted after the look bumps it, so the wait returns at once.
    const seen = Atomics.load(signal, 0);
    const got = receiveMessageOnPort(port);
    if (got) return got.message as FromParseThread;
    if (Atomics.wait(signal, 0, seen, PARSE_THREAD_SILENCE_MS) === 'timed-out') {
      const late = receiveMessageOnPort(port);
      if (late) return late.message as FromParseThread;
      throw new SpeculationStopped(`the parse thread was silent for ${PARSE_THREAD_SILENCE_MS / 1000} s`);
    }
  }
}
