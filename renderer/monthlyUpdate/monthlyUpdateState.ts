// 本月更新 as a sequence of steps: the bureau's file is chosen and previewed, committed, confident suggestions
// are accepted, the variance is computed at the new month, and the hand-on files are written. The reducer holds
// only what the analyst has seen; the view's hook (useMonthlyUpdate) runs the calls between the steps.
import type { CommitImportResult, ImportPreview, SuggestionView, VarianceResult } from '../../shared/contract';
import type { WireError } from '../../shared/errors';
import type { HandOnFiles } from './handOnFiles';

export type MonthlyStep = 'choose' | 'previewing' | 'preview' | 'committing' | 'committed' | 'handingOn' | 'handedOn';

export interface MonthlyUpdateState {
  step: MonthlyStep;
  fileName: string | null;
  preview: ImportPreview | null;
  /** The analyst chose to import the file without its flagged cells (never without being asked). */
  skipInvalid: boolean;
  commit: CommitImportResult | null;
  /** Suggestions confident enough to be accepted on commit (recorded as 采纳建议). */
  autoLinked: SuggestionView[];
  variance: VarianceResult | null;
  handOn: HandOnFiles | null;
  error: WireError | string | null;
}

export type MonthlyUpdateAction =
  | { type: 'chosen'; fileName: string }
  | { type: 'previewed'; preview: ImportPreview }
  | { type: 'skipInvalid'; value: boolean }
  | { type: 'committing' }
  | { type: 'committed'; commit: CommitImportResult; autoLinked: SuggestionView[]; variance: VarianceResult }
  | { type: 'varianceAgain'; variance: VarianceResult }
  | { type: 'handingOn' }
  | { type: 'handedOn'; files: HandOnFiles }
  | { type: 'failed'; error: WireError | string }
  | { type: 'restart' };

export const initialMonthlyUpdate: MonthlyUpdateState = {
  step: 'choose',
  fileName: null,
  preview: null,
  skipInvalid: false,
  commit: null,
  autoLinked: [],
  variance: null,
  handOn: null,
  error: null,
};

/** Where a failure leaves the analyst: back at the step that failed, with what was there before it. */
const stepBefore: Record<MonthlyStep, MonthlyStep> = {
  choose: 'choose',
  previewing: 'choose',
  preview: 'preview',
  committing: 'preview',
  committed: 'committed',
  handingOn: 'committed',
  handedOn: 'handedOn',
};

export function monthlyUpdateReducer(state: MonthlyUpdateState, action: MonthlyUpdateAction): MonthlyUpdateState {
  switch (action.type) {
    case 'chosen':
      return { ...initialMonthlyUpdate, step: 'previewing', fileName: action.fileName };
    case 'previewed':
      return state.step === 'previewing' ? { ...state, step: 'preview', preview: action.preview, error: null } : state;
    case 'skipInvalid':
      return { ...state, skipInvalid: action.value };
    case 'committing':
      return state.step === 'preview' && canCommit(state) ? { ...state, step: 'committing', error: null } : state;
    case 'committed':
      return { ...state, step: 'committed', commit: action.commit, autoLinked: action.autoLinked, variance: action.variance, error: null };
    case 'varianceAgain':
      return { ...state, variance: action.variance };
    case 'handingOn':
      return state.step === 'committed' || state.step === 'handedOn' ? { ...state, step: 'handingOn', error: null } : state;
    case 'handedOn':
      return { ...state, step: 'handedOn', handOn: action.files, error: null };
    case 'failed':
      return { ...state, step: stepBefore[state.step], error: action.error };
    case 'restart':
      return initialMonthlyUpdate;
  }
}

/** A file with flagged cells is committed only when the analyst ticked "skip them"; an empty file never. */
export function canCommit(state: MonthlyUpdateState): boolean {
  const p = state.preview;
  if (!p || p.totals.observationCount === 0) return false;
  return p.totals.problemCount === 0 || state.skipInvalid;
}

/** Suggestions at or above this score are accepted on commit; the rest wait for the analyst's decision. */
export const CONFIDENT_SCORE = 0.9;

export function confidentSuggestions(suggestions: readonly SuggestionView[]): SuggestionView[] {
  return suggestions.filter((s) => s.score >= CONFIDENT_SCORE);
}

/** The newest period the file holds, the month the update is about (`2025-10`, or a quarter `2025-Q3`). */
export function newestPeriod(preview: ImportPreview): string | null {
  let newest: string | null = null;
  for (const sheet of preview.sheets) for (const s of sheet.series) if (s.lastPeriod && (newest === null || s.lastPeriod > newest)) newest = s.lastPeriod;
  return newest;
}
