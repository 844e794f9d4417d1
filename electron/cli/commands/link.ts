// `link`: links a target to the series that measures it (by id or by the indicator as written in the
// imported file), accepts the suggestions for every unlinked target (--auto), or lists links and suggestions.
import type { AutoLinkResult, LinkView, SuggestionView } from '../../../shared/contract/varianceCalls';
import type { Series } from '../../../shared/domain/series';
import { WorkbenchError } from '../../../shared/errors';
import { dispatch } from '../../service/service';
import type { CliCommand, CliContext } from '../context';
import { resolveSeriesRef } from '../seriesRef';

const suggestionJson = (s: SuggestionView) => ({
  targetId: s.targetId,
  indicator: s.indicator,
  seriesId: s.seriesId,
  seriesLabel: s.series.label,
  unit: s.series.unit,
  measure: s.series.measure,
  score: s.score,
  reason: s.reason,
});

const linkJson = (l: LinkView) => ({
  targetId: l.targetId,
  indicator: l.indicator,
  seriesId: l.seriesId,
  seriesLabel: l.series?.label ?? null,
  formula: l.formula,
  levelSeriesId: l.levelSeriesId,
  source: l.source,
});

function linkLine(l: LinkView): string {
  const what = l.formula ? `公式 ${l.formula}` : l.series ? `#${l.series.id} ${l.series.label}` : '—';
  const level = l.levelSeriesId !== null ? `  （总量序列 #${l.levelSeriesId}${l.levelSource === 'companion' ? '，自动配对' : ''}）` : '';
  return `${String(l.targetId).padStart(4)}  ${l.indicator} → ${what}${level}  [${l.source === 'suggested' ? '采纳建议' : '人工'}]`;
}

function planArg(ctx: CliContext): { planId?: number } {
  const p = ctx.flag('plan');
  if (p === undefined) return {};
  if (!/^\d+$/.test(p)) throw new WorkbenchError('bad_request', `--plan 应为计划编号 / --plan must be a plan id: ${p}`);
  return { planId: Number(p) };
}

function targetArg(ctx: CliContext): number {
  const t = ctx.flag('target');
  if (t === undefined || !/^\d+$/.test(t)) throw new WorkbenchError('bad_request', `--target 应为目标编号 / --target must be a target id${t ? `: ${t}` : ''}`);
  return Number(t);
}

async function resolve(ctx: CliContext, text: string): Promise<number> {
  const all = (await dispatch(ctx.service(), 'listSeries', {})) as Series[];
  return resolveSeriesRef(all, text).id;
}

export const linkCommand: CliCommand = {
  name: 'link',
  summary: '关联目标与统计序列；--auto 采纳全部建议 / Link targets to series; --auto accepts the suggestions',
  usage: 'link --target ID (--series SERIES [--level SERIES] | --formula EXPR | --remove) | --auto | --suggest | --list [--plan ID] [--json]',
  valueFlags: ['target', 'series', 'level', 'formula', 'plan'],
  switches: ['auto', 'suggest', 'list', 'remove', 'json'],
  run: async (ctx) => {
    const service = ctx.service();
    const json = ctx.has('json');
    if (ctx.has('auto')) {
      const r = (await dispatch(service, 'autoLink', planArg(ctx))) as AutoLinkResult;
      if (json) {
        ctx.out(JSON.stringify({ linked: r.linked.map(suggestionJson), keptExisting: r.keptExisting, unmatched: r.unmatched }, null, 2));
      } else {
        for (const s of r.linked) ctx.out(`${String(s.targetId).padStart(4)}  ${s.indicator} → #${s.seriesId} ${s.series.label}  （${s.reason.split(' / ')[0]}）`);
        ctx.out(`已关联 ${r.linked.length} 项；保留已有关联 ${r.keptExisting} 项；无合适序列 ${r.unmatched.length} 项 / linked ${r.linked.length}; kept ${r.keptExisting} existing; ${r.unmatched.length} without a suggestion`);
      }
      return 0;
    }
    if (ctx.has('suggest')) {
      const list = (await dispatch(service, 'suggestLinks', planArg(ctx))) as SuggestionView[];
      if (json) ctx.out(JSON.stringify(list.map(suggestionJson), null, 2));
      else {
        for (const s of list) ctx.out(`${String(s.targetId).padStart(4)}  ${s.indicator} → #${s.seriesId} ${s.series.label}  ${s.score}  （${s.reason.split(' / ')[0]}）`);
        ctx.out(`共 ${list.length} 条建议（未保存，用 --auto 采纳）/ ${list.length} suggestions (not saved; --auto accepts them)`);
      }
      return 0;
    }
    if (ctx.flag('target') === undefined) {
      const list = (await dispatch(service, 'listLinks', planArg(ctx))) as LinkView[];
      if (json) ctx.out(JSON.stringify(list.map(linkJson), null, 2));
      else {
        for (const l of list) ctx.out(linkLine(l));
        ctx.out(`共 ${list.length} 项关联 / ${list.length} links`);
      }
      return 0;
    }
    const targetId = targetArg(ctx);
    const seriesText = ctx.flag('series');
    const formula = ctx.flag('formula');
    const given = [seriesText !== undefined, formula !== undefined, ctx.has('remove')].filter(Boolean).length;
    if (given !== 1) throw new WorkbenchError('bad_request', '请给出 --series、--formula 或 --remove 之一 / Give one of --series, --formula or --remove');
    const levelText = ctx.flag('level');
    const args = {
      targetId,
      seriesId: seriesText !== undefined ? await resolve(ctx, seriesText) : null,
      ...(formula !== undefined ? { formula } : {}),
      ...(levelText !== undefined ? { levelSeriesId: await resolve(ctx, levelText) } : {}),
    };
    const { link } = (await dispatch(service, 'setLink', args)) as { link: LinkView | null };
    if (json) ctx.out(JSON.stringify(link ? linkJson(link) : { targetId, seriesId: null, removed: true }, null, 2));
    else ctx.out(link ? `已关联 / Linked: ${linkLine(link)}` : `已取消目标 ${targetId} 的关联 / Link of target ${targetId} removed`);
    return 0;
  },
};
