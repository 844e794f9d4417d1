// copy-store through the CLI, as a desk moving its store to the server and back: a store with plans, edited
// targets, undone edits, two vintages of one period, an undone batch, links, a refusal, settings and awkward
// values (the smallest double, 0.1+0.2, quotes and line breaks) is copied SQLite → PostgreSQL → SQLite; the
// digests and the row dumps of all three are the same, the second run says there is nothing to copy, a non-empty
// target is refused and left as it was, and the server's ids continue after the copied ones.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../electron/service/service';
import { openStoreAt, openWorkbench } from '../../electron/openWorkbench';
import { saveLink } from '../../electron/store/linksRepo';
import { insertObservationRows } from '../../electron/import/observationRows';
import { storeDigest } from '../../electron/store/storeDigest';
import { storeTables, tableRows } from '../../electron/store/storeTables';
import type { Store } from '../../electron/store/openStore';
import type { Target } from '../../shared/domain/target';
import type { CommitImportResult } from '../../shared/contract/importCalls';
import type { Series } from '../../shared/domain/series';
import { runCliProcess } from '../helpers/cli';
import { freshPlace, type StorePlace } from '../helpers/stores';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const csv = (fileName: string, text: string) => ({ file: { fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') } });
const call = <T>(s: Service, name: string, args: unknown) => dispatch(s, name, args) as Promise<T>;

/** Every table's rows, as the digest reads them: what "identical" means, shown rather than hashed. */
function dump(db: Store): Record<string, unknown[][]> {
  const out: Record<string, unknown[][]> = {};
  for (const t of storeTables(db)) out[t.name] = [...tableRows(db, t, 7)];
  return out;
}

function withStore<T>(location: string, fn: (db: Store) => T): T {
  const db = openStoreAt(location);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const digestOf = (out: string) => /sha256:([0-9a-f]{64})/.exec(out)?.[1];

/** A desk's store with something in every table, and values that a careless copy would bend. */
async function fillDesk(file: string): Promise<void> {
  const s = openWorkbench(file, 'cli', { create: true });
  try {
    const first = await call<CommitImportResult>(s, 'commitImport', csv('六月.csv', '指标,2025年6月,2025年5月\n原煤产量当期值(万吨),100.1,95.3\n粗钢产量当期值(万吨),200,210\n'));
    expect(first.batchId).toBeGreaterThan(0);
    // The bureau revised May: a second vintage of the same period.
    await call(s, 'commitImport', csv('六月修订.csv', '指标,2025年6月,2025年5月\n原煤产量当期值(万吨),100.1,96.7\n'));
    const third = await call<CommitImportResult>(s, 'commitImport', csv('误导入.csv', '指标,2025年7月\n原煤产量当期值(万吨),120\n'));
    await call(s, 'undoBatch', { batchId: third.batchId });
    const targets = await call<Target[]>(s, 'listTargets', {});
    const gdp = targets.find((t) => t.indicator === '地区生产总值')!;
    await call(s, 'editTargets', { edits: [{ targetId: gdp.id, field: 'value', value: 0.1 + 0.2 }] });
    await call(s, 'editTargets', { edits: [{ targetId: gdp.id, field: 'notes', value: '含"引号"\n和换行' }] });
    await call(s, 'editTargets', { edits: [{ targetId: gdp.id, field: 'tolerance', value: 0.5 }] });
    await call(s, 'undo', {});
    await call(s, 'setHomeRegion', { region: '内蒙古自治区' });
    const db = s.ctx.db;
    const series = await call<Series[]>(s, 'listSeries', {});
    const coal = series.find((x) => x.name.includes('原煤'))!;
    const coalTarget = targets.find((t) => t.kind !== 'task' && t.id !== gdp.id)!;
    saveLink(db, { targetId: coalTarget.id, seriesId: coal.id, formula: null, levelSeriesId: null, source: 'manual' });
    db.prepare(
      'INSERT INTO edit_refusals (target_id, field, attempted_value, seen_revision, current_value, "user", at, source, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(gdp.id, 'value', '6.5', 0, '0.30000000000000004', '李四', '2026-11-30T09:00:00.000Z', 'cli', '张三', '2026-11-30T08:59:00.000Z');
    // Doubles at the edges: the smallest subnormal, the largest finite, and a value with no short decimal.
    const row = (period: string, value: number, cell: string, label: string) => ({ seriesId: coal.id, period, value, batchId: first.batchId!, sheet: 'Sheet1', cell, label, sourcePeriod: '' });
    insertObservationRows(db, [row('2024-01', 5e-324, 'Z1', "O'Brien \\ 反斜杠"), row('2024-02', 1.7976931348623157e308, 'Z2', ''), row('2024-03', 1 / 3, 'Z3', '😀')]);
  } finally {
    s.ctx.db.close();
  }
}

let dir: string;
let desk: string;
let server: StorePlace;
let server2: StorePlace;
let deskDigest: string;

beforeAll(async () => {
  dir = makeTmpDir('wb-copy-');
  desk = path.join(dir, 'desk.sqlite');
  await fillDesk(desk);
  server = await freshPlace('postgres', 'i14copy');
  server2 = await freshPlace('postgres', 'i14copy');
  deskDigest = withStore(desk, (db) => storeDigest(db).sha256);
});
afterAll(async () => {
  await server?.remove();
  await server2?.remove();
  removeDir(dir);
});

describe('copy-store', () => {
  it('copies a desk to the server, then back to a new file: the same digest and the same rows everywhere', () => {
    const up = runCliProcess(['copy-store', '--from', desk, '--to', server.location]);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/已复制 \/ Copied/);
    expect(up.stdout).toMatch(/observations\s+8\b/);
    expect(digestOf(up.stdout)).toBe(deskDigest);

    const back = path.join(dir, 'back.sqlite');
    const down = runCliProcess(['copy-store', '--from', server.location, '--to', back]);
    expect(down.code, down.stderr).toBe(0);
    expect(digestOf(down.stdout)).toBe(deskDigest);

    const deskRows = withStore(desk, dump);
    expect(withStore(server.location, dump)).toEqual(deskRows);
    expect(withStore(back, dump)).toEqual(deskRows);
    expect(withStore(back, (db) => storeDigest(db).sha256)).toBe(deskDigest);
    // The awkward values came back bit for bit.
    const valueColumn = withStore(back, (db) => storeTables(db).find((t) => t.name === 'observations')!.columns.indexOf('value'));
    const values = deskRows.observations.map((r) => r[valueColumn]);
    expect(values).toContain(5e-324);
    expect(values).toContain(1.7976931348623157e308);
    expect(values).toContain(1 / 3);
    // Both vintages of May are there, and so is the history: the undone edit and the refusal with its people.
    expect(deskRows.import_batches).toHaveLength(3);
    expect(deskRows.edits.length).toBe(3);
    expect(deskRows.edit_refusals).toHaveLength(1);
    expect(deskRows.settings).toHaveLength(1);
    expect(deskRows.links).toHaveLength(1);

    const digest = runCliProcess(['store-digest', '--db', server.location]);
    expect(digest.code, digest.stderr).toBe(0);
    expect(digestOf(digest.stdout)).toBe(deskDigest);
  });

  it('a second run finds nothing to copy; a different non-empty target is refused, naming what it holds, and left as it was', () => {
    const again = runCliProcess(['copy-store', '--from', desk, '--to', server.location]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/无需复制.*Nothing to copy/);
    expect(digestOf(again.stdout)).toBe(deskDigest);

    const other = path.join(dir, 'other.sqlite');
    expect(runCliProcess(['init', '--db', other]).code).toBe(0);
    const before = withStore(other, (db) => storeDigest(db).sha256);
    const refused = runCliProcess(['copy-store', '--from', desk, '--to', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/目标不是空的.*plans 1, targets \d+.*nothing was overwritten/);
    expect(withStore(other, (db) => storeDigest(db).sha256)).toBe(before);

    const refusedServer = runCliProcess(['copy-store', '--from', other, '--to', server.location]);
    expect(refusedServer.code).toBe(1);
    expect(refusedServer.stderr).toMatch(/The target is not empty.*import_batches 3/);
    expect(withStore(server.location, (db) => storeDigest(db).sha256)).toBe(deskDigest);
  });

  it('server to server keeps the digest, and the copy goes on taking new ids after the copied ones', async () => {
    const r = runCliProcess(['copy-store', '--from', server.location, '--to', server2.location]);
    expect(r.code, r.stderr).toBe(0);
    expect(digestOf(r.stdout)).toBe(deskDigest);
    const s = openWorkbench(server2.location, 'cli');
    try {
      const maxEdit = s.ctx.db.prepare('SELECT MAX(id) FROM edits').pluck().get() as number;
      const maxBatch = s.ctx.db.prepare('SELECT MAX(id) FROM import_batches').pluck().get() as number;
      const gdp = (await call<Target[]>(s, 'listTargets', {})).find((t) => t.indicator === '地区生产总值')!;
      await call(s, 'editTargets', { edits: [{ targetId: gdp.id, field: 'value', value: 5.5 }] });
      const next = await call<CommitImportResult>(s, 'commitImport', csv('八月.csv', '指标,2025年8月\n原煤产量当期值(万吨),130\n'));
      expect(s.ctx.db.prepare('SELECT MAX(id) FROM edits').pluck().get()).toBe(maxEdit + 1);
      expect(next.batchId).toBe(maxBatch + 1);
    } finally {
      s.ctx.db.close();
    }
    // One changed value changes the digest: nothing is rounded to look the same.
    withStore(server2.location, (db) => {
      const d1 = storeDigest(db).sha256;
      expect(d1).not.toBe(deskDigest);
    });
  });

  it('a digest tells a one-ulp difference apart, on both engines', () => {
    const copy = path.join(dir, 'ulp.sqlite');
    expect(runCliProcess(['copy-store', '--from', server.location, '--to', copy]).code).toBe(0);
    for (const location of [copy, server.location]) {
      withStore(location, (db) => {
        const id = db.prepare('SELECT id FROM observations WHERE value = ?').pluck().get(1 / 3) as number;
        db.prepare('UPDATE observations SET value = ? WHERE id = ?').run(0.33333333333333337, id);
        expect(storeDigest(db).sha256).not.toBe(deskDigest);
        db.prepare('UPDATE observations SET value = ? WHERE id = ?').run(1 / 3, id);
        expect(storeDigest(db).sha256).toBe(deskDigest);
      });
    }
  });

  it('refuses the same store as source and target, a missing source, and leaves no file behind when it refuses', () => {
    const same = runCliProcess(['copy-store', '--from', desk, '--to', desk]);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/同一个数据文件.*the same store/);
    const missing = path.join(dir, 'nowhere.sqlite');
    const target = path.join(dir, 'never.sqlite');
    const r = runCliProcess(['copy-store', '--from', missing, '--to', target]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/数据文件不存在.*No store at/);
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(missing)).toBe(false);
    const noFlag = runCliProcess(['copy-store', '--from', desk]);
    expect(noFlag.code).toBe(1);
    expect(noFlag.stderr).toMatch(/缺少 --to \/ Missing --to/);
  });
});
