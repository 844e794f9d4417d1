// The browser shell: serves the built renderer and the contract over HTTP on 127.0.0.1 only.
// Every API call must carry the per-run token (header X-Workbench-Token); without it: 401, nothing touched.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { MAX_FILE_BYTES } from '../../shared/contract/fileLimits';
import type { ServiceEvent } from '../../shared/contract/events';
import { toWireError, WorkbenchError } from '../../shared/errors';
import type { ServiceBackend } from '../service/host/backend';
import type { Service } from '../service/service';
import { receiveUpload } from './upload';
import { resultReply } from './resultReply';
import { answerFirstScreenBatch, firstScreenBatchCalls } from './firstScreenBatch';
import { reportError } from '../log';

/** Largest JSON body of a call (files do not travel in it: they are uploaded first, POST /api/upload). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** A comment line on the event stream this often keeps proxies and the browser from closing it. */
const EVENT_KEEPALIVE_MS = 15_000;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** Sent with every answer: no referrer leaves the app (the URL fragment carries the token), no opener shared. */
const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

export interface WebShell {
  url: string;
  port: number;
  token: string;
  close: () => Promise<void>;
}

export interface WebShellOptions {
  /** The service in this thread (tests), or a backend (the browser shell runs the service in worker threads). */
  service?: Service;
  backend?: ServiceBackend;
  rendererDir: string;
  port?: number;
  token?: string;
}

/** A request body over the limit: answered 413 with this message, before (or instead of) reading the rest. */
class BodyTooLarge extends WorkbenchError {
  constructor() {
    super('bad_request', `请求过大（上限 ${MAX_BODY_BYTES / 1024 / 1024} MB） / Request too large (limit ${MAX_BODY_BYTES / 1024 / 1024} MB)`);
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Content-Length first: a declared oversize body is refused without reading a byte of it.
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        // Streamed without a length: stop keeping it, drain the rest so the 413 reaches the client.
        refused = true;
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** The static path, or null when it is not valid percent-encoding (`/%`): a 400, not a 500. */
function decodedPath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS });
  res.end(text);
}

/** A request body that could not be read as the call's JSON: its own refusal, else "not valid JSON". */
function badRequestBody(e: unknown) {
  return toWireError(e instanceof WorkbenchError ? e : new WorkbenchError('bad_request', '请求不是有效的 JSON / The request body is not valid JSON'));
}

/** A JSON body already written as bytes, with the headers of every answer. */
function sendBytes(res: http.ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...SECURITY_HEADERS, 'Content-Length': body.length });
  res.end(body);
}

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export async function startWebShell(opts: WebShellOptions): Promise<WebShell> {
  const token = opts.token ?? crypto.randomBytes(24).toString('hex');
  const indexPath = path.join(opts.rendererDir, 'index.html');
  if (!fs.existsSync(indexPath)) {
    throw new WorkbenchError('internal', `界面尚未构建：缺少 ${indexPath}，请先运行 npm run build:renderer / The renderer is not built: ${indexPath} is missing; run npm run build:renderer`);
  }
  const root = path.resolve(opts.rendererDir);
  let port = 0;
  // Uploaded files live in a folder of this run, removed when the shell closes.
  const ownUploads = opts.backend?.uploadsDir === undefined;
  const uploadsDir = opts.backend?.uploadsDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'plan-workbench-uploads-'));
  let backend: ServiceBackend;
  if (opts.backend) backend = opts.backend;
  // Loaded only here: the browser shell itself runs the service in worker threads and never needs it.
  else if (opts.service) backend = (await import('../service/host/inProcessBackend')).inProcessBackend(opts.service, { uploadsDir });
  else throw new WorkbenchError('internal', 'startWebShell needs a service or a backend');
  const streams = new Set<http.ServerResponse>();

  const server = http.createServer(async (req, res) => {
    try {
      // Refuse other Host names: a page on another site cannot reach us through DNS rebinding.
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
        sendJson(res, 403, { error: { code: 'unauthorized', message: '拒绝的主机名 / Host not allowed' } });
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      if (url.pathname.startsWith('/api/')) {
        const given = req.headers['x-workbench-token'];
        if (typeof given !== 'string' || !tokensEqual(given, token)) {
          sendJson(res, 401, { error: { code: 'unauthorized', message: '缺少或错误的访问令牌 / Missing or wrong access token' } });
          return;
        }
        if (url.pathname === '/api/events' && req.method === 'GET') {
          openEventStream(res);
          return;
        }
        if (url.pathname === '/api/upload' && req.method === 'POST') {
          try {
            sendJson(res, 200, { result: await receiveUpload(req, uploadsDir, url.searchParams.get('name') ?? '', MAX_FILE_BYTES) });
          } catch (e) {
            const wire = toWireError(e);
            sendJson(res, wire.code === 'too_large' ? 413 : wire.code === 'bad_request' ? 400 : 500, { error: wire });
          }
          return;
        }
        if (url.pathname === '/api/first-screen' && req.method === 'POST') {
          let calls: ReturnType<typeof firstScreenBatchCalls>;
          try {
            calls = firstScreenBatchCalls(JSON.parse((await readBody(req)).toString('utf8')));
          } catch (e) {
            sendJson(res, 400, { error: badRequestBody(e) });
            return;
          }
          sendBytes(res, await answerFirstScreenBatch(backend, calls));
          return;
        }
        const m = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
        if (!m || req.method !== 'POST') {
          sendJson(res, 404, { error: { code: 'not_found', message: '没有这个接口 / No such endpoint' } });
          return;
        }
        let args: unknown;
        try {
          const body = await readBody(req);
          args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
        } catch (e) {
          if (e instanceof BodyTooLarge) {
            res.setHeader('Connection', 'close');
            sendJson(res, 413, { error: toWireError(e) });
            return;
          }
          sendJson(res, 400, { error: badRequestBody(e) });
          return;
        }
        try {
          sendBytes(res, await resultReply(backend, m[1], args));
        } catch (e) {
          const wire = reportError(`web ${m[1]}`, e);
          sendJson(res, wire.code === 'bad_request' ? 400 : wire.code === 'not_found' ? 404 : wire.code === 'forbidden' ? 403 : 500, { error: wire });
        }
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, SECURITY_HEADERS).end();
        return;
      }
      // Static files of the built renderer. The token is not in them: the page reads it from the
      // URL fragment (#token=…) that the shell prints, which browsers never send to a server.
      const rel = decodedPath(url.pathname === '/' ? '/index.html' : url.pathname);
      if (rel === null || rel.includes('\0')) {
        res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('错误的路径编码 / Bad path encoding');
        return;
      }
      const file = path.resolve(root, '.' + rel);
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Not found');
        return;
      }
      const ext = path.extname(file);
      const body = fs.readFileSync(file);
      res.writeHead(200, {
        'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP,
        ...SECURITY_HEADERS,
        'Cache-Control': ext === '.html' ? 'no-store' : 'max-age=3600',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      if (!res.headersSent) sendJson(res, 500, { error: reportError('web', e) });
    }
  });

  // Server-sent events: job progress and store changes, pushed as they happen (the renderer reads the stream with
  // fetch, so the token travels in a header as for calls).
  function openEventStream(res: http.ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    streams.add(res);
    const send = (event: ServiceEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
    const unsubscribe = backend.subscribe(send);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), EVENT_KEEPALIVE_MS);
    res.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      for (const r of streams) r.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownUploads) fs.rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
