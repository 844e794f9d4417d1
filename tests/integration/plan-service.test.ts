// The plan import calls on a real store: extract proposes without writing, diff shows an update without
// writing, commit stores a new plan or an update in one transaction (all or nothing).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../electron/service/service';
import { proposeFromText } from '../../electron/plan/proposePlan';
import type { EditRecord, PlanCommitResult, PlanDiff, PlanExtraction } from '../../shared/contract';
import type { Plan, Target, TargetDraft } from '../../shared/domain/target';
import { ENGINES, freshServiceEachTest } from '../helpers/stores';

const root = path.resolve(import.meta.dirname, '../..');
const seedBytes = fs.readFileSync(path.join(root, 'seeds/2025-plan.txt'));
const file = (fileName: string, bytes: Uint8Array) => ({ fileName, dataBase64: Buffer.from(bytes).toString('base64') });

// On both engines: a seeded SQLite file, and a seeded database on the PostgreSQL test server (tests/helpers/stores.ts).
describe.each(ENGINES)('on %s', (engine) => {
  let service: Service;
  freshServiceEachTest(engine, 'web', 'i14copy_plan_service', (fresh) => ({ service } = fresh));

  const call = <R>(name: string, args: unknown) => dispatch(service, name, args) as Promise<R>;
  const plans = () => call<Plan[]>('listPlans', {});
  const targetsOf = (planId: number) => call<Target[]>('listTargets', { planId });
  const counts = () => service.ctx.db.prepare('SELECT (SELECT COUNT(*) FROM plans) AS plans, (SELECT COUNT(*) FROM targets) AS targets, (SELECT COUNT(*) FROM edits) AS edits').get();
  const extractSeed = () => call<PlanExtraction>('extractPlan', { file: file('2025-plan.txt', seedBytes) });
  const byIndicator = (list: { indicator: string }[], name: string) => list.findIndex((t) => t.indicator === name);

  describe('extractPlan', () => {
    it('proposes the seed plan: meta, targets in document order, quotes at their offsets, nothing written', async () => {
      const before = counts();
      const x = await extractSeed();
      expect(x.format).toBe('txt');
      expect(x.meta).toEqual({ year: 2025, region: '内蒙古自治区', title: '2025年内蒙古自治区国民经济和社会发展计划' });
      expect(x.targets.length).toBeGreaterThan(200);
      expect(x.targets[byIndicator(x.targets, '地区生产总值')]).toMatchObject({ kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' });
      for (const t of x.targets) expect(x.text.slice(t.quoteStart, t.quoteEnd)).toBe(t.quote);
      expect(counts()).toEqual(before);
    });

    it('refuses files that cannot hold a plan with a bilingual bad_request', async () => {
      const bad: [string, Uint8Array, RegExp][] = [
        ['empty.txt', new Uint8Array(0), /文件为空.*The file is empty/],
        ['binary.txt', Uint8Array.from({ length: 2000 }, (_, i) => (i * 37) % 256), /不是文本文件.*not a text file/],
        ['fake.docx', Buffer.from('this is not a zip archive at all'), /不是有效的 Word 文档.*Not a valid Word document/],
      ];
      for (const [name, bytes, message] of bad) {
        await expect(call('extractPlan', { file: file(name, bytes) })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(message) });
      }
    });
  });

  describe('commitPlan: new plan', () => {
    it('stores the accepted, edited drafts as a new plan with its text', async () => {
      const x = await extractSeed();
      const drafts = x.targets.filter((t) => t.indicator !== '规模以上工业增加值').map((t) => (t.indicator === '地区生产总值' ? { ...t, value: 6.5 } : t));
      const res = await call<PlanCommitResult>('commitPlan', { mode: 'new', year: 2026, region: '测试区', title: '测试计划', fileName: 'plan.txt', text: x.text, targets: drafts });
      expect(res.added).toHaveLength(drafts.length);
      expect(res.changed).toEqual([]);
      const stored = await targetsOf(res.planId);
      expect(stored.map((t) => t.indicator)).toEqual(drafts.map((t) => t.indicator));
      expect(stored[byIndicator(stored, '地区生产总值')].value).toBe(6.5);
      expect(byIndicator(stored, '规模以上工业增加值')).toBe(-1);
      expect(await call<string>('planText', { planId: res.planId })).toBe(x.text);
      expect((await plans()).find((p) => p.id === res.planId)).toMatchObject({ year: 2026, region: '测试区', title: '测试计划', sourceFile: 'plan.txt' });
      // The newest plan is the one the targets view opens on.
      expect((await call<Target[]>('listTargets', {}))[0].planId).toBe(res.planId);
    });

    it('refuses unknown units, quotes off their offsets and an empty list, writing nothing', async () => {
      const x = await extractSeed();
      const before = counts();
      const base = { mode: 'new', year: 2025, region: 'R', title: 'T', fileName: 'f.txt', text: x.text };
      const gdp = x.targets[0];
      await expect(call('commitPlan', { ...base, targets: [{ ...gdp, unit: '斤两' }] })).rejects.toThrow(/未知单位.*unknown unit/);
      await expect(call('commitPlan', { ...base, targets: [{ ...gdp, quoteStart: gdp.quoteStart + 1 }] })).rejects.toThrow(/原文位置.*quote is not at its offsets/);
      await expect(call('commitPlan', { ...base, targets: [{ ...gdp, valueLow: 5, valueHigh: 3 }] })).rejects.toThrow(/下限大于上限/);
      await expect(call('commitPlan', { ...base, targets: [] })).rejects.toThrow(/No targets to import/);
      await expect(call('commitPlan', { ...base, targets: [{ ...gdp, kind: 'wish' }] })).rejects.toThrow(/Invalid arguments/);
      expect(counts()).toEqual(before);
    });

    it('stores units as printed, unified in width', async () => {
      const x = await extractSeed();
      const res = await call<PlanCommitResult>('commitPlan', { mode: 'new', year: 2025, region: 'R', title: 'T', fileName: 'f.txt', text: x.text, targets: [{ ...x.targets[0], unit: '％' }] });
      expect((await targetsOf(res.planId))[0].unit).toBe('%');
    });
  });

  describe('diffPlan and commitPlan: update', () => {
    /** The seed plan's drafts with GDP raised, industry dropped and one new target: what an amended plan brings. */
    async function amended(): Promise<{ x: PlanExtraction; drafts: TargetDraft[]; planId: number }> {
      const x = await extractSeed();
      const planId = (await plans())[0].id;
      const clause = '地区生产总值增长6%左右';
      const at = x.text.indexOf(clause);
      const extra: TargetDraft = { ...x.targets[0], indicator: '新增测试指标', kind: 'level', unit: '亿元', value: 100, comparator: null, quote: clause, quoteStart: at, quoteEnd: at + clause.length };
      const drafts = x.targets
        .filter((t) => t.indicator !== '规模以上工业增加值')
        .map((t) => (t.indicator === '地区生产总值' ? { ...t, value: 6.5 } : t))
        .concat(extra);
      return { x, drafts, planId };
    }

    it('the seed plan against its own extraction: nothing to change', async () => {
      const x = await extractSeed();
      const diff = await call<PlanDiff>('diffPlan', { planId: (await plans())[0].id, targets: x.targets });
      expect({ added: diff.added, changed: diff.changed, removed: diff.removed }).toEqual({ added: [], changed: [], removed: [] });
      expect(diff.matched).toHaveLength(x.targets.length);
    });

    it('diff lists added, changed fields and removed targets without writing', async () => {
      const { drafts, planId } = await amended();
      const stored = await targetsOf(planId);
      const before = counts();
      const diff = await call<PlanDiff>('diffPlan', { planId, targets: drafts });
      expect(diff.added).toEqual([{ draftIndex: drafts.length - 1, section: '总体目标', indicator: '新增测试指标', kind: 'level' }]);
      const gdp = stored[byIndicator(stored, '地区生产总值')];
      expect(diff.changed).toEqual([{ targetId: gdp.id, draftIndex: byIndicator(drafts, '地区生产总值'), section: '总体目标', indicator: '地区生产总值', field: 'value', before: 6, after: 6.5 }]);
      expect(diff.removed.map((r) => r.indicator)).toEqual(['规模以上工业增加值']);
      expect(counts()).toEqual(before);
      await expect(call('diffPlan', { planId: 999, targets: drafts })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('commit keeps matched targets (ids, notes), records changes as an undoable plan-update group', async () => {
      const { drafts, planId } = await amended();
      const stored = await targetsOf(planId);
      const gdp = stored[byIndicator(stored, '地区生产总值')];
      await call('editTargets', { edits: [{ targetId: gdp.id, field: 'notes', value: '分析员的备注' }] });
      const res = await call<PlanCommitResult>('commitPlan', { mode: 'update', planId, targets: drafts });
      expect(res.added.map((a) => a.indicator)).toEqual(['新增测试指标']);
      expect(res.changed).toHaveLength(1);
      expect(res.removed).toHaveLength(1);
      expect(res.groupId).not.toBeNull();

      const after = await targetsOf(planId);
      expect(after.map((t) => t.indicator)).toEqual(drafts.map((t) => t.indicator));
      expect(after[byIndicator(after, '地区生产总值')]).toMatchObject({ id: gdp.id, value: 6.5, notes: '分析员的备注' });
      const history = await call<EditRecord[]>('targetHistory', { targetId: gdp.id });
      expect(history[0]).toMatchObject({ field: 'value', oldValue: 6, newValue: 6.5, source: 'plan-update', groupId: res.groupId });

      await call('undo', {});
      expect((await targetsOf(planId)).find((t) => t.id === gdp.id)!.value).toBe(6);
    });

    it('a renamed target still matches by its sentence; the new text moves the quotes', async () => {
      const x = await extractSeed();
      const planId = (await plans())[0].id;
      const gdp = (await targetsOf(planId))[0];
      await call('editTargets', { edits: [{ targetId: gdp.id, field: 'indicator', value: 'GDP' }] });
      const moved = proposeFromText(`前言：本文件为测试而加。\n\n${x.text}`);
      const diff = await call<PlanDiff>('diffPlan', { planId, targets: moved.targets });
      expect(diff.added).toEqual([]);
      expect(diff.removed).toEqual([]);
      expect(diff.changed).toEqual([expect.objectContaining({ targetId: gdp.id, field: 'indicator', before: 'GDP', after: '地区生产总值' })]);

      await call('commitPlan', { mode: 'update', planId, fileName: 'v2.txt', text: moved.text, targets: moved.targets });
      const after = (await targetsOf(planId))[0];
      expect(after.id).toBe(gdp.id);
      expect(after.quoteStart).toBeGreaterThan(gdp.quoteStart);
      expect(moved.text.slice(after.quoteStart, after.quoteEnd)).toBe(after.quote);
      expect(await call<string>('planText', { planId })).toBe(moved.text);
      expect((await plans()).find((p) => p.id === planId)!.sourceFile).toBe('v2.txt');
    });

    it('refuses drafts that do not quote the stored text when no new text is sent', async () => {
      const moved = proposeFromText(`前言：本文件为测试而加。\n\n${(await extractSeed()).text}`);
      const planId = (await plans())[0].id;
      const before = counts();
      await expect(call('commitPlan', { mode: 'update', planId, targets: moved.targets })).rejects.toThrow(/quote is not at its offsets/);
      expect(counts()).toEqual(before);
    });

    it('is one transaction: a failure while inserting leaves plan, targets and history as they were', async () => {
      const { drafts, planId } = await amended();
      const { db } = service.ctx;
      // Make the store itself refuse the new target, after the removals and field changes have run.
      if (db.engine === 'postgres') {
        db.exec(`CREATE FUNCTION refuse_test() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN IF NEW.indicator = '新增测试指标' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$;
                 CREATE TRIGGER refuse_test BEFORE INSERT ON targets FOR EACH ROW EXECUTE FUNCTION refuse_test();`);
      } else {
        db.exec(`CREATE TRIGGER refuse_test BEFORE INSERT ON targets WHEN NEW.indicator = '新增测试指标' BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
      }
      const snapshot = () => ({
        counts: counts(),
        targets: db.prepare('SELECT * FROM targets WHERE plan_id = ? ORDER BY id').all(planId),
        text: db.prepare('SELECT source_text, source_file FROM plans WHERE id = ?').get(planId),
      });
      const before = snapshot();
      await expect(call('commitPlan', { mode: 'update', planId, fileName: 'x.txt', text: `${(await extractSeed()).text}`, targets: drafts })).rejects.toThrow(/refused by test/);
      expect(snapshot()).toEqual(before);
      const undoState = await call<{ canUndo: boolean }>('undoState', {});
      expect(undoState.canUndo).toBe(false);
    });
  });
});
