// The import calls through the service (as every shell reaches them): preview, commit, refusal, corrections,
// jobs with progress and cancel (the store unchanged), history, undo, series read-back.
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../electron/service/service';
import { JobRegistry } from '../../electron/service/jobs';
import type { CommitImportResult, ImportPreview, JobStatus, UndoBatchResult } from '../../shared/contract/importCalls';
import type { ImportBatch, Observation, Series } from '../../shared/domain/series';
import { FIXTURES, storeDump, sha256 } from './helpers/importStore';
import { ENGINES, freshServiceEachTest } from '../helpers/stores';

// On both engines: a seeded SQLite file, and a seeded database on the PostgreSQL test server (tests/helpers/stores.ts).
describe.each(ENGINES)('on %s', (engine) => {
  let service: Service;
  freshServiceEachTest(engine, 'web', 'i14copy_import_service', (fresh) => ({ service } = fresh));

  const sampleBytes = fs.readFileSync(path.join(FIXTURES, 'nbs_sample.xls'));
  const sample = { fileName: 'nbs_sample.xls', dataBase64: sampleBytes.toString('base64') };
  const csvFile = (fileName: string, text: string) => ({ fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });
  const BAD_CSV = '指标,2025年6月,2025年5月\n原煤产量当期值(万吨),100,约5\n粗钢产量当期值(万吨),200,210\n';

  const call = <T>(name: string, args: unknown) => dispatch(service, name, args) as Promise<T>;
  const tick = () => new Promise<void>((r) => setImmediate(r));

  async function waitForJob(jobId: string): Promise<JobStatus> {
    // Polled every 10 ms rather than every turn of the event loop: a streamed import waits for its parse thread
    // (electron/import/streamed/), which turns the loop many times while nothing is due here.
    for (let i = 0; i < 6000; i++) {
      const s = await call<JobStatus>('jobStatus', { jobId });
      if (s.done) return s;
      await new Promise<void>((r) => setTimeout(r, 10));
    }
    throw new Error('job did not finish');
  }

  /** A workbook of many wide sheets, so a job has many steps to be cancelled between. */
  function manySheetWorkbook(sheets: number): string {
    const wb = XLSX.utils.book_new();
    for (let i = 0; i < sheets; i++) {
      const rows = [['指标', '2025年6月', '2025年5月'], [`指标${i}当期值(万吨)`, 100 + i, 90 + i]];
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), `S${i}`);
    }
    return Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
  }

  describe('preview', () => {
    it('reports layout, mapping, series, observations and totals of the NBS sample, writing nothing', async () => {
      const before = storeDump(service.ctx.db);
      const p = await call<ImportPreview>('previewImport', { file: sample });
      expect(p.format).toBe('xls');
      expect(p.sheets).toHaveLength(1);
      expect(p.sheets[0]).toMatchObject({ name: 'Sheet1', layout: 'wide', observationCount: 23, problemCount: 0 });
      expect(p.sheets[0].mapping.layout).toBe('wide');
      expect(p.totals).toEqual({ sheetCount: 1, seriesCount: 5, observationCount: 23, problemCount: 0, shownObservations: 23 });
      expect(p.observations).toHaveLength(23);
      expect(p.observations.find((o) => o.cell === 'B5')).toMatchObject({ name: '粗钢产量', unit: '万吨', measure: 'monthly', period: '2025-06', value: 262.9, sourcePeriod: '2025年6月' });
      const steel = p.sheets[0].series.find((s) => s.label === '粗钢产量累计值(万吨)')!;
      expect(steel).toMatchObject({ measure: 'cumulative', row: 5, observationCount: 5 });
      expect(p.heads[0].name).toBe('Sheet1');
      expect(p.heads[0].rows.some((r) => r.includes('2025年6月'))).toBe(true);
      expect(storeDump(service.ctx.db)).toBe(before);
    });

    it('lists every problem cell with its reason', async () => {
      const p = await call<ImportPreview>('previewImport', { file: csvFile('bad.csv', BAD_CSV) });
      expect(p.problems).toEqual([expect.objectContaining({ sheet: 'bad', cell: 'C2', value: '约5', reason: expect.stringMatching(/文字.*text/) })]);
      expect(p.totals).toMatchObject({ observationCount: 3, problemCount: 1 });
    });

    it("applies the analyst's corrections: a row skipped, a unit and measure overridden", async () => {
      const first = await call<ImportPreview>('previewImport', { file: sample });
      const mapping = first.sheets[0].mapping;
      if (mapping.layout === 'long') throw new Error('expected a grid mapping');
      const steelRow = first.sheets[0].series.find((s) => s.label === '粗钢产量当期值(万吨)')!.row!;
      const ppiRow = first.sheets[0].series.find((s) => s.measure === 'index')!.row!;
      const corrected = { ...mapping, rowOverrides: [{ row: steelRow, skip: true }, { row: ppiRow, unit: '上年同期=100' }] };
      const p = await call<ImportPreview>('previewImport', { file: sample, mappings: { Sheet1: corrected } });
      expect(p.totals.observationCount).toBe(19);
      expect(p.observations.some((o) => o.label === '粗钢产量当期值(万吨)')).toBe(false);
      expect(p.sheets[0].series.find((s) => s.measure === 'index')!.unit).toBe('上年同期=100');
    });

    it('derives the mapping again from a header row the analyst names, and refuses one that is no header', async () => {
      const p = await call<ImportPreview>('previewImport', { file: csvFile('bad.csv', BAD_CSV), headerRows: { bad: { headerRow: 0, yearRow: null } } });
      expect(p.totals.observationCount).toBe(3);
      await expect(call('previewImport', { file: csvFile('bad.csv', BAD_CSV), headerRows: { bad: { headerRow: 2, yearRow: null } } })).rejects.toThrow(/第 3 行不是可识别的时期表头/);
    });

    it('refuses bad arguments and bad files at the boundary', async () => {
      await expect(call('previewImport', { file: { fileName: 'x.csv', dataBase64: '@@not base64@@' } })).rejects.toThrow(/base64/);
      await expect(call('previewImport', { file: sample, sheet: 'Nope' })).rejects.toThrow(/找不到工作表/);
      await expect(call('previewImport', { file: sample, extra: 1 })).rejects.toThrow(/Invalid arguments/);
      await expect(call('previewImport', { file: sample, mappings: { Sheet1: { layout: 'pivot' } } })).rejects.toThrow(/Invalid arguments/);
      await expect(call('previewImport', { file: sample, headerRows: { Sheet1: { headerRow: 2, yearRow: 5 } } })).rejects.toThrow(/年份行/);
      await expect(call('previewImport', { file: csvFile('empty.csv', '') })).rejects.toThrow(/文件为空/);
    });
  });

  describe('commit, history and undo', () => {
    it('commits the sample as one batch with the file hash, lists it and reads the series back', async () => {
      const r = await call<CommitImportResult>('commitImport', { file: sample });
      expect(r).toMatchObject({ fileName: 'nbs_sample.xls', seriesCount: 5, observationCount: 23, unchangedCount: 0, skipped: [], skippedSheets: [] });
      expect(r.series.map((s) => s.observationCount).reduce((a, b) => a + b)).toBe(23);
      const batches = await call<ImportBatch[]>('listBatches', {});
      expect(batches).toEqual([expect.objectContaining({ id: r.batchId, fileName: 'nbs_sample.xls', fileHash: sha256(sampleBytes), observationCount: 23, undone: false })]);
      const series = await call<Series[]>('listSeries', {});
      expect(series).toHaveLength(5);
      const cum = series.find((s) => s.label === '粗钢产量累计值(万吨)')!;
      const obs = await call<Observation[]>('seriesObservations', { seriesId: cum.id });
      expect(obs).toHaveLength(5);
      expect(obs.every((o) => o.current && o.source.file === 'nbs_sample.xls' && o.source.sheet === 'Sheet1')).toBe(true);
      await expect(call('seriesObservations', { seriesId: 99_999 })).rejects.toThrow(/不存在/);
    });

    it('refuses a file with a flagged cell as a whole, store unchanged; skipInvalid imports the rest', async () => {
      const before = storeDump(service.ctx.db);
      await expect(call('commitImport', { file: csvFile('bad.csv', BAD_CSV) })).rejects.toThrow(/bad!C2「约5」/);
      expect(storeDump(service.ctx.db)).toBe(before);
      const r = await call<CommitImportResult>('commitImport', { file: csvFile('bad.csv', BAD_CSV), skipInvalid: true });
      expect(r.observationCount).toBe(3);
      expect(r.skipped.map((p) => p.cell)).toEqual(['C2']);
      expect((await call<ImportBatch[]>('listBatches', {}))[0].skippedCount).toBe(1);
    });

    it('keeps earlier vintages, and undo makes them current again', async () => {
      const v1 = '指标,2025年6月,2025年5月\n原煤产量当期值(万吨),100,90\n';
      const v2 = '指标,2025年6月,2025年5月\n原煤产量当期值(万吨),101,90\n';
      await call('commitImport', { file: csvFile('v1.csv', v1) });
      const second = await call<CommitImportResult>('commitImport', { file: csvFile('v2.csv', v2) });
      expect(second).toMatchObject({ observationCount: 1, unchangedCount: 1 });
      const [s] = await call<Series[]>('listSeries', {});
      const all = await call<Observation[]>('seriesObservations', { seriesId: s.id, allVintages: true });
      expect(all.filter((o) => o.period === '2025-06').map((o) => [o.value, o.current, o.source.file])).toEqual([[100, false, 'v1.csv'], [101, true, 'v2.csv']]);
      const undo = await call<UndoBatchResult>('undoBatch', { batchId: second.batchId });
      expect(undo).toEqual({ batchId: second.batchId, removedObservations: 1, removedSeries: 0 });
      const now = await call<Observation[]>('seriesObservations', { seriesId: s.id });
      expect(now.find((o) => o.period === '2025-06')!.value).toBe(100);
      expect((await call<ImportBatch[]>('listBatches', {}))[0].undone).toBe(true);
      await expect(call('undoBatch', { batchId: second.batchId })).rejects.toThrow(/已撤销/);
      await expect(call('undoBatch', { batchId: 4242 })).rejects.toThrow(/不存在/);
    });
  });

  describe('jobs', () => {
    it('runs a preview as a job, with progress rising to done and the result', async () => {
      const { jobId } = await call<{ jobId: string }>('startImport', { file: sample, action: 'preview' });
      const seen: number[] = [];
      let status: JobStatus;
      do {
        status = await call<JobStatus>('jobStatus', { jobId });
        seen.push(status.fraction);
        await tick();
      } while (!status.done);
      expect(status.phase).toBe('done');
      expect(seen.some((f) => f > 0 && f < 1)).toBe(true);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(status.result?.action).toBe('preview');
      if (status.result?.action === 'preview') expect(status.result.preview.totals.observationCount).toBe(23);
    });

    it('commits as a job, and reports a refusal as the job error without writing', async () => {
      const done = await waitForJob((await call<{ jobId: string }>('startImport', { file: sample, action: 'commit' })).jobId);
      expect(done.phase).toBe('done');
      if (done.result?.action !== 'commit') throw new Error('expected a commit result');
      expect(done.result.commit.observationCount).toBe(23);
      const before = storeDump(service.ctx.db);
      const failed = await waitForJob((await call<{ jobId: string }>('startImport', { file: csvFile('bad.csv', BAD_CSV), action: 'commit' })).jobId);
      expect(failed.phase).toBe('failed');
      expect(failed.error?.message).toMatch(/C2/);
      expect(storeDump(service.ctx.db)).toBe(before);
    });

    it('cancelling a commit midway leaves the store exactly as it was', async () => {
      const before = storeDump(service.ctx.db);
      const { jobId } = await call<{ jobId: string }>('startImport', { file: { fileName: 'many.xlsx', dataBase64: manySheetWorkbook(40) }, action: 'commit' });
      let status = await call<JobStatus>('jobStatus', { jobId });
      while (status.phase !== 'parsing') {
        expect(status.done).toBe(false);
        await tick();
        status = await call<JobStatus>('jobStatus', { jobId });
      }
      expect(status.fraction).toBeGreaterThan(0);
      expect(status.fraction).toBeLessThan(0.95);
      const cancelled = await call<JobStatus>('cancelJob', { jobId });
      expect(cancelled).toMatchObject({ phase: 'cancelled', done: true });
      for (let i = 0; i < 50; i++) await tick();
      expect((await call<JobStatus>('jobStatus', { jobId })).phase).toBe('cancelled');
      expect(storeDump(service.ctx.db)).toBe(before);
      // The same file, not cancelled, does import: the cancel was what stopped it.
      const done = await waitForJob((await call<{ jobId: string }>('startImport', { file: { fileName: 'many.xlsx', dataBase64: manySheetWorkbook(40) }, action: 'commit' })).jobId);
      expect(done.result?.action === 'commit' && done.result.commit.seriesCount).toBe(40);
    });

    it('cancelling while a large sheet is still being read stops the read midway, writing nothing', async () => {
      const rows: (string | number)[][] = [['指标', '2025年6月', '2025年5月']];
      for (let i = 0; i < 6000; i++) rows.push([`指标${i}当期值(万吨)`, 100 + i, 90 + i]);
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'S');
      const file = { fileName: 'tall.xlsx', dataBase64: Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64') };
      const before = storeDump(service.ctx.db);
      const { jobId } = await call<{ jobId: string }>('startImport', { file, action: 'commit' });
      let status = await call<JobStatus>('jobStatus', { jobId });
      // The reader yields between batches of rows: a fraction past the start while still reading is midway.
      while (!(status.phase === 'reading' && status.fraction > 0.05)) {
        expect(status.done).toBe(false);
        expect(status.phase === 'queued' || status.phase === 'reading').toBe(true);
        await tick();
        status = await call<JobStatus>('jobStatus', { jobId });
      }
      expect((await call<JobStatus>('cancelJob', { jobId })).phase).toBe('cancelled');
      for (let i = 0; i < 50; i++) await tick();
      expect((await call<JobStatus>('jobStatus', { jobId })).phase).toBe('cancelled');
      expect(storeDump(service.ctx.db)).toBe(before);
    });

    it('cancelling before the job starts does nothing at all; unknown jobs are refused', async () => {
      const before = storeDump(service.ctx.db);
      const { jobId } = await call<{ jobId: string }>('startImport', { file: sample, action: 'commit' });
      await call('cancelJob', { jobId });
      for (let i = 0; i < 20; i++) await tick();
      expect((await call<JobStatus>('jobStatus', { jobId })).phase).toBe('cancelled');
      expect(storeDump(service.ctx.db)).toBe(before);
      await expect(call('jobStatus', { jobId: 'no-such-job' })).rejects.toThrow(/不存在/);
      await expect(call('jobStatus', { jobId: '../../etc' })).rejects.toThrow(/Invalid arguments/);
    });

    it('a finished job keeps its result when cancelled late', async () => {
      const jobs = new JobRegistry();
      const jobId = jobs.start(async (ctl) => {
        await ctl.step('parsing', 0.5);
        return { action: 'commit', commit: { batchId: 7 } as CommitImportResult };
      });
      for (let i = 0; i < 5; i++) await tick();
      expect(jobs.cancel(jobId)).toMatchObject({ phase: 'done', done: true, result: { action: 'commit' } });
    });
  });
});
