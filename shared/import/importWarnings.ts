// The warnings a planned import carries: a second series for an indicator that already has one under another region
// or unit, and the analyst's checks (shared/import/checks.ts) over the file's values overlaid on the store's.
import type { Measure, PeriodKey } from '../domain/series';
import { crossSeriesChecks, isPartLabel, pairedMeasures, seriesChecks, type CheckSeries, type ImportCheck } from './checks';
import type { ImportPlan, PlannedSeries, StoreLookup } from './importChanges';
import type { SeriesIdentity } from './seriesIdentity';
import { cellOf, type CellAt } from './mapping';

const MAX_WARNINGS = 500;

function fileSeries(p: PlannedSeries, current: ReadonlyMap<PeriodKey, number> | null): CheckSeries {
  const values = new Map<PeriodKey, number>(current ?? []);
  const fromFile = new Map<PeriodKey, CellAt>();
  for (const o of p.observations) {
    values.set(o.period, o.value);
    fromFile.set(o.period, o);
  }
  return { identity: p.identity, label: p.label, sheet: p.sheet, order: p.order, indent: p.indent, values, fromFile };
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
    cell: p.observations.length > 0 ? cellOf(p.observations[0]) : null,
    message:
      `「${i.name}」将新建第二个序列（地区 ${i.region || '未注明'}，单位 ${i.unit || '无'}），库中已有 ${others}；已关联的目标仍使用原序列 / ` +
      `"${i.name}" would start a second series (region ${i.region || 'not stated'}, unit ${i.unit || 'none'}) beside ${othersEn}; linked targets stay on the stored one`,
  };
}

/** The warnings' pass over a plan's series, told each series with the store's current values it was planned against. */
export interface WarningsPass {
  /** One series of the plan, in plan order, with its stored current values (null: not stored). */
  add(p: PlannedSeries, current: ReadonlyMap<PeriodKey, number> | null): void;
  /** The warnings, once every series has been added (and the plan's siblings are known). */
  finish(): ImportCheck[];
}

/**
 * Series by series (each one's values built, checked and let go, so a file of a million values holds them once), then
 * the checks across series over the few that take part: an indicator with a level and a growth series, and the rows
 * of a 合计 / 其中 group. The planner feeds the pass as it classifies (planImport's watcher), so the store's values
 * are read once for both: at 20,000 stored series the second read was a million rows again.
 */
export function warningsPass(series: readonly PlannedSeries[], store: StoreLookup): WarningsPass {
  const measuresOf = new Map<string, Set<Measure>>();
  const place = (i: SeriesIdentity) => JSON.stringify([i.name, i.region, i.frequency]);
  for (const p of series) {
    const k = place(p.identity);
    const set = measuresOf.get(k) ?? new Set<Measure>();
    set.add(p.identity.measure);
    measuresOf.set(k, set);
  }
  // Rows next to a 其中 row, in each sheet's order.
  const inGroup = new Set<PlannedSeries>();
  const bySheet = new Map<string, PlannedSeries[]>();
  for (const p of series) {
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

  // Each series' own checks in plan order; the warnings are assembled in finish, second series first, as before.
  const own: ImportCheck[] = [];
  const retained: CheckSeries[] = [];
  const companions: CheckSeries[] = [];
  const looked = new Set<string>();
  return {
    add(p, current) {
      // Past the limit the rest would be computed for nothing (finish keeps the first MAX_WARNINGS).
      if (own.length >= MAX_WARNINGS) return;
      const checked = fileSeries(p, current);
      for (const c of seriesChecks(checked)) own.push(c);
      const pairs = pairedMeasures(p.identity.measure);
      const held = measuresOf.get(place(p.identity))!;
      let paired = pairs.some((m) => held.has(m));
      // A level or growth companion the file does not hold may be stored: a growth in %, a level in any unit.
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
    },
    finish() {
      const out: ImportCheck[] = [];
      const add = (c: ImportCheck) => {
        if (out.length < MAX_WARNINGS) out.push(c);
      };
      for (const p of series) if (!p.stored && p.siblings.length > 0) add(secondSeries(p));
      for (const c of own) add(c);
      // Full: the checks across series would be dropped (and their series may not all have been added).
      if (out.length >= MAX_WARNINGS) return out;
      for (const c of crossSeriesChecks(retained, companions)) add(c);
      return out;
    },
  };
}

/** The warnings of a plan already made, reading the store's current values again (planFileImport reads them once). */
export function importWarnings(plan: ImportPlan, store: StoreLookup): ImportCheck[] {
  const pass = warningsPass(plan.series, store);
  for (const p of plan.series) pass.add(p, p.stored ? store.current(p.stored.id) : null);
  return pass.finish();
}
