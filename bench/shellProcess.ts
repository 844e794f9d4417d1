// The built browser shell as its own process, driven over HTTP as the renderer drives it: start it on a store,
// call the contract with the run's token, read the process's resident memory, stop it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { BUILT } from './paths';

export interface ShellProcess {
  /** The page's address with its token (`…/#token=…`), for a browser. */
  url: string;
  pid: number;
  /** One contract call over HTTP; a refused call stops the benchmark with the shell's message. */
  call: (name: string, args?: unknown) => Promise<unknown>;
  /** Resident memory of the whole shell process (its HTTP thread and the service's worker threads), in MB. */
  rssMb: () => number;
  stop: () => Promise<void>;
}

/**
 * The shell on a store that exists (`--db`), or, given `{ dataDir }`, on its default store in that data folder, which
 * the first start creates and seeds: what an analyst's first `npm start` does.
 */
export function startShell(store: string | { dataDir: string }): Promise<ShellProcess> {
  return new Promise((resolve, reject) => {
    const args = typeof store === 'string' ? [BUILT('web'), '--db', store] : [BUILT('web')];
    const env = typeof store === 'string' ? process.env : { ...process.env, PLAN_WORKBENCH_DATA: store.dataDir };
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:(\d+))\/#token=(\w+)/.exec(out);
      if (!m || child.pid === undefined) return;
      const [, base, , token] = m;
      const pid = child.pid;
      resolve({
        url: `${base}/#token=${token}`,
        pid,
        call: async (name, args = {}) => {
          const send = () => fetch(`${base}/api/call/${name}`, { method: 'POST', headers: { 'X-Workbench-Token': token, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
          // A kept-alive connection the server closed as idle just as the request went out fails at once
          // ("other side closed"); a browser sends it again, and so does the benchmark (its calls only read).
          const res = await send().catch((e: unknown) => {
            if ((e as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw e;
            return send();
          });
          const body = (await res.json()) as { result?: unknown; error?: { message: string } };
          if (!res.ok) throw new Error(`${name}: ${res.status} ${body.error?.message ?? ''}`);
          return body.result;
        },
        rssMb: () => {
          const kb = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
          return kb ? Number(kb[1]) / 1024 : NaN;
        },
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.on('exit', (code) => reject(new Error(`shell exited ${code}: ${out}`)));
  });
}
