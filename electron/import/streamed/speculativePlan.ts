// The plan of a streamed import, made in the parse thread once the whole-file parse has held (speculativeParse.ts):
// the classic commit's plan and checks (commitImport.ts planFileImport), read from the store as it was before the
// import through the parse thread's own read-only connection, while the store thread still writes. The store thread
// then needs no observation objects at all: it writes rows from the batches' arrays and records what is planned here.
import type { ChangeCounts, ChangeSummary } from '../../../shared/import/importChanges';
import { STATUS_NEW, summariseChanges } from '../../../shared/import/importChanges';
import type { ImportCheck } from '../../../shared/import/checks';
import type { ParsedFile, ParsedSeries } from '../../../shared/import/mapping';
import type { Store } from '../../store/openStore';
import { planFileImport } from '../commitImport';

export interface SpeculativePlan {
  /** The planned series' keys, in order: each must be a series the store thread wrote, in the order it wrote them. */
  keys: string[];
  counts: ChangeCounts;
  /** The summary of changes without series ids (the store thread knows them). */
  changes: ChangeSummary;
  checks: ImportCheck[];
}

/**
 * The plan, or why it is not what the store thread wrote: the series sent that have values, each new to the store
 * and named once (no series folded into another), every value new.
 */
export function speculativePlan(store: Store, parsed: ParsedFile, sent: readonly ParsedSeries[]): SpeculativePlan | { reason: string } {
  const { plan, checks } = planFileImport(store, parsed);
  const written = sent.filter((s) => s.observations.length > 0);
  if (plan.conflicts.length > 0 || plan.series.length !== written.length) return { reason: 'the plan holds other series than those sent' };
  for (let k = 0; k < written.length; k++) {
    const p = plan.series[k];
    const allNew = p.statuses === null || p.statuses.every((x) => x === STATUS_NEW);
    if (p.stored || !allNew || p.observations !== written[k].observations || p.label !== written[k].label) return { reason: `the plan differs from what was sent at series ${p.key}` };
  }
  if (plan.counts.observationsRevised !== 0 || plan.counts.observationsUnchanged !== 0) return { reason: 'the plan finds values stored already' };
  return { keys: plan.series.map((p) => p.key), counts: plan.counts, changes: summariseChanges(plan), checks };
}
