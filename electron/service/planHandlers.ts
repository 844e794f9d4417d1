// Handlers for importing a plan document: propose targets from a file, show what an update would change,
// and commit reviewed drafts. Drafts are checked against the document text before anything is written.
import type { TargetDraft } from '../../shared/domain/target';
import { WorkbenchError } from '../../shared/errors';
import { diffPlanTargets } from '../../shared/plan/planDiff';
import { reviewDrafts } from '../../shared/plan/reviewDrafts';
import { fileBytes } from './fileInput';
import { proposePlan } from '../plan/proposePlan';
import { commitNewPlan, commitPlanUpdate } from '../store/planImport';
import * as repo from '../store/targetsRepo';
import type { Handlers, ServiceContext } from './service';

type PlanHandlerNames = 'extractPlan' | 'diffPlan' | 'commitPlan';

/** The drafts as they will be stored, or a `bad_request` listing (the first ten) problems. */
function checkedDrafts(drafts: TargetDraft[], text: string): TargetDraft[] {
  const review = reviewDrafts(drafts, text);
  if (review.problems.length > 0) {
    const more = review.problems.length > 10 ? `\n… 共 ${review.problems.length} 处 / ${review.problems.length} problems` : '';
    throw new WorkbenchError('bad_request', review.problems.slice(0, 10).join('\n') + more, review.problems);
  }
  return review.drafts;
}

export function planHandlers(ctx: ServiceContext): Pick<Handlers, PlanHandlerNames> {
  const { db } = ctx;
  return {
    extractPlan: ({ file }) => proposePlan(fileBytes(ctx, file), file.fileName),
    diffPlan: ({ planId, targets }) => {
      repo.planText(db, planId);
      return diffPlanTargets(repo.listTargets(db, planId), targets);
    },
    commitPlan: (args) => {
      if (args.mode === 'new') {
        const drafts = checkedDrafts(args.targets, args.text);
        return commitNewPlan(db, { year: args.year, region: args.region, title: args.title, sourceFile: args.fileName, sourceText: args.text }, drafts);
      }
      const text = args.text ?? repo.planText(db, args.planId);
      const drafts = checkedDrafts(args.targets, text);
      const source = args.text === undefined ? null : { fileName: args.fileName ?? null, text: args.text };
      return commitPlanUpdate(db, { planId: args.planId, drafts, source, user: ctx.user });
    },
  };
}
