// Registers one IPC handler per call of the contract, on its own channel. The sender must be our own
// window's main frame; arguments are validated by dispatch like any other way in.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES } from '../../shared/contract';
import { reportError } from '../log';
import { dispatch, type Service } from '../service/service';

export const channelOf = (name: string) => `workbench:${name}`;

export function registerContract(ipcMain: IpcMain, service: Service, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): void {
  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), async (event, args: unknown) => {
      if (!isTrustedSender(event)) return { error: { code: 'unauthorized', message: '拒绝来自未知页面的调用 / Call from an unknown frame refused' } };
      try {
        return { result: await dispatch(service, name, args) };
      } catch (e) {
        return { error: reportError(`ipc ${name}`, e) };
      }
    });
  }
}
