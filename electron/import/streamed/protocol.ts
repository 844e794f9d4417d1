// What the streamed import's parse thread (streamWorker.ts) and the store thread (streamedImport.ts) say to each
// other. Every message is posted on a MessagePort and then announced on a shared counter, so the store thread can
// wait for it synchronously (Atomics.wait + receiveMessageOnPort) inside its one open write transaction.

import type { Measure } from '../../../shared/domain/series';
import type { GridMapping, ParsedFile } from '../../../shared/import/mapping';
import type { SeriesBatch } from './seriesBatch';
import type { ImportFileErrorReason } from '../importFileError';

export interface StreamWorkerData {
  /** The file's bytes (a copy, transferred). */
  bytes: Uint8Array;
  fileName: string;
  options: { measure?: Measure; head?: { rows: number; columns: number } };
  /** Tests only: after sending this many batches the thread fills its heap until V8 ends it (a death without a word). */
  failAfterBatches?: number;
  /** Int32 [0]: messages posted so far (and 1 more on exit) · [1]: 1 once the thread has ended. */
  signal: SharedArrayBuffer;
  port: import('node:worker_threads').MessagePort;
}

export type FromStreamWorker =
  /** Series guessed from rows just read (the mapping with the first batch). */
  | { type: 'series'; sheet: string; layout: GridMapping['layout']; mapping: GridMapping; batch: SeriesBatch }
  /** The whole-file parse equals every batch sent: `meta` is that parse with its series left out. */
  | { type: 'verified'; meta: ParsedFile }
  /** The guess stopped or differs from the whole-file parse: here is that parse, whole. */
  | { type: 'parsed'; parsed: ParsedFile; reason: string }
  | { type: 'error'; error: { importReason?: ImportFileErrorReason; message: string; details?: Record<string, unknown> } };
