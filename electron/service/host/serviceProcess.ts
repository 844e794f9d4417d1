// The desktop app's service process (an Electron utilityProcess): it owns the store through the threaded backend,
// serves each window's MessagePort, and asks the main process only to print PDFs. The main process holds no store.
import type { ParentPort } from 'electron';
import { toWireError, type WireError } from '../../../shared/errors';
import { isServerLocation } from '../../store/pg/openPgStore';
import { servePort, type PortLike } from './portServer';
import { hostRequests } from './hostRequests';
import type { HostServiceName } from './threadProtocol';
import { startThreadedBackend, type ThreadedBackend } from './threadedBackend';

/** Main process → service process. */
export type ToServiceProcess =
  | { type: 'init'; storePath: string; defaultFolder: string; user: string }
  | { type: 'port' }
  | { type: 'grant'; path: string }
  | { type: 'hostReply'; id: number; result?: unknown; error?: WireError };

/** Service process → main process. */
export type FromServiceProcess = { type: 'ready' } | { type: 'fatal'; error: WireError } | { type: 'hostRequest'; id: number; kind: HostServiceName; payload: unknown };

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
if (!parentPort) throw new Error('serviceProcess must run in an Electron utilityProcess');
const parent: ParentPort = parentPort;
const post = (m: FromServiceProcess) => parent.postMessage(m);

let backend: ThreadedBackend | null = null;
/** Printing and rasterising are done by the main process, with Electron's own Chromium. */
const main = hostRequests(post);

parent.on('message', (e) => {
  const m = e.data as ToServiceProcess;
  if (m.type === 'init') {
    // Only the app's own file is created on first start; a server is set up by its owner (init), never here.
    startThreadedBackend({ storePath: m.storePath, shell: 'electron', user: m.user, create: !isServerLocation(m.storePath), defaultFolder: m.defaultFolder, hostServices: { printPdf: main.ask('printPdf'), rasterizeSvgs: main.ask('rasterizeSvgs') } }).then(
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
  } else if (m.type === 'hostReply') {
    main.answered(m);
  }
});
