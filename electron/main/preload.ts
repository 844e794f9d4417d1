// Exposes exactly the contract to the page: one function per call name, nothing of Node or Electron.
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES } from '../../shared/contract';

const IPC_CHANNEL = 'workbench:call';

const api: Record<string, (args: unknown) => Promise<unknown>> = {};
for (const name of CALL_NAMES) {
  api[name] = (args: unknown) => ipcRenderer.invoke(IPC_CHANNEL, name, args);
}
contextBridge.exposeInMainWorld('workbench', Object.freeze(api));
