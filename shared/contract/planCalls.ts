// Calls for importing a plan document: read a file into proposed targets, compare reviewed drafts with a stored
// plan, and commit them as a new plan or as an update of one. Nothing is written before `commitPlan`.
import { z } from 'zod';
import { safeTextMax } from './safeSchemas';
import type { TargetDraft } from '../domain/target';
import type { PlanMeta } from '../plan/extract';
import type { AddedTarget, ChangedField, PlanDiff, RemovedTarget } from '../plan/planDiff';
import { call, fileSchema, idSchema as id } from './call';
import { targetDraftSchema } from './targetDraft';

export type { AddedTarget, ChangedField, PlanDiff, RemovedTarget, PlanMeta };

/** A plan document is text: 5 million characters is far beyond any annual plan. */
const MAX_TEXT = 5_000_000;
const MAX_TARGETS = 10_000;

const drafts = z.array(targetDraftSchema).min(1, { message: '没有要导入的目标 / No targets to import' }).max(MAX_TARGETS);
const planText = safeTextMax(MAX_TEXT, 1);

export interface PlanExtraction {
  format: 'txt' | 'docx' | 'pdf';
  fileName: string;
  /** The normalised document text; every draft's quoteStart/quoteEnd refer to it. */
  text: string;
  meta: PlanMeta;
  targets: TargetDraft[];
}

export interface StoredTargetRef extends Omit<AddedTarget, 'draftIndex'> {
  targetId: number;
}

export interface PlanCommitResult {
  planId: number;
  /** The targets created (for a new plan: all of them). */
  added: StoredTargetRef[];
  changed: ChangedField[];
  removed: RemovedTarget[];
  /** The edit group holding the changed fields (source `plan-update`), undoable like any edit; null when none changed. */
  groupId: number | null;
}

export const commitPlanArgs = z.discriminatedUnion('mode', [
  z
    .object({
      mode: z.literal('new'),
      year: z.number().int().min(1949).max(2200),
      region: safeTextMax(100, 1).transform((s) => s.trim()).pipe(z.string().min(1)),
      title: safeTextMax(200, 1).transform((s) => s.trim()).pipe(z.string().min(1)),
      fileName: safeTextMax(255, 1),
      text: planText,
      targets: drafts,
    })
    .strict(),
  z
    .object({
      mode: z.literal('update'),
      planId: id,
      /** The new document; without it the drafts must quote the stored text. */
      fileName: safeTextMax(255, 1).optional(),
      text: planText.optional(),
      targets: drafts,
    })
    .strict(),
]);

export const planCalls = {
  /** Reads a .txt/.docx/.pdf plan and proposes its targets; writes nothing. */
  extractPlan: call<PlanExtraction>()(z.object({ file: fileSchema }).strict()),
  /** What committing these drafts as an update of the plan would change; writes nothing. */
  diffPlan: call<PlanDiff>()(z.object({ planId: id, targets: drafts }).strict()),
  /** Stores the reviewed drafts in one transaction: all of them or nothing. */
  commitPlan: call<PlanCommitResult>()(commitPlanArgs),
};
