// The main process's side of the service: it starts the service process (an Electron utilityProcess), hands each
// window a MessagePort to it, grants the files a window picked, and prints PDFs when the service asks. It opens no
// store and parses no file.
import { ipcMain, MessageChannelMain, utilityProcess, type BrowserWindow, type IpcMainInvokeEvent, type UtilityProcess } from 'electron';
import { toWireError } from '../../shared/errors';
import type { FromServiceProcess, ToServiceProcess } from '../service/host/serviceProcess';
import { grantableFile } from './fileGrant';
import { printHtmlToPdf } from './printBrief';
import { rasterizeSvgsInWindow } from './rasterizeSvgs';

export const PORT_CHANNEL = 'workbench:port';
export const GRANT_CHANNEL = 'workbench:grant-file';

export interface ServiceConnection {
  /** Gives the window's page a fresh port to the service (at each load, so a reload gets one too). */
  connect(win: BrowserWindow): void;
  stop(): void;
}

export function startServiceConnection(opts: {
  entry: string;
  storePath: string;
  /** The app's data folder: its default store is created there on first start. */
  defaultFolder: string;
  user: string;
  env: NodeJS.ProcessEnv;
  isTrustedSender: (e: IpcMainInvokeEvent) => boolean;
  onFatal: (message: string) => void;
}): ServiceConnection {
  const child: UtilityProcess = utilityProcess.fork(opts.entry, [], { serviceName: 'Plan Workbench service', env: opts.env, stdio: 'inherit' });
  const send = (m: ToServiceProcess, ports?: Electron.MessagePortMain[]) => child.postMessage(m, ports);
  let ready = false;
  const waiting: BrowserWindow[] = [];

  const givePort = (win: BrowserWindow) => {
    const { port1, port2 } = new MessageChannelMain();
    send({ type: 'port' }, [port1]);
    win.webContents.postMessage(PORT_CHANNEL, null, [port2]);
  };

  child.on('message', (m: FromServiceProcess) => {
    if (m.type === 'ready') {
      ready = true;
      for (const w of waiting.splice(0)) if (!w.isDestroyed()) givePort(w);
    } else if (m.type === 'fatal') opts.onFatal(m.error.message);
    else if (m.type === 'hostRequest') {
      const work: Promise<unknown> =
        m.kind === 'printPdf' ? printHtmlToPdf(m.payload as string) : rasterizeSvgsInWindow(m.payload as Parameters<typeof rasterizeSvgsInWindow>[0]);
      work.then(
        (result) => send({ type: 'hostReply', id: m.id, result }),
        (e: unknown) => send({ type: 'hostReply', id: m.id, error: toWireError(e) }),
      );
    }
  });
  child.on('exit', (code) => {
    if (code !== 0) opts.onFatal(`服务进程已退出（代码 ${code}） / The service process stopped (code ${code})`);
  });
  send({ type: 'init', storePath: opts.storePath, defaultFolder: opts.defaultFolder, user: opts.user });

  // The preload reports the path of a file the analyst picked; only then may the service read that path.
  ipcMain.handle(GRANT_CHANNEL, (event, raw: unknown) => {
    if (!opts.isTrustedSender(event)) return { error: { code: 'unauthorized', message: '拒绝来自未知页面的调用 / Call from an unknown frame refused' } };
    try {
      const file = grantableFile(raw);
      send({ type: 'grant', path: file.path });
      return { result: file };
    } catch (e) {
      return { error: toWireError(e) };
    }
  });

  return {
    connect(win) {
      win.webContents.on('did-finish-load', () => {
        if (ready) givePort(win);
        else waiting.push(win);
      });
    },
    stop() {
      ipcMain.removeHandler(GRANT_CHANNEL);
      child.kill();
    },
  };
}
