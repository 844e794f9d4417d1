// Import batches in the store: one transaction each, the vintage rule, undo, and refusals that change nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../electron/store/openStore';
import { batchDetails, commitImport, listBatches, listSeries, seriesObservations, undoImportBatch } from '../../electron/import/commitImport';
import { ImportFileError, parseStatisticsFile } from '../../electron/import/parseFile';
import type { ParsedFile } from '../../shared/import/mapping';
import { FIXTURES, rowCounts, sha256, storeDump, tempDir } from './helpers/importStore';
import { ENGINES, freshStore, type StorePlace } from '../helpers/stores';

function wideCsv(rows: [string, ...(number | string)[]][], periods = ['2025年3月', '2025年2月']): Uint8Array {
  return new Uint8Array(Buffer.from(['地区：内蒙古自治区', ['指标', ...periods].join(','), ...rows.map((r) => r.join(','))].join('\n'), 'utf8'));
}

async function importBytes(db: Store, bytes: Uint8Array, name: string, skipInvalid = false) {
  return commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid });
}

function current(db: Store, label: string): Record<string, number> {
  const s = listSeries(db).find((x) => x.label === label);
  if (!s) return {};
  return Object.fromEntries(seriesObservations(db, s.id).map((o) => [o.period, o.value]));
}

// On both engines: an empty SQLite file, and an empty database on the PostgreSQL test server (tests/helpers/stores.ts).
describe.each(ENGINES)('on %s', (engine) => {
  let dir: string;
  let place: StorePlace;
  let db: Store;
  beforeEach(async () => {
    dir = tempDir('import-commit');
    place = await freshStore(engine, 'i14copy_import_commit');
    db = (place as StorePlace & { db: Store }).db;
  });
  afterEach(async () => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    await place.remove();
  });

  const COAL = '原煤产量累计值(万吨)';
  const STEEL = '粗钢产量累计值(万吨)';

  describe('vintages', () => {
    it('writes a row only when a value changes, keeps both vintages, and counts the rest as unchanged', async () => {
      const a = await importBytes(db, wideCsv([[COAL, 300, 200], [STEEL, 30, 20]]), 'a.csv');
      expect(a).toMatchObject({ seriesCount: 2, observationCount: 4, unchangedCount: 0 });
      const b = await importBytes(db, wideCsv([[COAL, 301, 200, 100], [STEEL, 30, 20, 10]], ['2025年3月', '2025年2月', '2024年12月']), 'b.csv');
      expect(b).toMatchObject({ seriesCount: 2, observationCount: 3, unchangedCount: 3 });
      expect(current(db, COAL)).toEqual({ '2024-12': 100, '2025-02': 200, '2025-03': 301 });
      const coal = listSeries(db).find((s) => s.label === COAL)!;
      const vintages = seriesObservations(db, coal.id, { allVintages: true }).filter((o) => o.period === '2025-03');
      expect(vintages.map((o) => [o.value, o.batchId, o.vintage, o.current, o.source.file, o.source.cell])).toEqual([
        [300, a.batchId, 1, false, 'a.csv', 'B3'],
        [301, b.batchId, 2, true, 'b.csv', 'B3'],
      ]);
      expect(coal).toMatchObject({ firstPeriod: '2024-12', lastPeriod: '2025-03', observationCount: 3, lastBatchId: b.batchId, region: '内蒙古自治区' });
    });

    it('re-importing the same file finds every value unchanged and writes nothing', async () => {
      const bytes = fs.readFileSync(path.join(FIXTURES, 'nbs_sample.xls'));
      await importBytes(db, bytes, 'nbs_sample.xls');
      const before = storeDump(db);
      const again = await importBytes(db, bytes, 'nbs_sample.xls');
      expect(again).toMatchObject({ batchId: null, observationCount: 0, unchangedCount: 23, seriesCount: 5 });
      expect(again.changes.counts).toEqual({ seriesNew: 0, seriesContinued: 5, observationsNew: 0, observationsUnchanged: 23, observationsRevised: 0 });
      expect(storeDump(db)).toBe(before);
      expect(listBatches(db).map((b) => [b.fileName, b.observationCount, b.undone])).toEqual([['nbs_sample.xls', 23, false]]);
      expect(listBatches(db)[0].fileHash).toBe(sha256(bytes));
    });
  });

  describe('undo', () => {
    it('removes a batch so the earlier values are current again', async () => {
      const a = await importBytes(db, wideCsv([[COAL, 300, 200]]), 'a.csv');
      const b = await importBytes(db, wideCsv([[COAL, 301, 200], [STEEL, 30, 20]]), 'b.csv');
      expect(undoImportBatch(db, b.batchId!)).toEqual({ batchId: b.batchId, removedObservations: 3, removedSeries: 1 });
      expect(current(db, COAL)).toEqual({ '2025-02': 200, '2025-03': 300 });
      expect(listSeries(db).map((s) => s.label)).toEqual([COAL]);
      expect(listBatches(db).find((x) => x.id === b.batchId)!.undone).toBe(true);
      expect(() => undoImportBatch(db, b.batchId!)).toThrow(/已撤销.*already been undone/);
      expect(() => undoImportBatch(db, 999)).toThrow(/不存在.*does not exist/);
      undoImportBatch(db, a.batchId!);
      expect(rowCounts(db)).toEqual({ import_batches: 2, series: 0, observations: 0 });
    });

    it('refuses to undo a batch that a newer one depends on, changing nothing', async () => {
      const a = await importBytes(db, wideCsv([[COAL, 300, 200]]), 'a.csv');
      const b = await importBytes(db, wideCsv([[COAL, 300, 201]]), 'b.csv'); // confirms one of a's values without a row, revises the other
      const before = storeDump(db);
      const e = (() => {
        try {
          undoImportBatch(db, a.batchId!);
        } catch (err) {
          return err as ImportFileError;
        }
        throw new Error('undo was not refused');
      })();
      expect(e.reason).toBe('batch_superseded');
      expect(e.message).toContain(String(b.batchId));
      expect(storeDump(db)).toBe(before);
    });
  });

  describe('refusals leave the store exactly as it was', () => {
    it('refuses a file with flagged cells unless skipInvalid, naming them', async () => {
      await importBytes(db, wideCsv([[COAL, 300, 200]]), 'a.csv');
      const before = storeDump(db);
      const bad = wideCsv([[COAL, 310, '约5'], [STEEL, '12亿', 20]]);
      await expect(importBytes(db, bad, 'bad.csv')).rejects.toThrow(/2 处单元格.*bad!C3「约5」.*\n.*bad!B4「12亿」/s);
      expect(storeDump(db)).toBe(before);
      const ok = await importBytes(db, bad, 'bad.csv', true);
      expect(ok.skipped.map((p) => p.cell)).toEqual(['C3', 'B4']);
      expect(current(db, COAL)).toEqual({ '2025-02': 200, '2025-03': 310 });
      expect(batchDetails(db, ok.batchId!)!.skipped!.map((p) => p.cell)).toEqual(['C3', 'B4']);
    });

    it('rolls back everything when the store rejects a row midway', async () => {
      await importBytes(db, wideCsv([[COAL, 300, 200]]), 'a.csv');
      const before = storeDump(db);
      const counts = rowCounts(db);
      const parsed = await parseStatisticsFile(wideCsv([[COAL, 999, 998], [STEEL, 30, 20]]), 'b.csv');
      // A measure the schema's CHECK refuses (SQLite: "CHECK constraint failed"; PostgreSQL: "violates check constraint"),
      // on the second series: the first series' rows are already written.
      const broken: ParsedFile = { ...parsed, sheets: parsed.sheets.map((s) => ({ ...s, series: s.series.map((x, i) => (i === 1 ? { ...x, measure: 'bogus' as never } : x)) })) };
      expect(() => commitImport(db, broken, { fileName: 'b.csv', fileHash: 'h', skipInvalid: false })).toThrow(/CHECK constraint/i);
      expect(rowCounts(db)).toEqual(counts);
      expect(storeDump(db)).toBe(before);
    });

    it('refuses a file with nothing to import', async () => {
      const before = storeDump(db);
      const parsed = await parseStatisticsFile(wideCsv([[COAL, '约5', 200]]), 'c.csv');
      const onlyBad: ParsedFile = { ...parsed, sheets: parsed.sheets.map((s) => ({ ...s, series: [] })) };
      expect(() => commitImport(db, onlyBad, { fileName: 'c.csv', fileHash: 'h', skipInvalid: true })).toThrow(/没有可导入的数值/);
      expect(storeDump(db)).toBe(before);
    });
  });
});
