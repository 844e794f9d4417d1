// The warnings a planned import carries: a second series for an indicator that already has one under another region
// or unit, and the analyst's checks (shared/import/checks.ts) over the file's values overlaid on the store's.
import type { Measure, PeriodKey } from '../domain/series';
import { runImportChecks, type CheckSeries, type ImportCheck } from './checks';
import type { ImportPlan, PlannedSeries, StoreLookup } from './importChanges';
import type { SeriesIdentity } from './seriesIdentity';

/** Level measures and the growth published beside them, both ways: a companion may be stored, not in the file. */
const COMPANIONS: Partial<Record<Measure, Measure[]>> = {
  cumulative: ['yoy_cumulative'],
  yoy_cumulative: ['cumulative'],
  monthly: ['yoy'],
  stock: ['yoy'],
  level: ['yoy'],
  yoy: ['monthly', 'stock', 'level'],
};

const MAX_WARNINGS = 500;

function fileSeries(p: PlannedSeries, store: StoreLookup): CheckSeries {
  const values = new Map<PeriodKey, number>(p.stored ? store.current(p.stored.id) : []);
  const fromFile = new Map<PeriodKey, string>();
  for (const o of p.observations) {
    values.set(o.period, o.value);
    fromFile.set(o.period, o.source.cell);
  }
  return { identity: p.identity, label: p.label, sheet: p.sheet, order: p.order, values, fromFile };
}

function secondSeries(p: PlannedSeries): ImportCheck {
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
    cell: p.observations[0]?.source.cell ?? null,
    message:
      `「${i.name}」将新建第二个序列（地区 ${i.region || '未注明'}，单位 ${i.unit || '无'}），库中已有 ${others}；已关联的目标仍使用原序列 / ` +
      `"${i.name}" would start a second series (region ${i.region || 'not stated'}, unit ${i.unit || 'none'}) beside ${othersEn}; linked targets stay on the stored one`,
  };
}

export function importWarnings(plan: ImportPlan, store: StoreLookup): ImportCheck[] {
  const out: ImportCheck[] = [];
  for (const p of plan.series) if (!p.stored && p.siblings.length > 0) out.push(secondSeries(p));

  const inFile = plan.series.map((p) => fileSeries(p, store));
  const held = new Set(plan.series.map((p) => JSON.stringify([p.identity.name, p.identity.region, p.identity.frequency, p.identity.measure])));
  const companions: CheckSeries[] = [];
  const looked = new Set<string>();
  for (const p of plan.series) {
    for (const measure of COMPANIONS[p.identity.measure] ?? []) {
      const k = JSON.stringify([p.identity.name, p.identity.region, p.identity.frequency, measure]);
      if (held.has(k) || looked.has(k)) continue;
      looked.add(k);
      // A growth companion is in %; a level one in the unit of any stored series of that measure.
      const stored = store
        .byName(p.identity.name)
        .find((s) => s.measure === measure && s.frequency === p.identity.frequency && s.region === p.identity.region);
      if (!stored) continue;
      const identity: SeriesIdentity = { name: stored.name, unit: stored.unit, measure: stored.measure, frequency: stored.frequency, region: stored.region };
      companions.push({ identity, label: stored.label, sheet: null, order: -1, values: store.current(stored.id), fromFile: new Map() });
    }
  }
  for (const c of runImportChecks(inFile, companions)) {
    if (out.length >= MAX_WARNINGS) break;
    out.push(c);
  }
  return out;
}
