import type { CliCommand } from '../context';
import { dispatch } from '../../service/service';
import type { Target, TargetDraft } from '../../../shared/domain/target';
import { COMPARATOR_LABELS, KIND_LABELS, QUALIFIER_LABELS } from '../../../shared/domain/target';
import { directionOf } from '../../../shared/domain/direction';

/** The public JSON shape of a target: later issues and scripts rely on exactly these fields. */
export function targetJson(t: Pick<Target, Exclude<keyof Target, 'planId' | 'position' | 'tolerance'>>) {
  return {
    id: t.id,
    section: t.section,
    indicator: t.indicator,
    kind: t.kind,
    value: t.value,
    valueLow: t.valueLow,
    valueHigh: t.valueHigh,
    unit: t.unit,
    comparator: t.comparator,
    qualifier: t.qualifier,
    basis: t.basis,
    quote: t.quote,
    notes: t.notes,
    taskStatus: t.taskStatus,
    // Where else the plan states the same target (a headline target restated in a section); [] when once.
    alsoStatedAt: t.alsoStatedAt ?? [],
    /** `higher_better`, `lower_better` or `band`: which way is good (derived from the wording unless the analyst set it). */
    direction: directionOf(t),
  };
}

/** `6%左右`, `2—3家`: the figure as a reader writes it (also used for proposed targets). */
export function describeValue(t: TargetDraft): string {
  if (t.kind === 'task') return '—';
  const v = t.value !== null ? String(t.value) : t.valueLow !== null ? `${t.valueLow}—${t.valueHigh}` : '?';
  return `${v}${t.unit ?? ''}${t.comparator && t.comparator !== 'range' ? COMPARATOR_LABELS[t.comparator].zh : ''}`;
}

export const targetsCommand: CliCommand = {
  name: 'targets',
  summary: '列出计划目标 / List the plan targets',
  usage: 'targets [--plan ID] [--json] [--db PATH]',
  valueFlags: ['plan'],
  switches: ['json'],
  run: async (ctx) => {
    const planFlag = ctx.flag('plan');
    const planId = planFlag === undefined ? undefined : Number(planFlag);
    const targets = (await dispatch(ctx.service(), 'listTargets', planId === undefined ? {} : { planId })) as Target[];
    if (ctx.has('json')) {
      ctx.out(JSON.stringify(targets.map(targetJson), null, 2));
    } else {
      for (const t of targets) {
        const q = t.qualifier ? QUALIFIER_LABELS[t.qualifier].zh : '';
        ctx.out(`${String(t.id).padStart(4)}  ${t.section.padEnd(8)} ${t.indicator}  ${KIND_LABELS[t.kind].zh}  ${q}${describeValue(t)}`);
      }
      ctx.out(`共 ${targets.length} 项 / ${targets.length} targets`);
    }
    return 0;
  },
};
