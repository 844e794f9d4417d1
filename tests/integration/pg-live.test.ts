// Live changes on a server store (issue 14): two workbenches (two service hosts, as two browser shells or two
// desktop apps run them) on one database. A write through one reaches the other as a pushed `changed` event
// naming the tables and the colleague; a workbench is not told about its own writes twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { startThreadedBackend, type ThreadedBackend } from '../../electron/service/host/threadedBackend';
import { authorOf, ColleagueChanges, sessionName } from '../../electron/service/host/colleagueChanges';
import type { ServiceEvent } from '../../shared/contract/events';
import { adminQuery, databaseUrl, dropDatabase, freshDatabase, loginRole } from '../helpers/pg';

type Changed = Extract<ServiceEvent, { type: 'changed' }>;

let database: string;
let zhang: ThreadedBackend;
let li: ThreadedBackend;
const seenByZhang: ServiceEvent[] = [];
const seenByLi: ServiceEvent[] = [];

/** Resolves with the first event in `seen` (now or later) that matches. */
function eventually(backend: ThreadedBackend, seen: ServiceEvent[], pred: (e: Changed) => boolean): Promise<Changed> {
  const match = (e: ServiceEvent): e is Changed => e.type === 'changed' && pred(e);
  const already = seen.find(match);
  if (already) return Promise.resolve(already as Changed);
  return new Promise((resolve) => {
    const stop = backend.subscribe((e) => {
      if (match(e)) {
        stop();
        resolve(e);
      }
    });
  });
}

const colleagueEvents = (seen: ServiceEvent[]) => seen.filter((e): e is Changed => e.type === 'changed' && e.by === 'colleague');

beforeAll(async () => {
  ({ name: database } = await freshDatabase('i14_live_events'));
  openWorkbench(databaseUrl(database), 'cli', { create: true }).ctx.db.close();
  const url = (role: string) => databaseUrl(database, role);
  zhang = await startThreadedBackend({ storePath: url(await loginRole('i14live_zhang', 'analyst')), shell: 'web', user: 'i14live_zhang' });
  li = await startThreadedBackend({ storePath: url(await loginRole('i14live_li', 'analyst')), shell: 'web', user: 'i14live_li' });
  zhang.subscribe((e) => seenByZhang.push(e));
  li.subscribe((e) => seenByLi.push(e));
}, 120_000);

afterAll(async () => {
  await zhang?.close();
  await li?.close();
  if (database) await dropDatabase(database);
});

describe('a colleague’s change is pushed to the other workbench', () => {
  it('an edit through one backend reaches the other as `changed` by a named colleague, and only once at its own', async () => {
    const targetId = (await adminQuery(database, "SELECT id FROM targets WHERE kind = 'growth_rate' ORDER BY id LIMIT 1")).rows[0].id as number;
    await zhang.call('editTargets', { edits: [{ targetId, field: 'notes', value: '张的备注' }], source: 'grid' });
    const atLi = await eventually(li, seenByLi, (e) => e.by === 'colleague' && (e.tables ?? []).includes('targets'));
    expect(atLi.tables).toEqual(expect.arrayContaining(['edits', 'targets']));
    expect(atLi.colleagues).toEqual(['i14live_zhang']);
    // Zhang's own workbench said so when the call answered.
    expect(seenByZhang.filter((e) => e.type === 'changed' && e.by === 'editTargets')).toHaveLength(1);

    // Li writes back; notifications reach a listener in commit order, so by the time Zhang hears of Li's write,
    // the notice of Zhang's own earlier edit has come and gone: it must not have been taken for a colleague's.
    await li.call('editTargets', { edits: [{ targetId, field: 'notes', value: '李的备注' }], source: 'grid' });
    const atZhang = await eventually(zhang, seenByZhang, (e) => e.by === 'colleague');
    expect(atZhang.colleagues).toEqual(['i14live_li']);
    expect(colleagueEvents(seenByZhang)).toHaveLength(1);
    expect((await zhang.call('listTargets', {})) as { id: number; notes: string }[]).toContainEqual(expect.objectContaining({ id: targetId, notes: '李的备注' }));
  }, 60_000);

  it('an import job in one workbench (its own session) reaches the other, and is not a colleague’s at its own', async () => {
    const before = colleagueEvents(seenByZhang).length;
    const file = { fileName: '一月.csv', dataBase64: Buffer.from('地区：测试区\n指标,2030年1月\n规模以上工业增加值累计增长(%),5.2\n', 'utf8').toString('base64') };
    const { jobId } = (await zhang.call('startImport', { file, action: 'commit' })) as { jobId: string };
    const atLi = await eventually(li, seenByLi, (e) => e.by === 'colleague' && (e.tables ?? []).includes('observations'));
    expect(atLi.tables).toEqual(expect.arrayContaining(['import_batches', 'observations', 'series']));
    await eventually(zhang, seenByZhang, (e) => e.by === 'startImport');
    expect(((await zhang.call('jobStatus', { jobId })) as { phase: string }).phase).toBe('done');
    // And again, a later write of Li's is the first colleague's news Zhang gets after the import.
    await li.call('setHomeRegion', { region: '测试区' }).catch(() => undefined); // settings are the owner's: refused
    const targetId = (await adminQuery(database, "SELECT id FROM targets WHERE kind = 'growth_rate' ORDER BY id LIMIT 1")).rows[0].id as number;
    await li.call('editTargets', { edits: [{ targetId, field: 'notes', value: '李的第二条备注' }], source: 'grid' });
    await eventually(zhang, seenByZhang, (e) => e.by === 'colleague' && colleagueEvents(seenByZhang).length > before);
    expect(colleagueEvents(seenByZhang).slice(before).every((e) => e.colleagues?.includes('i14live_li'))).toBe(true);
  }, 60_000);
});

describe('ColleagueChanges', () => {
  it('folds a burst into one event, leaves out its own sessions, and names authors by their session name', () => {
    const events: ServiceEvent[] = [];
    const asked: number[][] = [];
    const folding = new ColleagueChanges({ settleMs: 60_000, authors: (ids) => (asked.push([...ids]), ['王']), emit: (e) => events.push(e) });
    folding.setOwnSessions([7]);
    folding.notice({ channel: 'c', payload: 'targets', processId: 7 });
    folding.flush();
    expect(events).toEqual([]);
    folding.notice({ channel: 'c', payload: 'observations', processId: 9 });
    folding.notice({ channel: 'c', payload: 'series', processId: 9 });
    folding.notice({ channel: 'c', payload: 'observations', processId: 9 });
    folding.flush();
    expect(events).toEqual([{ type: 'changed', by: 'colleague', tables: ['observations', 'series'], colleagues: ['王'] }]);
    expect(asked).toEqual([[9]]);
    folding.stop();
  });

  it('names a session by the name it gave itself, else its role, within the server’s 63 bytes', () => {
    expect(authorOf({ usename: 'zhang', application_name: sessionName('张三') })).toBe('张三');
    expect(authorOf({ usename: 'zhang', application_name: 'psql' })).toBe('zhang');
    const long = sessionName('很'.repeat(40));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(63);
    expect(long.endsWith('很')).toBe(true);
  });
});
