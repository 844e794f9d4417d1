// Handlers for plans, targets, edits and undo.
import { storeRole } from '../store/pg/storeRole';
import { checkFieldValue, type FieldCheck } from '../../shared/domain/targetEdit';
import { knownUnits } from '../../shared/domain/units';
import { messageError, WorkbenchError } from '../../shared/errors';
import type { KeyedMessage, MessageParam } from '../../shared/messages';
import { FIELD_LABELS } from '../../shared/domain/targetEdit';
import type { ConflictDetail } from '../../shared/contract/records';
import * as repo from '../store/targetsRepo';
import { planTargets } from './planTargets';
import type { ServiceContext } from './service';
import type { Handlers } from './service';

type TargetHandlerNames = 'appInfo' | 'listPlans' | 'listTargets' | 'getTarget' | 'planText' | 'editTargets' | 'undo' | 'redo' | 'undoState' | 'targetHistory' | 'targetRefusals' | 'knownUnits';

const shown = (v: unknown): MessageParam => (v === null || v === undefined || v === '' ? { zh: '（空）', en: '(empty)' } : String(v));
const when = (iso: string | null): MessageParam => (iso ? `${iso.slice(0, 19).replace('T', ' ')} UTC` : { zh: '（时间不详）', en: '(time unknown)' });

/** The refusal as the analyst reads it (key + params), with every refused field in details for the conflict dialog. */
export function conflictError(kind: 'edit' | 'undo' | 'redo', conflicts: readonly ConflictDetail[]) {
  const c = conflicts[0];
  const params = {
    who: c.changedBy ?? { zh: '同事', en: 'a colleague' },
    when: when(c.changedAt),
    indicator: c.indicator,
    field: FIELD_LABELS[c.field],
    current: shown(c.current),
    attempted: shown(c.attempted),
    count: conflicts.length,
    seen: c.seenRevision ?? '—',
    revision: c.revision,
  };
  const single = c.scope === 'target' ? 'edit.conflictTarget' : 'edit.conflict';
  const key = kind === 'undo' ? 'undo.colleagueChanged' : kind === 'redo' ? 'redo.colleagueChanged' : conflicts.length > 1 ? 'edit.conflicts' : single;
  return messageError('conflict', key, params, { conflicts });
}

/** The value the editor says it saw, read as the stored one would be (`6` and 6 are the same figure). */
function seenValue(field: Parameters<typeof checkFieldValue>[0], raw: unknown): unknown {
  const check: FieldCheck = checkFieldValue(field, raw);
  return check.ok ? check.value : raw;
}

export function targetHandlers(ctx: ServiceContext): Pick<Handlers, TargetHandlerNames> {
  const { db } = ctx;

  /** A refused step is rolled back; then the attempt is recorded in its own transaction and the analyst told why. */
  function refusingConflicts<T>(source: string, step: () => T): T {
    try {
      return step();
    } catch (e) {
      if (!(e instanceof repo.EditConflict)) throw e;
      repo.recordRefusals(db, e.conflicts, ctx.user, source);
      throw conflictError(e.kind, e.conflicts);
    }
  }

  const touchedTargets = (ids: Iterable<number>) => [...new Set(ids)].map((id) => repo.getTarget(db, id));

  return {
    appInfo: () => ({ version: ctx.version, storePath: ctx.storePath, shell: ctx.shell, user: ctx.user, engine: ctx.db.engine, role: storeRole(ctx.db) }),
    listPlans: () => repo.listPlans(db),
    listTargets: ({ planId }) => {
      const pid = planId ?? repo.defaultPlanId(db);
      return pid === null ? [] : planTargets(db, pid);
    },
    getTarget: ({ targetId }) => repo.getTarget(db, targetId),
    planText: ({ planId }) => repo.planText(db, planId),
    editTargets: ({ edits, source }) => {
      // Validate everything first: one bad cell refuses the whole action and nothing is saved.
      const problems: string[] = [];
      // A single refusal travels with its catalog key, so the renderer can show it in the analyst's language.
      let onlyRefusal: KeyedMessage | null = null;
      const clean: repo.FieldEdit[] = [];
      edits.forEach((e, i) => {
        const check = checkFieldValue(e.field, e.value);
        if (!check.ok && edits.length === 1) onlyRefusal = check;
        if (!check.ok) problems.push(edits.length > 1 ? `#${i + 1} (目标 ${e.targetId}): ${check.message}` : check.message);
        else {
          const seen = e.revision === undefined && e.seen === undefined ? undefined : { revision: e.revision, ...(e.seen === undefined ? {} : { value: seenValue(e.field, e.seen) }) };
          clean.push({ targetId: e.targetId, field: e.field, value: check.value, seen });
        }
      });
      for (const id of new Set(edits.map((e) => e.targetId))) {
        try {
          repo.getTarget(db, id);
        } catch (err) {
          problems.push((err as Error).message);
        }
      }
      if (problems.length === 1 && onlyRefusal) {
        const { key, params } = onlyRefusal as KeyedMessage;
        throw messageError('bad_request', key, params, problems);
      }
      if (problems.length > 0) {
        throw new WorkbenchError('bad_request', problems.slice(0, 10).join('\n') + (problems.length > 10 ? `\n… 共 ${problems.length} 处 / ${problems.length} problems` : ''), problems);
      }
      const groupId = refusingConflicts(source, () => repo.applyEdits(db, clean, ctx.user, source));
      return { groupId, targets: touchedTargets(clean.map((e) => e.targetId)), ...repo.undoRedoState(db, ctx.user) };
    },
    // Each analyst undoes and redoes their own steps only.
    undo: () => {
      const edits = refusingConflicts('undo', () => repo.undoLastGroup(db, ctx.user));
      return { edits, targets: touchedTargets(edits.map((e) => e.targetId)), ...repo.undoRedoState(db, ctx.user) };
    },
    redo: () => {
      const edits = refusingConflicts('redo', () => repo.redoGroup(db, ctx.user));
      return { edits, targets: touchedTargets(edits.map((e) => e.targetId)), ...repo.undoRedoState(db, ctx.user) };
    },
    undoState: () => repo.undoRedoState(db, ctx.user),
    targetHistory: ({ targetId }) => repo.editHistory(db, targetId),
    targetRefusals: ({ targetId }) => repo.refusalHistory(db, targetId),
    knownUnits: () => knownUnits(),
  };
}
