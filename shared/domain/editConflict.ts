// When does a save overwrite a colleague's work? The rule is per field, not per row: a colleague's change to
// another field of the same target does not block a save (the two edits touch different cells and both are kept);
// a change to the same field since the editor looked does. The editor states what it saw as the target's
// revision (any field), the field's value, or both.

/** What the editor (the grid, the CLI, a script) saw before it saved. Absent = an old client: no check. */
export interface SeenState {
  /** The target's revision the editor showed. */
  revision?: number;
  /** The field's value the editor showed (null = empty). */
  value?: unknown;
}

/** Two stored field values are the same (numbers, text, or empty). */
export function sameFieldValue(a: unknown, b: unknown): boolean {
  const x = a === undefined ? null : a;
  const y = b === undefined ? null : b;
  return x === y;
}

/**
 * True when saving would overwrite a change the editor did not see:
 * - with the value it saw: the field now holds something else (field-level; the revision then only says whether
 *   anything at all changed, and a matching revision proves nothing did);
 * - with only a revision: the target changed since (row-level: all a script that gave only a revision can claim).
 */
export function overwritesUnseenChange(seen: SeenState, now: { revision: number; value: unknown }): boolean {
  const hasRevision = seen.revision !== undefined;
  const hasValue = 'value' in seen && seen.value !== undefined;
  if (!hasRevision && !hasValue) return false;
  if (hasRevision && seen.revision === now.revision) return false;
  if (hasValue) return !sameFieldValue(seen.value, now.value);
  return true;
}
