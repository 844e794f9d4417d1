// The hostile corpus, each case both ways: through the CLI (its own process) and through the browser shell (its own
// process, over HTTP). Every case is refused with a message in Chinese and English, the shell stays alive and
// answers the next call, and the store's content is unchanged. Durations are not asserted (the 10 s budget is
// the test's timeout per call, generous for a loaded machine); figures belong in `npm run bench`.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_CORPUS } from '../hostile/corpus';
import { cli, startShell, storeContentHash, type ShellProcess } from '../hostile/processes';
import { makeTmpDir, removeDir } from '../helpers/tmp';

let dir: string;
let db: string;
let shell: ShellProcess;
const files = new Map<string, string>();

beforeAll(async () => {
  dir = makeTmpDir('wb-hostile-');
  db = path.join(dir, 'store.sqlite');
  expect((await cli(['init', '--db', db])).code).toBe(0);
  for (const c of HOSTILE_CORPUS) files.set(c.name, c.make(dir));
  shell = await startShell(db);
}, 300_000);

afterAll(async () => {
  await shell?.stop();
  removeDir(dir);
});

const bilingual = (message: string) => expect(message).toMatch(/[\u4e00-\u9fff][\s\S]* \/ [A-Za-z]/);

describe('hostile corpus through the CLI', () => {
  for (const c of HOSTILE_CORPUS) {
    it(c.name, async () => {
      const before = storeContentHash(db);
      const file = files.get(c.name)!;
      const r = await cli(c.via === 'plan' ? ['plan', 'import', file, '--db', db] : ['import', file, '--db', db]);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(c.message);
      bilingual(r.stderr);
      expect(storeContentHash(db)).toBe(before);
    }, 240_000);
  }
});

describe('hostile corpus through the browser shell', () => {
  for (const c of HOSTILE_CORPUS.filter((x) => !x.cliOnly)) {
    it(c.name, async () => {
      const before = storeContentHash(db);
      const bytes = fs.readFileSync(files.get(c.name)!);
      // As the page sends a file: streamed to the shell first, then named by its upload id in the call.
      const up = await shell.upload(c.fileName, bytes);
      expect(up.status, JSON.stringify(up.body)).toBe(200);
      const file = { fileName: c.fileName, uploadId: up.body.result!.uploadId };
      const r = c.via === 'plan' ? await shell.call('extractPlan', { file }) : await shell.call('previewImport', { file });
      const message = r.body.error?.message ?? '';
      if (c.via === 'import' && r.status === 200) {
        // A preview lists the flagged cells instead of refusing; committing the same file must be refused.
        const commit = await shell.call('commitImport', { file });
        expect(commit.status).toBe(400);
        expect(commit.body.error?.message).toMatch(c.message);
        bilingual(commit.body.error!.message);
      } else {
        expect(r.status).toBe(400);
        expect(message).toMatch(c.message);
        bilingual(message);
      }
      expect(shell.alive()).toBe(true);
      const next = await shell.call('listTargets', {});
      expect(next.status).toBe(200);
      expect(storeContentHash(db)).toBe(before);
    }, 120_000);
  }
});

describe('hostile arguments through the browser shell', () => {
  it('refuses implausible numbers and control characters in edits, invalid base64, and leaves the store as it was', async () => {
    const before = storeContentHash(db);
    const targets = (await shell.call('listTargets', {})).body.result as { id: number; kind: string }[];
    const rate = targets.find((t) => t.kind === 'growth_rate')!;
    for (const edit of [
      { targetId: rate.id, field: 'value', value: 1e308 },
      { targetId: rate.id, field: 'value', value: '1e309' },
      { targetId: rate.id, field: 'value', value: '-1e16' },
      { targetId: rate.id, field: 'notes', value: '备注\u0000隐藏' },
      { targetId: rate.id, field: 'indicator', value: '地区\u202e生产总值' },
    ]) {
      const r = await shell.call('editTargets', { edits: [edit] });
      expect(r.status, JSON.stringify(edit)).toBe(400);
      bilingual(r.body.error!.message);
    }
    const badBase64 = await shell.call('previewImport', { file: { fileName: 'a.csv', dataBase64: 'not base64!!' } });
    expect(badBase64.status).toBe(400);
    expect(badBase64.body.error!.message).toMatch(/base64/);
    expect(storeContentHash(db)).toBe(before);
  });

  it('answers a bad path with 400, an oversize body with 413 before reading it, and sends the security headers', async () => {
    const bad = await fetch(`${shell.base}/%`);
    expect(bad.status).toBe(400);
    const page = await fetch(`${shell.base}/`);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    const http = await import('node:http');
    const url = new URL(shell.base);
    const status = await new Promise<{ code: number; body: string }>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: '/api/call/previewImport', method: 'POST', headers: { Host: url.host, 'X-Workbench-Token': shell.token, 'Content-Type': 'application/json', 'Content-Length': String(400 * 1024 * 1024) } },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (d: string) => (body += d));
          res.on('end', () => resolve({ code: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.write('{"file":');
    });
    expect(status.code).toBe(413);
    expect(status.body).toMatch(/请求过大.*Request too large/);
    expect((await shell.call('listTargets', {})).status).toBe(200);
  });
});
