// The parse thread of the streamed one-shot import: reads the .xlsx with the same reader as the classic parse,
// sends the series it guesses from the rows already read (speculativeSheet.ts) as compact batches, then parses the
// whole file exactly as the classic path does and says whether that parse equals every batch it sent.

import { workerData } from 'node:worker_threads';
import { parseWorkbook } from '../parseFile';
import { readWorkbookSteps } from '../readWorkbook';
import { ImportFileError } from '../importFileError';
import type { ParsedSeries } from '../../../shared/import/mapping';
import type { FromStreamWorker, StreamWorkerData } from './protocol';
import { encodeSeriesBatch, sameSeriesAsSent, transferList } from './seriesBatch';
import { sameGridMapping, SpeculativeSheet } from './speculativeSheet';

const { bytes, fileName, options, signal, port, failAfterBatches } = workerData as StreamWorkerData;
const posted = new Int32Array(signal);
// However this thread ends (an uncaught error, out of memory), its supervisor tells the store thread (streamedImport.ts).

function send(message: FromStreamWorker, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
  Atomics.add(posted, 0, 1);
  Atomics.notify(posted, 0);
}

async function run(): Promise<void> {
  let sheetName = '';
  // What went (the series, whose observation objects were encoded): the whole-file parse is compared with it at the end.
  const sent: ParsedSeries[] = [];
  let batches = 0;
  const guess = new SpeculativeSheet(fileName, { measure: options.measure }, (series) => {
    const batch = encodeSeriesBatch(series, fileName, sheetName);
    if (!batch) return false;
    const mapping = guess.mapping!;
    for (const s of series) sent.push(s);
    send({ type: 'series', sheet: sheetName, layout: mapping.layout, mapping, batch }, transferList(batch));
    if (++batches === failAfterBatches) exhaustHeap();
    return true;
  });
  const watcher = {
    onRows: (sheet: Parameters<SpeculativeSheet['onRows']>[0], rows: readonly number[]) => {
      sheetName = sheet.name;
      guess.onRows(sheet, rows);
    },
  };
  const steps = readWorkbookSteps(bytes, fileName, watcher);
  let step = await steps.next();
  while (!step.done) step = await steps.next();
  // The whole-file parse, finishing the guess's own mapper where its detection agrees (the data rows mapped once).
  const parsed = parseWorkbook(step.value, fileName, options, guess.premapped());
  const sheet = parsed.sheets[0];
  const verified =
    guess.stopped === null && guess.mapping !== null && parsed.sheets.length === 1 && sheet.name === sheetName && sameGridMapping(guess.mapping, sheet.mapping) && sameSeriesAsSent(sent, sheet.series);
  if (verified) {
    send({ type: 'verified', meta: { ...parsed, sheets: [{ ...sheet, series: [] }] } });
  } else {
    send({ type: 'parsed', parsed, reason: guess.stopped ?? (guess.mapping === null ? 'no guess' : 'the whole-file parse differs') });
  }
}

/** Tests only (failAfterBatches): a thread that dies of memory mid-file, as a real one may, saying nothing. */
function exhaustHeap(): never {
  const hog: number[][] = [];
  for (;;) hog.push(new Array<number>(1 << 16).fill(hog.length));
}

run().catch((e: unknown) => {
  if (e instanceof ImportFileError) {
    const { reason: _reason, ...details } = (e.details ?? {}) as Record<string, unknown>;
    send({ type: 'error', error: { importReason: e.reason, message: e.message, details } });
  } else {
    send({ type: 'error', error: { message: (e as Error)?.stack ?? String(e) } });
  }
});
