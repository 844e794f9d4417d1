// The streamed import's parse thread: reads and maps the file (speculativeParse.ts), sending each batch of series
// as it is mapped; then, once the store thread holds the write lock, plans the import on its own read-only
// connection (speculativePlan.ts) and sends the whole-file parse's summary with the plan, or why the speculation
// stopped. The thread stays until the store thread terminates it (its port keeps it), so that it never ends
// before its last message has been read.
import { workerData } from 'node:worker_threads';
import { SqliteStore } from '../../store/sqliteStore';
import { batchBuffers, encodeSeries } from './seriesBatch';
import { speculativeParse } from './speculativeParse';
import { speculativePlan } from './speculativePlan';
import { summarise, type FromParseThread, type ParseThreadData, type ToParseThread } from './parseThreadProtocol';

const { bytes, fileName, options, port, storeFile } = workerData as ParseThreadData;

function post(message: FromParseThread, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

const locked = new Promise<void>((resolve) => {
  port.on('message', (message: ToParseThread) => {
    if (message.type === 'locked') resolve();
  });
});

try {
  const end = await speculativeParse(bytes, fileName, options, {
    series(series, fraction) {
      const batch = encodeSeries(series);
      post({ type: 'series', batch, fraction }, batchBuffers(batch));
    },
    progress(fraction) {
      post({ type: 'progress', phase: 'reading', fraction });
    },
    parsing() {
      post({ type: 'progress', phase: 'parsing', fraction: 1 });
    },
    abandon(reason) {
      post({ type: 'stopped', reason });
    },
  });
  if (!end.held) {
    post({ type: 'stopped', reason: end.reason });
  } else {
    await locked;
    // SQLite's driver loads only now: the first rows go out sooner.
    const { default: Database } = await import('better-sqlite3');
    const store = new SqliteStore(new Database(storeFile, { readonly: true, fileMustExist: true }), storeFile);
    try {
      const plan = speculativePlan(store, end.parsed, end.sent);
      post('reason' in plan ? { type: 'stopped', reason: plan.reason } : { type: 'end', summary: summarise(end.parsed), plan });
    } finally {
      store.close();
    }
  }
} catch (e) {
  // The file's own refusal (corrupt, too large…) is the classic parse's to give, in the store thread.
  post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
}
