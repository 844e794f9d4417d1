import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Service } from '../../electron/service/service';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let service: Service;
let shell: WebShell;
let base: string;

beforeAll(async () => {
  dir = makeTmpDir();
  service = openWorkbench(path.join(dir, 'w.sqlite'), 'web', { create: true });
  shell = await startWebShell({ service, rendererDir: path.resolve(import.meta.dirname, '../../dist/renderer') });
  base = `http://127.0.0.1:${shell.port}`;
});
afterAll(async () => {
  await shell.close();
  service.ctx.db.close();
  removeDir(dir);
});

const post = (name: string, body: unknown, token?: string) =>
  fetch(`${base}/api/call/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { 'X-Workbench-Token': token } : {}) }, body: JSON.stringify(body) });

describe('browser shell', () => {
  it('binds 127.0.0.1 and prints a URL carrying the token in the fragment', () => {
    expect(shell.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/);
  });
  it('answers 401 without the token and touches nothing', async () => {
    const targets = (await (await post('listTargets', {}, shell.token)).json()) as { result: { id: number; value: number }[] };
    const first = targets.result[0];
    const r = await post('editTargets', { edits: [{ targetId: first.id, field: 'value', value: 99 }] });
    expect(r.status).toBe(401);
    const wrong = await post('editTargets', { edits: [{ targetId: first.id, field: 'value', value: 99 }] }, 'f'.repeat(48));
    expect(wrong.status).toBe(401);
    const after = (await (await post('listTargets', {}, shell.token)).json()) as { result: { id: number; value: number }[] };
    expect(after.result[0].value).toBe(first.value);
  });
  it('serves the built renderer with a CSP and refuses path traversal and foreign hosts', async () => {
    const r = await fetch(`${base}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(await r.text()).not.toContain(shell.token);
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).status).toBe(404);
    // fetch() may not set Host, so ask with node:http as a rebinding page's request would arrive.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: shell.port, path: '/api/call/listTargets', method: 'POST', headers: { Host: 'evil.test', 'X-Workbench-Token': shell.token } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });
  it('returns 400 with a bilingual message for bad arguments or bad JSON', async () => {
    const r = await post('listTargets', { planId: 'nope' }, shell.token);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/参数不正确.*Invalid arguments/);
    const bad = await fetch(`${base}/api/call/listTargets`, { method: 'POST', headers: { 'X-Workbench-Token': shell.token }, body: '{not json' });
    expect(bad.status).toBe(400);
  });
});
