// The renderer's one way to data: a client that satisfies the contract, over Electron's preload
// bridge when it is there, otherwise over HTTP to the browser shell with the run's token.
import type { CallArgs, CallName, CallResult, WorkbenchClient } from '../../shared/contract';
import type { WireError } from '../../shared/errors';

export class ClientError extends Error {
  constructor(public readonly wire: WireError) {
    super(wire.message);
    this.name = 'ClientError';
  }
}

type Bridge = Record<string, (args: unknown) => Promise<{ result?: unknown; error?: WireError }>>;

function bridgeClient(bridge: Bridge): WorkbenchClient {
  return {
    async call(name, args) {
      const fn = bridge[name];
      if (!fn) throw new ClientError({ code: 'bad_request', message: `未知的调用 / Unknown call ${name}` });
      const reply = await fn(args);
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

function httpClient(token: string): WorkbenchClient {
  return {
    async call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
      let res: Response;
      try {
        res = await fetch(`api/call/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Workbench-Token': token },
          body: JSON.stringify(args ?? {}),
        });
      } catch {
        throw new ClientError({ code: 'internal', message: '无法连接工作台服务，请确认它仍在运行 / Cannot reach the workbench service; is it still running?' });
      }
      const body = (await res.json().catch(() => ({}))) as { result?: unknown; error?: WireError };
      if (!res.ok || body.error) throw new ClientError(body.error ?? { code: 'internal', message: `HTTP ${res.status}` });
      return body.result as CallResult<N>;
    },
  };
}

export function createClient(): WorkbenchClient {
  const bridge = (window as unknown as { workbench?: Bridge }).workbench;
  return bridge ? bridgeClient(bridge) : httpClient(tokenFromLocation());
}
