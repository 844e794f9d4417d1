// Direction of each target (higher_better / lower_better / band): derived from the wording when stored,
// derived the same way by the migration for targets stored before it, editable with undo, in targets --json,
// and followed by the status (an unemployment rate under its ceiling is on track).

import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, type Service } from '../../electron/service/service';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/store/migrations';
import { openStore } from '../../electron/store/openStore';
import { deriveDirection } from '../../shared/domain/direction';
import type { Target } from '../../shared/domain/target';
import { analyzeTarget } from '../../shared/variance/analyzeTarget';
import { gapTone } from '../../shared/brief/statusStyle';
import { makeSeries, makeTarget } from '../unit/variance-fixtures';
import { targetJson } from '../../electron/cli/commands/targets';
import { ENGINES, freshServiceEachTest } from '../helpers/stores';

// On both engines: a seeded SQLite file, and a seeded database on the PostgreSQL test server (tests/helpers/stores.ts).
describe.each(ENGINES)('on %s', (engine) => {
  let dir: string;
  let service: Service;
  freshServiceEachTest(engine, 'cli', 'i14copy_target_direction', (fresh) => ({ dir, service } = fresh), 'wb-direction-');

  const targets = async () => (await dispatch(service, 'listTargets', {})) as Target[];

  describe('deriveDirection', () => {
    const d = (over: Partial<Target> & Pick<Target, 'indicator' | 'kind'>) => deriveDirection(makeTarget(over));
    it('reads ceilings from what is measured and how it is bounded', () => {
      expect(d({ indicator: '城镇调查失业率', kind: 'share', value: 5.5, unit: '%', comparator: 'about' })).toBe('lower_better');
      expect(d({ indicator: '居民消费价格涨幅', kind: 'growth_rate', value: 2, unit: '%', comparator: 'about' })).toBe('lower_better');
      expect(d({ indicator: '单位地区生产总值能耗', kind: 'reduction', value: 3, unit: '%', comparator: null })).toBe('lower_better');
      expect(d({ indicator: '细颗粒物（PM2.5）平均浓度', kind: 'count', value: 27, unit: '微克/立方米', comparator: null })).toBe('lower_better');
      expect(d({ indicator: '能源消费总量', kind: 'level', value: 3, unit: '亿吨', comparator: 'at_most' })).toBe('lower_better');
    });
    it('reads bands from 区间 and 稳定在, and floors otherwise', () => {
      expect(d({ indicator: '粮食产量', kind: 'level', value: 800, unit: '亿斤', comparator: 'stable' })).toBe('band');
      expect(d({ indicator: '新建园区', kind: 'count', valueLow: 2, valueHigh: 3, unit: '家', comparator: 'range' })).toBe('band');
      expect(d({ indicator: '地区生产总值', kind: 'growth_rate', value: 6, unit: '%', comparator: 'about' })).toBe('higher_better');
      expect(d({ indicator: '推进物价调控机制', kind: 'task' })).toBe('higher_better');
    });
  });

  describe('stored direction', () => {
    it('the seeded plan carries the derived direction; unemployment and CPI are ceilings', async () => {
      const all = await targets();
      for (const t of all) expect(t.direction).toBe(deriveDirection(t));
      expect(all.find((t) => t.indicator === '城镇调查失业率')?.direction).toBe('lower_better');
      expect(all.find((t) => t.indicator === '居民消费价格')?.direction).toBe('lower_better');
      expect(all.find((t) => t.indicator === '地区生产总值')?.direction).toBe('higher_better');
    });

    it('the migration derives the same direction for targets stored before it', async () => {
      const seeded = await targets();
      const file = path.join(dir, 'old.sqlite');
      const old = new Database(file);
      const directionMigration = MIGRATIONS.findIndex((m) => m.includes('ADD COLUMN direction'));
      for (let v = 0; v < directionMigration; v++) old.exec(MIGRATIONS[v]);
      old.prepare("INSERT INTO plans (id, year, region, title, source_file, source_text, created_at) VALUES (1, 2025, 'r', 't', 'f', '', 'now')").run();
      const insert = old.prepare(`INSERT INTO targets (plan_id, position, section, indicator, kind, value, value_low, value_high, unit, comparator, qualifier, basis, quote, quote_start, quote_end)
        VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`);
      seeded.forEach((t, i) => insert.run(i, t.section, t.indicator, t.kind, t.value, t.valueLow, t.valueHigh, t.unit, t.comparator, t.qualifier, t.basis, t.quote));
      old.pragma(`user_version = ${directionMigration}`);
      old.close();

      const upgraded = openStore(file);
      expect(upgraded.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const rows = upgraded.prepare('SELECT indicator, direction FROM targets ORDER BY position').all() as { indicator: string; direction: string }[];
      upgraded.close();
      expect(rows.map((r) => r.direction)).toEqual(seeded.map((t) => deriveDirection(t)));
    });

    it('is edited like any field: validated, undoable, and in the JSON', async () => {
      const unemployment = (await targets()).find((t) => t.indicator === '城镇调查失业率')!;
      await expect(dispatch(service, 'editTargets', { edits: [{ targetId: unemployment.id, field: 'direction', value: 'sideways' }] })).rejects.toThrow(/无法识别的方向.*Unknown direction/);
      await expect(dispatch(service, 'editTargets', { edits: [{ targetId: unemployment.id, field: 'direction', value: '' }] })).rejects.toThrow(/方向不能为空/);
      expect((await targets()).find((t) => t.id === unemployment.id)?.direction).toBe('lower_better');

      await dispatch(service, 'editTargets', { edits: [{ targetId: unemployment.id, field: 'direction', value: '区间' }] });
      expect((await targets()).find((t) => t.id === unemployment.id)?.direction).toBe('band');
      expect(targetJson((await targets()).find((t) => t.id === unemployment.id)!).direction).toBe('band');
      await dispatch(service, 'undo', {});
      expect((await targets()).find((t) => t.id === unemployment.id)?.direction).toBe('lower_better');
    });
  });

  describe('status and gap colour follow the direction', () => {
    const series = (v: number) => ({ series: makeSeries(7, '城镇调查失业率(%)', '%', 'monthly', 'monthly', { '2025-07': v }) });
    const unemployment = makeTarget({ indicator: '城镇调查失业率', kind: 'share', value: 5.5, unit: '%', comparator: 'about', direction: 'lower_better' });

    it('unemployment 4.7 % against 5.5 %左右 is on track, with a gap that is not coloured as bad', () => {
      const row = analyzeTarget(unemployment, series(4.7), '2025-07');
      expect(row.status).toBe('on_track');
      expect(row.gap).toBeCloseTo(-0.8, 9);
      expect(gapTone(row.status)).toBe('good');
    });

    it('CPI 2.1 points under its 2 % ceiling is on track; 1.1 points above it is at risk or worse', () => {
      const cpi = makeTarget({ indicator: '居民消费价格', kind: 'growth_rate', value: 2, unit: '%', comparator: 'about' });
      const idx = (v: number) => ({ series: makeSeries(8, '居民消费价格指数(上年同期=100)', '上年同期=100', 'index', 'monthly', { '2025-07': v }) });
      const under = analyzeTarget(cpi, idx(99.9), '2025-07');
      expect(under.status).toBe('on_track');
      expect(under.gap).toBeCloseTo(-2.1, 9);
      expect(gapTone(under.status)).toBe('good');
      const over = analyzeTarget(cpi, idx(103.1), '2025-07');
      expect(['at_risk', 'off_track']).toContain(over.status);
      expect(gapTone(over.status)).toBe('bad');
    });

    it('a band target misses on either side', () => {
      const band = { ...unemployment, direction: 'band' as const };
      expect(analyzeTarget(band, series(4.7), '2025-07').status).not.toBe('on_track');
      expect(analyzeTarget(band, series(5.9), '2025-07').status).toBe('on_track');
      expect(analyzeTarget(band, series(6.3), '2025-07').status).toBe('at_risk');
    });
  });
});
