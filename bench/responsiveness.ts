// Responsiveness while a large import runs: the service lives in worker threads (threadedBackend), so a listTargets
// call must keep answering within 100 ms while 1,000,000 observations are parsed and committed beside it.
// Baseline in the same run: listTargets on the same backend with nothing else running.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobStatus } from '../shared/contract/importCalls';
import { startThreadedBackend } from '../electron/service/host/threadedBackend';
import { wideCsv } from '../tests/helpers/wideCsv';
import { median, printFigure, printHeading, timeIt } from './report';

export async function benchResponsiveness(): Promise<void> {
  printHeading('responsiveness: listTargets while 1,000,000 observations import (service in worker threads)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-bench-resp-'));
  const uploads = path.join(dir, 'uploads');
  fs.mkdirSync(uploads);
  const backend = await startThreadedBackend({ storePath: path.join(dir, 'w.sqlite'), shell: 'web', user: 'bench', uploadsDir: uploads, create: true });
  try {
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push((await timeIt(() => backend.call('listTargets', {}))).ms);
    const uploadId = crypto.randomUUID();
    fs.writeFileSync(path.join(uploads, uploadId), wideCsv(20_000, 50));
    const { value: started } = await timeIt(() => backend.call('startImport', { action: 'commit', file: { fileName: 'bench.csv', uploadId } }));
    const { jobId } = started as { jobId: string };
    const busy: number[] = [];
    let status = (await backend.call('jobStatus', { jobId })) as JobStatus;
    const t0 = performance.now();
    while (!status.done) {
      busy.push((await timeIt(() => backend.call('listTargets', {}))).ms);
      status = (await backend.call('jobStatus', { jobId })) as JobStatus;
      await new Promise((r) => setTimeout(r, 20));
    }
    const importMs = performance.now() - t0;
    if (status.phase !== 'done') throw new Error(`import ${status.phase}: ${status.error?.message ?? ''}`);
    const idleMedian = median(idle);
    printFigure('listTargets, nothing else running (median)', idleMedian);
    printFigure(`listTargets during the import, median of ${busy.length}`, median(busy), idleMedian, 'idle');
    printFigure('listTargets during the import, worst (target < 100 ms)', Math.max(...busy), idleMedian, 'idle');
    printFigure('the import itself (csv, 1,000,000 observations)', importMs);
  } finally {
    await backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
