// Restated targets and document parts on a real store: the seeded 2025 plan holds each restated target once with
// both statements, names figures by their subject, and a plan import stores only the plan year's targets.
import { describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../electron/service/service';
import { proposeFromText } from '../../electron/plan/proposePlan';
import { SCHEMA_VERSION } from '../../electron/store/migrations';
import type { PlanCommitResult } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { ENGINES, freshServiceEachTest } from '../helpers/stores';
import { storeSchemaVersion } from '../../electron/store/storeDigest';

// On both engines: a seeded SQLite file, and a seeded database on the PostgreSQL test server (tests/helpers/stores.ts).
describe.each(ENGINES)('on %s', (engine) => {
  let service: Service;
  freshServiceEachTest(engine, 'web', 'i14copy_plan_restated', (fresh) => ({ service } = fresh));

  const call = <R>(name: string, args: unknown) => dispatch(service, name, args) as Promise<R>;

  describe('the seeded 2025 plan', () => {
    it('holds each restated target once, with the other statement and its difference', async () => {
      expect(storeSchemaVersion(service.ctx.db)).toBe(SCHEMA_VERSION);
      const targets = await call<Target[]>('listTargets', {});
      const investment = targets.filter((t) => t.kind === 'growth_rate' && t.value === 10 && t.indicator === '固定资产投资');
      expect(investment).toHaveLength(1);
      expect(investment[0]).toMatchObject({ section: '总体目标', comparator: 'about', qualifier: null });
      expect(investment[0].alsoStatedAt).toEqual([expect.objectContaining({ section: '四、(一)', differences: ['限定词 qualifier：力争 / strive ↔ 无 / none'] })]);
      const jobs = targets.filter((t) => t.value === 18 && t.unit === '万人');
      expect(jobs).toHaveLength(1);
      expect(jobs[0].alsoStatedAt?.[0]).toMatchObject({ section: '十、(一)' });
      const text = await call<string>('planText', { planId: jobs[0].planId });
      for (const t of [...investment, ...jobs]) for (const s of t.alsoStatedAt ?? []) expect(text.slice(s.quoteStart, s.quoteEnd)).toBe(s.quote);
    });

    it('names figures by the subject their sentence gives them', async () => {
      const targets = await call<Target[]>('listTargets', {});
      const named = (value: number, unit: string) => targets.find((t) => t.value === value && t.unit === unit)?.indicator;
      expect(named(3000, '亿度')).toBe('新能源发电量');
      expect(named(320, '亿元')).toBe('农畜产品进京网上销售额');
      expect(named(8, '个')).toBe('整县提升奶业生产能力的旗县');
      expect(named(160, '项')).toBe('营商环境4.0方案重点任务');
      expect(named(9, '种')).toBe('“三变”改革典型模式');
      expect(targets.find((t) => t.valueLow === 1 && t.valueHigh === 2)?.indicator).toBe('进入国家主推品种目录的品种');
    });
  });

  const REPORT = `2032年某省人民政府工作报告
  ——2032年1月18日在某省人民代表大会上
  一、2031年工作回顾
  过去一年，全省地区生产总值增长5.3%，新建保障性住房3万套。
  二、“十六五”时期的主要目标
  到2035年，全省森林覆盖率达到30%。
  三、2032年工作安排
  今年主要预期目标是：地区生产总值增长5%左右，城镇新增就业60万人以上。
  (一)稳就业
  城镇新增就业60万人以上，新建保障性住房2万套。
  `;

  describe('importing a work report', () => {
    it('stores only the plan year’s targets, each once, and refuses review or outlook drafts', async () => {
      const x = proposeFromText(REPORT);
      expect(x.meta).toMatchObject({ year: 2032, region: '某省' });
      expect(x.targets.filter((t) => t.kind !== 'task').map((t) => t.scope)).toEqual(['review', 'review', 'outlook', 'plan_year', 'plan_year', 'plan_year']);
      const planYear = x.targets.filter((t) => t.scope === 'plan_year');
      const before = service.ctx.db.prepare('SELECT COUNT(*) AS n FROM targets').get();
      const refused = call('commitPlan', { mode: 'new', year: 2032, region: '某省', title: '报告', fileName: 'r.txt', text: x.text, targets: x.targets });
      await expect(refused).rejects.toThrow(/Review and outlook items cannot be committed/);
      expect(service.ctx.db.prepare('SELECT COUNT(*) AS n FROM targets').get()).toEqual(before);

      const result = await call<PlanCommitResult>('commitPlan', { mode: 'new', year: 2032, region: '某省', title: '报告', fileName: 'r.txt', text: x.text, targets: planYear });
      const stored = await call<Target[]>('listTargets', { planId: result.planId });
      const quantified = stored.filter((t) => t.kind !== 'task');
      expect(quantified.map((t) => [t.indicator, t.value, t.unit])).toEqual([
        ['地区生产总值', 5, '%'],
        ['城镇新增就业', 60, '万人'],
        ['保障性住房', 2, '万套'],
      ]);
      expect(quantified[1].alsoStatedAt).toEqual([expect.objectContaining({ section: '三、(一)' })]);
    });
  });
});
