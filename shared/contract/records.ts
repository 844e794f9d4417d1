import type { EditableTargetField } from '../domain/target';

/** One changed field of one target, as kept in the edit history. */
export interface EditRecord {
  id: number;
  groupId: number;
  targetId: number;
  field: EditableTargetField;
  oldValue: unknown;
  newValue: unknown;
  user: string;
  at: string;
  source: string;
  undone: boolean;
}
