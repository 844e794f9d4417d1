// Accepting suggestions (采纳建议) through the service on a real store: one by one from the link panel, or the
// reviewed list at once; both are recorded as `suggested`, never as the analyst's own pick (人工).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AutoLinkResult, LinkView, SuggestionView } from '../../shared/contract';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import type { Series } from '../../shared/domain/series';
import type { Target } from '../../shared/domain/target';
import { csvLines } from '../fixtures/varianceSample';
import { ENGINES, freshService, type StorePlace } from '../helpers/stores';

// On both engines: a seeded SQLite file, and a seeded database on the PostgreSQL test server (tests/helpers/stores.ts).
describe.each(ENGINES)('on %s', (engine) => {
  let place: StorePlace;
  let service: Service;
  let ids: Record<string, number>;

  beforeEach(async () => {
    const fresh = await freshService(engine, 'cli', 'i14copy_links');
    place = fresh;
    service = fresh.service;
    const data = Buffer.from(csvLines().join('\n') + '\n', 'utf8').toString('base64');
    await dispatch(service, 'commitImport', { file: { fileName: 'stats.csv', dataBase64: data } });
    const targets = (await dispatch(service, 'listTargets', {})) as Target[];
    const byName = (name: string) => targets.find((t) => t.indicator === name)!.id;
    ids = { gdp: byName('地区生产总值'), investment: byName('固定资产投资'), coal: byName('煤炭产量') };
  });
  afterEach(async () => {
    service.ctx.db.close();
    await place.remove();
  });

  const links = async () => new Map(((await dispatch(service, 'listLinks', {})) as LinkView[]).map((l) => [l.targetId, l]));
  const suggestions = async (unlinkedOnly = true) => (await dispatch(service, 'suggestLinks', { unlinkedOnly })) as SuggestionView[];

  describe('accepting suggestions', () => {
    it('a suggestion accepted in the link panel is recorded as suggested; a picked series as manual', async () => {
      const coal = (await suggestions()).find((s) => s.targetId === ids.coal)!;
      expect(coal.series.label).toBe('原煤产量累计值(万吨)');
      await dispatch(service, 'setLink', { targetId: ids.coal, seriesId: coal.seriesId, source: 'suggested' });
      expect((await links()).get(ids.coal)?.source).toBe('suggested');
      await dispatch(service, 'setLink', { targetId: ids.coal, seriesId: coal.seriesId });
      expect((await links()).get(ids.coal)?.source).toBe('manual');
    });

    it('refuses to record as suggested a series that is not among the target’s suggestions, and stores nothing', async () => {
      const series = (await dispatch(service, 'listSeries', {})) as Series[];
      // A growth series in % could measure GDP growth, but nothing suggested it for GDP.
      const investment = series.find((s) => s.label === '固定资产投资累计增长(%)')!;
      await expect(dispatch(service, 'setLink', { targetId: ids.gdp, seriesId: investment.id, source: 'suggested' })).rejects.toThrow(/不在“地区生产总值”的建议中.*not among the suggestions/);
      expect((await links()).has(ids.gdp)).toBe(false);
      await dispatch(service, 'setLink', { targetId: ids.gdp, seriesId: investment.id });
      expect((await links()).get(ids.gdp)?.source).toBe('manual');
    });

    it('accepts only the ticked targets of the review list, as suggested, and lists only unlinked targets afterwards', async () => {
      const before = await suggestions();
      expect(before.map((s) => s.targetId)).toEqual(expect.arrayContaining([ids.gdp, ids.investment, ids.coal]));
      const ticked = before.filter((s) => s.targetId !== ids.investment).map((s) => s.targetId);
      const r = (await dispatch(service, 'autoLink', { targetIds: ticked })) as AutoLinkResult;
      expect(r.linked.map((s) => s.targetId).sort()).toEqual([...ticked].sort());
      const after = await links();
      expect(after.has(ids.investment)).toBe(false);
      expect([...after.values()].every((l) => l.source === 'suggested')).toBe(true);
      expect((await suggestions()).map((s) => s.targetId)).toEqual([ids.investment]);
      // All suggestions, linked or not, when asked for.
      expect((await suggestions(false)).length).toBe(before.length);
    });

    it('refuses target ids of no quantified target, and links nothing', async () => {
      await expect(dispatch(service, 'autoLink', { targetIds: [ids.coal, 999_999] })).rejects.toThrow(/999999.*not quantified targets/);
      expect((await links()).size).toBe(0);
    });

    it('reads a link stored as `auto` by an older version as suggested', async () => {
      await dispatch(service, 'autoLink', { targetIds: [ids.coal] });
      // As an older version left it, written behind the service's back; then the store opened afresh.
      service.ctx.db.prepare("UPDATE links SET source = 'auto'").run();
      service.ctx.db.close();
      service = openWorkbench(place.location, 'cli', { create: true });
      expect((await links()).get(ids.coal)?.source).toBe('suggested');
    });
  });
});
