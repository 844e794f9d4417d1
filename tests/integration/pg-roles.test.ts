// Roles on a server store, enforced by PostgreSQL's grants (issue 14): each login below calls the contract
// directly, as a page that skipped the read-only grid would. A viewer reads and is refused every write with the
// role named and the store unchanged; an analyst edits, imports, links and undoes an import, but cannot make or
// update plans or change the store's settings; an owner can.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import type { AppInfo, CommitImportResult, PlanCommitResult, PlanExtraction } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { adminQuery, databaseUrl, dropDatabase, freshDatabase, loginRole } from '../helpers/pg';

let database: string;
const open: Service[] = [];

function serviceAs(role: string): Service {
  const service = openWorkbench(databaseUrl(database, role), 'cli');
  open.push(service);
  return service;
}

const call = <R>(service: Service, name: string, args: unknown) => dispatch(service, name, args) as Promise<R>;
const csv = (fileName: string, text: string) => ({ fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });
const textFile = (fileName: string, text: string) => ({ fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });

/** Every table's row count and the change counter: equal before and after means nothing was written. */
async function storeDigest(): Promise<Record<string, number>> {
  const tables = ['plans', 'targets', 'edits', 'edit_refusals', 'import_batches', 'series', 'observations', 'links', 'settings', 'workbench_changes'];
  const sql = tables.map((t) => (t === 'workbench_changes' ? `(SELECT n FROM workbench_changes) AS changes` : `(SELECT COUNT(*) FROM ${t})::int AS ${t}`)).join(', ');
  const row = (await adminQuery(database, `SELECT ${sql}`)).rows[0] as Record<string, number | string>;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
}

const refusal = (role: string) => ({ code: 'forbidden', key: 'server.noPermission', message: expect.stringContaining(role) });

const GROWTH = '规模以上工业增加值累计增长(%)';
const PLAN_TEXT = '二〇三〇年测试区计划。主要预期目标是：地区生产总值增长5%左右，居民消费价格涨幅3%左右。';

let viewer: Service;
let analyst: Service;
let owner: Service;
let targetId: number;

beforeAll(async () => {
  ({ name: database } = await freshDatabase('i14_live_roles'));
  // The plan owner (here the database's creator) sets the store up; that makes the roles the DBA grants.
  openWorkbench(databaseUrl(database), 'cli', { create: true }).ctx.db.close();
  viewer = serviceAs(await loginRole('i14live_viewer', 'viewer'));
  analyst = serviceAs(await loginRole('i14live_analyst', 'analyst'));
  owner = serviceAs(await loginRole('i14live_owner', 'owner'));
  targetId = (await adminQuery(database, "SELECT id FROM targets WHERE kind = 'growth_rate' ORDER BY id LIMIT 1")).rows[0].id as number;
}, 120_000);

afterAll(async () => {
  for (const s of open) s.ctx.db.close();
  if (database) await dropDatabase(database);
});

describe('roles on a server store', () => {
  it('appInfo tells each login its role', async () => {
    expect(await call<AppInfo>(viewer, 'appInfo', {})).toMatchObject({ engine: 'postgres', role: 'viewer', user: 'i14live_viewer' });
    expect(await call<AppInfo>(analyst, 'appInfo', {})).toMatchObject({ engine: 'postgres', role: 'analyst' });
    expect(await call<AppInfo>(owner, 'appInfo', {})).toMatchObject({ engine: 'postgres', role: 'owner' });
  });

  it('an analyst edits, imports, links and undoes an import', async () => {
    const edited = await call<{ targets: Target[] }>(analyst, 'editTargets', { edits: [{ targetId, field: 'notes', value: '分析员备注' }], source: 'grid' });
    expect(edited.targets[0].notes).toBe('分析员备注');
    const imported = await call<CommitImportResult>(analyst, 'commitImport', { file: csv('一月.csv', `地区：测试区\n指标,2030年1月\n${GROWTH},5.2\n`) });
    expect(imported.batchId).toBeGreaterThan(0);
    const seriesId = (await adminQuery(database, 'SELECT series_id FROM observations WHERE batch_id = $1 LIMIT 1', [imported.batchId])).rows[0].series_id as number;
    const linked = await call<{ link: { seriesId: number } | null }>(analyst, 'setLink', { targetId, seriesId });
    expect(linked.link?.seriesId).toBe(seriesId);
    // A second file, undone again: the undo deletes the batch's observations.
    const second = await call<CommitImportResult>(analyst, 'commitImport', { file: csv('二月.csv', `地区：测试区\n指标,2030年2月\n${GROWTH},5.4\n`) });
    await call(analyst, 'undoBatch', { batchId: second.batchId });
    const left = (await adminQuery(database, 'SELECT COUNT(*)::int AS n FROM observations WHERE batch_id = $1', [second.batchId])).rows[0].n as number;
    expect(left).toBe(0);
  });

  it('a viewer reads and exports, but every write through the raw contract is refused, naming the role, nothing changed', async () => {
    expect((await call<Target[]>(viewer, 'listTargets', {})).length).toBeGreaterThan(10);
    await call(viewer, 'variance', {});
    await call(viewer, 'listSeries', {});
    const before = await storeDigest();
    const seriesId = (await adminQuery(database, 'SELECT id FROM series ORDER BY id LIMIT 1')).rows[0].id as number;
    const writes: [string, unknown][] = [
      ['editTargets', { edits: [{ targetId, field: 'value', value: 9.9 }], source: 'grid' }],
      ['setLink', { targetId, seriesId: null }],
      ['setLink', { targetId: targetId + 1, seriesId }],
      ['commitImport', { file: csv('三月.csv', `地区：测试区\n指标,2030年3月\n${GROWTH},5.6\n`) }],
      ['setHomeRegion', { region: '别的地区' }],
    ];
    for (const [name, args] of writes) {
      await expect(call(viewer, name, args), name).rejects.toMatchObject(refusal('i14live_viewer（viewer）'));
    }
    expect(await storeDigest()).toEqual(before);
    const stored = (await adminQuery(database, 'SELECT value, notes FROM targets WHERE id = $1', [targetId])).rows[0];
    expect(stored.notes).toBe('分析员备注');
  });

  it('an analyst cannot make or update a plan or change the settings; the owner can', async () => {
    const x = await call<PlanExtraction>(analyst, 'extractPlan', { file: textFile('计划.txt', PLAN_TEXT) });
    expect(x.targets.length).toBeGreaterThan(0);
    const newPlan = { mode: 'new', year: 2030, region: '测试区', title: '测试区计划', fileName: '计划.txt', text: x.text, targets: x.targets };
    const before = await storeDigest();
    await expect(call(analyst, 'commitPlan', newPlan)).rejects.toMatchObject(refusal('i14live_analyst（analyst）'));
    await expect(call(analyst, 'setHomeRegion', { region: '别的地区' })).rejects.toMatchObject(refusal('analyst'));
    expect(await storeDigest()).toEqual(before);

    const made = await call<PlanCommitResult>(owner, 'commitPlan', newPlan);
    expect(made.added).toHaveLength(x.targets.length);
    // Dropping a target is a plan update: the analyst is refused, the owner is not.
    const update = { mode: 'update', planId: made.planId, targets: x.targets.slice(1) };
    const afterMade = await storeDigest();
    await expect(call(analyst, 'commitPlan', update)).rejects.toMatchObject(refusal('analyst'));
    expect(await storeDigest()).toEqual(afterMade);
    const updated = await call<PlanCommitResult>(owner, 'commitPlan', update);
    expect(updated.removed).toHaveLength(1);
    expect((await call<{ homeRegion: string | null }>(owner, 'setHomeRegion', { region: '测试区' })).homeRegion).toBe('测试区');
  });
});
