// The service in worker threads (the browser shell's and the desktop app's service process): calls answer, a long
// import runs beside them without holding them up, progress and store changes are pushed, cancel stops a parse
// midway with nothing written, and files are named by upload or granted path, never read from anywhere else.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../shared/contract/events';
import type { JobStatus } from '../../shared/contract/importCalls';
import { openWorkbench } from '../../electron/openWorkbench';
import { inProcessBackend } from '../../electron/service/host/inProcessBackend';
import { servePort } from '../../electron/service/host/portServer';
import { startThreadedBackend, type ThreadedBackend } from '../../electron/service/host/threadedBackend';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { wideCsv } from '../helpers/wideCsv';

let dir: string;
let uploads: string;
let backend: ThreadedBackend;
const events: ServiceEvent[] = [];

/** Puts text where the browser shell would have streamed an upload; returns the call's file argument. */
function upload(fileName: string, text: string): { fileName: string; uploadId: string } {
  const uploadId = crypto.randomUUID();
  fs.writeFileSync(path.join(uploads, uploadId), text);
  return { fileName, uploadId };
}

function waitForJob(jobId: string, pred: (s: Omit<JobStatus, 'result'>) => boolean): Promise<Omit<JobStatus, 'result'>> {
  return new Promise((resolve) => {
    const seen = events.find((e) => e.type === 'job' && e.status.jobId === jobId && pred(e.status));
    if (seen && seen.type === 'job') return resolve(seen.status);
    const stop = backend.subscribe((e) => {
      if (e.type === 'job' && e.status.jobId === jobId && pred(e.status)) {
        stop();
        resolve(e.status);
      }
    });
  });
}

beforeAll(async () => {
  dir = makeTmpDir();
  uploads = path.join(dir, 'uploads');
  fs.mkdirSync(uploads);
  backend = await startThreadedBackend({ storePath: path.join(dir, 'w.sqlite'), shell: 'web', user: 'tester', uploadsDir: uploads, create: true });
  backend.subscribe((e) => events.push(e));
}, 120_000);
afterAll(async () => {
  await backend.close();
  removeDir(dir);
});

describe('service in worker threads', () => {
  it('answers calls and refuses unknown calls and bad arguments with a message', async () => {
    const targets = (await backend.call('listTargets', {})) as unknown[];
    expect(targets.length).toBeGreaterThan(100);
    await expect(backend.call('noSuchCall', {})).rejects.toThrow(/未知的调用|Unknown call/);
    await expect(backend.call('editTargets', { edits: 'x' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(backend.call('jobStatus', { jobId: '../../x' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('pushes a change event when a call writes to the store, and none for a read', async () => {
    const [first] = (await backend.call('listTargets', {})) as { id: number }[];
    const before = events.length;
    await backend.call('listTargets', {});
    expect(events.slice(before).filter((e) => e.type === 'changed')).toEqual([]);
    await backend.call('editTargets', { edits: [{ targetId: first.id, field: 'notes', value: '线程测试' }] });
    expect(events.slice(before)).toContainEqual({ type: 'changed', by: 'editTargets' });
  });

  it('keeps answering listTargets while a large import runs, and pushes its progress', async () => {
    const file = upload('large.csv', wideCsv(4000, 40));
    const { jobId } = (await backend.call('startImport', { action: 'commit', file })) as { jobId: string };
    let answeredDuringImport = 0;
    let status = (await backend.call('jobStatus', { jobId })) as JobStatus;
    while (!status.done) {
      const targets = (await backend.call('listTargets', {})) as unknown[];
      status = (await backend.call('jobStatus', { jobId })) as JobStatus;
      // Counted only when the import was still running after the answer came back.
      if (!status.done && targets.length > 0) answeredDuringImport++;
    }
    expect(status.phase).toBe('done');
    expect(answeredDuringImport).toBeGreaterThan(0);
    const phases = new Set(events.filter((e) => e.type === 'job' && e.status.jobId === jobId).map((e) => (e.type === 'job' ? e.status.phase : '')));
    expect(phases).toContain('parsing');
    expect(phases).toContain('done');
    expect(events).toContainEqual({ type: 'changed', by: 'startImport' });
    const commit = status.result?.action === 'commit' ? status.result.commit : null;
    expect(commit?.observationCount).toBe(160_000);
    const series = (await backend.call('listSeries', {})) as unknown[];
    expect(series.length).toBe(4000);
  }, 180_000);

  it('cancel stops a parse midway and writes nothing', async () => {
    const batchesBefore = ((await backend.call('listBatches', {})) as unknown[]).length;
    const file = upload('cancelled.csv', wideCsv(6000, 50));
    const { jobId } = (await backend.call('startImport', { action: 'commit', file })) as { jobId: string };
    await waitForJob(jobId, (s) => s.phase === 'reading' || s.phase === 'parsing');
    const cancelled = (await backend.call('cancelJob', { jobId })) as JobStatus;
    expect(cancelled).toMatchObject({ phase: 'cancelled', done: true });
    expect(((await backend.call('jobStatus', { jobId })) as JobStatus).phase).toBe('cancelled');
    expect(((await backend.call('listBatches', {})) as unknown[]).length).toBe(batchesBefore);
    // The service still answers after the job's thread was stopped.
    expect(((await backend.call('listTargets', {})) as unknown[]).length).toBeGreaterThan(100);
  }, 180_000);

  it('reads files only as uploads here: a path is refused, an unknown upload is not found', async () => {
    const csv = path.join(dir, 'by-path.csv');
    fs.writeFileSync(csv, wideCsv(2, 3));
    await expect(backend.call('previewImport', { file: { fileName: 'by-path.csv', path: csv } })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(backend.call('previewImport', { file: { fileName: 'x.csv', uploadId: crypto.randomUUID() } })).rejects.toMatchObject({ code: 'not_found' });
    const preview = (await backend.call('previewImport', { file: upload('small.csv', wideCsv(2, 3)) })) as { totals: { observationCount: number } };
    expect(preview.totals.observationCount).toBe(6);
  });

  it('reads a path once the desktop app granted it', async () => {
    const electronDir = path.join(dir, 'electron');
    fs.mkdirSync(electronDir);
    const desk = await startThreadedBackend({ storePath: path.join(electronDir, 'd.sqlite'), shell: 'electron', user: 'tester', create: true });
    try {
      const csv = path.join(electronDir, 'picked.csv');
      fs.writeFileSync(csv, wideCsv(3, 2));
      await expect(desk.call('previewImport', { file: { fileName: 'picked.csv', path: csv } })).rejects.toMatchObject({ code: 'unauthorized' });
      desk.grant(csv);
      const preview = (await desk.call('previewImport', { file: { fileName: 'picked.csv', path: csv } })) as { totals: { observationCount: number } };
      expect(preview.totals.observationCount).toBe(6);
    } finally {
      await desk.close();
    }
  }, 120_000);
});

describe('the contract over a message port', () => {
  it('answers requests on the port and pushes events on it', async () => {
    const portDir = makeTmpDir();
    const service = openWorkbench(path.join(portDir, 'p.sqlite'), 'electron', { create: true });
    const { port1, port2 } = new MessageChannel();
    servePort(port1, inProcessBackend(service), { electronEvents: false });
    const received: unknown[] = [];
    port2.on('message', (m) => received.push(m));
    const reply = (id: number) =>
      new Promise<{ result?: unknown; error?: { code: string } }>((resolve) => {
        const check = () => {
          const r = received.find((m) => (m as { type: string; id?: number }).type === 'reply' && (m as { id: number }).id === id);
          if (r) resolve(r as never);
          else setTimeout(check, 5);
        };
        check();
      });
    port2.postMessage({ type: 'call', id: 1, name: 'knownUnits', args: {} });
    expect((await reply(1)).result).toContain('%');
    port2.postMessage({ type: 'call', id: 2, name: 'knownUnits', args: { junk: 1 } });
    expect((await reply(2)).error?.code).toBe('bad_request');
    port2.postMessage({ type: 'nonsense' });
    const [t] = service.handlers.listTargets({}) as { id: number }[];
    port2.postMessage({ type: 'call', id: 3, name: 'editTargets', args: { edits: [{ targetId: t.id, field: 'notes', value: '端口' }] } });
    await reply(3);
    expect(received).toContainEqual({ type: 'event', event: { type: 'changed', by: 'editTargets' } });
    port1.close();
    service.ctx.db.close();
    removeDir(portDir);
  });
});
