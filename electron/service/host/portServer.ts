// Serves the contract over a message port: the desktop window's MessagePort in the service process (Electron's
// MessagePortMain), or any port with the same shape (Node's worker_threads MessagePort in tests). Each request is
// answered on the same port; the service's pushed events follow on it as they happen.
import type { ServiceEvent } from '../../../shared/contract/events';
import { toWireError, type WireError } from '../../../shared/errors';
import type { ServiceBackend } from './backend';

export type PortRequest = { type: 'call'; id: number; name: string; args: unknown };
export type PortMessage = { type: 'reply'; id: number; result?: unknown; error?: WireError } | { type: 'event'; event: ServiceEvent };

/** The part of a message port used here (Electron's MessagePortMain and Node's MessagePort both have it). */
export interface PortLike {
  on(event: 'message', listener: (message: { data: unknown } | unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start?: () => void;
}

function isRequest(m: unknown): m is PortRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.type === 'call' && Number.isInteger(r.id) && typeof r.name === 'string';
}

/** Electron wraps what was posted in a MessageEvent (`.data`); Node's ports hand it over as it is. */
function payloadOf(m: unknown, electronEvents: boolean): unknown {
  return electronEvents ? (m as { data: unknown }).data : m;
}

export function servePort(port: PortLike, backend: ServiceBackend, options: { electronEvents: boolean }): () => void {
  const post = (m: PortMessage) => port.postMessage(m);
  const unsubscribe = backend.subscribe((event) => post({ type: 'event', event }));
  port.on('message', (raw: unknown) => {
    const m = payloadOf(raw, options.electronEvents);
    // Anything that is not a well-formed request is dropped: the page has no other business on this port.
    if (!isRequest(m)) return;
    backend.call(m.name, m.args).then(
      (result) => post({ type: 'reply', id: m.id, result: result === undefined ? null : result }),
      (e: unknown) => post({ type: 'reply', id: m.id, error: toWireError(e) }),
    );
  });
  port.on('close', unsubscribe);
  port.start?.();
  return unsubscribe;
}
