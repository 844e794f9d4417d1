// What updating a stored plan with a new set of drafts would do: which targets are added, which stored ones go,
// and which fields of the matched ones change. Pure, so the import view can show it before anything is written.
import type { EditableTargetField, Target, TargetDraft } from '../domain/target';

/** Fields compared between a stored target and its draft; the same fields are recorded in the edit history. */
export const PLAN_DIFF_FIELDS = ['indicator', 'value', 'valueLow', 'valueHigh', 'unit', 'comparator', 'qualifier', 'basis'] as const satisfies readonly EditableTargetField[];
export type PlanDiffField = (typeof PLAN_DIFF_FIELDS)[number];

export interface PlanTargetRef {
  section: string;
  indicator: string;
  kind: TargetDraft['kind'];
}

export interface AddedTarget extends PlanTargetRef {
  /** 0-based index of the draft in the list sent. */
  draftIndex: number;
}

export interface RemovedTarget extends PlanTargetRef {
  targetId: number;
}

export interface ChangedField {
  targetId: number;
  draftIndex: number;
  section: string;
  /** The indicator as stored (names the target in the list of changes). */
  indicator: string;
  field: PlanDiffField;
  before: string | number | null;
  after: string | number | null;
}

export interface PlanDiff {
  added: AddedTarget[];
  changed: ChangedField[];
  removed: RemovedTarget[];
  /** Every stored target that carries on, with the draft that replaces it. */
  matched: { targetId: number; draftIndex: number }[];
}

type Keyed = { section: string; indicator: string; kind: string; quote: string };
const byName = (t: Keyed) => `${t.section}\u0000${t.indicator}\u0000${t.kind}`;
/** Second chance for a target the analyst renamed: same section, kind and source sentence. */
const bySentence = (t: Keyed) => `${t.section}\u0000${t.kind}\u0000${t.quote}`;

/**
 * Pairs drafts with stored targets. Rule 1: same section + indicator + kind; when several share that key (two
 * `城镇老旧小区` counts in one section) they pair in document order, first with first. Rule 2, for what is left:
 * same section + kind + quoted sentence. Unpaired drafts are added; unpaired stored targets are removed.
 */
export function diffPlanTargets(stored: readonly Target[], drafts: readonly TargetDraft[]): PlanDiff {
  const ordered = [...stored].sort((a, b) => a.position - b.position || a.id - b.id);
  const pairOf = new Map<number, Target>();
  const used = new Set<number>();
  for (const key of [byName, bySentence]) {
    const queues = new Map<string, Target[]>();
    for (const t of ordered) {
      if (used.has(t.id)) continue;
      const k = key(t);
      queues.set(k, [...(queues.get(k) ?? []), t]);
    }
    drafts.forEach((d, i) => {
      if (pairOf.has(i)) return;
      const next = queues.get(key(d))?.shift();
      if (!next) return;
      pairOf.set(i, next);
      used.add(next.id);
    });
  }

  const diff: PlanDiff = { added: [], changed: [], removed: [], matched: [] };
  drafts.forEach((d, i) => {
    const t = pairOf.get(i);
    if (!t) {
      diff.added.push({ draftIndex: i, section: d.section, indicator: d.indicator, kind: d.kind });
      return;
    }
    diff.matched.push({ targetId: t.id, draftIndex: i });
    for (const field of PLAN_DIFF_FIELDS) {
      const before = t[field] ?? null;
      const after = d[field] ?? null;
      if (before !== after) diff.changed.push({ targetId: t.id, draftIndex: i, section: t.section, indicator: t.indicator, field, before, after });
    }
  });
  for (const t of ordered) if (!used.has(t.id)) diff.removed.push({ targetId: t.id, section: t.section, indicator: t.indicator, kind: t.kind });
  return diff;
}
