import type { EditableTargetField } from '../domain/target';

/** One changed field of one target, as kept in the edit history. */
export interface EditRecord {
  id: number;
  groupId: number;
  targetId: number;
  field: EditableTargetField;
  oldValue: unknown;
  newValue: unknown;
  /** Who saved it: the analyst's chosen name, the database role, or the OS account (electron/openWorkbench.ts storeUser). */
  user: string;
  at: string;
  source: string;
  undone: boolean;
  /** Who undid it and when (null while it stands, and in stores from before issue 14). */
  undoneBy?: string | null;
  undoneAt?: string | null;
}

/**
 * A save (or undo/redo) refused because a colleague had changed the same field since the analyst looked: kept
 * beside the history, so both attempts' authors stay visible.
 */
export interface RefusalRecord {
  id: number;
  targetId: number;
  field: EditableTargetField;
  /** The value the refused attempt would have written. */
  attemptedValue: unknown;
  /** What the field held when the attempt was refused (the colleague's value). */
  currentValue: unknown;
  /** The target revision the attempt was based on, when the editor said. */
  seenRevision: number | null;
  user: string;
  at: string;
  /** grid, paste, workbook, cli, undo, redo */
  source: string;
  /** Who made the change the attempt would have overwritten, and when. */
  changedBy: string | null;
  changedAt: string | null;
}

/** One field a save was refused for (WorkbenchError code `conflict`, details.conflicts): enough to show and to reapply. */
export interface ConflictDetail {
  targetId: number;
  indicator: string;
  field: EditableTargetField;
  /** The value the refused attempt would have written. */
  attempted: unknown;
  /** The value stored now. */
  current: unknown;
  /** The target's revision now: reapplying sends it. */
  revision: number;
  seenRevision: number | null;
  /**
   * `field`: the field itself changed since the editor looked. `target`: the editor stated only a revision, and
   * the target changed since (in some field); changedBy/At are then the target's last change.
   */
  scope: 'field' | 'target';
  changedBy: string | null;
  changedAt: string | null;
}
