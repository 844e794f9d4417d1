// The series list counted on one connection and taken by another (the browser shell's heavy thread counts it at
// start for the calls thread: threadedBackend.ts): what the taking connection then answers must be exactly what it
// would have counted itself, after imports, revisions and an undo, on both engines; a list counted before the
// store changed must be refused, and the next call counts afresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adoptSeriesList, commitImport, listSeries, seriesListSnapshot, undoImportBatch } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { openStoreAt } from '../../electron/openWorkbench';
import type { Store } from '../../electron/store/openStore';
import { ENGINES, freshService, type StorePlace } from '../helpers/stores';
import type { Service } from '../../electron/service/service';
import { sha256 } from './helpers/importStore';

/** A statistics file in the NBS wide layout: one row per indicator, newest month first. */
function csv(periods: string[], rows: [string, ...number[]][]): Uint8Array {
  return new Uint8Array(Buffer.from(['地区：江西省', ['指标', ...periods].join(','), ...rows.map((r) => r.join(','))].join('\n'), 'utf8'));
}

async function importFile(db: Store, name: string, bytes: Uint8Array) {
  return commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false });
}

describe.each(ENGINES)('series list handed from one connection to another, on %s', (engine) => {
  let place: StorePlace & { service: Service };
  let writer: Store;
  const opened: Store[] = [];
  /** Another connection to the same store, as a second thread holds it. */
  const connect = () => {
    const db = openStoreAt(place.location);
    opened.push(db);
    return db;
  };
  beforeEach(async () => {
    place = await freshService(engine, 'cli', 'series_list_handover');
    writer = place.service.ctx.db;
  });
  afterEach(async () => {
    for (const db of opened.splice(0)) db.close();
    writer.close();
    await place.remove();
  });

  /** Counted on one connection, crossed as a thread message does (structured clone), taken by a fresh one. */
  const handedOver = () => {
    const snapshot = structuredClone(seriesListSnapshot(connect()));
    const taker = connect();
    expect(adoptSeriesList(taker, snapshot)).toBe(true);
    return taker;
  };
  /** The taking connection answers what a fresh connection counts itself. */
  const sameAsCounted = () => {
    const taker = handedOver();
    const counted = listSeries(connect());
    expect(listSeries(taker)).toEqual(counted);
    return counted;
  };

  it('answers exactly the list the connection would count, after imports, a revision and an undo', async () => {
    const others: [string, ...number[]][] = Array.from({ length: 6 }, (_, i) => [`其他指标${i}当期值(万吨)`, i + 0.1, i + 0.2]);
    await importFile(writer, 'a.csv', csv(['2025年3月', '2025年2月'], [['发电量10累计值(亿千瓦时)', 30, 20], ['发电量2累计值(亿千瓦时)', 300, 200], ...others]));
    sameAsCounted();
    // A revision of two months and a month added: a second vintage of 2025-02 and 2025-03.
    await importFile(writer, 'b.csv', csv(['2025年3月', '2025年2月', '2025年1月'], [['发电量2累计值(亿千瓦时)', 301, 201, 100]]));
    const revised = sameAsCounted().find((s) => s.name === '发电量2')!;
    expect(revised).toMatchObject({ observationCount: 3, firstPeriod: '2025-01', lastPeriod: '2025-03' });
    const c = await importFile(writer, 'c.csv', csv(['2025年4月'], [['发电量3当期值(亿千瓦时)', 7]]));
    sameAsCounted();
    undoImportBatch(writer, c.batchId!);
    const afterUndo = sameAsCounted();
    expect(afterUndo.find((s) => s.name === '发电量3')?.observationCount ?? 0).toBe(0);
    // Once taken, the connection keeps the list up to date itself as the store changes.
    const taker = handedOver();
    await importFile(writer, 'd.csv', csv(['2025年4月'], [['发电量2累计值(亿千瓦时)', 402]]));
    expect(listSeries(taker)).toEqual(listSeries(connect()));
  });

  it('refuses a list counted before a commit or an undo, and counts afresh', async () => {
    await importFile(writer, 'a.csv', csv(['2025年2月'], [['原油加工量累计值(万吨)', 12]]));
    const beforeCommit = structuredClone(seriesListSnapshot(connect()));
    const b = await importFile(writer, 'b.csv', csv(['2025年3月'], [['原油加工量累计值(万吨)', 18], ['天然气产量累计值(亿立方米)', 3]]));
    const taker = connect();
    expect(adoptSeriesList(taker, beforeCommit)).toBe(false);
    expect(listSeries(taker)).toEqual(listSeries(connect()));
    expect(listSeries(taker).find((s) => s.name === '原油加工量')).toMatchObject({ observationCount: 2, lastPeriod: '2025-03' });

    const beforeUndo = structuredClone(seriesListSnapshot(connect()));
    undoImportBatch(writer, b.batchId!);
    const other = connect();
    expect(adoptSeriesList(other, beforeUndo)).toBe(false);
    expect(listSeries(other)).toEqual(listSeries(connect()));
    expect(listSeries(other).find((s) => s.name === '原油加工量')).toMatchObject({ observationCount: 1, lastPeriod: '2025-02' });
  });

  it('leaves a connection that already holds the list of this version as it is', async () => {
    await importFile(writer, 'a.csv', csv(['2025年2月'], [['粗钢产量累计值(万吨)', 5]]));
    const holder = connect();
    const held = listSeries(holder);
    expect(adoptSeriesList(holder, structuredClone(seriesListSnapshot(connect())))).toBe(false);
    expect(listSeries(holder)).toEqual(held);
  });
});
