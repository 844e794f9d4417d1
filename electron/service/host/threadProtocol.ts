// Messages between the service host and its worker threads (structured-clone data only).
import type { ServiceEvent } from '../../../shared/contract/events';
import type { JobStatus } from '../../../shared/contract/importCalls';
import type { WireError } from '../../../shared/errors';

/** What a worker thread is started with. */
export interface ThreadConfig {
  storePath: string;
  shell: 'electron' | 'web';
  user: string;
  uploadsDir?: string;
  /** Paths the desktop app's open dialog granted so far (more arrive as `grant` messages). */
  grantedPaths?: string[];
  /** Whether PDF printing goes back to the host (the desktop app prints with Electron's own Chromium). */
  hostPrintsPdf: boolean;
}

export type ToThread =
  | { type: 'call'; id: number; name: string; args: unknown }
  /** Run one import job (preview or commit) and report its status until it ends. */
  | { type: 'job'; args: unknown }
  | { type: 'grant'; path: string }
  | { type: 'printed'; id: number; pdf?: Uint8Array; error?: WireError };

export type FromThread =
  | { type: 'ready' }
  | { type: 'reply'; id: number; result?: unknown; error?: WireError; changed: boolean }
  | { type: 'event'; event: ServiceEvent }
  | { type: 'jobStatus'; status: JobStatus }
  | { type: 'print'; id: number; html: string }
  | { type: 'fatal'; error: WireError };
