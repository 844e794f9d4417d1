// The two ways a hostile case reaches the workbench, each as its own process: the CLI, and the browser shell
// (started with `electron/web/main.ts`, talked to over HTTP). Plus a content hash of a store, to show it unchanged.
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The CLI as a child process, without blocking the test's event loop (so a shell in the same test keeps running). */
export function cli(args: string[], timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(tsx, [path.join(root, 'electron/cli/main.ts'), ...args], { cwd: root, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

export interface ShellProcess {
  base: string;
  token: string;
  child: ChildProcess;
  call: (name: string, args: unknown) => Promise<{ status: number; body: { result?: unknown; error?: { code: string; message: string } } }>;
  /** Streams a file to the shell (POST /api/upload), as the page does before a call names it by its upload id. */
  upload: (fileName: string, bytes: Buffer) => Promise<{ status: number; body: { result?: { uploadId: string; fileName: string }; error?: { code: string; message: string } } }>;
  alive: () => boolean;
  stop: () => Promise<void>;
}

/** `npm run web`'s entry on a store, as a separate process; resolves once it prints its URL. */
export function startShell(db: string): Promise<ShellProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, [path.join(root, 'electron/web/main.ts'), '--db', db], { cwd: root, env: { ...process.env, INIT_CWD: root } });
    let out = '';
    let err = '';
    let exited = false;
    child.on('exit', () => (exited = true));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([0-9a-f]+)/.exec(out);
      if (!m) return;
      const [, base, token] = m;
      resolve({
        base,
        token,
        child,
        alive: () => !exited,
        // A new connection per call (no keep-alive): a reused socket the server is just closing after its idle
        // timeout fails the write with EPIPE, which on a loaded machine happens often enough to matter.
        call: (name, args) => post(`/api/call/${name}`, 'application/json', Buffer.from(JSON.stringify(args))),
        upload: (fileName, bytes) => post(`/api/upload?name=${encodeURIComponent(fileName)}`, 'application/octet-stream', bytes) as never,
        stop: () =>
          new Promise<void>((done) => {
            if (exited) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
      function post(pathName: string, type: string, body: Buffer): Promise<{ status: number; body: { result?: unknown; error?: { code: string; message: string } } }> {
        return new Promise((done, fail) => {
            const url = new URL(base);
            const req = http.request(
              { host: url.hostname, port: url.port, path: pathName, method: 'POST', agent: false, headers: { Host: url.host, 'Content-Type': type, 'Content-Length': body.length, 'X-Workbench-Token': token, Connection: 'close' } },
              (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (c: Buffer) => chunks.push(c));
                res.on('end', () => done({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
                res.on('error', fail);
              },
            );
            req.on('error', fail);
            req.end(body);
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`browser shell exited (${code}): ${err}`)));
  });
}

/** A hash of every table's rows: equal before and after means the store's content is unchanged. */
export function storeContentHash(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    const hash = crypto.createHash('sha256');
    for (const t of tables) hash.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).raw().all()));
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
