// Handlers for plans, targets, edits and undo.
import { storeRole } from '../store/pg/storeRole';
import { checkFieldValue } from '../../shared/domain/targetEdit';
import { knownUnits } from '../../shared/domain/units';
import { messageError, WorkbenchError } from '../../shared/errors';
import type { KeyedMessage } from '../../shared/messages';
import * as repo from '../store/targetsRepo';
import type { ServiceContext } from './service';
import type { Handlers } from './service';

type TargetHandlerNames = 'appInfo' | 'listPlans' | 'listTargets' | 'planText' | 'editTargets' | 'undo' | 'redo' | 'undoState' | 'targetHistory' | 'knownUnits';

export function targetHandlers(ctx: ServiceContext): Pick<Handlers, TargetHandlerNames> {
  const { db } = ctx;

  const touchedTargets = (ids: Iterable<number>) => [...new Set(ids)].map((id) => repo.getTarget(db, id));

  return {
    appInfo: () => ({ version: ctx.version, storePath: ctx.storePath, shell: ctx.shell, user: ctx.user, engine: ctx.db.engine, role: storeRole(ctx.db) }),
    listPlans: () => repo.listPlans(db),
    listTargets: ({ planId }) => {
      const pid = planId ?? repo.defaultPlanId(db);
      return pid === null ? [] : repo.listTargets(db, pid);
    },
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
        else clean.push({ targetId: e.targetId, field: e.field, value: check.value });
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
      const groupId = repo.applyEdits(db, clean, ctx.user, source);
      return { groupId, targets: touchedTargets(clean.map((e) => e.targetId)), ...repo.undoRedoState(db) };
    },
    undo: () => {
      const edits = repo.undoLastGroup(db);
      return { edits, targets: touchedTargets(edits.map((e) => e.targetId)), ...repo.undoRedoState(db) };
    },
    redo: () => {
      const edits = repo.redoGroup(db);
      return { edits, targets: touchedTargets(edits.map((e) => e.targetId)), ...repo.undoRedoState(db) };
    },
    undoState: () => repo.undoRedoState(db),
    targetHistory: ({ targetId }) => repo.editHistory(db, targetId),
    knownUnits: () => knownUnits(),
  };
}
