// Registers one IPC handler for the contract. The sender must be our own window's main frame;
// arguments are validated by dispatch like any other way in.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { toWireError } from '../../shared/errors';
import { dispatch, type Service } from '../service/service';

export const IPC_CHANNEL = 'workbench:call';

export function registerContract(ipcMain: IpcMain, service: Service, isTrustedSender: (e: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(IPC_CHANNEL, async (event, name: unknown, args: unknown) => {
    if (!isTrustedSender(event)) return { error: { code: 'unauthorized', message: '拒绝来自未知页面的调用 / Call from an unknown frame refused' } };
    try {
      return { result: await dispatch(service, name, args) };
    } catch (e) {
      return { error: toWireError(e) };
    }
  });
}
