// `cycle FILE --out DIR`: the monthly cycle in one command. Imports the bureau's file (the same commit as
// `import`, refused whole with the cells named), links new series where the suggestion is confident and lists
// the rest for the analyst's decision, analyses the variance at the new month (or --as-of), writes the
// workbook, the briefing PDF and the report .docx into DIR (handOn), and prints what changed and which targets
// moved status since last month.
import path from 'node:path';
import type { HandOnResult } from '../../../shared/contract/handoffCalls';
import type { CommitImportResult } from '../../../shared/contract/importCalls';
import type { AutoLinkResult, SuggestionView, VarianceResult } from '../../../shared/contract/varianceCalls';
import type { Observation, Series } from '../../../shared/domain/series';
import { WorkbenchError } from '../../../shared/errors';
import { cutoffLine } from '../../../shared/format/chinese';
import { statusCounts } from '../../../shared/report/sentences';
import { statusMoves, type StatusMove } from '../../../shared/variance/sincePrevious';
import { STATUS_LABELS, STATUSES } from '../../../shared/variance/types';
import { checkedHandOnDir } from '../../service/handoffHandlers';
import { dispatch, type Service } from '../../service/service';
import type { CliCommand } from '../context';
import { checkedMonth, elapsedSeconds } from '../outputFile';
import { readImportFile } from './import';

const USAGE = 'cycle FILE --out DIR [--as-of YYYY-MM] [--sheet NAME] [--skip-invalid] [--plan ID] [--json] [--db PATH]';

/** A suggestion at least this good links by itself; weaker ones wait for the analyst (0..1, see suggestLinks). */
export const CONFIDENT_SUGGESTION = 0.8;

export interface ImportChanges {
  batchId: number;
  fileName: string;
  /** Periods the store did not have before. */
  newObservations: number;
  /** Periods that had another value: the new vintage is current, the old one kept. */
  revisedObservations: number;
  unchangedObservations: number;
  newSeries: { id: number; label: string; unit: string }[];
  skippedCells: number;
}

export interface CycleResult {
  import: ImportChanges;
  links: {
    linked: { targetId: number; indicator: string; seriesId: number; seriesLabel: string; score: number }[];
    /** Suggestions not confident enough to take without the analyst. */
    toDecide: { targetId: number; indicator: string; seriesId: number; seriesLabel: string; score: number; reason: string }[];
  };
  variance: { asOf: string | null; counts: Record<string, number>; moved: StatusMove[] };
  handOn: HandOnResult;
}

const call = <T>(service: Service, name: string, args: unknown) => dispatch(service, name, args) as Promise<T>;

/** New and revised observations of the batch: a period whose series had an older vintage is a revision. */
async function importChanges(service: Service, result: CommitImportResult, before: ReadonlyMap<number, Series>): Promise<ImportChanges> {
  const after = await call<Series[]>(service, 'listSeries', {});
  const newSeries = after.filter((s) => !before.has(s.id));
  // Only series the batch could have touched: new ones, and those whose count or last period moved.
  const touched = after.filter((s) => {
    const b = before.get(s.id);
    return !b || b.observationCount !== s.observationCount || b.lastPeriod !== s.lastPeriod || result.series.some((r) => r.name === s.name && r.unit === s.unit);
  });
  let fresh = 0;
  let revised = 0;
  for (const s of touched) {
    const all = await call<Observation[]>(service, 'seriesObservations', { seriesId: s.id, allVintages: true });
    const older = new Set(all.filter((o) => o.batchId !== result.batchId).map((o) => o.period));
    for (const o of all) if (o.batchId === result.batchId) older.has(o.period) ? revised++ : fresh++;
  }
  return {
    batchId: result.batchId,
    fileName: result.fileName,
    newObservations: fresh,
    revisedObservations: revised,
    unchangedObservations: result.unchangedCount,
    newSeries: newSeries.map((s) => ({ id: s.id, label: s.label, unit: s.unit })),
    skippedCells: result.skipped.length,
  };
}

export async function runCycle(
  service: Service,
  opts: { file: string; outDir: string; asOf?: string; sheet?: string; skipInvalid: boolean; planId?: number },
): Promise<CycleResult> {
  // Everything that can be checked is checked before the store changes: the folder, the file, the month.
  const outDir = checkedHandOnDir(path.resolve(opts.outDir));
  const bytes = readImportFile(opts.file);
  const plan = opts.planId !== undefined ? { planId: opts.planId } : {};
  const before = new Map((await call<Series[]>(service, 'listSeries', {})).map((s) => [s.id, s]));
  const committed = await call<CommitImportResult>(service, 'commitImport', {
    file: { fileName: path.basename(opts.file), dataBase64: bytes.toString('base64') },
    ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
    skipInvalid: opts.skipInvalid,
  });
  const changes = await importChanges(service, committed, before);

  // Links: only suggestions pointing at a series this file brought in. A target the analyst left unlinked
  // against older series stays as it was.
  const newIds = new Set(changes.newSeries.map((s) => s.id));
  const suggestions = (await call<SuggestionView[]>(service, 'suggestLinks', { ...plan, unlinkedOnly: true })).filter((s) => newIds.has(s.seriesId));
  const confident = suggestions.filter((s) => s.score >= CONFIDENT_SUGGESTION);
  const linked = confident.length > 0 ? await call<AutoLinkResult>(service, 'autoLink', { ...plan, targetIds: confident.map((s) => s.targetId) }) : { linked: [] as SuggestionView[] };
  const linkedIds = new Set(linked.linked.map((s) => s.targetId));

  const variance = await call<VarianceResult>(service, 'variance', { ...plan, ...(opts.asOf ? { asOf: opts.asOf } : {}) });
  if (!variance.asOf) throw new WorkbenchError('bad_request', '导入后仍没有可分析的月份（没有关联的序列有数据） / No month to analyse after the import (no linked series has data)');
  const handOn = await call<HandOnResult>(service, 'handOn', { ...plan, asOf: variance.asOf, outDir });
  const counts = statusCounts(variance.rows);
  return {
    import: changes,
    links: {
      linked: linked.linked.map((s) => ({ targetId: s.targetId, indicator: s.indicator, seriesId: s.seriesId, seriesLabel: s.series.label, score: s.score })),
      toDecide: suggestions
        .filter((s) => !linkedIds.has(s.targetId))
        .map((s) => ({ targetId: s.targetId, indicator: s.indicator, seriesId: s.seriesId, seriesLabel: s.series.label, score: s.score, reason: s.reason })),
    },
    variance: { asOf: variance.asOf, counts, moved: statusMoves(variance.rows) },
    handOn,
  };
}

function describe(r: CycleResult): string[] {
  const i = r.import;
  const lines = [`一、导入 / Import: ${i.fileName}（批次 ${i.batchId} / batch ${i.batchId}）`];
  lines.push(`  新增观测值 ${i.newObservations} 个，修订 ${i.revisedObservations} 个，未变 ${i.unchangedObservations} 个 / ${i.newObservations} new, ${i.revisedObservations} revised, ${i.unchangedObservations} unchanged observations`);
  lines.push(`  新序列 ${i.newSeries.length} 个 / ${i.newSeries.length} new series${i.newSeries.length ? `: ${i.newSeries.slice(0, 10).map((s) => s.label).join('、')}${i.newSeries.length > 10 ? ' …' : ''}` : ''}`);
  if (i.skippedCells) lines.push(`  跳过的单元格 ${i.skippedCells} 个 / ${i.skippedCells} cell(s) skipped`);
  lines.push(`二、关联 / Links: 自动关联 ${r.links.linked.length} 项，待确认 ${r.links.toDecide.length} 项 / ${r.links.linked.length} linked, ${r.links.toDecide.length} to decide`);
  for (const l of r.links.linked) lines.push(`  已关联 / linked  #${l.targetId} ${l.indicator} → #${l.seriesId} ${l.seriesLabel}（${l.score}）`);
  for (const l of r.links.toDecide) lines.push(`  待确认 / to decide  #${l.targetId} ${l.indicator} → #${l.seriesId} ${l.seriesLabel}（${l.score}）: link ${l.targetId} --series ${l.seriesId}`);
  const v = r.variance;
  lines.push(`三、执行情况 / Variance: ${v.asOf ? cutoffLine(v.asOf) : '—'}；${STATUSES.map((s) => `${STATUS_LABELS[s].zh}${v.counts[s]}`).join('、')}`);
  if (v.moved.length === 0) lines.push('  与上月相比状态未变 / no target changed status since last month');
  for (const m of v.moved) lines.push(`  #${m.targetId} ${m.indicator}: ${STATUS_LABELS[m.from].zh} → ${STATUS_LABELS[m.to].zh}（${m.text}） / ${STATUS_LABELS[m.from].en} → ${STATUS_LABELS[m.to].en}`);
  lines.push(`四、交付文件 / Files: ${r.handOn.dir}`);
  for (const f of r.handOn.files) lines.push(`  ${f.fileName}  (${f.kind}, ${f.bytes} bytes)`);
  return lines;
}

export const cycleCommand: CliCommand = {
  name: 'cycle',
  summary: '本月更新：导入、关联、分析并写出工作簿、简报和分析报告 / Monthly cycle: import, link, analyse, write workbook, briefing and report',
  usage: USAGE,
  valueFlags: ['out', 'as-of', 'sheet', 'plan'],
  switches: ['skip-invalid', 'json'],
  run: async (ctx) => {
    const start = performance.now();
    if (ctx.positionals.length !== 1) throw new WorkbenchError('bad_request', `请给出一个统计数据文件，用法：${USAGE} / Give one statistics file; usage: ${USAGE}`);
    const out = ctx.flag('out');
    if (!out) throw new WorkbenchError('bad_request', `缺少 --out 文件夹，用法：${USAGE} / Missing --out DIR; usage: ${USAGE}`);
    const asOf = checkedMonth(ctx.flag('as-of'), 'as-of');
    const plan = ctx.flag('plan');
    const result = await runCycle(ctx.service(), {
      file: path.resolve(ctx.positionals[0]),
      outDir: out,
      asOf,
      sheet: ctx.flag('sheet'),
      skipInvalid: ctx.has('skip-invalid'),
      ...(plan !== undefined ? { planId: Number(plan) } : {}),
    });
    if (ctx.has('json')) ctx.out(JSON.stringify(result, null, 2));
    else {
      ctx.out(describe(result).join('\n'));
      ctx.out(`用时 / Elapsed: ${elapsedSeconds(start)} s`);
    }
    return 0;
  },
};
