// The planner's view of the store read in groups (seriesLookup.ts: series by a few hundred names a query, current
// values by a few hundred series a query) must answer exactly what one query per series answers: across group
// borders, with several vintages of a period, for series asked out of the announced order, and for names and
// identities the store does not hold. On SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../electron/store/openStore';
import { insertRows } from '../../electron/store/bulkInsert';
import { insertObservationRows, type ObservationRow } from '../../electron/import/observationRows';
import { LOOKUP_GROUP, seriesLookup } from '../../electron/store/seriesLookup';
import { writeTransaction } from '../../electron/store/writeTransaction';
import type { Frequency, Measure } from '../../shared/domain/series';
import { ENGINES, freshStore, type StorePlace } from '../helpers/stores';

// More series than two groups, two measures per name: names cross the name groups, ids the value groups.
const NAMES = LOOKUP_GROUP + 103;
const MEASURES: Measure[] = ['monthly', 'yoy'];

function seed(db: Store): number[] {
  return writeTransaction(db, () => {
    const batches = [1, 2].map((n) => (db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES (?, '', '') RETURNING id").get(`f${n}`) as { id: number }).id);
    const series: unknown[][] = [];
    for (let n = 0; n < NAMES; n++) for (const m of MEASURES) series.push([`指标${n}`, `指标${n}${m}`, m === 'yoy' ? '%' : '亿元', m, 'monthly' as Frequency, n % 3 === 0 ? '全国' : '']);
    insertRows(db, 'series', ['name', 'label', 'unit', 'measure', 'frequency', 'region'], series);
    const ids = (db.prepare('SELECT id FROM series ORDER BY id').pluck().all() as number[]);
    const rows: ObservationRow[] = [];
    const row = (seriesId: number, period: string, value: number, batchId: number, cell: string): ObservationRow => ({ seriesId, period, value, batchId, sheet: 'S', cell, label: '', sourcePeriod: '' });
    ids.forEach((id, i) => {
      // Every 5th series has no values; the others three months, and every 4th a second vintage of one month.
      if (i % 5 === 0) return;
      for (let p = 1; p <= 3; p++) rows.push(row(id, `2025-0${p}`, i + p / 10, batches[0], `B${i}`));
      if (i % 4 === 0) rows.push(row(id, '2025-02', -i, batches[1], `C${i}`));
    });
    insertObservationRows(db, rows);
    return ids;
  });
}

describe.each(ENGINES)('the store lookup on %s', (engine) => {
  let place: StorePlace & { db: Store };
  let db: Store;
  beforeEach(async () => {
    place = await freshStore(engine, 'w_commit_lookup');
    db = place.db;
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('answers in groups exactly what one query per series answers', () => {
    const ids = seed(db);
    const one = seriesLookup(db);
    const grouped = seriesLookup(db);
    const names = [...Array(NAMES).keys()].map((n) => `指标${n}`);
    grouped.preloadNames!([...names, '不存在的指标']);
    for (const name of [...names, '不存在的指标']) expect(grouped.byName(name)).toEqual(one.byName(name));
    for (let n = 0; n < NAMES; n += 7) {
      for (const m of MEASURES) {
        const identity = { name: `指标${n}`, unit: m === 'yoy' ? '%' : '亿元', measure: m, frequency: 'monthly' as Frequency, region: n % 3 === 0 ? '全国' : '' };
        expect(grouped.find(identity)).toEqual(one.find(identity));
        expect(grouped.find(identity)).toBeDefined();
        // Another region of a loaded name is not stored, without a query of its own.
        expect(grouped.find({ ...identity, region: '包头市' })).toBeUndefined();
      }
    }
    // Announced in one order; asked in that order from the middle (a later pass), then a series never announced.
    const announced = ids.filter((_, i) => i % 2 === 0);
    grouped.preloadCurrent!(announced);
    const asked = [...announced.slice(LOOKUP_GROUP - 3), ...announced, ids[1]];
    for (const id of asked) expect(Object.fromEntries(grouped.current(id))).toEqual(Object.fromEntries(one.current(id)));
    // The newest vintage wins, and a series without values has an empty map.
    const fourth = ids[4];
    expect(grouped.current(fourth).get('2025-02')).toBe(-4);
    expect(grouped.current(ids[0]).size).toBe(0);
  });
});
