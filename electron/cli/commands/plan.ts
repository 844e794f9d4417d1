// `plan extract FILE` proposes a plan document's targets without touching a store; `plan import FILE` reads the
// file first (a bad file stops here, before any store is opened) and then commits through the service.
import path from 'node:path';
import type { PlanCommitResult, PlanDiff, PlanExtraction } from '../../../shared/contract';
import { KIND_LABELS, QUALIFIER_LABELS, type TargetDraft } from '../../../shared/domain/target';
import { WorkbenchError } from '../../../shared/errors';
import { proposePlanFile } from '../../plan/proposePlan';
import { dispatch } from '../../service/service';
import type { CliContext, CliCommand } from '../context';
import { describeValue, targetJson } from './targets';
import { planYearTargets } from '../../../shared/plan/extract';

/**
 * The JSON of a proposed target: the fields of `targets --json` (notes empty), plus where its quote stands in
 * the normalised text. `id` is the 1-based proposal number in document order, not a store id: it is stable
 * for the same file and extractor, and names a proposal in messages.
 */
export function proposalJson(t: TargetDraft, index: number) {
  const scope = t.scope ?? 'plan_year';
  return {
    ...targetJson({ ...t, id: index + 1, notes: '', taskStatus: 'open' }),
    quoteStart: t.quoteStart,
    quoteEnd: t.quoteEnd,
    // The part of the document: only `plan_year` items are targets; `review` items are results of `year`,
    // `outlook` items goals to `endYear`.
    scope,
    ...(scope === 'review' ? { year: t.year ?? null } : {}),
    ...(scope === 'outlook' ? { endYear: t.endYear ?? null } : {}),
  };
}

/** The plan year's proposals, and how many review and outlook items were kept apart. */
function planYearPart(targets: TargetDraft[]): { planYear: TargetDraft[]; review: number; outlook: number } {
  const planYear = planYearTargets(targets);
  return { planYear, review: targets.filter((t) => t.scope === 'review').length, outlook: targets.filter((t) => t.scope === 'outlook').length };
}

function keptApartLine(part: { review: number; outlook: number }): string {
  return `另有回顾（往年实绩）${part.review} 项、远景目标 ${part.outlook} 项，不作为本年目标 / ${part.review} review items (past results) and ${part.outlook} outlook items kept apart, not plan-year targets`;
}

async function readProposal(file: string | undefined): Promise<PlanExtraction> {
  if (!file) throw new WorkbenchError('bad_request', '请给出计划文件路径 / Give the path of the plan file');
  // Size and limits before reading (readPlanFile): a 100 MB file is refused without loading it.
  return proposePlanFile(file);
}

function proposalLine(t: TargetDraft, index: number): string {
  const q = t.qualifier ? QUALIFIER_LABELS[t.qualifier].zh : '';
  const scope = t.scope === 'review' ? `  [回顾 review ${t.year ?? ''}]` : t.scope === 'outlook' ? `  [远景 outlook →${t.endYear ?? ''}]` : '';
  const also = t.alsoStatedAt?.length ? `  （另见 also at ${t.alsoStatedAt.map((s) => s.section).join('、')}）` : '';
  return `${String(index + 1).padStart(4)}  ${t.section.padEnd(8)} ${t.indicator}  ${KIND_LABELS[t.kind].zh}  ${q}${describeValue(t)}${scope}${also}`;
}

function printDiff(ctx: CliContext, diff: Pick<PlanDiff, 'changed' | 'removed'> & { added: { section: string; indicator: string; kind: TargetDraft['kind'] }[] }): void {
  for (const a of diff.added) ctx.out(`+ ${a.section} ${a.indicator} (${KIND_LABELS[a.kind].zh})`);
  for (const c of diff.changed) ctx.out(`~ [${c.targetId}] ${c.section} ${c.indicator} ${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}`);
  for (const r of diff.removed) ctx.out(`- [${r.targetId}] ${r.section} ${r.indicator} (${KIND_LABELS[r.kind].zh})`);
  const n = { a: diff.added.length, c: diff.changed.length, r: diff.removed.length };
  ctx.out(`新增 ${n.a} 项，修改 ${n.c} 处，删除 ${n.r} 项 / ${n.a} added, ${n.c} fields changed, ${n.r} removed`);
}

async function extract(ctx: CliContext): Promise<number> {
  const proposal = await readProposal(ctx.positionals[1]);
  if (ctx.has('json')) {
    ctx.out(JSON.stringify(proposal.targets.map(proposalJson), null, 2));
    return 0;
  }
  const { meta } = proposal;
  ctx.out(`文件 / File: ${proposal.fileName} (${proposal.format})`);
  ctx.out(`计划 / Plan: ${meta.title ?? '（未识别标题 / no title found）'} · ${meta.year ?? '?'} · ${meta.region ?? '?'}`);
  const all = ctx.has('all');
  proposal.targets.forEach((t, i) => {
    if (all || (t.scope ?? 'plan_year') === 'plan_year') ctx.out(proposalLine(t, i));
  });
  const part = planYearPart(proposal.targets);
  const quantified = part.planYear.filter((t) => t.kind !== 'task').length;
  ctx.out(`建议 ${part.planYear.length} 项，其中量化 ${quantified} 项 / ${part.planYear.length} proposed, ${quantified} quantified`);
  if (part.review + part.outlook > 0) ctx.out(keptApartLine(part) + (all ? '' : '（--all 列出 / --all lists them）'));
  return 0;
}

function positiveInt(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new WorkbenchError('bad_request', `--${flag} 必须是正整数，收到“${raw}” / --${flag} must be a positive integer, got "${raw}"`);
  return n;
}

async function importPlan(ctx: CliContext): Promise<number> {
  const updateId = positiveInt(ctx.flag('update'), 'update');
  const yearFlag = positiveInt(ctx.flag('year'), 'year');
  if (updateId !== undefined && (yearFlag !== undefined || ctx.flag('title') || ctx.flag('region'))) {
    throw new WorkbenchError('bad_request', '--update 不能与 --year、--title、--region 同用 / --update cannot be combined with --year, --title or --region');
  }
  // Read and extract before the store is opened: a bad file leaves the store as it was (or uncreated).
  const read = await readProposal(ctx.positionals[1]);
  // Only the plan year's items become targets; the review's results and the outlook's goals stay out of the store.
  const part = planYearPart(read.targets);
  const proposal = { ...read, targets: part.planYear };
  if (part.review + part.outlook > 0 && !ctx.has('json')) ctx.out(keptApartLine(part));
  if (proposal.targets.length === 0) {
    throw new WorkbenchError('bad_request', `文件中没有找到计划目标 / No plan targets were found in the file: ${proposal.fileName}`);
  }
  const fileName = path.basename(proposal.fileName);
  if (updateId !== undefined) {
    if (ctx.has('dry-run')) {
      const diff = (await dispatch(ctx.service(), 'diffPlan', { planId: updateId, targets: proposal.targets })) as PlanDiff;
      if (ctx.has('json')) ctx.out(JSON.stringify(diff, null, 2));
      else printDiff(ctx, { ...diff, added: diff.added });
      return 0;
    }
    const result = (await dispatch(ctx.service(), 'commitPlan', { mode: 'update', planId: updateId, fileName, text: proposal.text, targets: proposal.targets })) as PlanCommitResult;
    if (ctx.has('json')) ctx.out(JSON.stringify(result, null, 2));
    else {
      ctx.out(`已更新计划 ${result.planId} / Plan ${result.planId} updated`);
      printDiff(ctx, result);
    }
    return 0;
  }
  const year = yearFlag ?? proposal.meta.year;
  const region = ctx.flag('region') ?? proposal.meta.region;
  const title = ctx.flag('title') ?? proposal.meta.title;
  if (year === null || region === null || title === null) {
    const missing = [year === null ? '--year' : '', region === null ? '--region' : '', title === null ? '--title' : ''].filter(Boolean).join(' ');
    throw new WorkbenchError('bad_request', `无法从文件中识别计划的年份、地区或标题，请用 ${missing} 指定 / The file does not say the plan's year, region or title; give ${missing}`);
  }
  if (ctx.has('dry-run')) {
    ctx.out(`将新建计划 / Would create a plan: ${title} · ${year} · ${region}: ${proposal.targets.length} 项目标 / targets`);
    return 0;
  }
  const result = (await dispatch(ctx.service(), 'commitPlan', { mode: 'new', year, region, title, fileName, text: proposal.text, targets: proposal.targets })) as PlanCommitResult;
  if (ctx.has('json')) ctx.out(JSON.stringify(result, null, 2));
  else ctx.out(`已导入为新计划 ${result.planId}：${title}，${result.added.length} 项目标 / Imported as plan ${result.planId}: ${title}, ${result.added.length} targets`);
  return 0;
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: '从计划文件提取目标 / 导入为新计划或更新计划 / Extract targets from a plan document; import it as a new plan or an update',
  usage: 'plan extract FILE [--json] [--all] | plan import FILE [--year N] [--region R] [--title T] [--update PLAN_ID] [--dry-run] [--json] [--db PATH]',
  valueFlags: ['year', 'region', 'title', 'update'],
  switches: ['json', 'dry-run', 'all'],
  run: async (ctx) => {
    const sub = ctx.positionals[0];
    if (ctx.positionals.length > 2) throw new WorkbenchError('bad_request', `多余的参数“${ctx.positionals[2]}” / Unexpected argument "${ctx.positionals[2]}"`);
    if (sub === 'extract') {
      const stray = ['year', 'region', 'title', 'update', 'dry-run'].find((f) => ctx.has(f));
      if (stray) throw new WorkbenchError('bad_request', `plan extract 不接受 --${stray} / plan extract does not take --${stray}`);
      return extract(ctx);
    }
    if (sub === 'import') {
      if (ctx.has('all')) throw new WorkbenchError('bad_request', 'plan import 不接受 --all：只导入本年目标 / plan import does not take --all: only plan-year targets are imported');
      return importPlan(ctx);
    }
    ctx.err(`用法 / Usage: ${planCommand.usage}`);
    return 2;
  },
};
