// Exposes exactly the contract to the page, over the MessagePort to the service process that the main process
// hands over at each load: call(name, args), the pushed events, and a picked file as a reference the service may
// read (its path, granted by the main process). Nothing of Node or Electron reaches the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { isCallName } from '../../shared/contract';

type Reply = { result?: unknown; error?: { code: string; message: string } };
type Listener = (event: unknown) => void;

let port: MessagePort | null = null;
const queued: unknown[] = [];
const pending = new Map<number, (reply: Reply) => void>();
const listeners = new Set<Listener>();
let nextId = 1;

ipcRenderer.on('workbench:port', (event) => {
  const fresh = event.ports[0];
  if (!fresh) return;
  port = fresh;
  port.onmessage = (m: MessageEvent) => {
    const data = m.data as { type: string; id?: number; event?: unknown } & Reply;
    if (data.type === 'reply' && typeof data.id === 'number') {
      const done = pending.get(data.id);
      pending.delete(data.id);
      done?.({ result: data.result, error: data.error });
    } else if (data.type === 'event') listeners.forEach((l) => l(data.event));
  };
  for (const m of queued.splice(0)) port.postMessage(m);
});

function call(name: unknown, args: unknown): Promise<Reply> {
  if (!isCallName(name)) return Promise.resolve({ error: { code: 'bad_request', message: `未知的调用 / Unknown call ${String(name).slice(0, 60)}` } });
  const id = nextId++;
  const message = { type: 'call', id, name, args };
  return new Promise((resolve) => {
    pending.set(id, resolve);
    if (port) port.postMessage(message);
    else queued.push(message);
  });
}

contextBridge.exposeInMainWorld('workbench', Object.freeze({
    call,
    onEvent(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A File the analyst picked → `{ fileName, path }`, granted by the main process (a made-up File has no path). */
    fileInput(file: File): Promise<Reply> {
      return ipcRenderer.invoke('workbench:grant-file', webUtils.getPathForFile(file)) as Promise<Reply>;
    },
    /** The desktop app's store setting (issue 14): read it, or save a new one (main checks it and restarts). */
    storeSettings: Object.freeze({
      get: (): Promise<Reply> => ipcRenderer.invoke('workbench:store-settings-get') as Promise<Reply>,
      set: (request: unknown): Promise<Reply> => ipcRenderer.invoke('workbench:store-settings-set', request) as Promise<Reply>,
    }),
  }));
