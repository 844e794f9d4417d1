// Calls for plans, targets, their edits and undo.
import { z } from 'zod';
import { plausibleNumber, safeTextMax } from './safeSchemas';
import { EDITABLE_TARGET_FIELDS, type Plan, type Target } from '../domain/target';
import { call, idSchema as id } from './call';
import type { EditRecord } from './records';

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

export const targetCalls = {
  appInfo: call<AppInfo>()(z.object({}).strict()),
  listPlans: call<Plan[]>()(z.object({}).strict()),
  listTargets: call<Target[]>()(z.object({ planId: id.optional() }).strict()),
  planText: call<string>()(z.object({ planId: id }).strict()),
  /** One user action (a cell edit, a paste): validated as a whole, saved as one undoable group or not at all. */
  editTargets: call<EditResult>()(
    z
      .object({
        edits: z
          .array(z.object({ targetId: id, field: z.enum(EDITABLE_TARGET_FIELDS), value: z.union([safeTextMax(5000), plausibleNumber, z.null()]) }).strict())
          .min(1)
          .max(10_000),
        source: z.enum(['grid', 'paste', 'workbook']).default('grid'),
      })
      .strict(),
  ),
  undo: call<UndoResult>()(z.object({}).strict()),
  redo: call<UndoResult>()(z.object({}).strict()),
  undoState: call<UndoState>()(z.object({}).strict()),
  targetHistory: call<EditRecord[]>()(z.object({ targetId: id }).strict()),
  knownUnits: call<string[]>()(z.object({}).strict()),
};
