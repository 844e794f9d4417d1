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
  it('streams an upload to a temporary file and reads it by its id, never as base64 in JSON', async () => {
    const csv = '指标,2025年2月,2025年1月\n测试上传当期值(万吨),1.5,2.5\n';
    const up = await fetch(`${base}/api/upload?name=${encodeURIComponent('上传.csv')}`, { method: 'POST', headers: { 'X-Workbench-Token': shell.token }, body: csv });
    expect(up.status).toBe(200);
    const { result } = (await up.json()) as { result: { uploadId: string; fileName: string; size: number } };
    expect(result).toMatchObject({ fileName: '上传.csv', size: Buffer.byteLength(csv) });
    const preview = await post('previewImport', { file: { fileName: result.fileName, uploadId: result.uploadId } }, shell.token);
    expect(((await preview.json()) as { result: { totals: { observationCount: number } } }).result.totals.observationCount).toBe(2);
    const noToken = await fetch(`${base}/api/upload?name=x.csv`, { method: 'POST', body: csv });
    expect(noToken.status).toBe(401);
    const badName = await fetch(`${base}/api/upload?name=${encodeURIComponent('../x')}`, { method: 'POST', headers: { 'X-Workbench-Token': shell.token }, body: csv });
    expect(badName.status).toBe(400);
  });
  it('answers 413 with a message for an upload over the limit, before reading it', async () => {
    const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, path: '/api/upload?name=big.xlsx', method: 'POST', headers: { 'X-Workbench-Token': shell.token, 'Content-Length': String(300 * 1024 * 1024) } },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('x');
      req.end();
    });
    expect(status.code).toBe(413);
    expect(status.body).toMatch(/文件过大.*File too large/);
  });
  it('pushes store changes on the event stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events`, { headers: { 'X-Workbench-Token': shell.token }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const targets = (await (await post('listTargets', {}, shell.token)).json()) as { result: { id: number }[] };
    await post('editTargets', { edits: [{ targetId: targets.result[0].id, field: 'notes', value: '事件' }] }, shell.token);
    let text = '';
    while (!text.includes('"changed"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
    expect(text).toContain('data: {"type":"changed","by":"editTargets"}');
    controller.abort();
    const unauth = await fetch(`${base}/api/events`);
    expect(unauth.status).toBe(401);
  });
});
