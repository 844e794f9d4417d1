// The contract between the renderer and the Node side: each call's name, the schema its arguments
// must satisfy (checked where they enter the Node side) and the type of its result.
// Electron (IPC), the browser shell (HTTP) and the CLI all reach the same service through it.
import { z } from 'zod';
import { EDITABLE_TARGET_FIELDS, type Plan, type Target } from '../domain/target';
import type { EditRecord } from './records';

export type { EditRecord } from './records';

const id = z.number().int().positive();

export interface AppInfo {
  version: string;
  storePath: string;
  shell: 'electron' | 'web' | 'cli';
  user: string;
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

/** A call: its argument schema, and (as a phantom) its result type. */
interface Call<A extends z.ZodType, R> {
  args: A;
  result?: R;
}
const call = <R>() => <A extends z.ZodType>(args: A): Call<A, R> => ({ args });

export const contract = {
  appInfo: call<AppInfo>()(z.object({}).strict()),
  listPlans: call<Plan[]>()(z.object({}).strict()),
  listTargets: call<Target[]>()(z.object({ planId: id.optional() }).strict()),
  planText: call<string>()(z.object({ planId: id }).strict()),
  /** One user action (a cell edit, a paste): validated as a whole, saved as one undoable group or not at all. */
  editTargets: call<EditResult>()(
    z
      .object({
        edits: z
          .array(z.object({ targetId: id, field: z.enum(EDITABLE_TARGET_FIELDS), value: z.union([z.string().max(5000), z.number(), z.null()]) }).strict())
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
