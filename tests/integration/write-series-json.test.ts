// `series --json` written as bytes (electron/cli/writeSeriesJson.ts): every path must give exactly the text of
// the row-by-row reading it replaced, on a store with revisions (three vintages of a month),
// an undone batch, a series without observations, names and units that need escaping, two regions and none, and
// numbers whose text is easy to get wrong; through `write` with a reader that falls behind, and through `out`.
// On SQLite the command reads one state of the store even when another connection commits while it writes; the
// built CLI prints the same through a pipe on a store larger than a pipe's buffer many times over.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIO } from '../../electron/cli/context';
import { writeSeriesJson } from '../../electron/cli/writeSeriesJson';
import { commitImport, undoImportBatch } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import type { Service } from '../../electron/service/service';
import { openStore, type Store } from '../../electron/store/openStore';
import { recountAllSeries } from '../../electron/store/seriesCounts';
import { writeTransaction } from '../../electron/store/writeTransaction';
import { BUILT_CLI, runCliProcess } from '../helpers/cli';
import { seriesJsonBefore } from '../helpers/seriesJsonBefore';
import { ENGINES, freshService, type StorePlace } from '../helpers/stores';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { sha256 } from './helpers/importStore';

/** A statistics file in the NBS wide layout for one region: one row per indicator, newest month first. */
function csv(region: string, periods: string[], rows: [string, ...number[]][]): Uint8Array {
  return new Uint8Array(Buffer.from([`地区：${region}`, ['指标', ...periods].join(','), ...rows.map((r) => r.join(','))].join('\n'), 'utf8'));
}

async function importFile(db: Store, name: string, bytes: Uint8Array) {
  return commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false });
}

/** The store every case reads: each awkward thing the text must carry exactly. */
async function awkwardStore(db: Store): Promise<void> {
  const months = ['2025年4月', '2025年3月', '2025年2月', '2025年1月'];
  const rows: [string, ...number[]][] = Array.from({ length: 14 }, (_, i) => [`电量${i}当期值(亿千瓦时)`, i + 0.1, i + 0.2, i + 0.3, i + 0.4]);
  await importFile(db, 'a.csv', csv('内蒙古自治区', months, [['产量10累计值(万吨)', 40, 30, 20, 10], ['产量2累计值(万吨)', 400, 300, 200, 100], ...rows]));
  // The same indicators of another region: series of their own.
  await importFile(db, 'b.csv', csv('呼和浩特市', months.slice(0, 2), [['产量2累计值(万吨)', 41, 31], ['电量3当期值(亿千瓦时)', 7.7, 6.6]]));
  // Revisions: a second and a third vintage of March, and an undone batch between them.
  await importFile(db, 'c.csv', csv('内蒙古自治区', months.slice(1, 3), [['产量2累计值(万吨)', 301, 201]]));
  const undone = await importFile(db, 'd.csv', csv('内蒙古自治区', ['2025年5月'], [['产量9当期值(万吨)', 5], ['产量10累计值(万吨)', 50]]));
  undoImportBatch(db, undone.batchId!);
  await importFile(db, 'e.csv', csv('内蒙古自治区', months.slice(1, 2), [['产量2累计值(万吨)', 302]]));
  // Texts JSON must escape, a series filed under no region, a series without observations.
  const first = db.prepare('SELECT MIN(id) FROM series').pluck().get() as number;
  db.prepare('UPDATE series SET label = ?, unit = ? WHERE id = ?').run('标签含"引号"、\\反斜杠、换行\n与\u0001控制符', '万\t吨', first);
  db.prepare("UPDATE series SET region = '' WHERE id = ?").run(first + 1);
  db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES ('产量0', '产量0当期值(万吨)', '万吨', 'monthly', 'monthly', '')").run();
  const ids = db.prepare('SELECT id FROM observations ORDER BY id').pluck().all() as number[];
  [0.1 + 0.2, 1e21, 5e-324, -0, 1 / 3, -1.5e-7, 123456.789, 1e-7].forEach((v, i) => db.prepare('UPDATE observations SET value = ? WHERE id = ?').run(v, ids[i]));
}

/** An output that takes bytes and, every third write, is behind: the writer must wait before the next one. */
function bytesOutput() {
  const pieces: Buffer[] = [];
  let writes = 0;
  let waiting = false;
  const io: CliIO = {
    out: () => {
      throw new Error('series --json wrote through out while write was there');
    },
    err: (t) => {
      throw new Error(t);
    },
    write: (bytes) => {
      if (waiting) throw new Error('written while the reader was behind');
      pieces.push(Buffer.from(bytes));
      if (++writes % 3 !== 0) return undefined;
      waiting = true;
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          waiting = false;
          resolve();
        }, 1),
      );
    },
  };
  return { io, text: () => new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(pieces)) };
}

async function textThroughWrite(db: Store) {
  const output = bytesOutput();
  await writeSeriesJson(output.io, db);
  return output.text();
}

describe.each(ENGINES)('series --json as bytes, on %s', (engine) => {
  let place: StorePlace & { service: Service };
  let db: Store;
  beforeEach(async () => {
    place = await freshService(engine, 'cli', 'series_json_parts');
    db = place.service.ctx.db;
    await awkwardStore(db);
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('is the row-by-row text, through write and through out', async () => {
    const before = seriesJsonBefore(db);
    expect(before).toContain('\\"引号\\"');
    expect(before).toContain('"region": null');
    expect(before).toContain('"observations": []');
    expect(await textThroughWrite(db)).toBe(before);
    let out = '';
    const io: CliIO = { out: (t) => (out += `${t}\n`), err: (t) => expect.fail(t) };
    await writeSeriesJson(io, db);
    expect(out).toBe(before);
    // The command's read transaction is closed again.
    expect(db.inTransaction).toBe(false);
  });
});

describe('series --json while another connection commits, on sqlite', () => {
  let place: StorePlace & { service: Service };
  let db: Store;
  beforeEach(async () => {
    place = await freshService('sqlite', 'cli', 'series_json_snapshot');
    db = place.service.ctx.db;
    await awkwardStore(db);
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  it('writes the state it began with when another connection writes while the reader is behind', async () => {
    // Enough series that the text comes in many pieces; the last one written has two vintages of a month, so its
    // values are read again from its rows when it is reached (store/seriesDataRepo.ts currentValues), long after
    // the first piece.
    writeTransaction(db, () => {
      db.prepare("INSERT INTO import_batches (id, file_name, file_hash, imported_at) VALUES (800, 'many.csv', 'm', '2025-11-20T00:00:00Z'), (801, 'rev.csv', 'r', '2025-12-20T00:00:00Z')").run();
      const addSeries = db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES (?, ?, '万吨', 'monthly', 'monthly', '内蒙古自治区')");
      const addObs = db.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, ?, ?, 800, 'B2')");
      for (let s = 1; s <= 1_500; s++) {
        const id = Number(addSeries.run(`指标${s}`, `指标${s}当期值(万吨)`).lastInsertRowid);
        for (let m = 1; m <= 12; m++) addObs.run(id, `2024-${String(m).padStart(2, '0')}`, s + m / 100);
      }
    });
    const listed = JSON.parse(seriesJsonBefore(db)) as { id: number; observations: { period: string }[] }[];
    const last = listed[listed.length - 1];
    const period = last.observations[0].period;
    db.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, ?, 1.5, 801, 'B3')").run(last.id, period);
    recountAllSeries(db);
    const before = seriesJsonBefore(db);
    expect(before.length).toBeGreaterThan(10 * 65_536);
    const other = openStore(place.location);
    const pieces: Buffer[] = [];
    try {
      const io: CliIO = {
        out: () => expect.fail('written through out while write was there'),
        err: (t) => expect.fail(t),
        write: async (piece) => {
          pieces.push(Buffer.from(piece));
          if (pieces.length > 1) return;
          // After the first piece, a third vintage of that month from another connection (WAL: the command's read
          // transaction does not block it).
          writeTransaction(other, () => {
            other.prepare("INSERT INTO import_batches (id, file_name, file_hash, imported_at) VALUES (802, 'rev2.csv', 's', '2026-01-20T00:00:00Z')").run();
            other.prepare("INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, ?, 2.5, 802, 'B3')").run(last.id, period);
            recountAllSeries(other);
          });
        },
      };
      await writeSeriesJson(io, db);
      expect(pieces.length).toBeGreaterThan(10);
      expect(Buffer.concat(pieces).toString('utf8')).toBe(before);
      const after = seriesJsonBefore(db);
      expect(after).not.toBe(before);
      expect(await textThroughWrite(db)).toBe(after);
    } finally {
      other.close();
    }
  });
});

describe('the built CLI through a pipe', () => {
  const dir = makeTmpDir('wb-series-parts-');
  afterEach(() => removeDir(dir));

  it('prints the row-by-row text', () => {
    const file = path.join(dir, 'large.sqlite');
    expect(runCliProcess(['init', '--db', file]).code).toBe(0);
    const db = openStore(file);
    try {
      // Written straight (no import needed for the size): 3,000 series × 70 months, a revised month for every
      // seventh series, values whose shortest text varies in length.
      writeTransaction(db, () => {
        db.prepare("INSERT INTO import_batches (id, file_name, file_hash, imported_at) VALUES (900, 'big.csv', 'x', '2025-11-20T00:00:00Z'), (901, 'rev.csv', 'y', '2025-12-20T00:00:00Z')").run();
        const addSeries = db.prepare("INSERT INTO series (id, name, label, unit, measure, frequency, region) VALUES (?, ?, ?, '万吨', 'monthly', 'monthly', ?)");
        const addObs = db.prepare('INSERT INTO observations (series_id, period, value, batch_id, cell) VALUES (?, ?, ?, ?, ?)');
        for (let s = 1; s <= 3_000; s++) {
          const id = 10_000 + s;
          addSeries.run(id, `产量${s}`, `产量${s}当期值(万吨)`, s % 5 === 0 ? '呼和浩特市' : '');
          for (let k = 0; k < 70; k++) {
            const period = `${2020 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
            addObs.run(id, period, (s * 7919 + k * 104729) / 997, 900, `B${k + 2}`);
            if (s % 7 === 0 && k === 69) addObs.run(id, period, s / 3, 901, `B${k + 2}`);
          }
        }
        recountAllSeries(db);
      });
      expect(db.prepare('SELECT MAX(id) FROM observations').pluck().get() as number).toBeGreaterThanOrEqual(200_000);
      // Through a pipe, as a script reads it (16 MB: more than spawnSync's default buffer).
      const run = spawnSync(process.execPath, [BUILT_CLI, 'series', '--json', '--db', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toBe(seriesJsonBefore(db));
    } finally {
      db.close();
    }
  });
});
