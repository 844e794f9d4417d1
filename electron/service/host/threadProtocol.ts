// Messages between the service host and its worker threads (structured-clone data only).
import type { ServiceEvent } from '../../../shared/contract/events';
import type { JobStatus } from '../../../shared/contract/importCalls';
import type { WireError } from '../../../shared/errors';

/** What a worker thread is started with. */
export interface ThreadConfig {
  storePath: string;
  /** Only the default store is created (and seeded) where none exists; see openWorkbench. */
  create: boolean;
  defaultFolder?: string;
  shell: 'electron' | 'web';
  user: string;
  uploadsDir?: string;
  /** Paths the desktop app's open dialog granted so far (more arrive as `grant` messages). */
  grantedPaths?: string[];
  /** What the host does for the threads (the desktop app prints and rasterises with Electron's own Chromium). */
  hostServices: HostServiceName[];
  /** On a server store: this thread LISTENs for colleagues' commits and pushes them as `changed` (one thread only). */
  listen?: boolean;
  /** The heavy thread: when the host says so (`warm`), prepare the briefing's first preview. */
  warm?: boolean;
  /** The calls thread: once ready, read the first screen's answers (firstScreen.ts) while the browser loads the page. */
  prime?: boolean;
}

/** Work a thread asks the host to do, with what it sends and what comes back. */
export interface HostServices {
  printPdf: (html: string) => Promise<Uint8Array>;
  rasterizeSvgs: (images: readonly { svg: string; width: number; height: number }[]) => Promise<Uint8Array[]>;
}
export type HostServiceName = keyof HostServices;

export type ToThread =
  /** `json`: answer with the UTF-8 bytes of the result's JSON (`reply.json`) instead of the result's objects. */
  | { type: 'call'; id: number; name: string; args: unknown; json?: boolean }
  /** Run one import job (preview or commit) and report its status until it ends. */
  | { type: 'job'; args: unknown }
  | { type: 'grant'; path: string }
  /** The server sessions of every thread of this workbench: their commits are not a colleague's. */
  | { type: 'ownSessions'; processIds: number[] }
  | { type: 'hostReply'; id: number; result?: unknown; error?: WireError }
  /** The analyst left the first screen, or nothing is waiting on the calls thread: a thread started with `warm`
   * may now prepare the briefing's first preview (once; see warmUp.ts). */
  | { type: 'warm' }

export type FromThread =
  /** `session`: the thread's server process (pg_backend_pid), on a server store. */
  | { type: 'ready'; session?: number }
  | { type: 'reply'; id: number; result?: unknown; json?: Uint8Array; error?: WireError; changed: boolean }
  | { type: 'event'; event: ServiceEvent }
  | { type: 'jobStatus'; status: JobStatus }
  | { type: 'hostRequest'; id: number; kind: HostServiceName; payload: unknown }
  /** The heavy thread has prepared the briefing's first preview (or found there was none to prepare). */
  | { type: 'prepared' }
  | { type: 'fatal'; error: WireError };
