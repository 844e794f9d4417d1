// Calls for plans, targets, their edits and undo.
import * as z from '../zod';
import { plausibleNumber, safeTextMax } from './safeSchemas';
import { EDITABLE_TARGET_FIELDS, type Plan, type Target } from '../domain/target';
import { call, idSchema as id } from './call';
import type { EditRecord, RefusalRecord } from './records';

/** What the signed-in role may do in the store (issue 14): a server enforces it; a desk's own file is its owner's. */
export type StoreRole = 'viewer' | 'analyst' | 'owner';

export interface AppInfo {
  version: string;
  storePath: string;
  shell: 'electron' | 'web' | 'cli';
  user: string;
  /** The store's engine: a desk's file, or a team's server. */
  engine: 'sqlite' | 'postgres';
  /** viewer: reads and exports; analyst: also edits, imports, links; owner: also imports and updates plans, deletes. */
  role: StoreRole;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
}

export interface EditResult extends UndoState {
  /** The targets as they are after the edit (only those touched). */
  targets: Target[];
  groupId: number | null;
}

export interface UndoResult extends UndoState {
  edits: EditRecord[];
  targets: Target[];
}

const cellValue = z.union([safeTextMax(5000), plausibleNumber, z.null()]);

export const targetCalls = {
  appInfo: call<AppInfo>()(z.strictObject({})),
  listPlans: call<Plan[]>()(z.strictObject({})),
  listTargets: call<Target[]>()(z.strictObject({ planId: z.optional(id) })),
  /** One target as stored now, with its revision and who changed it last (issue 14: what an editor saw). */
  getTarget: call<Target>()(z.strictObject({ targetId: id })),
  planText: call<string>()(z.strictObject({ planId: id })),
  /** One user action (a cell edit, a paste): validated as a whole, saved as one undoable group or not at all. */
  editTargets: call<EditResult>()(
    z.strictObject({
      edits: z
        .array(
          z.strictObject({
            targetId: id,
            field: z.enum(EDITABLE_TARGET_FIELDS),
            value: cellValue,
            // What the editor showed (issue 14): the target's revision and/or the field's value. A save that would
            // overwrite a colleague's change to the same field since is refused (code `conflict`, details.conflicts:
            // ConflictDetail[]) and recorded. Optional for old clients, which are not checked.
            revision: z.optional(z.number().check(z.int(), z.gte(0), z.lte(2_000_000_000))),
            seen: z.optional(cellValue),
          }),
        )
        .check(z.minLength(1), z.maxLength(10_000)),
      source: z._default(z.enum(['grid', 'paste', 'workbook', 'cli']), 'grid'),
    }),
  ),
  /** Undoes this analyst's newest step (never a colleague's); refused (`conflict`) when a colleague changed the same field since. */
  undo: call<UndoResult>()(z.strictObject({})),
  redo: call<UndoResult>()(z.strictObject({})),
  undoState: call<UndoState>()(z.strictObject({})),
  targetHistory: call<EditRecord[]>()(z.strictObject({ targetId: id })),
  /** Saves refused for this target because a colleague had changed the same field (issue 14), newest first. */
  targetRefusals: call<RefusalRecord[]>()(z.strictObject({ targetId: id })),
  knownUnits: call<string[]>()(z.strictObject({})),
};
