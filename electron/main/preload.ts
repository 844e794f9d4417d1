// Exposes exactly the contract to the page: one function per call name, each on its own IPC channel,
// nothing of Node or Electron.
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES } from '../../shared/contract';

const api: Record<string, (args: unknown) => Promise<unknown>> = {};
for (const name of CALL_NAMES) {
  const channel = `workbench:${name}`;
  api[name] = (args: unknown) => ipcRenderer.invoke(channel, args);
}
contextBridge.exposeInMainWorld('workbench', Object.freeze(api));
