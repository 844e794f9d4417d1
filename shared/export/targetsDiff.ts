// Compares the targets in the store with the rows that came back in a workbook, field by field, so the
// analyst sees each difference and accepts it or not; only accepted changes become recorded edits.

import type { EditableTargetField, Target } from '../domain/target';
import type { ReturnedTarget } from './returnedTargets';
import { EDITABLE_TARGET_COLUMNS } from './targetsSheet';

export type TargetFieldValue = string | number | null;

export interface TargetChange {
  targetId: number;
  /** The indicator as stored, to name the target in the list of changes. */
  indicator: string;
  section: string;
  field: EditableTargetField;
  /** The column header in the sheet, e.g. `目标值`. */
  fieldLabel: string;
  before: TargetFieldValue;
  after: TargetFieldValue;
  /** Row of the returned sheet the change was read from. */
  rowNumber: number;
}

export interface AcceptedEdit {
  targetId: number;
  field: EditableTargetField;
  value: TargetFieldValue;
  /** The stored value the review showed (issue 14): a colleague's change to it since refuses the edit. */
  seen: TargetFieldValue;
}

/** Differences between the stored targets and the returned rows, in the plan's order of targets and columns. */
export function diffTargets(current: readonly Target[], returned: readonly ReturnedTarget[]): TargetChange[] {
  const byId = new Map(returned.map((r) => [r.id, r]));
  const changes: TargetChange[] = [];
  const ordered = [...current].sort((a, b) => a.position - b.position || a.id - b.id);
  for (const target of ordered) {
    const row = byId.get(target.id);
    if (!row) continue;
    for (const column of EDITABLE_TARGET_COLUMNS) {
      if (!(column.key in row)) continue;
      const before = target[column.key] as TargetFieldValue;
      const after = (row[column.key] ?? null) as TargetFieldValue;
      if (sameValue(before, after)) continue;
      changes.push({
        targetId: target.id,
        indicator: target.indicator,
        section: target.section,
        field: column.key,
        fieldLabel: column.header,
        before,
        after,
        rowNumber: row.rowNumber,
      });
    }
  }
  return changes;
}

/** A stable key for a change, for the analyst's accept/reject choices. */
export function changeKey(change: Pick<TargetChange, 'targetId' | 'field'>): string {
  return `${change.targetId}:${change.field}`;
}

/** The edits to record: only the changes whose keys the analyst accepted. */
export function acceptedEdits(changes: readonly TargetChange[], acceptedKeys: Iterable<string>): AcceptedEdit[] {
  const accepted = new Set(acceptedKeys);
  return changes.filter((c) => accepted.has(changeKey(c))).map((c) => ({ targetId: c.targetId, field: c.field, value: c.after, seen: c.before }));
}

function sameValue(a: TargetFieldValue, b: TargetFieldValue): boolean {
  const na = typeof a === 'string' ? a.trim() : a;
  const nb = typeof b === 'string' ? b.trim() : b;
  // Empty text and no value mean the same to an analyst (a blank 单位 cell, a null unit).
  if ((na === null || na === '') && (nb === null || nb === '')) return true;
  if (typeof na === 'number' && typeof nb === 'number') {
    return Math.abs(na - nb) <= 1e-9 * Math.max(1, Math.abs(na), Math.abs(nb));
  }
  return na === nb;
}
