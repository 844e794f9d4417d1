// The first screen's pre-read keeps the bytes of its listTargets answer (electron/service/firstScreen.ts): the page's
// listTargets is answered with them while the store's change key has not moved. They must equal a fresh computation
// whenever they are handed out, and must not be handed out after any change to the store: an edit on the same
// connection or another, an undo, a newer plan written by another connection, an import, and a write by another
// connection while the pre-read was computing them. On both engines. No timing: the test waits on the pre-read's
// own `done`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { primeFirstScreen } from '../../electron/service/firstScreen';
import { jsonOfResult } from '../../electron/service/host/answerJson';
import { dispatch, type Service } from '../../electron/service/service';
import { insertPlan } from '../../electron/store/targetsRepo';
import type { Plan, Target } from '../../shared/domain/target';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { wideCsv } from '../helpers/wideCsv';

const text = (bytes: Uint8Array | null) => (bytes === null ? null : Buffer.from(bytes).toString('utf8'));

describe.each(ENGINES)('the first screen read ahead (%s)', (engine) => {
  let place: StorePlace;
  let service: Service;
  /** A colleague's connection to the same store. */
  let other: Service;
  let uploads: string;
  let edits = 0;

  beforeAll(async () => {
    place = await freshPlace(engine, 'wb_fsread');
    service = openWorkbench(place.location, 'web', { create: true });
    other = openWorkbench(place.location, 'web', {});
    uploads = makeTmpDir('wb-fsread-uploads-');
    service.ctx.uploadsDir = uploads;
  }, 60_000);
  afterAll(async () => {
    other?.ctx.db.close();
    service?.ctx.db.close();
    if (uploads) removeDir(uploads);
    await place?.remove();
  });

  /** listTargets as the thread writes it when it computes the call. */
  const fresh = async () => text(jsonOfResult(await dispatch(service, 'listTargets', {})));
  const firstTarget = async () => ((await dispatch(service, 'listTargets', {})) as Target[]).find((t) => t.kind !== 'task')!;
  const editNotes = async (by: Service) => {
    const target = await firstTarget();
    await dispatch(by, 'editTargets', { edits: [{ targetId: target.id, field: 'notes', value: `备注${++edits}：“口径”\\` }] });
  };

  it('hands out its bytes, equal to a fresh computation, while nothing changed; a copy each time; only for listTargets()', async () => {
    const read = primeFirstScreen(service);
    await read.done;
    const kept = await read.take('listTargets', {});
    expect(kept).not.toBeNull();
    expect(text(kept)).toBe(await fresh());
    const again = await read.take('listTargets', {});
    expect(again).not.toBe(kept);
    expect(again?.buffer).not.toBe(kept?.buffer);
    expect(text(again)).toBe(text(kept));
    const planId = ((await dispatch(service, 'listPlans', {})) as Plan[])[0].id;
    expect(read.keeps('listTargets', { planId })).toBe(false);
    expect(await read.take('listTargets', { planId })).toBeNull();
    for (const name of ['appInfo', 'listPlans', 'knownUnits', 'undoState']) {
      expect(read.keeps(name, {})).toBe(false);
      expect(await read.take(name, {})).toBeNull();
    }
  }, 60_000);

  const changes: [string, () => Promise<unknown>, boolean][] = [
    ['an edit through the same connection', () => editNotes(service), true],
    ['an edit by another connection', () => editNotes(other), true],
    ['an undo', () => dispatch(service, 'undo', {}), true],
    [
      'a newer plan written by another connection',
      async () => insertPlan(other.ctx.db, { year: 2027, region: '测试省', title: '更新的计划', sourceFile: 'newer.docx', sourceText: '' }, [{ section: '一、', indicator: '新指标', kind: 'growth_rate', value: 6, valueLow: null, valueHigh: null, unit: '%', comparator: 'about', qualifier: null, basis: null, quote: '增长6%左右', quoteStart: 0, quoteEnd: 6 }]),
      true,
    ],
    [
      'an import (the targets unchanged, the store changed)',
      async () => {
        const uploadId = crypto.randomUUID();
        fs.writeFileSync(path.join(uploads, uploadId), wideCsv(5, 3));
        await dispatch(service, 'commitImport', { file: { fileName: 'monthly.csv', uploadId }, skipInvalid: true });
      },
      false,
    ],
  ];

  it.each(changes)('after %s: its bytes are not handed out, and the fresh answer shows the store as it is', async (_what, change, targetsChange) => {
    const read = primeFirstScreen(service);
    await read.done;
    const before = text(await read.take('listTargets', {}));
    expect(before).toBe(await fresh());
    await change();
    expect(await read.take('listTargets', {})).toBeNull();
    // The change is one that listTargets shows (so the kept bytes would have been wrong), or one it does not.
    if (targetsChange) expect(await fresh()).not.toBe(before);
    else expect(await fresh()).toBe(before);
    // A pre-read started after the change keeps the store as it now is.
    const after = primeFirstScreen(service);
    await after.done;
    expect(text(await after.take('listTargets', {}))).toBe(await fresh());
  }, 60_000);

  it('a colleague’s write while the pre-read computes the targets: its bytes are not handed out', async () => {
    // The write lands after the targets were read and before the pre-read's answer is written: the bytes show the
    // store before it. The change key was read before the targets, so it no longer matches.
    const handlers = service.handlers as unknown as Record<string, (args: unknown) => unknown>;
    const listTargets = handlers.listTargets;
    const target = await firstTarget();
    let written: unknown = true;
    handlers.listTargets = (args) => {
      const result = listTargets(args);
      try {
        other.handlers.editTargets({ edits: [{ targetId: target.id, field: 'notes', value: '计算时同事修改' }], source: 'grid' });
      } catch (e) {
        written = e;
      }
      return result;
    };
    let read: ReturnType<typeof primeFirstScreen>;
    try {
      read = primeFirstScreen(service);
      await read.done;
    } finally {
      handlers.listTargets = listTargets;
    }
    expect(written).toBe(true);
    expect(await read.take('listTargets', {})).toBeNull();
    expect(((await dispatch(service, 'listTargets', {})) as Target[]).find((t) => t.id === target.id)?.notes).toBe('计算时同事修改');
  }, 60_000);
});
