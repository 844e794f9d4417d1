// What the link panel may show and act on: the candidates of the target selected now, never an answer that
// arrives late for the target selected before (a quick click would link the wrong series). Every request is
// numbered and keyed by target id; an answer counts only if it is the newest request's, for that target.
import type { LinkCandidates } from '../../shared/contract';

export interface LinkCandidatesState {
  targetId: number;
  query: string;
  /** Number of the newest request (the caller numbers them, increasing). */
  seq: number;
  loading: boolean;
  /** Candidates of `targetId` (possibly for an earlier query of the same target while loading). */
  result: LinkCandidates | null;
}

export type LinkCandidatesAction =
  | { type: 'request'; seq: number; targetId: number; query: string }
  | { type: 'answer'; seq: number; targetId: number; result: LinkCandidates }
  | { type: 'failed'; seq: number };

export const initialLinkCandidates = (targetId: number): LinkCandidatesState => ({ targetId, query: '', seq: 0, loading: true, result: null });

export function linkCandidatesReducer(state: LinkCandidatesState, action: LinkCandidatesAction): LinkCandidatesState {
  switch (action.type) {
    case 'request': {
      // Another target: what was shown belongs to the previous one and goes at once.
      const sameTarget = action.targetId === state.targetId;
      return { targetId: action.targetId, query: action.query, seq: action.seq, loading: true, result: sameTarget ? state.result : null };
    }
    case 'answer':
      if (action.seq !== state.seq || action.targetId !== state.targetId) return state;
      return { ...state, loading: false, result: action.result };
    case 'failed':
      return action.seq === state.seq ? { ...state, loading: false } : state;
  }
}

/** The candidates the panel may show for `targetId`: none while they belong to another target. */
export function candidatesFor(state: LinkCandidatesState, targetId: number): LinkCandidates | null {
  return state.targetId === targetId ? state.result : null;
}

/** The picker lists only the first matches: say how many there are, so the analyst types more. */
export function truncationNote(result: LinkCandidates | null, lang: 'zh' | 'en'): string | null {
  if (!result || result.totalMatches <= result.matches.length) return null;
  const shown = result.matches.length;
  const total = result.totalMatches;
  return lang === 'zh' ? `显示前${shown}项，共${total}项，请输入更多文字` : `Showing the first ${shown} of ${total}; type more to narrow`;
}
