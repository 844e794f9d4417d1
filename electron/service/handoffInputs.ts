// Builds what the exporters take in (ExportInput, BriefInput) from the store. The variance rows and trends
// come from the variance handlers themselves, so the workbook and the briefing show exactly the figures of
// `variance --json` and the variance view; this module only selects, trims to the cut-off and labels. The
// series and their points come from the store's one variance cache (varianceDataFor), never loaded again.
import type { ImportBatch } from '../../shared/domain/series';
import type { Plan, Target } from '../../shared/domain/target';
import { WorkbenchError } from '../../shared/errors';
import { sectionMatches } from '../../shared/brief/sectionMatch';
import type { BriefInput, BriefLayoutKind, BriefTrend, ExportInput, ExportSeries } from '../../shared/export/types';
import { parseFormula, parseFormulaSpec, referencedSeries } from '../../shared/variance/formula';
import { monthIndex, periodEnd } from '../../shared/variance/period';
import type { VarianceRow } from '../../shared/variance/types';
import { listBatches } from '../import/commitImport';
import * as linksRepo from '../store/linksRepo';
import * as targetsRepo from '../store/targetsRepo';
import type { Handlers, ServiceContext } from './service';
import { planTargets } from './planTargets';
import { varianceDataFor } from './varianceData';
import { varianceHandlers } from './varianceHandlers';

export interface ExportArgs {
  planId?: number;
  asOf?: string;
}

export interface BriefArgs extends ExportArgs {
  section?: string;
  targetIds?: number[];
  layout?: BriefLayoutKind;
}

export interface BuiltBrief {
  input: BriefInput;
  plan: Plan;
  latestPeriod: string | null;
}

/** Trend charts a briefing carries when the analyst did not pick the targets (two per row, four rows a page). */
export const DEFAULT_TREND_LIMIT = 8;

/** An ISO timestamp in local wall time with its offset (`2025-11-18T09:30:00+08:00`), as the sheets print it. */
export function localTimestamp(date = new Date()): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** When no series has data the cut-off cannot come from the data: the current month, kept within the plan's year. */
function fallbackMonth(planYear: number, now: Date): string {
  const month = now.getFullYear() > planYear ? 12 : now.getFullYear() < planYear ? 1 : now.getMonth() + 1;
  return `${planYear}-${String(month).padStart(2, '0')}`;
}

function formulaSeries(formula: string): number[] {
  const spec = parseFormulaSpec(formula);
  if (!spec.ok) return [];
  const node = parseFormula(spec.value.expr);
  return node.ok ? [...referencedSeries(node.value)] : [];
}

/** The variance calls the exports read through. */
export type VarianceCalls = Pick<Handlers, 'variance' | 'varianceTrend'>;

export function createHandoffInputs(ctx: ServiceContext, variance: VarianceCalls = varianceHandlers(ctx)) {
  const { db } = ctx;
  // `variance`: the variance calls' own implementation (the service passes its own): the same analysis, the
  // same defaults; `data`: their cache of series and points.
  const data = varianceDataFor(db);

  const planOf = (planId: number | undefined): Plan => {
    const id = planId ?? targetsRepo.defaultPlanId(db);
    const plan = id === null ? undefined : targetsRepo.listPlans(db).find((p) => p.id === id);
    if (!plan) {
      throw new WorkbenchError('not_found', id === null ? '还没有计划 / There is no plan yet' : `计划 ${id} 不存在 / Plan ${id} does not exist`);
    }
    return plan;
  };

  const analyse = async (plan: Plan, asOf: string | undefined) => {
    const result = await variance.variance({ planId: plan.id, asOf });
    return { rows: result.rows, asOf: result.asOf ?? fallbackMonth(plan.year, new Date()), latestPeriod: result.latestPeriod };
  };

  /** The series behind the analysis, in the order the targets first use them, trimmed to the cut-off. */
  const seriesBehind = (plan: Plan, rows: readonly VarianceRow[], asOf: string): ExportSeries[] => {
    const ids: number[] = [];
    const add = (id: number | null | undefined) => {
      if (id != null && !ids.includes(id)) ids.push(id);
    };
    for (const row of rows) for (const p of row.provenance) add(p.seriesId);
    for (const link of linksRepo.listLinks(db, plan.id)) {
      add(link.seriesId);
      add(link.levelSeriesId);
      if (link.formula) formulaSeries(link.formula).forEach(add);
    }
    const cutoff = monthIndex(periodEnd(asOf)!);
    const loaded = data.seriesData(ids);
    const out: ExportSeries[] = [];
    for (const id of ids) {
      const series = data.seriesMeta(id);
      const points = loaded.get(id)?.points;
      if (!series || !points) continue;
      // Current values in period order (the cache holds the newest batch's value of each period, as
      // seriesObservations does); values after the cut-off are left out: the workbook says 数据截至 that month.
      const observations: ExportSeries['observations'] = [];
      for (const [period, p] of points) {
        const end = periodEnd(period);
        if (end === null || monthIndex(end) > cutoff) continue;
        observations.push({ period, value: p.value, batchId: p.batchId, file: p.file, sheet: p.sheet, cell: p.cell });
      }
      out.push({ series, observations });
    }
    return out;
  };

  const batchesOf = (series: readonly ExportSeries[]): ImportBatch[] => {
    const used = new Set(series.flatMap((s) => s.observations.map((o) => o.batchId)));
    return listBatches(db)
      .filter((b) => used.has(b.id))
      .sort((a, b) => a.id - b.id);
  };

  const exportInput = async (args: ExportArgs): Promise<ExportInput> => {
    const plan = planOf(args.planId);
    const targets = planTargets(db, plan.id);
    const analysis = await analyse(plan, args.asOf);
    const series = seriesBehind(plan, analysis.rows, analysis.asOf);
    return {
      plan: { year: plan.year, region: plan.region, title: plan.title },
      asOf: analysis.asOf,
      exportedAt: localTimestamp(),
      targets,
      variance: analysis.rows,
      series,
      batches: batchesOf(series),
    };
  };

  /** The trend chart of one target: the year up to the cut-off, last year beside it, the target line. */
  const trendOf = async (row: VarianceRow, asOf: string): Promise<BriefTrend | null> => {
    const trend = await variance.varianceTrend({ targetId: row.targetId, asOf });
    const cutoff = Number(asOf.slice(5, 7));
    const shown = trend.points.filter((p) => p.month <= cutoff);
    const points = shown.filter((p) => p.value !== null).map((p) => ({ period: p.period, value: p.value! }));
    if (points.length === 0) return null;
    const lastYear = shown.filter((p) => p.lastYear !== null).map((p) => ({ period: p.period, value: p.lastYear! }));
    const schedule = shown.filter((p) => p.schedule !== null).map((p) => ({ period: p.period, value: p.schedule! }));
    return {
      targetId: row.targetId,
      title: row.indicator,
      // A year-to-date index (上年同期=100) runs from January like a cumulative value: `1-7月`, not `7月`.
      cumulative: trend.cumulated || trend.measure === 'cumulative' || trend.measure === 'yoy_cumulative' || (trend.measure === 'index' && /上年同期/.test(trend.unit ?? '')),
      ...(schedule.length > 0 ? { schedule } : {}),
      points,
      targetValue: trend.targetLine,
      unit: trend.unit ?? row.actualUnit ?? '',
      lastYear: lastYear.length > 0 ? lastYear : undefined,
    };
  };

  const briefInput = async (args: BriefArgs): Promise<BuiltBrief> => {
    const plan = planOf(args.planId);
    const targets = planTargets(db, plan.id);
    const analysis = await analyse(plan, args.asOf);
    const inSection = (t: Target) => args.section === undefined || sectionMatches(t.section, args.section);
    const picked = args.targetIds ? new Set(args.targetIds) : null;
    const chosen = targets.filter((t) => inSection(t) && (picked === null || picked.has(t.id)));
    const chosenIds = new Set(chosen.map((t) => t.id));
    let rows = analysis.rows.filter((r) => chosenIds.has(r.targetId));
    if (picked === null) {
      // Without a pick, the briefing is about the targets that have figures: linked ones, else all of the section.
      const linked = new Set(linksRepo.listLinks(db, plan.id).map((l) => l.targetId));
      const withLinks = rows.filter((r) => linked.has(r.targetId));
      if (withLinks.length > 0) rows = withLinks;
    }
    if (rows.length === 0) {
      const where = args.section ? `第“${args.section}”部分` : '所选范围';
      const whereEn = args.section ? `section "${args.section}"` : 'the selection';
      throw new WorkbenchError('bad_request', `${where}没有可分析的目标（任务类目标没有数值） / No targets with figures in ${whereEn} (tasks carry no numbers)`);
    }
    const layout = args.layout ?? 'standard';
    const trends: BriefTrend[] = [];
    if (layout !== 'table') {
      const limit = picked === null ? DEFAULT_TREND_LIMIT : Infinity;
      for (const row of rows) {
        if (trends.length >= limit) break;
        if (row.status === 'no_data' || row.actual === null) continue;
        const trend = await trendOf(row, analysis.asOf);
        if (trend) trends.push(trend);
      }
    }
    const rowIds = new Set(rows.map((r) => r.targetId));
    const files = [...new Set(rows.flatMap((r) => r.provenance.map((p) => p.file)))];
    const clip = (s: string) => (s.length > 36 ? `${s.slice(0, 35)}…` : s);
    const sourceLine =
      files.length === 0 ? '资料来源：无导入数据' : files.length === 1 ? `资料来源：${clip(files[0])}` : `资料来源：${clip(files[0])}等${files.length}个文件`;
    return {
      plan,
      latestPeriod: analysis.latestPeriod,
      input: {
        title: `${plan.year}年国民经济和社会发展计划主要指标执行情况`,
        asOf: analysis.asOf,
        sourceLine,
        rows,
        targets: targets.filter((t) => rowIds.has(t.id)),
        trends,
        layout,
        issuer: `${plan.region}发展和改革委员会${args.section ? `　计划第${args.section.replace(/、$/, '')}部分` : ''}`,
      },
    };
  };

  return { exportInput, briefInput };
}
