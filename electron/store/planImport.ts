// Writes a reviewed plan import to the store: a new plan with its targets, or an update of a stored plan that
// keeps each matched target's id (and so its notes, tolerance, series link and history). Each is one transaction.
import { writeTransaction } from './writeTransaction';
import type { TargetDraft } from '../../shared/domain/target';
import { diffPlanTargets, type ChangedField, type RemovedTarget } from '../../shared/plan/planDiff';
import type { Store } from './openStore';
import { applyEdits, insertPlan, insertTargets, listTargets, planText, type NewPlan } from './targetsRepo';

export interface StoredRef {
  targetId: number;
  section: string;
  indicator: string;
  kind: TargetDraft['kind'];
}

export interface PlanWriteResult {
  planId: number;
  added: StoredRef[];
  changed: ChangedField[];
  removed: RemovedTarget[];
  groupId: number | null;
}

/** Edit-history source of the fields an update changes, so the history says where they came from. */
export const PLAN_UPDATE_SOURCE = 'plan-update';

export function commitNewPlan(db: Store, plan: NewPlan, drafts: TargetDraft[]): PlanWriteResult {
  const planId = insertPlan(db, plan, drafts);
  const added = listTargets(db, planId).map((t) => ({ targetId: t.id, section: t.section, indicator: t.indicator, kind: t.kind }));
  return { planId, added, changed: [], removed: [], groupId: null };
}

export interface PlanUpdate {
  planId: number;
  drafts: TargetDraft[];
  /** The new document, when the drafts quote a new text. */
  source: { fileName: string | null; text: string } | null;
  user: string;
}

/**
 * Applies an update: changed fields become one undoable edit group (source `plan-update`); matched targets take
 * the new quote, offsets and document order; new drafts are inserted; stored targets without a draft are deleted
 * (with their notes, link and history: the diff lists them before the analyst commits).
 */
export function commitPlanUpdate(db: Store, update: PlanUpdate): PlanWriteResult {
  return writeTransaction(db, (): PlanWriteResult => {
    planText(db, update.planId); // refuses a plan that does not exist
    const diff = diffPlanTargets(listTargets(db, update.planId), update.drafts);
    if (update.source) {
      db.prepare('UPDATE plans SET source_text = ?, source_file = COALESCE(?, source_file) WHERE id = ?').run(update.source.text, update.source.fileName, update.planId);
    }
    const remove = db.prepare('DELETE FROM targets WHERE id = ?');
    for (const r of diff.removed) remove.run(r.targetId);
    const groupId = applyEdits(
      db,
      diff.changed.map((c) => ({ targetId: c.targetId, field: c.field, value: c.after })),
      update.user,
      PLAN_UPDATE_SOURCE,
    );
    const placeAndQuote = db.prepare('UPDATE targets SET position = ?, quote = ?, quote_start = ?, quote_end = ?, also_stated_at = ? WHERE id = ?');
    for (const m of diff.matched) {
      const d = update.drafts[m.draftIndex];
      placeAndQuote.run(m.draftIndex, d.quote, d.quoteStart, d.quoteEnd, JSON.stringify(d.alsoStatedAt ?? []), m.targetId);
    }
    const added = diff.added.map((a) => {
      const [targetId] = insertTargets(db, update.planId, [update.drafts[a.draftIndex]], a.draftIndex);
      return { targetId, section: a.section, indicator: a.indicator, kind: a.kind };
    });
    return { planId: update.planId, added, changed: diff.changed, removed: diff.removed, groupId };
  });
}
