// The contract between the renderer and the Node side: each call's name, the schema its arguments
// must satisfy (checked where they enter the Node side) and the type of its result.
// Electron (IPC), the browser shell (HTTP) and the CLI all reach the same service through it.
// Each area declares its calls in its own file; this one joins them.
import type * as z from '../zod';
import { targetCalls } from './targetCalls';
import { importCalls } from './importCalls';
import { planCalls } from './planCalls';
import { varianceCalls } from './varianceCalls';
import { handoffCalls } from './handoffCalls';
import { settingsCalls } from './settingsCalls';

export type { ConflictDetail, EditRecord, RefusalRecord } from './records';
export type { AppInfo, StoreRole, UndoState, EditResult, UndoResult } from './targetCalls';
export type { ImportPreview, CommitImportResult, JobStatus, UndoBatchResult } from './importCalls';
export type { PlanExtraction, PlanCommitResult, PlanDiff, ChangedField, AddedTarget, RemovedTarget, StoredTargetRef } from './planCalls';
export type { LinkView, SuggestionView, CandidateView, LinkCandidates, AutoLinkResult, VarianceResult, VarianceTrend, VarianceProvenance, ProvenanceItem, SeriesBrief } from './varianceCalls';
export type { StoreSettings } from './settingsCalls';
export type { ServiceEvent } from './events';
export type { FileInput } from './call';
export type { FileDownload, WorkbookExport, ReturnedWorkbook, BriefPreview, BriefPdf, DocxDownload, HandOnFile, HandOnKind, HandOnResult } from './handoffCalls';

export const contract = {
  ...targetCalls,
  ...importCalls,
  ...planCalls,
  ...varianceCalls,
  ...handoffCalls,
  ...settingsCalls,
};

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallArgs<N extends CallName> = z.input<Contract[N]['args']>;
export type ParsedArgs<N extends CallName> = z.output<Contract[N]['args']>;
export type CallResult<N extends CallName> = NonNullable<Contract[N]['result']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What the renderer holds: one function per call, whichever shell it runs in. */
export interface WorkbenchClient {
  call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>>;
}
