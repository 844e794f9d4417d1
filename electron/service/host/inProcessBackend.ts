// The service in the caller's own thread, as a ServiceBackend: for the CLI and for tests that hold a service of their
// own. Kept apart from backend.ts so that a shell that runs the service in worker threads never loads it.
import { dispatchTracked, storeWrites, type Service } from '../service';
import { EventHub, type ServiceBackend } from './backend';

/** The service in this thread: for the CLI and for tests that hold a service of their own. */
export function inProcessBackend(service: Service, options: { uploadsDir?: string } = {}): ServiceBackend {
  const hub = new EventHub();
  let writes = storeWrites(service);
  service.ctx.emit = (event) => {
    hub.emit(event);
    // A job that committed wrote after its call had answered: say so when it ends.
    if (event.type === 'job' && event.status.done && storeWrites(service) !== writes) {
      writes = storeWrites(service);
      hub.emit({ type: 'changed', by: 'startImport' });
    }
  };
  if (options.uploadsDir) service.ctx.uploadsDir = options.uploadsDir;
  return {
    uploadsDir: options.uploadsDir,
    async call(name, args) {
      const { result, changed } = await dispatchTracked(service, name, args);
      writes = storeWrites(service);
      if (changed) hub.emit({ type: 'changed', by: name });
      return result;
    },
    subscribe: (listener) => hub.subscribe(listener),
    close: async () => undefined,
  };
}
