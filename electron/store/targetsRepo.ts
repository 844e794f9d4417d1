// Plans and targets in the store, and the edit history that makes every change visible and undoable.
import { writeTransaction } from './writeTransaction';
import type { Store } from './openStore';
import { z } from 'zod';
import type { EditableTargetField, Plan, StatementRef, Target, TargetDirection, TargetDraft } from '../../shared/domain/target';
import { statementRefSchema } from '../../shared/contract/targetDraft';
import { deriveDirection } from '../../shared/domain/direction';
import { messageError } from '../../shared/errors';
import type { EditRecord } from '../../shared/contract/records';

export type { EditRecord };

interface TargetRow {
  id: number;
  plan_id: number;
  position: number;
  section: string;
  indicator: string;
  kind: Target['kind'];
  value: number | null;
  value_low: number | null;
  value_high: number | null;
  unit: string | null;
  comparator: Target['comparator'];
  qualifier: Target['qualifier'];
  basis: string | null;
  quote: string;
  quote_start: number;
  quote_end: number;
  notes: string;
  tolerance: number | null;
  task_status: Target['taskStatus'];
  also_stated_at: string;
  /** Null only in a row read before the migration ran (never after it). */
  direction: TargetDirection | null;
}

const COLUMN_OF: Record<EditableTargetField, keyof TargetRow> = {
  value: 'value',
  valueLow: 'value_low',
  valueHigh: 'value_high',
  unit: 'unit',
  comparator: 'comparator',
  qualifier: 'qualifier',
  notes: 'notes',
  indicator: 'indicator',
  basis: 'basis',
  tolerance: 'tolerance',
  taskStatus: 'task_status',
  direction: 'direction',
};

const toDraftFields = (r: TargetRow) => ({ indicator: r.indicator, kind: r.kind, comparator: r.comparator, value: r.value, valueLow: r.value_low, valueHigh: r.value_high, quote: r.quote });

function toTarget(r: TargetRow): Target {
  return {
    id: r.id,
    planId: r.plan_id,
    position: r.position,
    section: r.section,
    indicator: r.indicator,
    kind: r.kind,
    value: r.value,
    valueLow: r.value_low,
    valueHigh: r.value_high,
    unit: r.unit,
    comparator: r.comparator,
    qualifier: r.qualifier,
    basis: r.basis,
    quote: r.quote,
    quoteStart: r.quote_start,
    quoteEnd: r.quote_end,
    notes: r.notes,
    tolerance: r.tolerance,
    taskStatus: r.task_status,
    alsoStatedAt: parseStatements(r.also_stated_at),
    direction: r.direction ?? deriveDirection(toDraftFields(r)),
  };
}

/** The stored other statements of a restated target; a column that does not hold them reads as none. */
function parseStatements(json: string): StatementRef[] {
  try {
    const parsed = z.array(statementRefSchema).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export interface NewPlan {
  year: number;
  region: string;
  title: string;
  sourceFile: string;
  sourceText: string;
}

export function insertPlan(db: Store, plan: NewPlan, targets: TargetDraft[]): number {
  return writeTransaction(db, () => {
    const planId = (
      db
        .prepare('INSERT INTO plans (year, region, title, source_file, source_text, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id')
        .get(plan.year, plan.region, plan.title, plan.sourceFile, plan.sourceText, new Date().toISOString()) as { id: number }
    ).id;
    insertTargets(db, planId, targets, 0);
    return planId;
  });
}

export function insertTargets(db: Store, planId: number, targets: TargetDraft[], firstPosition: number): number[] {
  const stmt = db.prepare(`INSERT INTO targets (plan_id, position, section, indicator, kind, value, value_low, value_high, unit,
      comparator, qualifier, basis, quote, quote_start, quote_end, also_stated_at, direction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`);
  return targets.map(
    (t, i) =>
      (
        stmt.get(planId, firstPosition + i, t.section, t.indicator, t.kind, t.value, t.valueLow, t.valueHigh, t.unit, t.comparator, t.qualifier, t.basis, t.quote, t.quoteStart, t.quoteEnd, JSON.stringify(t.alsoStatedAt ?? []), deriveDirection(t)) as {
          id: number;
        }
      ).id,
  );
}

interface PlanRow {
  id: number;
  year: number;
  region: string;
  title: string;
  source_file: string;
  created_at: string;
}

export function listPlans(db: Store): Plan[] {
  return (db.prepare('SELECT id, year, region, title, source_file, created_at FROM plans ORDER BY year DESC, id DESC').all() as PlanRow[]).map((p) => ({
    id: p.id,
    year: p.year,
    region: p.region,
    title: p.title,
    sourceFile: p.source_file,
    createdAt: p.created_at,
  }));
}

export function planText(db: Store, planId: number): string {
  const row = db.prepare('SELECT source_text FROM plans WHERE id = ?').get(planId) as { source_text: string } | undefined;
  if (!row) throw messageError('not_found', 'plan.notFound', { id: planId });
  return row.source_text;
}

/** The newest plan (highest year, then latest created), or null in an empty store. */
export function defaultPlanId(db: Store): number | null {
  const row = db.prepare('SELECT id FROM plans ORDER BY year DESC, id DESC LIMIT 1').get() as { id: number } | undefined;
  return row?.id ?? null;
}

export function listTargets(db: Store, planId: number): Target[] {
  return (db.prepare('SELECT * FROM targets WHERE plan_id = ? ORDER BY position, id').all(planId) as TargetRow[]).map(toTarget);
}

export function getTarget(db: Store, id: number): Target {
  const row = db.prepare('SELECT * FROM targets WHERE id = ?').get(id) as TargetRow | undefined;
  if (!row) throw messageError('not_found', 'target.notFound', { id });
  return toTarget(row);
}

export interface FieldEdit {
  targetId: number;
  field: EditableTargetField;
  value: unknown;
}

interface EditRow {
  id: number;
  group_id: number;
  target_id: number;
  field: EditableTargetField;
  old_value: string | null;
  new_value: string | null;
  user: string;
  at: string;
  source: string;
  undone: number;
}

const toEdit = (r: EditRow): EditRecord => ({
  id: r.id,
  groupId: r.group_id,
  targetId: r.target_id,
  field: r.field,
  oldValue: r.old_value === null ? null : JSON.parse(r.old_value),
  newValue: r.new_value === null ? null : JSON.parse(r.new_value),
  user: r.user,
  at: r.at,
  source: r.source,
  undone: r.undone !== 0,
});

function setField(db: Store, targetId: number, field: EditableTargetField, value: unknown): void {
  const column = COLUMN_OF[field];
  db.prepare(`UPDATE targets SET ${column} = ? WHERE id = ?`).run(value as never, targetId);
}

/**
 * Applies already-validated field edits as one undoable group. Unchanged values are not recorded.
 * Returns the group id, or null when nothing changed.
 */
export function applyEdits(db: Store, edits: FieldEdit[], user: string, source: string): number | null {
  return writeTransaction(db, () => {
    const groupRow = db.prepare('SELECT COALESCE(MAX(group_id), 0) + 1 AS g FROM edits').get() as { g: number };
    const groupId = groupRow.g;
    const at = new Date().toISOString();
    const insert = db.prepare('INSERT INTO edits (group_id, target_id, field, old_value, new_value, "user", at, source) VALUES (?,?,?,?,?,?,?,?)');
    let changed = 0;
    for (const e of edits) {
      const current = getTarget(db, e.targetId);
      const before = current[e.field] ?? null;
      const after = e.value ?? null;
      if (before === after) continue;
      setField(db, e.targetId, e.field, after);
      insert.run(groupId, e.targetId, e.field, JSON.stringify(before), JSON.stringify(after), user, at, source);
      changed++;
    }
    if (changed === 0) return null;
    // A new edit ends the redo chain: groups undone before it can no longer be redone.
    db.prepare('UPDATE edits SET undone = 2 WHERE undone = 1').run();
    return groupId;
  });
}

/** Reverts the newest edit group that is not undone. Returns the reverted edits (empty when nothing to undo). */
export function undoLastGroup(db: Store): EditRecord[] {
  return writeTransaction(db, () => {
    const row = db.prepare('SELECT MAX(group_id) AS g FROM edits WHERE undone = 0').get() as { g: number | null };
    if (row.g === null) return [];
    const rows = db.prepare('SELECT * FROM edits WHERE group_id = ? ORDER BY id DESC').all(row.g) as EditRow[];
    for (const r of rows) setField(db, r.target_id, r.field, r.old_value === null ? null : JSON.parse(r.old_value));
    db.prepare('UPDATE edits SET undone = 1 WHERE group_id = ?').run(row.g);
    return rows.map((r) => toEdit({ ...r, undone: 1 }));
  });
}

/** Re-applies the oldest undone group still on the redo chain. */
export function redoGroup(db: Store): EditRecord[] {
  return writeTransaction(db, () => {
    const row = db.prepare('SELECT MIN(group_id) AS g FROM edits WHERE undone = 1').get() as { g: number | null };
    if (row.g === null) return [];
    const rows = db.prepare('SELECT * FROM edits WHERE group_id = ? ORDER BY id').all(row.g) as EditRow[];
    for (const r of rows) setField(db, r.target_id, r.field, r.new_value === null ? null : JSON.parse(r.new_value));
    db.prepare('UPDATE edits SET undone = 0 WHERE group_id = ?').run(row.g);
    return rows.map((r) => toEdit({ ...r, undone: 0 }));
  });
}

export function editHistory(db: Store, targetId: number): EditRecord[] {
  getTarget(db, targetId);
  return (db.prepare('SELECT * FROM edits WHERE target_id = ? ORDER BY id DESC').all(targetId) as EditRow[]).map(toEdit);
}

export function undoRedoState(db: Store): { canUndo: boolean; canRedo: boolean } {
  const r = db.prepare('SELECT SUM(CASE WHEN undone = 0 THEN 1 ELSE 0 END) AS u, SUM(CASE WHEN undone = 1 THEN 1 ELSE 0 END) AS r FROM edits').get() as { u: number | null; r: number | null };
  return { canUndo: (r.u ?? 0) > 0, canRedo: (r.r ?? 0) > 0 };
}
