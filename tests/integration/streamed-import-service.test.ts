// A large .xlsx committed through the service (as every shell reaches it) goes the streamed way
// (electron/import/streamed/): its job reports the read past half way while the rows are already being written (the
// classic import's read stays under half of the job, its sheets' mapping after it), the service answers other
// calls meanwhile and shows none of the import's series before it commits, a cancel midway leaves the store
// exactly as it was, and the same file again (every series stored) falls back to the classic import, which finds
// every value unchanged. SQLite only: the streamed import writes through a second SQLite connection.
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../electron/service/service';
import type { CommitImportResult, JobStatus } from '../../shared/contract/importCalls';
import type { Series } from '../../shared/domain/series';
import { worthStreaming } from '../../electron/import/streamed/streamedImport';
import { storeDump } from './helpers/importStore';
import { freshServiceEachTest } from '../helpers/stores';

const SERIES = 12_000;
const MONTHS = 50;

/** An NBS wide export of SERIES × MONTHS values: over the streamed import's 16 MB of sheet XML. */
function largeWorkbook(): Buffer {
  const months = Array.from({ length: MONTHS }, (_, k) => `${2025 - Math.floor(k / 12)}年${12 - (k % 12)}月`);
  const rows: (string | number)[][] = [['数据库：分省月度数据'], ['地区：示例省'], ['指标', ...months]];
  for (let s = 0; s < SERIES; s++) rows.push([`大表指标${s}当期值(万吨)`, ...months.map((_, k) => Math.round((s * 7.3 + k * 1.1) * 10) / 10)]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '月度');
  return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

describe('a large .xlsx through the service, streamed', () => {
  let service: Service;
  let dir: string;
  // The CLI's service: it reads a file by its path (an inline file may be at most 8 MB).
  freshServiceEachTest('sqlite', 'cli', 'streamed_service', (fresh) => ({ service, dir } = fresh));
  const call = <T>(name: string, args: unknown) => dispatch(service, name, args) as Promise<T>;
  const pause = () => new Promise<void>((r) => setTimeout(r, 5));
  const bytes = largeWorkbook();
  let file: { fileName: string; path: string };
  beforeEach(() => {
    file = { fileName: 'large.xlsx', path: path.join(dir, 'large.xlsx') };
    fs.writeFileSync(file.path, bytes);
  });

  it('is large enough to stream', async () => {
    expect(await worthStreaming(new Uint8Array(bytes))).toBe(true);
    expect(await worthStreaming(new Uint8Array(Buffer.from('not a zip')))).toBe(false);
  });

  it('writes while it reads, answers meanwhile, shows nothing before the commit, and falls back for the same file again', async () => {
    const seriesBefore = (await call<Series[]>('listSeries', {})).length;
    const { jobId } = await call<{ jobId: string }>('startImport', { file, action: 'commit' });
    const phases: JobStatus[] = [];
    let answered = 0;
    let status = await call<JobStatus>('jobStatus', { jobId });
    while (!status.done) {
      phases.push(status);
      if (status.phase === 'reading' && status.fraction > 0.5) {
        // Rows are being written in the import's transaction: no other call sees them before it commits.
        expect((await call<Series[]>('listSeries', {})).length).toBe(seriesBefore);
        expect(((await call<unknown[]>('listTargets', {})).length)).toBeGreaterThan(100);
        answered++;
      }
      await pause();
      status = await call<JobStatus>('jobStatus', { jobId });
    }
    expect(status.phase).toBe('done');
    const commit = status.result?.action === 'commit' ? status.result.commit : null;
    expect(commit).toMatchObject({ observationCount: SERIES * MONTHS, seriesCount: SERIES, unchangedCount: 0 });
    expect(answered).toBeGreaterThan(0);
    // Seen by polling: the read past half way (the streamed import's; the classic read stays under half).
    expect(Math.max(...phases.filter((p) => p.phase === 'reading').map((p) => p.fraction))).toBeGreaterThan(0.5);
    expect((await call<Series[]>('listSeries', {})).length).toBe(seriesBefore + SERIES);

    const again = await call<CommitImportResult>('commitImport', { file });
    expect(again).toMatchObject({ batchId: null, observationCount: 0, unchangedCount: SERIES * MONTHS });
  }, 240_000);

  it('cancelled while it writes, leaves the store exactly as it was', async () => {
    const before = storeDump(service.ctx.db);
    const { jobId } = await call<{ jobId: string }>('startImport', { file, action: 'commit' });
    let status = await call<JobStatus>('jobStatus', { jobId });
    while (!(status.phase === 'reading' && status.fraction > 0.5)) {
      expect(status.done).toBe(false);
      await pause();
      status = await call<JobStatus>('jobStatus', { jobId });
    }
    expect((await call<JobStatus>('cancelJob', { jobId })).phase).toBe('cancelled');
    for (let i = 0; i < 100 && !(await call<JobStatus>('jobStatus', { jobId })).done; i++) await pause();
    // The job's transaction rolled back when its next step saw the cancel; its connection closed.
    await new Promise<void>((r) => setTimeout(r, 200));
    expect((await call<JobStatus>('jobStatus', { jobId })).phase).toBe('cancelled');
    expect(storeDump(service.ctx.db)).toBe(before);
  }, 240_000);
});
