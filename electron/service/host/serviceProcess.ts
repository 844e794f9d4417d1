// The desktop app's service process (an Electron utilityProcess): it owns the store through the threaded backend,
// serves each window's MessagePort, and asks the main process only to print PDFs. The main process holds no store.
import type { ParentPort } from 'electron';
import { toWireError, WorkbenchError, type WireError } from '../../../shared/errors';
import { servePort, type PortLike } from './portServer';
import { startThreadedBackend, type ThreadedBackend } from './threadedBackend';

/** Main process → service process. */
export type ToServiceProcess =
  | { type: 'init'; storePath: string; user: string }
  | { type: 'port' }
  | { type: 'grant'; path: string }
  | { type: 'printed'; id: number; pdf?: Uint8Array; error?: WireError };

/** Service process → main process. */
export type FromServiceProcess = { type: 'ready' } | { type: 'fatal'; error: WireError } | { type: 'print'; id: number; html: string };

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('serviceProcess must run in an Electron utilityProcess');
const parent: ParentPort = parentPort;
const post = (m: FromServiceProcess) => parent.postMessage(m);

let backend: ThreadedBackend | null = null;
const printing = new Map<number, { resolve: (pdf: Uint8Array) => void; reject: (e: Error) => void }>();
let nextPrint = 1;

const printViaMain = (html: string) =>
  new Promise<Uint8Array>((resolve, reject) => {
    const id = nextPrint++;
    printing.set(id, { resolve, reject });
    post({ type: 'print', id, html });
  });

parent.on('message', (e) => {
  const m = e.data as ToServiceProcess;
  if (m.type === 'init') {
    startThreadedBackend({ storePath: m.storePath, shell: 'electron', user: m.user, printPdf: printViaMain }).then(
      (b) => {
        backend = b;
        post({ type: 'ready' });
      },
      (err: unknown) => post({ type: 'fatal', error: toWireError(err) }),
    );
  } else if (m.type === 'port') {
    const port = e.ports[0];
    if (port && backend) servePort(port as unknown as PortLike, backend, { electronEvents: true });
  } else if (m.type === 'grant') {
    backend?.grant(m.path);
  } else if (m.type === 'printed') {
    const p = printing.get(m.id);
    printing.delete(m.id);
    if (m.pdf) p?.resolve(m.pdf);
    else p?.reject(new WorkbenchError(m.error?.code ?? 'internal', m.error?.message ?? '打印失败 / Printing failed'));
  }
});
