// The renderer's one way to data: a client that satisfies the contract, over the desktop app's bridge (a
// MessagePort to the service process) when it is there, otherwise over HTTP to the browser shell with the run's
// token. Besides calls, the same transport carries files (as references, never as bytes in JSON) and the events the
// service pushes (job progress, store changes).
import type { CallArgs, CallName, CallResult, FileInput, ServiceEvent, WorkbenchClient } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import { setTransport } from './transport';

export class ClientError extends Error {
  constructor(public readonly wire: WireError) {
    super(wire.message);
    this.name = 'ClientError';
  }
}

type Reply = { result?: unknown; error?: WireError };
/** What the desktop app's preload exposes (electron/main/preload.ts). */
interface Bridge {
  call(name: string, args: unknown): Promise<Reply>;
  onEvent(listener: (event: ServiceEvent) => void): () => void;
  fileInput(file: File): Promise<Reply>;
}

function bridgeClient(bridge: Bridge): WorkbenchClient {
  setTransport({
    subscribe: (listener) => bridge.onEvent(listener),
    fileInput: async (file) => {
      const reply = await bridge.fileInput(file);
      if (reply.error) throw new ClientError(reply.error);
      return reply.result as FileInput;
    },
  });
  return {
    async call(name, args) {
      const reply = await bridge.call(name, args);
      if (reply.error) throw new ClientError(reply.error);
      return reply.result as never;
    },
  };
}

function tokenFromLocation(): string {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('workbench-token', fromHash);
    return fromHash;
  }
  return sessionStorage.getItem('workbench-token') ?? '';
}

const unreachable = () => new ClientError({ code: 'internal', message: '无法连接工作台服务，请确认它仍在运行 / Cannot reach the workbench service; is it still running?' });

async function replyOf(res: Response): Promise<unknown> {
  const body = (await res.json().catch(() => ({}))) as Reply;
  if (!res.ok || body.error) throw new ClientError(body.error ?? { code: 'internal', message: `HTTP ${res.status}` });
  return body.result;
}

/** POSTs to the shell with the token; a shell that cannot be reached is the one ClientError that says so. */
async function post(path: string, token: string, contentType: string, body: BodyInit): Promise<Response> {
  try {
    return await fetch(path, { method: 'POST', headers: { 'Content-Type': contentType, 'X-Workbench-Token': token }, body });
  } catch {
    throw unreachable();
  }
}

/** Reads the shell's server-sent event stream with fetch (so the token goes in a header), reconnecting after a drop. */
function eventStream(token: string, emit: (event: ServiceEvent) => void): void {
  const RETRY_MS = 2000;
  let connectedBefore = false;
  const connect = async () => {
    try {
      const res = await fetch('api/events', { headers: { 'X-Workbench-Token': token } });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      // Back after a drop: changes made meanwhile were not heard, so the views reload once.
      if (connectedBefore) emit({ type: 'changed', by: 'reconnect' });
      connectedBefore = true;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (data) emit(JSON.parse(data) as ServiceEvent);
        }
      }
    } catch {
      // The shell went away or restarted: try again shortly.
    }
    setTimeout(() => void connect(), RETRY_MS);
  };
  void connect();
}

function httpClient(token: string): WorkbenchClient {
  const listeners = new Set<(event: ServiceEvent) => void>();
  let streaming = false;
  setTransport({
    subscribe(listener) {
      listeners.add(listener);
      if (!streaming) {
        streaming = true;
        eventStream(token, (event) => listeners.forEach((l) => l(event)));
      }
      return () => listeners.delete(listener);
    },
    async fileInput(file) {
      const res = await post(`api/upload?name=${encodeURIComponent(file.name)}`, token, 'application/octet-stream', file);
      const uploaded = (await replyOf(res)) as { uploadId: string; fileName: string };
      return { fileName: uploaded.fileName, uploadId: uploaded.uploadId };
    },
  });
  return {
    async call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
      const res = await post(`api/call/${name}`, token, 'application/json', JSON.stringify(args ?? {}));
      return (await replyOf(res)) as CallResult<N>;
    },
  };
}

/**
 * Sends calls in one request, one promise per call in their order, each settling as that call's own would (its
 * result, or a ClientError with the service's message).
 */
export type CallBatch = (calls: readonly (readonly [string, unknown])[]) => Promise<unknown>[];

/** The browser shell's first-screen batch (POST api/first-screen, electron/web/firstScreenBatch.ts). */
function httpFirstScreenBatch(token: string): CallBatch {
  return (calls) => {
    const replies = (async () => {
      const res = await post('api/first-screen', token, 'application/json', JSON.stringify(calls));
      const body = (await res.json().catch(() => ({}))) as Reply[] | Reply;
      if (!res.ok || !Array.isArray(body) || body.length !== calls.length) {
        const error = Array.isArray(body) ? undefined : body.error;
        throw new ClientError(error ?? { code: 'internal', message: `HTTP ${res.status}` });
      }
      return body;
    })();
    return calls.map(async (_call, i) => {
      const reply = (await replies)[i];
      if (reply.error) throw new ClientError(reply.error);
      return reply.result;
    });
  };
}

/**
 * The first screen's calls in one round trip where the transport has a connection limit (the browser shell: Chromium
 * opens six connections to it, and the page's chunks hold most of them at start). Null in the desktop app, whose
 * bridge has no such limit: each call goes on its own there.
 */
export function createFirstScreenBatch(): CallBatch | null {
  const bridge = (window as unknown as { workbench?: Bridge }).workbench;
  return bridge ? null : httpFirstScreenBatch(tokenFromLocation());
}

export function createClient(): WorkbenchClient {
  const bridge = (window as unknown as { workbench?: Bridge }).workbench;
  return bridge ? bridgeClient(bridge) : httpClient(tokenFromLocation());
}
