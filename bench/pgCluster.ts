// The PostgreSQL server the benchmarks measure: WORKBENCH_BENCH_PG (an admin URL such as
// postgres://postgres@127.0.0.1:5432/postgres) when set; otherwise a throwaway cluster of its own (initdb +
// pg_ctl in a temporary folder, run as the `postgres` account when the bench runs as root, on 127.0.0.1 and a
// free port), stopped and removed afterwards. When neither is possible the bench says why, and prints the
// SQLite figures alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface BenchServer {
  /** The admin URL (any database on the server is reached by changing its path). */
  adminUrl: string;
  /** How the server was found, for the report: the variable, or the throwaway cluster's folder. */
  origin: string;
  /** A fresh empty database; its URL. */
  createDatabase(prefix: string): Promise<{ name: string; url: string }>;
  dropDatabase(name: string): Promise<void>;
  /** Stops the throwaway cluster (nothing for a given server). */
  stop(): void;
}

export type ServerAnswer = { server: BenchServer } | { missing: string };

const PG_BIN_CANDIDATES = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];

function pgBin(): string | null {
  for (const dir of PG_BIN_CANDIDATES) if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  try {
    return path.dirname(execFileSync('which', ['initdb'], { encoding: 'utf8' }).trim()) || null;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` account. */
function asServerAccount(program: string, args: string[]): { cmd: string; args: string[] } {
  if (process.getuid?.() !== 0) return { cmd: program, args };
  return { cmd: 'runuser', args: ['-u', 'postgres', '--', program, ...args] };
}

function run(program: string, args: string[]): void {
  const c = asServerAccount(program, args);
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${path.basename(program)} ${r.error?.message ?? ''}${r.stderr || r.stdout}`.trim());
}

function withDatabase(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

function serverAt(adminUrl: string, origin: string, stop: () => void): BenchServer {
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  return {
    adminUrl,
    origin,
    async createDatabase(prefix) {
      const name = `${prefix}_${randomBytes(4).toString('hex')}`;
      await admin(`CREATE DATABASE ${name}`);
      return { name, url: withDatabase(adminUrl, name) };
    },
    async dropDatabase(name) {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
    stop,
  };
}

async function startThrowaway(): Promise<ServerAnswer> {
  const bin = pgBin();
  if (!bin) return { missing: '未找到 PostgreSQL 程序（initdb），请安装 postgresql 或设置 WORKBENCH_BENCH_PG / PostgreSQL programs (initdb) not found: install postgresql or set WORKBENCH_BENCH_PG' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-pg-'));
  const data = path.join(dir, 'data');
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', dir]);
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale']);
    const port = await freePort();
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`;
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    const stop = () => {
      try {
        run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        cleanup();
      }
    };
    return { server: serverAt(`postgres://postgres@127.0.0.1:${port}/postgres`, `throwaway cluster (${bin}, 127.0.0.1:${port})`, stop) };
  } catch (e) {
    cleanup();
    return { missing: `无法启动临时 PostgreSQL 集群 / Could not start a throwaway PostgreSQL cluster: ${(e as Error).message.slice(0, 400)}` };
  }
}

/** The server to measure, or why there is none. */
export async function benchServer(): Promise<ServerAnswer> {
  const given = process.env.WORKBENCH_BENCH_PG;
  if (!given) return startThrowaway();
  try {
    const c = new pg.Client({ connectionString: given });
    await c.connect();
    await c.end();
  } catch (e) {
    return { missing: `WORKBENCH_BENCH_PG 无法连接 / WORKBENCH_BENCH_PG cannot be reached: ${(e as Error).message}` };
  }
  return { server: serverAt(given, 'WORKBENCH_BENCH_PG', () => {}) };
}

/** Runs `fn` with the server (stopping a throwaway one afterwards), or prints why there is none. */
export async function withBenchServer(fn: (server: BenchServer) => Promise<void>): Promise<void> {
  const answer = await benchServer();
  if ('missing' in answer) {
    process.stdout.write(`  PostgreSQL: 无数据 / no figures — ${answer.missing}\n`);
    return;
  }
  process.stdout.write(`  PostgreSQL server: ${answer.server.origin}\n`);
  try {
    await fn(answer.server);
  } finally {
    answer.server.stop();
  }
}
