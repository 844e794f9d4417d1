// What an import would change in the store, before anything is written: each of the file's series either continues
// a stored series (same name, unit, measure, frequency and region) or starts a new one, and each observation is new,
// unchanged or revised (old → new). The preview shows it, the commit writes exactly it. Pure: the store is reached
// only through a lookup, so the same plan is made for a preview and inside the commit's transaction.
import type { CellSource, Frequency, Measure, PeriodKey } from '../domain/series';
import { cellOf, cellSourceOf, type CellProblem, type ParsedFile, type ParsedObservation } from './mapping';
import { identityKey, seriesIdentity, type SeriesIdentity } from './seriesIdentity';

/** A series as the store holds it ('' region: none stated). */
export interface StoredSeries {
  id: number;
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  region: string;
}

/** The store as the planner sees it. */
export interface StoreLookup {
  find(identity: SeriesIdentity): StoredSeries | undefined;
  /** Stored series of one indicator name (every unit, measure, frequency, region). */
  byName(name: string): StoredSeries[];
  /** The current value of each period (the newest vintage). */
  current(seriesId: number): ReadonlyMap<PeriodKey, number>;
  /**
   * A hint, before the first `find` or `byName`: every indicator name the file holds, so that the store can read
   * their series in a few grouped queries instead of one query per series.
   */
  preloadNames?(names: readonly string[]): void;
  /**
   * A hint, before a pass that asks `current` for these series in this order (the planner's, then the checks'):
   * the store can read their values a group of series at a time, holding only one group.
   */
  preloadCurrent?(seriesIds: readonly number[]): void;
}

export type ObservationStatus = 'new' | 'unchanged' | 'revised';

/** One observation with its classification, made on demand (plannedObservations) for the few a view shows. */
export interface PlannedObservation {
  period: PeriodKey;
  value: number;
  source: CellSource;
  status: ObservationStatus;
  /** The current stored value (revised and unchanged), else null. */
  oldValue: number | null;
}

/** Status codes in PlannedSeries.statuses. */
export const STATUS_NEW = 0;
export const STATUS_UNCHANGED = 1;
export const STATUS_REVISED = 2;
const STATUS_NAMES: readonly ObservationStatus[] = ['new', 'unchanged', 'revised'];

export interface PlannedSeries {
  key: string;
  identity: SeriesIdentity;
  /** The label as printed in this file (the first one, when several rows fold into one series). */
  label: string;
  /** Where the region came from: the file, the store's home region, or nowhere. */
  regionSource: 'file' | 'home' | 'none';
  sheet: string;
  /** The sheet's 0-based order of series, for checks that read rows in order (合计 and 其中). */
  order: number;
  /** How far its label cell was indented (ParsedSeries.indent; 0: not indented), for the same checks. */
  indent: number;
  stored: StoredSeries | null;
  /** Stored series of the same indicator and measure under another region or unit (only for a new series). */
  siblings: StoredSeries[];
  /**
   * The file's values of this series, in file order. For a series read from one row this is the parsed row's own
   * array (never written to): a million values are not copied into a second million objects.
   */
  observations: readonly ParsedObservation[];
  /**
   * Per observation (same index) STATUS_NEW, STATUS_UNCHANGED or STATUS_REVISED; null when every one is new (a
   * series new to the store, or one with no stored values), which is most of a large first import.
   */
  statuses: Uint8Array | null;
  /** Per observation (same index) the current stored value; meaningful where the status is not new. */
  storedValues: Float64Array | null;
  counts: { new: number; unchanged: number; revised: number };
}

/** A planned series' observations as objects with their status and old value (for a preview of a few rows). */
export function plannedObservations(p: PlannedSeries): PlannedObservation[] {
  return p.observations.map((o, i) => {
    const code = p.statuses ? p.statuses[i] : STATUS_NEW;
    return { period: o.period, value: o.value, source: cellSourceOf(o), status: STATUS_NAMES[code], oldValue: code === STATUS_NEW ? null : p.storedValues![i] };
  });
}

export interface ChangeCounts {
  seriesNew: number;
  seriesContinued: number;
  observationsNew: number;
  observationsUnchanged: number;
  observationsRevised: number;
}

export interface ImportPlan {
  series: PlannedSeries[];
  counts: ChangeCounts;
  /** The same series and period twice with different values once rows fold into series by name (refusals). */
  conflicts: CellProblem[];
  homeRegion: string | null;
}

function sameValue(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function conflictReason(other: ParsedObservation): string {
  const at = `${other.source.sheet}!${cellOf(other)}`;
  return `同一指标同一时期出现两次且数值不同（另见 ${at} = ${other.value}）/ The same series and period appear twice with different values (see also ${at})`;
}

/** A series being assembled: `owned` once its observations are an array of the plan's own (rows folded into it). */
type Assembling = PlannedSeries & { observations: ParsedObservation[]; owned: boolean };

/**
 * Told the plan's series once they are known, answering what to do with each as it is classified: the series and
 * the store's current values it was classified against (null: not stored). The import's warnings read them here, so
 * the store's values are read once for the plan and its checks.
 */
export type SeriesWatcher = (series: readonly PlannedSeries[]) => (p: PlannedSeries, current: ReadonlyMap<PeriodKey, number> | null) => void;

/**
 * Folds the file's series into series identities (resolving a missing region to the home region), refuses a period
 * given twice with different values, and classifies every observation against the store's current values.
 */
export function planImport(parsed: ParsedFile, store: StoreLookup, homeRegion: string | null, watcher?: SeriesWatcher): ImportPlan {
  const byKey = new Map<string, Assembling>();
  // Conflicts can only arise when a second row folds into a series (one parsed series holds each period once), so
  // the index of periods is built only then: a file of a million values with one row per series builds none.
  const seenAt = new Map<string, Map<PeriodKey, { index: number; conflict: boolean }>>();
  const conflicts: CellProblem[] = [];
  const conflicted = new Set<string>();
  store.preloadNames?.([...new Set(parsed.sheets.flatMap((sheet) => sheet.series.map((s) => s.name)))]);
  for (const sheet of parsed.sheets) {
    sheet.series.forEach((s, order) => {
      if (s.observations.length === 0) return;
      const identity = seriesIdentity(s, homeRegion);
      const key = identityKey(identity);
      const planned = byKey.get(key);
      if (!planned) {
        const regionSource = s.region?.trim() ? 'file' : identity.region !== '' ? 'home' : 'none';
        byKey.set(key, {
          key, identity, label: s.label, regionSource, sheet: sheet.name, order, indent: s.indent ?? 0, stored: store.find(identity) ?? null, siblings: [],
          observations: s.observations, owned: false, statuses: null, storedValues: null, counts: { new: 0, unchanged: 0, revised: 0 },
        });
        return;
      }
      // The parsed row's array is the file's: the first fold copies it before anything is added.
      if (!planned.owned) {
        planned.observations = [...planned.observations];
        planned.owned = true;
      }
      let seen = seenAt.get(key);
      if (!seen) {
        seen = new Map(planned.observations.map((o, index) => [o.period, { index, conflict: false }]));
        seenAt.set(key, seen);
      }
      for (const o of s.observations) {
        const prior = seen.get(o.period);
        if (!prior) {
          seen.set(o.period, { index: planned.observations.length, conflict: false });
          planned.observations.push(o);
          continue;
        }
        const first = planned.observations[prior.index];
        if (sameValue(first.value, o.value)) continue;
        // The earlier cell first, as the analyst reads the file.
        if (!prior.conflict) {
          prior.conflict = true;
          conflicts.push({ sheet: first.source.sheet, cell: cellOf(first), code: 'duplicate_conflict', value: String(first.value), reason: conflictReason(o) });
        }
        conflicts.push({ sheet: o.source.sheet, cell: cellOf(o), code: 'duplicate_conflict', value: String(o.value), reason: conflictReason(first) });
        conflicted.add(`${key}\u0000${o.period}`);
      }
    });
  }

  const counts: ChangeCounts = { seriesNew: 0, seriesContinued: 0, observationsNew: 0, observationsUnchanged: 0, observationsRevised: 0 };
  // A conflicting period is imported from neither cell: the file does not say which is right.
  if (conflicted.size > 0) for (const p of byKey.values()) p.observations = p.observations.filter((o) => !conflicted.has(`${p.key}\u0000${o.period}`));
  const series: PlannedSeries[] = [];
  for (const { owned: _owned, ...p } of byKey.values()) if (p.observations.length > 0) series.push(p);
  const watch = watcher?.(series);
  store.preloadCurrent?.(series.flatMap((p) => (p.stored ? [p.stored.id] : [])));
  for (const p of series) {
    const current = p.stored ? store.current(p.stored.id) : null;
    classify(p, current);
    counts.observationsNew += p.counts.new;
    counts.observationsUnchanged += p.counts.unchanged;
    counts.observationsRevised += p.counts.revised;
    if (p.stored) {
      counts.seriesContinued++;
    } else {
      counts.seriesNew++;
      const id = p.identity;
      p.siblings = store
        .byName(id.name)
        .filter((s) => s.measure === id.measure && s.frequency === id.frequency && (s.region !== id.region || s.unit !== id.unit))
        // Series this same file also writes are not the “other” series a warning means.
        .filter((s) => !byKey.has(identityKey({ name: s.name, unit: s.unit, measure: s.measure, frequency: s.frequency, region: s.region })));
    }
    watch?.(p, current);
  }
  return { series, counts, conflicts, homeRegion };
}

/** Each observation against the stored current values: new (no stored value), unchanged, or revised. */
function classify(p: PlannedSeries, current: ReadonlyMap<PeriodKey, number> | null): void {
  const n = p.observations.length;
  if (!current || current.size === 0) {
    p.counts = { new: n, unchanged: 0, revised: 0 };
    return;
  }
  const statuses = new Uint8Array(n);
  const storedValues = new Float64Array(n);
  const counted = { new: 0, unchanged: 0, revised: 0 };
  for (let i = 0; i < n; i++) {
    const o = p.observations[i];
    const before = current.get(o.period);
    if (before === undefined) {
      counted.new++;
      continue;
    }
    storedValues[i] = before;
    if (sameValue(before, o.value)) {
      statuses[i] = STATUS_UNCHANGED;
      counted.unchanged++;
    } else {
      statuses[i] = STATUS_REVISED;
      counted.revised++;
    }
  }
  p.counts = counted;
  if (counted.new === n) return;
  p.statuses = statuses;
  p.storedValues = storedValues;
}

/** One series of the file as the preview and the commit report it. */
export interface SeriesChange {
  name: string;
  /** As printed in this file. */
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  /** The region it is filed under (null: none). */
  region: string | null;
  regionSource: 'file' | 'home' | 'none';
  status: 'new' | 'continued';
  /** The stored series it continues (null for a new one; after a commit, the id written). */
  seriesId: number | null;
  /** Why it continues or starts a series, in words. */
  reason: string;
  /** The stored label when it differs from this file's (the newest label is shown from now on). */
  previousLabel: string | null;
  sheet: string;
  observations: { new: number; unchanged: number; revised: number };
  firstPeriod: PeriodKey | null;
  lastPeriod: PeriodKey | null;
}

export interface RevisionView {
  seriesId: number | null;
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  region: string | null;
  period: PeriodKey;
  sourcePeriod: string;
  oldValue: number;
  newValue: number;
  sheet: string;
  cell: string;
}

export interface ChangeSummary {
  homeRegion: string | null;
  counts: ChangeCounts;
  series: SeriesChange[];
  /** Every revision up to the limit (revisionCount is exact). */
  revisions: RevisionView[];
  revisionCount: number;
}

function describeStored(s: StoredSeries): string {
  return `#${s.id} ${s.name}（地区 ${s.region || '未注明'}，单位 ${s.unit || '无'}）`;
}

function describeStoredEn(s: StoredSeries): string {
  return `#${s.id} ${s.name} (region ${s.region || 'not stated'}, unit ${s.unit || 'none'})`;
}

/** Why a series continues or starts one, as one `中文 / English` line (the renderer shows either half). */
function reasonFor(p: PlannedSeries, homeRegion: string | null): string {
  const zh: string[] = [];
  const en: string[] = [];
  if (p.regionSource === 'home') {
    zh.push(`文件未注明地区，按本库所属地区「${homeRegion}」`);
    en.push(`the file names no region: filed under the home region "${homeRegion}"`);
  } else if (p.regionSource === 'none') {
    zh.push('文件未注明地区，本库也未设所属地区');
    en.push('neither the file nor the store names a region');
  }
  if (p.stored) {
    zh.push(`延续已有序列 #${p.stored.id}（指标名称、单位、口径、频度、地区均相同）`);
    en.push(`continues series #${p.stored.id} (same name, unit, measure, frequency and region)`);
  } else {
    zh.push('库中没有指标名称、单位、口径、频度、地区均相同的序列，将新建');
    en.push('no stored series has this name, unit, measure, frequency and region: a new one starts');
    if (p.siblings.length > 0) {
      zh.push(`库中已有同名序列 ${p.siblings.map(describeStored).join('、')}`);
      en.push(`stored already: ${p.siblings.map(describeStoredEn).join(', ')}`);
    }
  }
  return `${zh.join('；')} / ${en.join('; ')}`;
}

export const MAX_LISTED_REVISIONS = 2000;

export function summariseChanges(plan: ImportPlan, ids?: ReadonlyMap<string, number>, limit = MAX_LISTED_REVISIONS): ChangeSummary {
  const revisions: RevisionView[] = [];
  let revisionCount = 0;
  const series: SeriesChange[] = plan.series.map((p) => {
    let first: PeriodKey | null = null;
    let last: PeriodKey | null = null;
    const seriesId = p.stored?.id ?? ids?.get(p.key) ?? null;
    for (const o of p.observations) {
      if (first === null || o.period < first) first = o.period;
      if (last === null || o.period > last) last = o.period;
    }
    revisionCount += p.counts.revised;
    if (p.counts.revised > 0 && revisions.length < limit) {
      p.observations.forEach((o, i) => {
        if (p.statuses![i] !== STATUS_REVISED || revisions.length >= limit) return;
        revisions.push({
          seriesId,
          name: p.identity.name,
          label: p.label,
          unit: p.identity.unit,
          measure: p.identity.measure,
          region: p.identity.region || null,
          period: o.period,
          sourcePeriod: o.sourcePeriod,
          oldValue: p.storedValues![i],
          newValue: o.value,
          sheet: o.source.sheet,
          cell: cellOf(o),
        });
      });
    }
    return {
      name: p.identity.name,
      label: p.label,
      unit: p.identity.unit,
      measure: p.identity.measure,
      frequency: p.identity.frequency,
      region: p.identity.region || null,
      regionSource: p.regionSource,
      status: p.stored ? 'continued' : 'new',
      seriesId,
      reason: reasonFor(p, plan.homeRegion),
      previousLabel: p.stored && p.stored.label !== p.label ? p.stored.label : null,
      sheet: p.sheet,
      observations: { ...p.counts },
      firstPeriod: first,
      lastPeriod: last,
    };
  });
  return { homeRegion: plan.homeRegion, counts: plan.counts, series, revisions, revisionCount };
}
