// A worker thread that holds a store connection and the service: it answers calls one after another (`calls` and
// `heavy` threads), or runs one import job and ends (`job` threads, which the host may terminate to cancel a
// parse midway). The host that started it holds no store.
import { parentPort, workerData } from 'node:worker_threads';
import type { JobStatus } from '../../../shared/contract/importCalls';
import { toWireError, WorkbenchError, type WireError } from '../../../shared/errors';
import { openWorkbench } from '../../openWorkbench';
import { dispatch, dispatchTracked, type Service } from '../service';
import type { FromThread, ThreadConfig, ToThread } from './threadProtocol';

const port = parentPort;
if (!port) throw new Error('serviceThread must run in a worker thread');
const config = workerData as ThreadConfig;
const post = (m: FromThread) => port.postMessage(m);

let service: Service;
try {
  service = openWorkbench(config.storePath, config.shell);
} catch (e) {
  post({ type: 'fatal', error: toWireError(e) });
  process.exit(1);
}
service.ctx.uploadsDir = config.uploadsDir;
service.ctx.grantedPaths = new Set(config.grantedPaths ?? []);

// PDF printing through the host (the desktop app's Chromium), one request at a time by id.
const printing = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (e: Error) => void }>();
let nextPrint = 1;
if (config.hostPrintsPdf) {
  service.ctx.printPdf = (html) =>
    new Promise((resolve, reject) => {
      const id = nextPrint++;
      printing.set(id, { resolve, reject });
      post({ type: 'print', id, html });
    });
}

async function runJob(args: unknown): Promise<void> {
  let localId = '';
  const finished = new Promise<void>((resolve) => {
    service.ctx.emit = (event) => {
      if (event.type !== 'job' || event.status.jobId !== localId) return;
      if (!event.status.done) {
        post({ type: 'event', event });
        return;
      }
      // The final status carries the result, read from the registry that holds it.
      const status = service.handlers.jobStatus({ jobId: localId }) as JobStatus;
      post({ type: 'jobStatus', status });
      resolve();
    };
  });
  try {
    ({ jobId: localId } = (await dispatch(service, 'startImport', args)) as { jobId: string });
  } catch (e) {
    post({ type: 'jobStatus', status: { jobId: '', phase: 'failed', fraction: 0, done: true, error: toWireError(e) } });
    return;
  }
  await finished;
}

port.on('message', (m: ToThread) => {
  if (m.type === 'call') {
    dispatchTracked(service, m.name, m.args).then(
      ({ result, changed }) => post({ type: 'reply', id: m.id, result, changed }),
      (e: unknown) => post({ type: 'reply', id: m.id, error: toWireError(e), changed: false }),
    );
  } else if (m.type === 'job') {
    void runJob(m.args).finally(() => {
      service.ctx.db.close();
      port.close();
    });
  } else if (m.type === 'grant') {
    service.ctx.grantedPaths?.add(m.path);
  } else if (m.type === 'printed') {
    const p = printing.get(m.id);
    printing.delete(m.id);
    if (m.pdf) p?.resolve(m.pdf);
    else {
      const wire: WireError = m.error ?? { code: 'internal', message: '打印失败 / Printing failed' };
      p?.reject(new WorkbenchError(wire.code, wire.message));
    }
  }
});

post({ type: 'ready' });
