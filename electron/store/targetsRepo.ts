// Plans and targets in the store, and the edit history that makes every change visible and undoable.
import { writeTransaction } from './writeTransaction';
import type { Store } from './openStore';
import * as z from '../../shared/zod';
import type { EditableTargetField, Plan, StatementRef, Target, TargetDirection, TargetDraft } from '../../shared/domain/target';
import { statementRefSchema } from '../../shared/contract/targetDraft';
import { deriveDirection } from '../../shared/domain/direction';
import { messageError } from '../../shared/errors';
import type { ConflictDetail, EditRecord, RefusalRecord } from '../../shared/contract/records';
import { overwritesUnseenChange, sameFieldValue, type SeenState } from '../../shared/domain/editConflict';

export type { ConflictDetail, EditRecord, RefusalRecord };

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
  revision: number;
  updated_by: string | null;
  updated_at: string | null;
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
    revision: r.revision ?? 0,
    updatedBy: r.updated_by ?? null,
    updatedAt: r.updated_at ?? null,
  };
}

/** The `also_stated_at` column's shape (built once; exported for the schema equality test). */
export const storedStatementsSchema = z.array(statementRefSchema);

/** The stored other statements of a restated target; a column that does not hold them reads as none. */
function parseStatements(json: string): StatementRef[] {
  // Most targets are stated once: their column holds `[]`, and validating it row by row was half of listTargets.
  if (json === '[]') return [];
  try {
    const parsed = storedStatementsSchema.safeParse(JSON.parse(json));
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
  /** What the editor saw before this save (shared/domain/editConflict.ts); absent for old clients: no check. */
  seen?: SeenState;
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
  undone_by: string | null;
  undone_at: string | null;
}

const parseValue = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

const toEdit = (r: EditRow): EditRecord => ({
  id: r.id,
  groupId: r.group_id,
  targetId: r.target_id,
  field: r.field,
  oldValue: parseValue(r.old_value),
  newValue: parseValue(r.new_value),
  user: r.user,
  at: r.at,
  source: r.source,
  // 1 = undone and redoable, 2 = undone and past the end of the redo chain: both reverted.
  undone: r.undone !== 0,
  undoneBy: r.undone !== 0 ? r.undone_by : null,
  undoneAt: r.undone !== 0 ? r.undone_at : null,
});

function setField(db: Store, targetId: number, field: EditableTargetField, value: unknown): void {
  const column = COLUMN_OF[field];
  db.prepare(`UPDATE targets SET ${column} = ? WHERE id = ?`).run(value as never, targetId);
}

/** Every saved change raises the target's revision once and names who made it. */
function markChanged(db: Store, targetIds: Iterable<number>, user: string, at: string): void {
  const bump = db.prepare('UPDATE targets SET revision = revision + 1, updated_by = ?, updated_at = ? WHERE id = ?');
  for (const id of new Set(targetIds)) bump.run(user, at, id);
}

/** Who last changed one field of a target, and when: the newest of its edits and undos; else the target's last change. */
export function lastFieldChange(db: Store, targetId: number, field: EditableTargetField): { by: string | null; at: string | null } {
  const rows = db.prepare('SELECT "user", at, undone, undone_by, undone_at FROM edits WHERE target_id = ? AND field = ? ORDER BY id DESC LIMIT 50').all(targetId, field) as EditRow[];
  let best: { by: string | null; at: string | null } | null = null;
  for (const r of rows) {
    const candidates: [string | null, string | null][] = [[r.user, r.at]];
    if (r.undone !== 0 && r.undone_at) candidates.push([r.undone_by, r.undone_at]);
    for (const [by, at] of candidates) if (at && (!best?.at || at > best.at)) best = { by, at };
  }
  if (best) return best;
  const t = db.prepare('SELECT updated_by, updated_at FROM targets WHERE id = ?').get(targetId) as { updated_by: string | null; updated_at: string | null } | undefined;
  return { by: t?.updated_by ?? null, at: t?.updated_at ?? null };
}

/** A save or an undo refused inside the write transaction; the caller records it once the transaction rolled back. */
export class EditConflict extends Error {
  constructor(
    public readonly kind: 'edit' | 'undo' | 'redo',
    public readonly conflicts: ConflictDetail[],
  ) {
    super(`edit conflict (${conflicts.length})`);
    this.name = 'EditConflict';
  }
}

function conflictOf(db: Store, target: Target, field: EditableTargetField, attempted: unknown, seenRevision: number | null, scope: 'field' | 'target'): ConflictDetail {
  const last = scope === 'field' ? lastFieldChange(db, target.id, field) : { by: target.updatedBy ?? null, at: target.updatedAt ?? null };
  return {
    targetId: target.id,
    indicator: target.indicator,
    field,
    attempted: attempted ?? null,
    current: target[field] ?? null,
    revision: target.revision ?? 0,
    seenRevision,
    scope,
    changedBy: last.by,
    changedAt: last.at,
  };
}

/**
 * Applies already-validated field edits as one undoable group, refusing the whole group (EditConflict) when any of
 * them would overwrite a change its editor did not see. The check and the write are one write transaction, so no
 * colleague's save can come between them. Unchanged values are not recorded. Returns the group id, or null when
 * nothing changed.
 */
export function applyEdits(db: Store, edits: FieldEdit[], user: string, source: string): number | null {
  return writeTransaction(db, () => {
    const conflicts: ConflictDetail[] = [];
    const planned: { e: FieldEdit; before: unknown; after: unknown }[] = [];
    for (const e of edits) {
      const current = getTarget(db, e.targetId);
      const before = current[e.field] ?? null;
      const after = e.value ?? null;
      // Already what the editor wants: nothing to overwrite, nothing to record.
      if (sameFieldValue(before, after)) continue;
      if (e.seen && overwritesUnseenChange(e.seen, { revision: current.revision ?? 0, value: before })) {
        const scope = e.seen.value === undefined ? 'target' : 'field';
        conflicts.push(conflictOf(db, current, e.field, after, e.seen.revision ?? null, scope));
        continue;
      }
      planned.push({ e, before, after });
    }
    if (conflicts.length > 0) throw new EditConflict('edit', conflicts);
    if (planned.length === 0) return null;
    const groupRow = db.prepare('SELECT COALESCE(MAX(group_id), 0) + 1 AS g FROM edits').get() as { g: number };
    const groupId = groupRow.g;
    const at = new Date().toISOString();
    const insert = db.prepare('INSERT INTO edits (group_id, target_id, field, old_value, new_value, "user", at, source) VALUES (?,?,?,?,?,?,?,?)');
    for (const { e, before, after } of planned) {
      setField(db, e.targetId, e.field, after);
      insert.run(groupId, e.targetId, e.field, JSON.stringify(before), JSON.stringify(after), user, at, source);
    }
    markChanged(db, planned.map((p) => p.e.targetId), user, at);
    // A new edit ends this analyst's redo chain: their groups undone before it can no longer be redone. A
    // colleague's redo chain is theirs.
    db.prepare('UPDATE edits SET undone = 2 WHERE undone = 1 AND "user" = ?').run(user);
    return groupId;
  });
}

/** Keeps refused attempts beside the history, in their own small transaction (the refused one rolled back). */
export function recordRefusals(db: Store, conflicts: readonly ConflictDetail[], user: string, source: string): void {
  const at = new Date().toISOString();
  writeTransaction(db, () => {
    const insert = db.prepare(
      `INSERT INTO edit_refusals (target_id, field, attempted_value, seen_revision, current_value, "user", at, source, changed_by, changed_at)
       VALUES (?,?,?,?,?,?,?,?,?,?)`,
    );
    for (const c of conflicts) {
      insert.run(c.targetId, c.field, JSON.stringify(c.attempted ?? null), c.seenRevision, JSON.stringify(c.current ?? null), user, at, source, c.changedBy, c.changedAt);
    }
  });
}

interface RefusalRow {
  id: number;
  target_id: number;
  field: EditableTargetField;
  attempted_value: string | null;
  seen_revision: number | null;
  current_value: string | null;
  user: string;
  at: string;
  source: string;
  changed_by: string | null;
  changed_at: string | null;
}

export function refusalHistory(db: Store, targetId: number): RefusalRecord[] {
  getTarget(db, targetId);
  const rows = db.prepare('SELECT * FROM edit_refusals WHERE target_id = ? ORDER BY id DESC').all(targetId) as RefusalRow[];
  return rows.map((r) => ({
    id: r.id,
    targetId: r.target_id,
    field: r.field,
    attemptedValue: parseValue(r.attempted_value),
    currentValue: parseValue(r.current_value),
    seenRevision: r.seen_revision,
    user: r.user,
    at: r.at,
    source: r.source,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
  }));
}

/** `"user" = ?` for one analyst's steps; without a user (a single desk's old callers) anyone's. */
const byUser = (user: string | undefined) => (user === undefined ? { sql: '', params: [] as string[] } : { sql: ' AND "user" = ?', params: [user] });

/**
 * Steps a group back (undo) or forward (redo), refusing (EditConflict) when a field it would set no longer holds
 * what the group left there: a colleague changed it since, and reverting would throw their value away.
 */
function stepGroup(db: Store, kind: 'undo' | 'redo', user: string | undefined): EditRecord[] {
  return writeTransaction(db, () => {
    const who = byUser(user);
    const pick =
      kind === 'undo'
        ? `SELECT MAX(group_id) AS g FROM edits WHERE undone = 0${who.sql}`
        : `SELECT MIN(group_id) AS g FROM edits WHERE undone = 1${who.sql}`;
    const row = db.prepare(pick).get(...who.params) as { g: number | null };
    if (row.g === null) return [];
    const rows = db.prepare(`SELECT * FROM edits WHERE group_id = ? ORDER BY id ${kind === 'undo' ? 'DESC' : 'ASC'}`).all(row.g) as EditRow[];
    const conflicts: ConflictDetail[] = [];
    for (const r of rows) {
      const target = getTarget(db, r.target_id);
      const expected = parseValue(kind === 'undo' ? r.new_value : r.old_value);
      const goal = parseValue(kind === 'undo' ? r.old_value : r.new_value);
      if (!sameFieldValue(target[r.field], expected)) conflicts.push(conflictOf(db, target, r.field, goal, target.revision ?? 0, 'field'));
    }
    if (conflicts.length > 0) throw new EditConflict(kind, conflicts);
    const at = new Date().toISOString();
    const actor = user ?? rows[0].user;
    for (const r of rows) setField(db, r.target_id, r.field, parseValue(kind === 'undo' ? r.old_value : r.new_value));
    if (kind === 'undo') db.prepare('UPDATE edits SET undone = 1, undone_by = ?, undone_at = ? WHERE group_id = ?').run(actor, at, row.g);
    else db.prepare('UPDATE edits SET undone = 0, undone_by = NULL, undone_at = NULL WHERE group_id = ?').run(row.g);
    markChanged(db, rows.map((r) => r.target_id), actor, at);
    const undone = kind === 'undo' ? 1 : 0;
    return rows.map((r) => toEdit({ ...r, undone, undone_by: undone ? actor : null, undone_at: undone ? at : null }));
  });
}

/**
 * Reverts the newest edit group of `user` that is not undone (a colleague's steps are theirs to undo). Returns the
 * reverted edits (empty when nothing to undo); EditConflict when a colleague changed one of its fields since.
 */
export function undoLastGroup(db: Store, user?: string): EditRecord[] {
  return stepGroup(db, 'undo', user);
}

/** Re-applies the oldest undone group of `user` still on their redo chain. */
export function redoGroup(db: Store, user?: string): EditRecord[] {
  return stepGroup(db, 'redo', user);
}

export function editHistory(db: Store, targetId: number): EditRecord[] {
  getTarget(db, targetId);
  return (db.prepare('SELECT * FROM edits WHERE target_id = ? ORDER BY id DESC').all(targetId) as EditRow[]).map(toEdit);
}

export function undoRedoState(db: Store, user?: string): { canUndo: boolean; canRedo: boolean } {
  const who = byUser(user);
  const r = db
    .prepare(`SELECT SUM(CASE WHEN undone = 0 THEN 1 ELSE 0 END) AS u, SUM(CASE WHEN undone = 1 THEN 1 ELSE 0 END) AS r FROM edits WHERE 1 = 1${who.sql}`)
    .get(...who.params) as { u: number | string | null; r: number | string | null };
  // PostgreSQL returns SUM over integers as bigint (text on the wire); SQLite as a number.
  return { canUndo: Number(r.u ?? 0) > 0, canRedo: Number(r.r ?? 0) > 0 };
}
