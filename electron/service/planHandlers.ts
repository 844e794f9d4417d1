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
  // Review results and outlook goals are context for the analyst, never targets: refuse them before anything is written.
  const notPlanYear = drafts.map((d, i) => ({ d, i })).filter(({ d }) => (d.scope ?? 'plan_year') !== 'plan_year');
  if (notPlanYear.length > 0) {
    const list = notPlanYear.slice(0, 10).map(({ d, i }) => `第 ${i + 1} 项（${d.indicator.slice(0, 20)}） #${i + 1}`).join('、');
    throw new WorkbenchError('bad_request', `回顾或远景条目不能作为本年目标导入：${list} / Review and outlook items cannot be committed as plan-year targets: ${notPlanYear.map(({ i }) => `#${i + 1}`).join(', ')}`);
  }
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
