// The review in progress, kept outside the view so that looking at another tab and coming back does not throw
// away an analyst's corrections. It lives as long as the window; nothing of it is stored before the commit.
import type { PlanExtraction } from '../../shared/contract';
import type { ProposalRow } from '../grid/proposalColumns';
import type { CommitMode, PlanMetaDraft } from '../components/planImport/PlanCommitBar';

export interface ReviewSession {
  doc: Pick<PlanExtraction, 'fileName' | 'format' | 'text'>;
  rows: ProposalRow[];
  meta: PlanMetaDraft;
  mode: CommitMode;
  updatePlanId: number | null;
  committed: boolean;
}

let current: ReviewSession | null = null;

export function loadReview(): ReviewSession | null {
  return current;
}

export function saveReview(session: ReviewSession | null): void {
  current = session;
}
