// The first screen's answers as the browser shell now sends them (the calls thread writes each answer's JSON bytes,
// the shell listens before the threads are ready, the calls thread reads the first screen ahead) must be byte for
// byte what the earlier path sent: the result copied out of the thread, then `JSON.stringify({ result })` in the
// shell's own thread. Compared on the seeded plan and a generated 2,000-target plan, right after start, after edits
// through the shell and by another connection, after an undo and after an import, on both engines. The page asks
// for the five in one request (POST /api/first-screen): its entries must be those same bytes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { FIRST_SCREEN_CALLS } from '../../electron/service/firstScreenCalls';
import { pendingBackend } from '../../electron/service/host/pendingBackend';
import { startThreadedBackend, type ThreadedBackend } from '../../electron/service/host/threadedBackend';
import { dispatch, type Service } from '../../electron/service/service';
import { insertPlan } from '../../electron/store/targetsRepo';
import { startWebShell, type WebShell } from '../../electron/web/server';
import type { Plan, Target, TargetDraft } from '../../shared/domain/target';
import { FIRST_SCREEN_CALLS as PAGE_FIRST_SCREEN_CALLS } from '../../renderer/views/firstScreenCalls';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { wideCsv } from '../helpers/wideCsv';

const RENDERER = path.resolve(import.meta.dirname, '../../dist/renderer');

/** A plan of `count` targets of every kind, with the text a plan holds: quotes, restatements, ranges, empty fields. */
function largePlan(count: number): TargetDraft[] {
  const kinds = ['growth_rate', 'level', 'increment', 'task'] as const;
  return Array.from({ length: count }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const ranged = i % 9 === 0 && kind !== 'task';
    const quote = `第${i + 1}条：全年目标“${kind}”达到${i % 100}.${i % 7}，保持“稳中求进”\\ 的总基调。`;
    return {
      section: `${['一', '二', '三', '四'][i % 4]}、(${(i % 12) + 1})`,
      indicator: kind === 'task' ? `重点任务${i}` : `测算指标${i}`,
      kind,
      value: kind === 'task' || ranged ? null : Math.round(i * 37.13) / 100,
      valueLow: ranged ? 5 : null,
      valueHigh: ranged ? 5.5 : null,
      unit: kind === 'growth_rate' ? '%' : kind === 'task' ? null : '亿元',
      comparator: kind === 'task' ? null : i % 3 === 0 ? 'about' : 'at_least',
      qualifier: i % 5 === 0 ? 'strive' : null,
      basis: i % 4 === 1 ? '同口径' : null,
      quote,
      quoteStart: i * 40,
      quoteEnd: i * 40 + quote.length,
      // One target in eleven stated twice: its other statement travels with it (the column the view reads).
      alsoStatedAt: i % 11 === 0 ? [{ section: '附表', quote: `再次提到${i}`, quoteStart: 90_000 + i, quoteEnd: 90_010 + i, differences: ['力争'] }] : [],
    };
  });
}

/** What the shell sent before: the thread's result copied to the shell's thread, stringified there. */
async function earlierBytes(reference: Service, name: string, args: unknown): Promise<string> {
  const result = structuredClone(await dispatch(reference, name, args));
  return JSON.stringify({ result: result === undefined ? null : result });
}

describe.each(ENGINES)('the first screen over the browser shell answers as before (%s)', (engine) => {
  let place: StorePlace;
  let reference: Service;
  let backend: ThreadedBackend;
  let shell: WebShell;
  let uploads: string;
  let planIds: number[];

  beforeAll(async () => {
    place = await freshPlace(engine, 'wb_first');
    // The seeded 2025 plan, and a 2,000-target plan beside it (newer, so it is the one the first screen shows).
    reference = openWorkbench(place.location, 'web', { create: true });
    insertPlan(reference.ctx.db, { year: 2026, region: '测试省', title: '两千条目标的计划', sourceFile: 'large.docx', sourceText: '' }, largePlan(2000));
    planIds = ((await dispatch(reference, 'listPlans', {})) as Plan[]).map((p) => p.id);
    uploads = makeTmpDir('wb-first-uploads-');
    // As electron/web/main.ts starts it: the shell listens at once, over a backend still starting.
    const starting = startThreadedBackend({ storePath: place.location, shell: 'web', user: 'tester', uploadsDir: uploads });
    shell = await startWebShell({ backend: pendingBackend(starting, uploads), rendererDir: RENDERER });
    backend = await starting;
  }, 180_000);
  afterAll(async () => {
    await shell?.close();
    await backend?.close();
    reference?.ctx.db.close();
    if (uploads) removeDir(uploads);
    await place?.remove();
  });

  const sent = async (name: string, args: unknown): Promise<string> => {
    const res = await fetch(`http://127.0.0.1:${shell.port}/api/call/${name}`, { method: 'POST', headers: { 'X-Workbench-Token': shell.token, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
    expect(res.status, name).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length')), name).toBe(bytes.length);
    return bytes.toString('utf8');
  };

  /** The first screen's batch (POST /api/first-screen, the page's one request for its five calls) as sent. */
  const batch = async (calls: readonly (readonly [string, unknown])[]): Promise<{ status: number; text: string }> => {
    const res = await fetch(`http://127.0.0.1:${shell.port}/api/first-screen`, { method: 'POST', headers: { 'X-Workbench-Token': shell.token, 'Content-Type': 'application/json' }, body: JSON.stringify(calls) });
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status === 200) expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    return { status: res.status, text: bytes.toString('utf8') };
  };

  /**
   * Every first-screen call, and listTargets of each plan, as the shell sends it and as the earlier path did; and the
   * first screen's batch: each of its entries the bytes of that call's single answer, in the order asked.
   */
  async function expectSameAnswers(): Promise<void> {
    const asked: (readonly [string, unknown])[] = [...FIRST_SCREEN_CALLS, ...planIds.map((planId): [string, unknown] => ['listTargets', { planId }])];
    for (const [name, args] of asked) expect(await sent(name, args), `${name} ${JSON.stringify(args)}`).toBe(await earlierBytes(reference, name, args));
    const singles = await Promise.all(PAGE_FIRST_SCREEN_CALLS.map(([name, args]) => earlierBytes(reference, name, args)));
    expect(await batch(PAGE_FIRST_SCREEN_CALLS)).toEqual({ status: 200, text: `[${singles.join(',')}]` });
    // Asked in another order, or only some of them: the entries follow the request.
    const some = [PAGE_FIRST_SCREEN_CALLS[4], PAGE_FIRST_SCREEN_CALLS[0]];
    expect(await batch(some)).toEqual({ status: 200, text: `[${singles[4]},${singles[0]}]` });
  }

  const newestTargets = async () => (JSON.parse(await sent('listTargets', {})) as { result: Target[] }).result;

  it('right after start, on the seeded plan and the 2,000-target plan', async () => {
    const targets = await newestTargets();
    expect(targets).toHaveLength(2000);
    expect(targets.filter((t) => (t.alsoStatedAt ?? []).length > 0).length).toBeGreaterThan(100);
    await expectSameAnswers();
  }, 120_000);

  it('after an edit through the shell, an edit by another connection, and an undo', async () => {
    const [first, second] = (await newestTargets()).filter((t) => t.kind !== 'task');
    await sent('editTargets', { edits: [{ targetId: first.id, field: 'notes', value: '调度会\u2028口径：“新”' }, { targetId: first.id, field: 'value', value: 7.25 }] });
    expect((await newestTargets()).find((t) => t.id === first.id)).toMatchObject({ notes: '调度会\u2028口径：“新”', value: 7.25 });
    await expectSameAnswers();
    // A colleague's connection changes the plan: the shell's calls thread, which read the plan ahead, sees it.
    await dispatch(reference, 'editTargets', { edits: [{ targetId: second.id, field: 'unit', value: '万吨' }] });
    expect((await newestTargets()).find((t) => t.id === second.id)?.unit).toBe('万吨');
    await expectSameAnswers();
    // Both connections are the same analyst here: the undo takes back the last step, the unit.
    await sent('undo', {});
    expect((await newestTargets()).find((t) => t.id === second.id)?.unit).toBe(second.unit);
    await expectSameAnswers();
  }, 120_000);

  it('refuses in the batch any call that is not one of the first screen’s, and touches nothing', async () => {
    const before = await sent('listTargets', {});
    const [target] = (JSON.parse(before) as { result: Target[] }).result.filter((t) => t.kind !== 'task');
    for (const body of [
      [['editTargets', { edits: [{ targetId: target.id, field: 'notes', value: '不应保存' }] }]],
      [['appInfo', {}], ['undo', {}]],
      [['listTargets', { planId: planIds[0] }]],
      [],
      { appInfo: {} },
      [['appInfo']],
    ]) {
      const { status, text } = await batch(body as never);
      expect(status, JSON.stringify(body)).toBe(400);
      expect((JSON.parse(text) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'bad_request', message: expect.stringContaining(' / ') });
    }
    const malformed = await fetch(`http://127.0.0.1:${shell.port}/api/first-screen`, { method: 'POST', headers: { 'X-Workbench-Token': shell.token }, body: '[[' });
    expect(malformed.status).toBe(400);
    const untokened = await fetch(`http://127.0.0.1:${shell.port}/api/first-screen`, { method: 'POST', body: JSON.stringify(PAGE_FIRST_SCREEN_CALLS) });
    expect(untokened.status).toBe(401);
    expect(await sent('listTargets', {})).toBe(before);
    expect(await sent('undoState', {})).toBe(await earlierBytes(reference, 'undoState', {}));
  }, 120_000);

  it('after an import through the shell', async () => {
    const uploadId = crypto.randomUUID();
    fs.writeFileSync(path.join(uploads, uploadId), wideCsv(30, 3));
    await sent('commitImport', { file: { fileName: 'monthly.csv', uploadId }, skipInvalid: true });
    await expectSameAnswers();
  }, 120_000);
});

describe('the first screen named twice', () => {
  it('the service reads ahead exactly the calls the page sends first', () => {
    expect(FIRST_SCREEN_CALLS.map(([name, args]) => [name, args])).toEqual(PAGE_FIRST_SCREEN_CALLS.map(([name, args]) => [name, args]));
  });
});
