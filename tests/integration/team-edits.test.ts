// Team mode (issue 14) on both engines: two analysts, each with their own service and connection, on one store.
// No lost update (a save over a colleague's change to the same field is refused, says who/when/what, is recorded,
// and can be reapplied), a change to another field does not block, undo touches only one's own steps and refuses
// when a colleague changed the field since, and links, imports and undos name their author.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, createService, type Service } from '../../electron/service/service';
import { openStoreAt, openWorkbench } from '../../electron/openWorkbench';
import type { ConflictDetail, EditRecord, RefusalRecord, UndoResult } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import type { ImportBatch } from '../../shared/domain/series';
import type { LinkView } from '../../shared/contract/varianceCalls';
import { WorkbenchError } from '../../shared/errors';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { dropDatabase, freshDatabase } from '../helpers/pg';

type Engine = 'sqlite' | 'postgres';

interface Desk {
  location: string;
  cleanup: () => Promise<void>;
}

async function newStore(engine: Engine): Promise<Desk> {
  if (engine === 'sqlite') {
    const dir = makeTmpDir('wb-team-');
    const location = path.join(dir, 'team.sqlite');
    openWorkbench(location, 'cli', { create: true }).ctx.db.close();
    return { location, cleanup: async () => removeDir(dir) };
  }
  const { name, url } = await freshDatabase('i14_edits');
  openWorkbench(url, 'cli', { create: true }).ctx.db.close();
  return { location: url, cleanup: () => dropDatabase(name) };
}

/** One analyst's session: their own connection and service, under their name. */
const sessionAs = (location: string, user: string): Service => createService({ db: openStoreAt(location), storePath: location, shell: 'web', user, version: 'test' });

const call = <T>(s: Service, name: string, args: unknown) => dispatch(s, name, args) as Promise<T>;

async function refusal(p: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkbenchError) return e;
    throw e;
  }
  throw new Error('expected a refusal, the call succeeded');
}

const csv = (text: string) => ({ fileName: '产量.csv', dataBase64: Buffer.from(text, 'utf8').toString('base64') });

describe.each<Engine>(['sqlite', 'postgres'])('two analysts on one %s store', (engine) => {
  let desk: Desk;
  let zhang: Service;
  let li: Service;

  beforeEach(async () => {
    desk = await newStore(engine);
    zhang = sessionAs(desk.location, 'zhang');
    li = sessionAs(desk.location, 'li');
  }, 60_000);
  afterEach(async () => {
    zhang.ctx.db.close();
    li.ctx.db.close();
    await desk.cleanup();
  });

  const gdp = async (s: Service) => (await call<Target[]>(s, 'listTargets', {})).find((t) => t.indicator === '地区生产总值')!;

  it('refuses the second save of a field with who, when and the new value; records it; lets it be reapplied', async () => {
    const seenByZhang = await gdp(zhang);
    const seenByLi = await gdp(li);
    expect(seenByLi.revision).toBe(seenByZhang.revision);
    const at = (t: Target) => ({ targetId: t.id, field: 'value', revision: t.revision, seen: t.value });

    await call(zhang, 'editTargets', { edits: [{ ...at(seenByZhang), value: 6.5 }] });
    const err = await refusal(call(li, 'editTargets', { edits: [{ ...at(seenByLi), value: 7 }] }));
    expect(err.code).toBe('conflict');
    expect(err.key).toBe('edit.conflict');
    expect(err.message).toMatch(/zhang 于 .* 已把“地区生产总值”的目标值改为 6\.5（你要保存的是 7） \/ Not saved: zhang changed/);
    const [c] = (err.details as { conflicts: ConflictDetail[] }).conflicts;
    expect(c).toMatchObject({ targetId: seenByLi.id, field: 'value', attempted: 7, current: 6.5, changedBy: 'zhang', scope: 'field', revision: seenByLi.revision! + 1 });
    expect(c.changedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    // The refused save changed nothing.
    expect((await gdp(li)).value).toBe(6.5);

    // A change to another field of the same target, against the same old revision, is not blocked.
    await call(li, 'editTargets', { edits: [{ targetId: seenByLi.id, field: 'notes', value: '按季度核对', revision: seenByLi.revision, seen: seenByLi.notes }] });

    // Reapply: against what the refusal showed.
    await call(li, 'editTargets', { edits: [{ targetId: c.targetId, field: c.field, value: c.attempted, revision: c.revision, seen: c.current }] });
    const now = await gdp(zhang);
    expect(now).toMatchObject({ value: 7, notes: '按季度核对', updatedBy: 'li', revision: seenByZhang.revision! + 3 });

    const history = await call<EditRecord[]>(zhang, 'targetHistory', { targetId: now.id });
    expect(history.map((h) => [h.user, h.field, h.oldValue, h.newValue])).toEqual([
      ['li', 'value', 6.5, 7],
      ['li', 'notes', '', '按季度核对'],
      ['zhang', 'value', 6, 6.5],
    ]);
    const refusals = await call<RefusalRecord[]>(zhang, 'targetRefusals', { targetId: now.id });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ user: 'li', field: 'value', attemptedValue: 7, currentValue: 6.5, changedBy: 'zhang', seenRevision: seenByLi.revision, source: 'grid' });
  });

  it('refuses a whole paste when one of its cells was changed by a colleague', async () => {
    const targets = await call<Target[]>(li, 'listTargets', {});
    const [a, b] = targets.filter((t) => t.value !== null);
    await call(zhang, 'editTargets', { edits: [{ targetId: b.id, field: 'value', value: 99, revision: b.revision, seen: b.value }] });
    const edits = [a, b].map((t) => ({ targetId: t.id, field: 'value', value: 1, revision: t.revision, seen: t.value }));
    const err = await refusal(call(li, 'editTargets', { edits, source: 'paste' }));
    expect(err.code).toBe('conflict');
    expect((err.details as { conflicts: ConflictDetail[] }).conflicts.map((c) => c.targetId)).toEqual([b.id]);
    const after = await call<Target[]>(li, 'listTargets', {});
    expect(after.find((t) => t.id === a.id)!.value).toBe(a.value);
    expect(after.find((t) => t.id === b.id)!.value).toBe(99);
  });

  it('without a revision or a seen value (an old client) saves as before', async () => {
    const t = await gdp(li);
    await call(zhang, 'editTargets', { edits: [{ targetId: t.id, field: 'value', value: 5 }] });
    await call(li, 'editTargets', { edits: [{ targetId: t.id, field: 'value', value: 5.5 }] });
    expect((await gdp(zhang)).value).toBe(5.5);
  });

  it("undoes only one's own steps, and refuses when a colleague changed the field since", async () => {
    const targets = await call<Target[]>(zhang, 'listTargets', {});
    const [a, b] = targets.filter((t) => t.value !== null);
    await call(zhang, 'editTargets', { edits: [{ targetId: a.id, field: 'value', value: 11 }] });
    await call(li, 'editTargets', { edits: [{ targetId: b.id, field: 'value', value: 22 }] });

    // zhang's undo takes zhang's step back, though li's is newer.
    const undone = await call<UndoResult>(zhang, 'undo', {});
    expect(undone.edits.map((e) => [e.targetId, e.user, e.undoneBy])).toEqual([[a.id, 'zhang', 'zhang']]);
    expect(undone).toMatchObject({ canUndo: false, canRedo: true });
    expect(await call(li, 'undoState', {})).toEqual({ canUndo: true, canRedo: false });
    const now = await call<Target[]>(zhang, 'listTargets', {});
    expect(now.find((t) => t.id === a.id)!.value).toBe(a.value);
    expect(now.find((t) => t.id === b.id)!.value).toBe(22);
    const history = await call<EditRecord[]>(li, 'targetHistory', { targetId: a.id });
    expect(history[0]).toMatchObject({ user: 'zhang', undone: true, undoneBy: 'zhang' });

    // li's own new edit does not end zhang's redo chain.
    await call(li, 'editTargets', { edits: [{ targetId: b.id, field: 'notes', value: '李的备注' }] });
    expect(await call(zhang, 'undoState', {})).toEqual({ canUndo: false, canRedo: true });
    await call(zhang, 'redo', {});

    // li changes the field zhang changed: zhang's undo would throw li's value away, so it is refused.
    await call(li, 'editTargets', { edits: [{ targetId: a.id, field: 'value', value: 33 }] });
    const err = await refusal(call(zhang, 'undo', {}));
    expect(err.code).toBe('conflict');
    expect(err.key).toBe('undo.colleagueChanged');
    expect(err.message).toMatch(/无法撤销：li 于 .* 之后修改了.*（现为 33）.*Cannot undo: li changed/);
    expect((await call<Target[]>(zhang, 'listTargets', {})).find((t) => t.id === a.id)!.value).toBe(33);
    const refusals = await call<RefusalRecord[]>(li, 'targetRefusals', { targetId: a.id });
    expect(refusals[0]).toMatchObject({ user: 'zhang', source: 'undo', currentValue: 33, attemptedValue: a.value, changedBy: 'li' });
  });

  it('names who imported a batch, who undid it, and who set a link', async () => {
    const imported = await call<{ batchId: number }>(zhang, 'commitImport', { file: csv('指标,2025年1月,2025年2月\n全省原煤产量当期值(万吨),100,110\n') });
    await call(li, 'undoBatch', { batchId: imported.batchId });
    const [batch] = (await call<ImportBatch[]>(zhang, 'listBatches', {})).filter((x) => x.id === imported.batchId);
    expect(batch).toMatchObject({ importedBy: 'zhang', undone: true, undoneBy: 'li' });
    expect(batch.undoneAt).toMatch(/^\d{4}-/);

    const again = await call<{ batchId: number }>(zhang, 'commitImport', { file: csv('指标,2025年1月,2025年2月\n全省原煤产量累计值(万吨),9000,18500\n') });
    expect(again.batchId).not.toBe(imported.batchId);
    const series = (await call<{ id: number; label: string }[]>(li, 'listSeries', {})).find((x) => x.label.includes('原煤产量累计值'))!;
    const coal = (await call<Target[]>(li, 'listTargets', {})).find((t) => t.indicator === '煤炭产量')!;
    const saved = await call<{ link: LinkView }>(li, 'setLink', { targetId: coal.id, seriesId: series.id, formula: null });
    expect(saved.link.createdBy).toBe('li');
    const links = await call<LinkView[]>(zhang, 'listLinks', {});
    expect(links.find((l) => l.targetId === coal.id)).toMatchObject({ createdBy: 'li', seriesId: series.id });
  });
});
