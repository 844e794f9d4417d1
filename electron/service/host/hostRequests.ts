// Work a service thread (or the desktop app's service process) asks the process above it to do — print a PDF,
// rasterise charts — as requests numbered by id and answered by `hostReply` messages. One helper for both hops.
import { WorkbenchError, type WireError } from '../../../shared/errors';
import type { HostServiceName, HostServices } from './threadProtocol';

export interface HostRequests {
  /** A function that sends `kind` requests upwards and resolves with the answer. */
  ask<K extends HostServiceName>(kind: K): HostServices[K];
  /** Settles the request the reply answers. */
  answered(reply: { id: number; result?: unknown; error?: WireError }): void;
}

export function hostRequests(post: (request: { type: 'hostRequest'; id: number; kind: HostServiceName; payload: unknown }) => void): HostRequests {
  const asked = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  return {
    ask: <K extends HostServiceName>(kind: K) =>
      ((payload: unknown) =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          asked.set(id, { resolve, reject });
          post({ type: 'hostRequest', id, kind, payload });
        })) as HostServices[K],
    answered({ id, result, error }) {
      const p = asked.get(id);
      asked.delete(id);
      if (!error) p?.resolve(result);
      else p?.reject(new WorkbenchError(error.code, error.message));
    },
  };
}
