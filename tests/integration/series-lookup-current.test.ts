// The import planner's current values (electron/store/seriesLookup.ts): on SQLite read a group of series a row
// each, periods and values as JSON arrays, and a series with a revised period read again from its rows. Every
// series' map must equal the one the rows gave before (copied below: one row per observation in (series, period,
// batch) order, the last of a period winning), entry for entry in the same order and value for value bit for bit,
// on both engines: 1,234 series (groups of 500 and a remainder), revisions, new months, an undone batch, a later
// batch reusing its ids, awkward doubles, series not announced and series without rows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, undoImportBatch } from '../../electron/import/commitImport';
import { insertObservationRows } from '../../electron/import/observationRows';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import type { Store } from '../../electron/store/openStore';
import { LOOKUP_GROUP, seriesLookup } from '../../electron/store/seriesLookup';
import { ENGINES, freshStore, type StorePlace } from '../helpers/stores';
import { wideCsv } from '../helpers/wideCsv';
import { sha256 } from './helpers/importStore';

async function importText(db: Store, name: string, text: string): Promise<number | null> {
  const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
  return commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false }).batchId;
}

/** The current values as the rows gave them before (seriesLookup.ts at 4716442): every series of `ids` at once. */
function currentFromRows(db: Store, ids: readonly number[]): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>(ids.map((id) => [id, new Map()]));
  const rows = db.prepare(`SELECT series_id, period, value FROM observations WHERE series_id IN (${ids.map(() => '?').join(', ')}) ORDER BY series_id, period, batch_id`).raw().all(...ids) as [number, string, number][];
  for (const [id, period, value] of rows) out.get(Number(id))!.set(period, value);
  return out;
}

/** A map's entries in order, each value as its 8 bytes (so -0, 5e-324 and the largest double are told apart). */
function entries(map: ReadonlyMap<string, number>): [string, string][] {
  const bits = new DataView(new ArrayBuffer(8));
  return [...map].map(([period, value]) => {
    bits.setFloat64(0, value);
    return [period, bits.getBigUint64(0).toString(16)];
  });
}

const SERIES = 1234;

describe.each(ENGINES)('the planner\'s current values, on %s', (engine) => {
  let place: StorePlace & { db: Store };
  let db: Store;
  beforeEach(async () => {
    place = await freshStore(engine, 'lookup-current');
    db = place.db;
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('equal the rows\' answer for every series, grouped or alone, after revisions, undo and awkward values', async () => {
    const first = await importText(db, 'a.csv', wideCsv(SERIES, 6));
    // The same series four months later: two new months, the four shared ones revised for every seventh series.
    const later = wideCsv(SERIES, 8).split('\n').map((line, i) => {
      if (i < 4 || !line.startsWith('测试指标')) return line;
      const cells = line.split(',');
      const s = Number(/测试指标(\d+)/.exec(cells[0])![1]);
      return s % 7 === 0 ? [cells[0], ...cells.slice(1).map((v, k) => (k < 4 ? String(Number(v) + 0.5) : v))].join(',') : line;
    });
    const second = await importText(db, 'b.csv', later.join('\n'));
    expect(second).not.toBeNull();
    // A batch undone, then another whose rows take its ids on SQLite.
    const undone = await importText(db, 'c.csv', wideCsv(40, 9));
    undoImportBatch(db, undone!);
    const ids = (db.prepare('SELECT id FROM series ORDER BY id').pluck().all() as unknown[]).map(Number);
    expect(ids).toHaveLength(SERIES);
    // Awkward doubles, and a second vintage of one period in the same batch's rows (a later row, the same batch).
    const awkward = [-0, 5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 0.1 + 0.2, 123456789.123456789, -2.5e-300];
    insertObservationRows(
      db,
      awkward.map((value, k) => ({ seriesId: ids[3 + k], period: `2010-0${k + 1}`, value, batchId: first!, sheet: 'Sheet1', cell: `Z${k}`, label: 'x', sourcePeriod: 'p' })),
    );
    insertObservationRows(db, [{ seriesId: ids[5], period: '2010-03', value: -0, batchId: second!, sheet: 'Sheet1', cell: 'Z99', label: 'x', sourcePeriod: 'p' }]);
    // A series without rows.
    db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES ('空指标', '空指标当期值(万吨)', '万吨', 'monthly', 'monthly', '')").run();
    const empty = Number(db.prepare("SELECT id FROM series WHERE name = '空指标'").pluck().get());
    const all = [...ids, empty];

    const expected = currentFromRows(db, all);
    // The planner's way: the whole order announced, then asked in order (a group of LOOKUP_GROUP at a time).
    const lookup = seriesLookup(db);
    lookup.preloadCurrent!(all);
    for (const id of all) expect(entries(lookup.current(id)), `series ${id}`).toEqual(entries(expected.get(id)!));
    expect(all.length).toBeGreaterThan(2 * LOOKUP_GROUP);
    // Asked out of order and without an announcement: the same maps.
    const alone = seriesLookup(db);
    for (const id of [...all].reverse().slice(0, 50)) expect(entries(alone.current(id))).toEqual(entries(expected.get(id)!));
    // The cases are there: revised series (more rows than periods), awkward values, an empty series.
    const revised = Number(db.prepare('SELECT COUNT(*) FROM (SELECT series_id FROM observations GROUP BY series_id HAVING COUNT(*) > COUNT(DISTINCT period)) AS r').pluck().get());
    expect(revised).toBeGreaterThan(SERIES / 7 - 2);
    expect(expected.get(ids[4])!.get('2010-02')).toBe(5e-324);
    expect(expected.get(empty)!.size).toBe(0);
  });
});
