// A backend that is still starting, usable at once: the browser shell listens (and serves the page, which the
// browser loads and evaluates for half a second) while the service threads load their code and open the store.
// Calls made meanwhile wait for the backend and then go to it in the order they were made; events are listened to
// from the moment the backend is there (nothing is pushed before: no call has run). A backend that fails to start
// refuses every call with its own error.
import type { ServiceEvent } from '../../../shared/contract/events';
import type { ServiceBackend } from './backend';
import { jsonOfResult } from './answerJson';

export function pendingBackend<B extends ServiceBackend>(starting: Promise<B>, uploadsDir?: string): ServiceBackend {
  let ready: B | null = null;
  const listeners = new Map<(event: ServiceEvent) => void, () => void>();
  starting.then(
    (backend) => {
      ready = backend;
      for (const listener of listeners.keys()) listeners.set(listener, backend.subscribe(listener));
    },
    () => undefined, // the caller hears of the failure from `starting` itself, and every call from its rejection
  );
  return {
    uploadsDir,
    call: (name, args) => (ready ? ready.call(name, args) : starting.then((backend) => backend.call(name, args))),
    callJson: (name, args) => {
      const json = (backend: B) => (backend.callJson ? backend.callJson(name, args) : backend.call(name, args).then(jsonOfResult));
      return ready ? json(ready) : starting.then(json);
    },
    subscribe(listener) {
      if (ready) return ready.subscribe(listener);
      listeners.set(listener, () => undefined);
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    close: () => starting.then((backend) => backend.close(), () => undefined),
  };
}
