// The import's warnings are checked as the plan classifies each series (planFileImport: planImport's watcher feeds
// importWarnings.ts warningsPass), so the store's current values are read once instead of twice. The warnings must
// be exactly those of the pass as it was, after the plan and reading the values again (copied below from
// importWarnings.ts at 4716442), on both engines: falling cumulative values, jumps, growth against a level in the
// file and against one only stored, 合计 against 其中, second series, and a file with more warnings than are kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, planFileImport } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import type { Store } from '../../electron/store/openStore';
import { seriesLookup } from '../../electron/store/seriesLookup';
import type { Measure, PeriodKey } from '../../shared/domain/series';
import { crossSeriesChecks, isPartLabel, pairedMeasures, seriesChecks, type CheckSeries, type ImportCheck } from '../../shared/import/checks';
import type { ImportPlan, PlannedSeries, StoreLookup } from '../../shared/import/importChanges';
import type { SeriesIdentity } from '../../shared/import/seriesIdentity';
import { cellOf, type CellAt, type ParsedFile } from '../../shared/import/mapping';
import { ENGINES, freshStore, type StorePlace } from '../helpers/stores';
import { sha256 } from './helpers/importStore';

// ---- The pass before (importWarnings.ts at 4716442), verbatim but for its names and round 11's shape of the values. ----
const MAX_WARNINGS = 500;
function fileSeriesBefore(p: PlannedSeries, store: StoreLookup): CheckSeries {
  const values = new Map<PeriodKey, number>(p.stored ? store.current(p.stored.id) : []);
  const fromFile = new Map<PeriodKey, CellAt>();
  for (const o of p.observations) {
    values.set(o.period, o.value);
    fromFile.set(o.period, o);
  }
  return { identity: p.identity, label: p.label, sheet: p.sheet, order: p.order, indent: p.indent, values, fromFile };
}
function secondSeriesBefore(p: PlannedSeries): ImportCheck {
  const i = p.identity;
  const others = p.siblings.map((s) => `#${s.id}（地区 ${s.region || '未注明'}，单位 ${s.unit || '无'}）`).join('、');
  const othersEn = p.siblings.map((s) => `#${s.id} (region ${s.region || 'not stated'}, unit ${s.unit || 'none'})`).join(', ');
  return {
    code: 'second_series',
    name: i.name,
    region: i.region || null,
    measure: i.measure,
    period: null,
    sheet: p.sheet,
    cell: p.observations.length > 0 ? cellOf(p.observations[0]) : null,
    message:
      `「${i.name}」将新建第二个序列（地区 ${i.region || '未注明'}，单位 ${i.unit || '无'}），库中已有 ${others}；已关联的目标仍使用原序列 / ` +
      `"${i.name}" would start a second series (region ${i.region || 'not stated'}, unit ${i.unit || 'none'}) beside ${othersEn}; linked targets stay on the stored one`,
  };
}
function importWarningsBefore(plan: ImportPlan, store: StoreLookup): ImportCheck[] {
  const out: ImportCheck[] = [];
  const add = (c: ImportCheck) => {
    if (out.length < MAX_WARNINGS) out.push(c);
  };
  for (const p of plan.series) if (!p.stored && p.siblings.length > 0) add(secondSeriesBefore(p));
  const measuresOf = new Map<string, Set<Measure>>();
  const place = (i: SeriesIdentity) => JSON.stringify([i.name, i.region, i.frequency]);
  for (const p of plan.series) {
    const k = place(p.identity);
    const set = measuresOf.get(k) ?? new Set<Measure>();
    set.add(p.identity.measure);
    measuresOf.set(k, set);
  }
  const inGroup = new Set<PlannedSeries>();
  const bySheet = new Map<string, PlannedSeries[]>();
  for (const p of plan.series) {
    const list = bySheet.get(p.sheet) ?? [];
    list.push(p);
    bySheet.set(p.sheet, list);
  }
  for (const list of bySheet.values()) {
    list.sort((a, b) => a.order - b.order);
    list.forEach((p, i) => {
      if (isPartLabel(p.label)) {
        inGroup.add(p);
        if (i > 0) inGroup.add(list[i - 1]);
      } else if (i > 0 && inGroup.has(list[i - 1]) && p.indent > 0) {
        inGroup.add(p);
      }
    });
  }
  const retained: CheckSeries[] = [];
  const companions: CheckSeries[] = [];
  const looked = new Set<string>();
  for (const p of plan.series) {
    if (out.length >= MAX_WARNINGS) return out;
    const checked = fileSeriesBefore(p, store);
    for (const c of seriesChecks(checked)) add(c);
    const pairs = pairedMeasures(p.identity.measure);
    const held = measuresOf.get(place(p.identity))!;
    let paired = pairs.some((m) => held.has(m));
    for (const measure of pairs) {
      if (held.has(measure)) continue;
      const k = JSON.stringify([p.identity.name, p.identity.region, p.identity.frequency, measure]);
      if (looked.has(k)) continue;
      looked.add(k);
      const stored = store
        .byName(p.identity.name)
        .find((s) => s.measure === measure && s.frequency === p.identity.frequency && s.region === p.identity.region);
      if (!stored) continue;
      paired = true;
      const identity: SeriesIdentity = { name: stored.name, unit: stored.unit, measure: stored.measure, frequency: stored.frequency, region: stored.region };
      companions.push({ identity, label: stored.label, sheet: null, order: -1, values: store.current(stored.id), fromFile: new Map() });
    }
    if (paired || inGroup.has(p)) retained.push(checked);
  }
  if (out.length >= MAX_WARNINGS) return out;
  for (const c of crossSeriesChecks(retained, companions)) add(c);
  return out;
}
// ---- end of the pass before ----

/** Months newest first, as the portal prints them: `count` months ending at `year`-`month`. */
function months(year: number, month: number, count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}年${month}月`);
    if (--month === 0) {
      month = 12;
      year--;
    }
  }
  return out;
}

function csv(periods: string[], rows: (string | number)[][], region = '内蒙古自治区'): Uint8Array {
  return new Uint8Array(Buffer.from([`地区：${region}`, ['指标', ...periods].join(','), ...rows.map((r) => r.join(','))].join('\n'), 'utf8'));
}

async function parse(bytes: Uint8Array, name: string): Promise<ParsedFile> {
  return parseStatisticsFile(bytes, name);
}

/** 18 months of smooth history, newest first: a monthly level with its growth, a cumulative level, 合计 with 其中 rows. */
function history(): Uint8Array {
  const periods = months(2025, 6, 18);
  const smooth = (base: number, step: number) => periods.map((_, i) => Math.round((base + step * (periods.length - i) + (i % 3)) * 10) / 10);
  const cumulative = periods.map((p) => {
    const m = Number(/年(\d+)月/.exec(p)![1]);
    return 100 * m;
  });
  return csv(periods, [
    ['原煤产量当期值(万吨)', ...smooth(300, 2)],
    ['原煤产量同比增长(%)', ...periods.map(() => 0.7)],
    ['发电量累计值(亿千瓦时)', ...cumulative],
    ['发电量累计增长(%)', ...periods.map(() => 3)],
    ['工业增加值合计当期值(亿元)', ...smooth(100, 1)],
    ['其中：轻工业当期值(亿元)', ...smooth(40, 0.4)],
    ['其中：重工业当期值(亿元)', ...smooth(60, 0.6)],
    ['粗钢产量当期值(万吨)', ...smooth(50, 0.5)],
  ]);
}

/** The next months: a jump, a growth only (its level stored), a cumulative value falling, a total off, a second series. */
function monthly(): Uint8Array {
  return csv(months(2025, 8, 2), [
    ['原煤产量当期值(万吨)', 900, 340],
    ['发电量累计增长(%)', 40, 3],
    ['发电量累计值(亿千瓦时)', 700, 800],
    ['工业增加值合计当期值(亿元)', 150, 130],
    ['其中：轻工业当期值(亿元)', 50, 48],
    ['其中：重工业当期值(亿元)', 70, 68],
    ['粗钢产量当期值(吨)', 510000, 500000],
  ]);
}

/** More warnings than are kept: 600 cumulative series that each fall, beside the stored ones. */
function tooMany(): Uint8Array {
  const rows: (string | number)[][] = [];
  for (let s = 0; s < 600; s++) rows.push([`测试指标${s}累计值(万吨)`, 100, 300, 200]);
  rows.push(['发电量累计增长(%)', 40, 3, 3]);
  return csv(months(2025, 9, 3), rows);
}

describe.each(ENGINES)('the import warnings from one read of the store, on %s', (engine) => {
  let place: StorePlace & { db: Store };
  let db: Store;
  beforeEach(async () => {
    place = await freshStore(engine, 'warn-once');
    db = place.db;
  });
  afterEach(async () => {
    db.close();
    await place.remove();
  });

  async function expectAsBefore(bytes: Uint8Array, name: string): Promise<ImportCheck[]> {
    const parsed = await parse(bytes, name);
    const { plan, checks } = planFileImport(db, parsed);
    expect(checks).toEqual(importWarningsBefore(plan, seriesLookup(db)));
    // The commit carries the same warnings.
    const committed = commitImport(db, parsed, { fileName: name, fileHash: sha256(bytes), skipInvalid: false });
    expect(committed.checks).toEqual(checks);
    return checks;
  }

  it('are the warnings the second read gave, through every kind of check and the limit', async () => {
    const first = await expectAsBefore(history(), 'history.csv');
    const second = await expectAsBefore(monthly(), 'monthly.csv');
    // Every kind is there, so equal lists are not equal by being empty.
    expect(new Set(second.map((c) => c.code))).toEqual(new Set(['jump', 'growth_mismatch', 'cumulative_falls', 'total_mismatch', 'second_series']));
    expect(first.length).toBeGreaterThan(0);
    const many = await expectAsBefore(tooMany(), 'many.csv');
    expect(many).toHaveLength(MAX_WARNINGS);
    // The same file again: nothing new to write, and the same warnings as before from the stored values.
    const parsed = await parse(monthly(), 'monthly.csv');
    const { plan, checks } = planFileImport(db, parsed);
    expect(checks).toEqual(importWarningsBefore(plan, seriesLookup(db)));
  });
});
