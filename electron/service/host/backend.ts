// What a shell (browser shell, desktop window) talks to: calls of the contract and a stream of pushed events.
// In process for the CLI and tests (inProcessBackend.ts); in worker threads for the browser shell and the desktop app's service process,
// so that nothing a call does can freeze the shell that serves the window.
import type { ServiceEvent } from '../../../shared/contract/events';

export interface ServiceBackend {
  /** Validates and runs one call; rejects with a WorkbenchError (or another error) as dispatch does. */
  call(name: string, args: unknown): Promise<unknown>;
  /**
   * The same call, answered as the UTF-8 bytes of its result's JSON (`undefined` as `null`): what the browser shell
   * sends. A backend in worker threads writes them there, so the HTTP thread neither copies the answer's objects out
   * of the thread nor stringifies them again (at 2,000 targets, most of the HTTP thread's work for listTargets).
   */
  callJson?(name: string, args: unknown): Promise<Uint8Array>;
  /** Listens to pushed events until the returned function is called. */
  subscribe(listener: (event: ServiceEvent) => void): () => void;
  /** The folder uploads are streamed into, when this backend accepts them. */
  readonly uploadsDir?: string;
  close(): Promise<void>;
}

export class EventHub {
  private readonly listeners = new Set<(event: ServiceEvent) => void>();

  emit = (event: ServiceEvent): void => {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A listener that fails (a closed connection) must not stop the others.
      }
    }
  };

  subscribe(listener: (event: ServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
