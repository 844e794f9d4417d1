// The series list and `series --json` read the observations in grouped scans (one row per series); what they
// give must be exactly what the row-by-row reading gave before, on both engines, for a store with revisions
// (three vintages of one period), an undone batch, a series without observations and awkward numbers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seriesCommand, seriesJson } from '../../electron/cli/commands/series';
import type { CliContext } from '../../electron/cli/context';
import { commitImport, listSeries, undoImportBatch } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import type { Service } from '../../electron/service/service';
import type { Store } from '../../electron/store/openStore';
import { listSeriesWithValues } from '../../electron/store/seriesDataRepo';
import { listBefore, seriesJsonBefore } from '../helpers/seriesJsonBefore';
import { ENGINES, freshService, type StorePlace } from '../helpers/stores';
import { sha256 } from './helpers/importStore';

/** A statistics file in the NBS wide layout: one row per indicator, newest month first. */
function csv(periods: string[], rows: [string, ...number[]][]): Uint8Array {
  return new Uint8Array(Buffer.from(['地区：内蒙古自治区', ['指标', ...periods].join(','), ...rows.map((r) => r.join(','))].join('\n'), 'utf8'));
}

async function importFile(db: Store, name: string, bytes: Uint8Array) {
  return commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false });
}

async function seriesJsonNow(service: Service): Promise<string> {
  let out = '';
  const ctx = {
    out: (t: string) => (out += `${t}\n`),
    err: (t: string) => {
      throw new Error(t);
    },
    positionals: [],
    flags: new Map([['json', true]]),
    dbPath: service.ctx.storePath,
    service: () => service,
    flag: () => undefined,
    has: (n: string) => n === 'json',
  } satisfies CliContext;
  expect(await seriesCommand.run(ctx)).toBe(0);
  return out;
}

describe.each(ENGINES)('series list and series --json from grouped scans, on %s', (engine) => {
  let place: StorePlace & { service: Service };
  let db: Store;
  beforeEach(async () => {
    place = await freshService(engine, 'cli', 'series_list_scan');
    db = place.service.ctx.db;
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('gives the same list and the same JSON as the row-by-row reading', async () => {
    // Kept per connection and brought up to date after each change: after every step the same as counted afresh.
    const sameList = () => expect(listSeries(db)).toEqual(listBefore(db));
    const others: [string, ...number[]][] = Array.from({ length: 9 }, (_, i) => [`其他指标${i}当期值(万吨)`, i, i + 1]);
    // Natural order among numbered names (产量2 before 产量10), revisions, a later batch adding a month.
    await importFile(db, 'a.csv', csv(['2025年3月', '2025年2月'], [['产量10累计值(万吨)', 30, 20], ['产量2累计值(万吨)', 300, 200], ['产量1当期值(万吨)', 3, 2], ...others]));
    sameList();
    // Two of twelve series written: the list reads the counts the commit kept, no observation is counted.
    await importFile(db, 'b.csv', csv(['2025年3月', '2025年2月', '2025年1月'], [['产量2累计值(万吨)', 301, 200, 100], ['产量10累计值(万吨)', 30, 20, 10]]));
    const prepare = vi.spyOn(db, 'prepare');
    sameList();
    const listSql = prepare.mock.calls.map(([sql]) => sql).filter((sql) => sql.includes('COUNT(DISTINCT period)'));
    expect(listSql).toEqual([]);
    prepare.mockRestore();
    // An undone batch: its series and rows are gone, its batch is kept as undone.
    const c = await importFile(db, 'c.csv', csv(['2025年3月'], [['产量3当期值(万吨)', 7], ['产量1当期值(万吨)', 4]]));
    sameList();
    undoImportBatch(db, c.batchId!);
    sameList();
    // A third vintage of 2025-03, after the undone batch.
    await importFile(db, 'd.csv', csv(['2025年3月', '2025年2月'], [['产量2累计值(万吨)', 302, 201]]));
    sameList();
    // A series without observations, and numbers whose text is easy to get wrong.
    db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES ('产量0', '产量0当期值(万吨)', '万吨', 'monthly', 'monthly', '')").run();
    sameList();
    const ids = db.prepare('SELECT id FROM observations ORDER BY id').pluck().all() as number[];
    const awkward = [0.1 + 0.2, 1e21, 5e-324, -0, 1 / 3, -1.5e-7, 123456.789];
    awkward.forEach((v, i) => db.prepare('UPDATE observations SET value = ? WHERE id = ?').run(v, ids[i]));

    const before = listBefore(db);
    expect(before.map((s) => s.name).filter((n) => n.startsWith('产量'))).toEqual(['产量0', '产量1', '产量2', '产量10']);
    expect(before.find((s) => s.name === '产量2')).toMatchObject({ observationCount: 3, firstPeriod: '2025-01', lastPeriod: '2025-03' });
    expect(before.find((s) => s.name === '产量0')).toMatchObject({ observationCount: 0, firstPeriod: null, lastPeriod: null, lastBatchId: null });
    expect(listSeries(db)).toEqual(before);

    const json = await seriesJsonNow(place.service);
    expect(json).toBe(seriesJsonBefore(db));
    const parsed = JSON.parse(json) as { name: string; observations: { period: string; value: number }[] }[];
    expect(parsed.find((s) => s.name === '产量2')!.observations.map((o) => o.period)).toEqual(['2025-01', '2025-02', '2025-03']);

    // The service's list with values reads the same columns.
    const withValues = listSeriesWithValues(db, listSeries(db));
    expect(withValues.map((s) => seriesJson(s, s.values))).toEqual(JSON.parse(seriesJsonBefore(db)));
  });

  it('writes an empty array for a store without series', async () => {
    db.prepare('DELETE FROM series').run();
    expect(await seriesJsonNow(place.service)).toBe('[]\n');
    expect(listSeries(db)).toEqual([]);
  });
});
