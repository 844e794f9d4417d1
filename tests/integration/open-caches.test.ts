// What the service keeps between calls so that opening the app and each view's first call are quick (issue 12):
// the plan's targets read once per store change, the briefings of the current store state, and the briefing the
// heavy thread prepares when idle. None of it may show anything the store no longer holds: a write by this
// service or by another connection to the same store is seen at the next call, on both engines.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import { FIRST_BRIEF_ARGS, warmBriefing } from '../../electron/service/warmUp';
import type { BriefPreview } from '../../shared/contract/handoffCalls';
import type { Target } from '../../shared/domain/target';
import { ENGINES, freshService, type StorePlace } from '../helpers/stores';

describe.each(ENGINES)('caches kept for the first calls (%s)', (engine) => {
  let place: StorePlace;
  let service: Service;
  /** A second workbench on the same store, as a colleague's or the CLI's. */
  let other: Service;

  beforeEach(async () => {
    const fresh = await freshService(engine, 'web', 'wb-open-caches');
    place = fresh;
    service = fresh.service;
    other = openWorkbench(fresh.location, 'cli');
  }, 60_000);

  afterEach(async () => {
    other.ctx.db.close();
    service.ctx.db.close();
    await place.remove();
  });

  const targets = async (s: Service) => (await dispatch(s, 'listTargets', {})) as Target[];
  const brief = async (s: Service, args: object = FIRST_BRIEF_ARGS) => (await dispatch(s, 'briefHtml', args)) as BriefPreview;
  const numeric = async (s: Service) => (await targets(s)).find((t) => t.kind !== 'task' && t.value !== null)!;

  it('lists the targets as stored after a write here or by another connection, and hands out targets nobody can change', async () => {
    const first = await targets(service);
    const target = first.find((t) => t.kind !== 'task')!;
    // Another connection edits: the next list shows it.
    await dispatch(other, 'editTargets', { edits: [{ targetId: target.id, field: 'notes', value: '同事补充的备注' }] });
    expect((await targets(service)).find((t) => t.id === target.id)!.notes).toBe('同事补充的备注');
    // This service edits: the same.
    await dispatch(service, 'editTargets', { edits: [{ targetId: target.id, field: 'notes', value: '本人修改' }] });
    const again = await targets(service);
    expect(again.find((t) => t.id === target.id)!.notes).toBe('本人修改');
    // A caller may rearrange its array, not the targets in it (they are shared with the other handlers).
    again.reverse();
    expect((await targets(service))[0].id).toBe(first[0].id);
    expect(() => {
      (again[0] as { notes: string }).notes = '改不了';
    }).toThrow(TypeError);
  });

  it('answers the same briefing again from its cache until the store changes, then builds it from the new figures', async () => {
    const target = await numeric(service);
    const before = await brief(service);
    const spy = vi.spyOn(service.ctx.db, 'prepare');
    const again = await brief(service);
    // Nothing read from the store beyond the change key: the same document.
    expect(spy.mock.calls.filter(([sql]) => /FROM targets/.test(String(sql)))).toEqual([]);
    spy.mockRestore();
    expect(again.html).toBe(before.html);
    expect(before.html).not.toContain('98765');
    // Another connection changes a target's value: the next preview shows it.
    await dispatch(other, 'editTargets', { edits: [{ targetId: target.id, field: 'value', value: 98765 }] });
    expect((await brief(service)).html).toContain('98765');
    // And so does a write through this service.
    await dispatch(service, 'editTargets', { edits: [{ targetId: target.id, field: 'value', value: 87654 }] });
    const edited = await brief(service);
    expect(edited.html).toContain('87654');
    expect(edited.html).not.toContain('98765');
  }, 120_000);

  it('keeps briefings of different choices apart', async () => {
    const standard = await brief(service, { layout: 'standard' });
    const section = (await numeric(service)).section.slice(0, 1);
    const part = await brief(service, { layout: 'standard', section });
    expect(part.html).not.toBe(standard.html);
    expect(part.html).toContain(`计划第${section}部分`);
    // No layout given is the standard one.
    expect((await brief(service, {})).html).toBe(standard.html);
  }, 120_000);

  it('prepares the first briefing when idle, which the view then gets as built from the store', async () => {
    await warmBriefing(service);
    const spy = vi.spyOn(service.ctx.db, 'prepare');
    const first = await brief(service);
    expect(spy.mock.calls.filter(([sql]) => /FROM targets|FROM observations/.test(String(sql)))).toEqual([]);
    spy.mockRestore();
    // The same document a workbench that prepared nothing builds.
    expect(first.html).toBe((await brief(other)).html);
  }, 120_000);
});
