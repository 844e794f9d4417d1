// `target set ID FIELD VALUE`: edits one field of a target as the grid does (same checks, recorded with its author,
// refused when a colleague changed the same field since this command read it). `target history ID`: the target's
// edits and refused attempts, with who and when.
import type { EditResult } from '../../../shared/contract/targetCalls';
import type { EditRecord, RefusalRecord } from '../../../shared/contract/records';
import { EDITABLE_TARGET_FIELDS, type EditableTargetField, type Target } from '../../../shared/domain/target';
import { FIELD_LABELS, isEditableField } from '../../../shared/domain/targetEdit';
import { WorkbenchError } from '../../../shared/errors';
import { dispatch } from '../../service/service';
import type { CliCommand, CliContext } from '../context';

const USAGE = 'target set ID FIELD VALUE [--expect-revision N] [--expect VALUE] [--json] | target history ID [--json] [--db PATH]';

function idArg(raw: string | undefined): number {
  if (raw === undefined || !/^\d{1,15}$/.test(raw) || Number(raw) < 1) {
    throw new WorkbenchError('bad_request', `请给出目标编号（见 targets）/ Give a target id (see targets)${raw ? `: ${raw}` : ''}`);
  }
  return Number(raw);
}

/** A field by its name in the contract (`value`) or its label in the grid (`目标值`). */
export function fieldArg(raw: string | undefined): EditableTargetField {
  const text = (raw ?? '').trim();
  if (isEditableField(text)) return text;
  const byLabel = EDITABLE_TARGET_FIELDS.find((f) => FIELD_LABELS[f].zh === text || FIELD_LABELS[f].en.toLowerCase() === text.toLowerCase());
  if (byLabel) return byLabel;
  throw new WorkbenchError('bad_request', `无法识别的字段“${text}”（可用：${EDITABLE_TARGET_FIELDS.join('、')}）/ Unknown field "${text}" (one of ${EDITABLE_TARGET_FIELDS.join(', ')})`);
}

const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '（空）' : String(v));

async function setField(ctx: CliContext): Promise<number> {
  const [, rawId, rawField, ...rest] = ctx.positionals;
  if (rest.length !== 1) throw new WorkbenchError('bad_request', `用法 / Usage: ${USAGE}`);
  const targetId = idArg(rawId);
  const field = fieldArg(rawField);
  const value = rest[0];
  const rawRevision = ctx.flag('expect-revision');
  if (rawRevision !== undefined && !/^\d{1,9}$/.test(rawRevision)) {
    throw new WorkbenchError('bad_request', `--expect-revision 应为非负整数 / --expect-revision must be a whole number: ${rawRevision}`);
  }
  const expect = ctx.flag('expect');
  const service = ctx.service();
  // What this command saw: what the script stated, else the target as read now (so a colleague's save between
  // this read and the write is refused, not overwritten).
  let revision = rawRevision === undefined ? undefined : Number(rawRevision);
  let seen: string | number | null | undefined = expect;
  if (revision === undefined && seen === undefined) {
    const before = (await dispatch(service, 'getTarget', { targetId })) as Target;
    revision = before.revision ?? 0;
    seen = (before[field] ?? null) as string | number | null;
  }
  const edit = { targetId, field, value, ...(revision === undefined ? {} : { revision }), ...(seen === undefined ? {} : { seen }) };
  const res = (await dispatch(service, 'editTargets', { edits: [edit], source: 'cli' })) as EditResult;
  const after = res.targets[0];
  if (ctx.has('json')) {
    ctx.out(JSON.stringify({ saved: res.groupId !== null, groupId: res.groupId, targetId, field, value: after[field] ?? null, revision: after.revision ?? 0, user: service.ctx.user }, null, 2));
  } else if (res.groupId === null) {
    ctx.out(`未改动：目标 ${targetId} 的${FIELD_LABELS[field].zh}已是 ${shown(after[field])} / Unchanged: ${FIELD_LABELS[field].en} of target ${targetId} is already ${shown(after[field])}`);
  } else {
    ctx.out(
      `已保存：目标 ${targetId}“${after.indicator}”的${FIELD_LABELS[field].zh}为 ${shown(after[field])}（修订 ${after.revision}，${service.ctx.user}） / Saved: ${FIELD_LABELS[field].en} of target ${targetId} is ${shown(after[field])} (revision ${after.revision}, by ${service.ctx.user})`,
    );
  }
  return 0;
}

type HistoryLine = { at: string; text: string };

export function historyLines(edits: readonly EditRecord[], refusals: readonly RefusalRecord[]): string[] {
  const lines: HistoryLine[] = [];
  for (const e of edits) {
    const undone = e.undone ? `  已撤销 / undone${e.undoneBy ? ` ${e.undoneBy}` : ''}${e.undoneAt ? ` ${e.undoneAt}` : ''}` : '';
    lines.push({ at: e.at, text: `${e.at}  ${e.user}  ${FIELD_LABELS[e.field].zh}：${shown(e.oldValue)} → ${shown(e.newValue)}  [${e.source}]${undone}` });
  }
  for (const r of refusals) {
    const over = r.changedBy ? `，${r.changedBy}${r.changedAt ? ` 于 ${r.changedAt}` : ''} 已改为 ${shown(r.currentValue)}` : `，当时为 ${shown(r.currentValue)}`;
    lines.push({ at: r.at, text: `${r.at}  ${r.user}  未保存 / refused：${FIELD_LABELS[r.field].zh} → ${shown(r.attemptedValue)}${over}  [${r.source}]` });
  }
  // Newest first, as the grid's history panel shows it.
  return lines.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).map((l) => l.text);
}

async function history(ctx: CliContext): Promise<number> {
  if (ctx.positionals.length !== 2) throw new WorkbenchError('bad_request', `用法 / Usage: ${USAGE}`);
  const targetId = idArg(ctx.positionals[1]);
  const service = ctx.service();
  const target = (await dispatch(service, 'getTarget', { targetId })) as Target;
  const edits = (await dispatch(service, 'targetHistory', { targetId })) as EditRecord[];
  const refusals = (await dispatch(service, 'targetRefusals', { targetId })) as RefusalRecord[];
  if (ctx.has('json')) {
    ctx.out(JSON.stringify({ targetId, indicator: target.indicator, revision: target.revision ?? 0, updatedBy: target.updatedBy ?? null, updatedAt: target.updatedAt ?? null, edits, refusals }, null, 2));
    return 0;
  }
  ctx.out(`目标 ${targetId}“${target.indicator}”，修订 ${target.revision ?? 0}${target.updatedBy ? `，最后修改：${target.updatedBy} ${target.updatedAt ?? ''}` : ''} / revision ${target.revision ?? 0}`);
  const lines = historyLines(edits, refusals);
  for (const l of lines) ctx.out(l);
  ctx.out(`共 ${edits.length} 处修改、${refusals.length} 次未保存的尝试 / ${edits.length} edit(s), ${refusals.length} refused attempt(s)`);
  return 0;
}

export const targetCommand: CliCommand = {
  name: 'target',
  summary: '修改一个目标的字段（与表格相同的校验，记录作者，冲突时拒绝）；history 查看修改记录 / Edit one field of a target as the grid does; history shows its edits with authors',
  usage: USAGE,
  valueFlags: ['expect-revision', 'expect'],
  switches: ['json'],
  run: async (ctx) => {
    const sub = ctx.positionals[0];
    if (sub === 'set') return setField(ctx);
    if (sub === 'history') return history(ctx);
    throw new WorkbenchError('bad_request', `用法 / Usage: ${USAGE}`);
  },
};
