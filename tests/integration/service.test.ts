import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, CALL_NAMES } from '../../shared/contract';
import { dispatch, type Service } from '../../electron/service/service';
import type { Target } from '../../shared/domain/target';
import { ENGINES, freshService, type StorePlace } from '../helpers/stores';

// The same calls on both engines: a seeded SQLite file, and a seeded database on the PostgreSQL test server.
describe.each(ENGINES)('on %s', (engine) => {
  let place: StorePlace;
  let service: Service;
  beforeEach(async () => {
    const fresh = await freshService(engine, 'cli', 'i14copy_service');
    place = fresh;
    service = fresh.service;
  });
  afterEach(async () => {
    service.ctx.db.close();
    await place.remove();
  });

  const targets = async () => (await dispatch(service, 'listTargets', {})) as Target[];
  const gdpOf = async () => (await targets()).find((t) => t.indicator === '地区生产总值')!;

  describe('contract validation', () => {
    it('every call has a handler', () => {
      for (const name of CALL_NAMES) expect(typeof service.handlers[name]).toBe('function');
      expect(Object.keys(service.handlers).sort()).toEqual([...CALL_NAMES].sort());
    });
    it('rejects unknown calls and bad arguments', async () => {
      await expect(dispatch(service, 'dropTables', {})).rejects.toThrow(/未知的调用.*Unknown call/);
      await expect(dispatch(service, 'listTargets', { planId: 'x' })).rejects.toThrow(/参数不正确.*Invalid arguments/);
      await expect(dispatch(service, 'listTargets', { planId: 1, extra: true })).rejects.toThrow(/Invalid arguments/);
      await expect(dispatch(service, 'editTargets', { edits: [] })).rejects.toThrow(/Invalid arguments/);
      await expect(dispatch(service, 'editTargets', { edits: [{ targetId: 1, field: 'kind', value: 'level' }] })).rejects.toThrow(/Invalid arguments/);
      await expect(dispatch(service, 'targetHistory', { targetId: -3 })).rejects.toThrow(/Invalid arguments/);
      expect(contract.editTargets.args.safeParse({ edits: [{ targetId: 1, field: 'value', value: {} }] }).success).toBe(false);
    });
  });

  describe('service', () => {
    it('lists the seeded plan and its headline targets', async () => {
      const plans = (await dispatch(service, 'listPlans', {})) as { year: number }[];
      expect(plans[0].year).toBe(2025);
      const gdp = await gdpOf();
      expect(gdp).toMatchObject({ kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
    });

    it('saves a valid edit, records it, and undo restores it', async () => {
      const gdp = await gdpOf();
      const res = (await dispatch(service, 'editTargets', { edits: [{ targetId: gdp.id, field: 'value', value: '6.5' }] })) as { targets: Target[]; canUndo: boolean };
      expect(res.targets[0].value).toBe(6.5);
      expect(res.canUndo).toBe(true);
      const history = (await dispatch(service, 'targetHistory', { targetId: gdp.id })) as { oldValue: unknown; newValue: unknown; user: string }[];
      expect(history[0]).toMatchObject({ oldValue: 6, newValue: 6.5 });
      expect(history[0].user.length).toBeGreaterThan(0);
      await dispatch(service, 'undo', {});
      expect((await gdpOf()).value).toBe(6);
      await dispatch(service, 'redo', {});
      expect((await gdpOf()).value).toBe(6.5);
    });

    it('refuses a batch with one invalid cell and saves none of it', async () => {
      const [a, b] = await targets();
      await expect(
        dispatch(service, 'editTargets', {
          edits: [
            { targetId: a.id, field: 'value', value: '9' },
            { targetId: b.id, field: 'unit', value: '斤两' },
          ],
          source: 'paste',
        }),
      ).rejects.toThrow(/未知单位/);
      const after = await targets();
      expect(after[0].value).toBe(a.value);
      expect(after[1].unit).toBe(b.unit);
      expect((await dispatch(service, 'undoState', {})) as object).toEqual({ canUndo: false, canRedo: false });
    });

    it('refuses edits of a target that does not exist', async () => {
      await expect(dispatch(service, 'editTargets', { edits: [{ targetId: 99999, field: 'value', value: 1 }] })).rejects.toThrow(/不存在.*does not exist/);
    });
  });

  describe('task progress', () => {
    it('records a task’s progress as an undoable edit', async () => {
      const task = (await targets()).find((t) => t.kind === 'task')!;
      expect(task.taskStatus).toBe('open');
      await dispatch(service, 'editTargets', { edits: [{ targetId: task.id, field: 'taskStatus', value: '推进中' }] });
      expect((await targets()).find((t) => t.id === task.id)!.taskStatus).toBe('in_progress');
      const history = (await dispatch(service, 'targetHistory', { targetId: task.id })) as { field: string; oldValue: unknown; newValue: unknown }[];
      expect(history[0]).toMatchObject({ field: 'taskStatus', oldValue: 'open', newValue: 'in_progress' });
      await dispatch(service, 'undo', {});
      expect((await targets()).find((t) => t.id === task.id)!.taskStatus).toBe('open');
    });
  });
});
