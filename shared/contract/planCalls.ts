// Calls for importing a plan document: read a file into proposed targets, compare reviewed drafts with a stored
// plan, and commit them as a new plan or as an update of one. Nothing is written before `commitPlan`.
import * as z from '../zod';
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

const drafts = z.array(targetDraftSchema).check(z.minLength(1, { message: '没有要导入的目标 / No targets to import' }), z.maxLength(MAX_TARGETS));
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

/** Text of at most `max` characters, stored trimmed; refused when nothing is left. */
const trimmedText = (max: number) =>
  z.pipe(
    z.pipe(
      safeTextMax(max, 1),
      z.transform((s: string) => s.trim()),
    ),
    z.string().check(z.minLength(1)),
  );

export const commitPlanArgs = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('new'),
    year: z.number().check(z.int(), z.gte(1949), z.lte(2200)),
    region: trimmedText(100),
    title: trimmedText(200),
    fileName: safeTextMax(255, 1),
    text: planText,
    targets: drafts,
  }),
  z.strictObject({
    mode: z.literal('update'),
    planId: id,
    /** The new document; without it the drafts must quote the stored text. */
    fileName: z.optional(safeTextMax(255, 1)),
    text: z.optional(planText),
    targets: drafts,
  }),
]);

export const planCalls = {
  /** Reads a .txt/.docx/.pdf plan and proposes its targets; writes nothing. */
  extractPlan: call<PlanExtraction>()(z.strictObject({ file: fileSchema })),
  /** What committing these drafts as an update of the plan would change; writes nothing. */
  diffPlan: call<PlanDiff>()(z.strictObject({ planId: id, targets: drafts })),
  /** Stores the reviewed drafts in one transaction: all of them or nothing. */
  commitPlan: call<PlanCommitResult>()(commitPlanArgs),
};
