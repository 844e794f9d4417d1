// `variance`: the variance analysis (执行情况) as of a month, one row per non-task target of the plan; targets
// without a linked series are listed with status no_data. --json prints the public shape scripts rely on.
import type { VarianceResult } from '../../../shared/contract/varianceCalls';
import { formatNumberZh, formatPeriodZh } from '../../../shared/format/chinese';
import { STATUS_LABELS, STATUSES, type VarianceRow } from '../../../shared/variance/types';
import { WorkbenchError } from '../../../shared/errors';
import { dispatch } from '../../service/service';
import type { CliCommand } from '../context';
import { textTable } from '../textTable';

/** The public JSON shape of a variance row: null where a figure does not apply; rates in percent. */
export function varianceJson(r: VarianceRow) {
  return {
    targetId: r.targetId,
    indicator: r.indicator,
    seriesName: r.seriesName,
    asOf: r.asOf,
    actual: r.actual,
    actualUnit: r.actualUnit,
    target: r.target,
    gap: r.gap,
    gapUnit: r.gapUnit,
    completionRate: r.completionRate,
    scheduleCalendar: r.scheduleCalendar,
    scheduleSeasonal: r.scheduleSeasonal,
    projectionRunRate: r.projectionRunRate,
    projectionSeasonal: r.projectionSeasonal,
    required: r.required,
    requiredGrowth: r.requiredGrowth,
    status: r.status,
    rule: r.rule,
    // Month-on-month: the same target as of the month before, and the change since in words.
    previous: r.previous ?? null,
    sincePrevious: r.sincePrevious ?? null,
  };
}

const num = (x: number | null, decimals = 1) => formatNumberZh(x, { decimals, thousands: true });
const amount = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 100 ? num(x, 0) : num(x, 2).replace(/\.?0+$/, ''));
const withUnit = (x: number | null, unit: string | null) => (x === null ? '—' : unit === '%' ? `${num(x)}%` : `${amount(x)}${unit ?? ''}`);

function tableRow(r: VarianceRow): string[] {
  const gap = r.gap === null ? '—' : r.gapUnit === '个百分点' ? `${num(r.gap)}个百分点` : `${amount(r.gap)}${r.gapUnit ?? ''}`;
  const schedule =
    r.scheduleCalendar === null ? '—' : `${num(r.scheduleCalendar)}%${r.scheduleSeasonal !== null ? `（季节${num(r.scheduleSeasonal)}%）` : ''}`;
  return [
    String(r.targetId),
    r.indicator,
    r.asOf ? formatPeriodZh(r.asOf, r.method !== 'latest') : '—',
    withUnit(r.actual, r.actualUnit),
    withUnit(r.target, r.actualUnit),
    gap,
    r.completionRate === null ? '—' : `${num(r.completionRate)}%`,
    schedule,
    r.requiredGrowth === null ? '—' : `${num(r.requiredGrowth)}%`,
    STATUS_LABELS[r.status].zh,
    r.sincePrevious ?? '—',
  ];
}

export const varianceCommand: CliCommand = {
  name: 'variance',
  summary: '执行情况：各目标对照最新数据 / Variance of each target against the latest data',
  usage: 'variance [--as-of YYYY-MM] [--plan ID] [--tolerance PP] [--all] [--json] [--db PATH]',
  valueFlags: ['as-of', 'plan', 'tolerance'],
  switches: ['json', 'all'],
  run: async (ctx) => {
    const asOf = ctx.flag('as-of');
    if (asOf !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(asOf)) {
      throw new WorkbenchError('bad_request', `--as-of 应为 YYYY-MM，如 2025-10 / --as-of must be YYYY-MM, e.g. 2025-10: ${asOf}`);
    }
    const plan = ctx.flag('plan');
    if (plan !== undefined && !/^\d+$/.test(plan)) throw new WorkbenchError('bad_request', `--plan 应为计划编号 / --plan must be a plan id: ${plan}`);
    const tol = ctx.flag('tolerance');
    if (tol !== undefined && !(Number(tol) >= 0)) throw new WorkbenchError('bad_request', `--tolerance 应为非负数（个百分点）/ --tolerance must be a non-negative number of points: ${tol}`);
    const result = (await dispatch(ctx.service(), 'variance', {
      ...(asOf !== undefined ? { asOf } : {}),
      ...(plan !== undefined ? { planId: Number(plan) } : {}),
      ...(tol !== undefined ? { tolerance: Number(tol) } : {}),
    })) as VarianceResult;
    if (ctx.has('json')) {
      ctx.out(JSON.stringify(result.rows.map(varianceJson), null, 2));
      return 0;
    }
    const linked = result.rows.filter((r) => r.seriesName !== null);
    const shown = ctx.has('all') ? result.rows : linked;
    ctx.out(result.asOf ? `数据截至${formatPeriodZh(result.asOf, false)} / As of ${result.asOf}` : '尚无关联数据 / No linked data yet');
    ctx.out(
      textTable(
        ['编号', '指标', '数据期', '实际', '目标', '差距', '完成率', '序时进度', '其余月份需增长', '状态', '较上月'],
        shown.map(tableRow),
        ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
      ),
    );
    const counts = STATUSES.map((s) => `${STATUS_LABELS[s].zh} ${result.rows.filter((r) => r.status === s).length}`).join('，');
    ctx.out(`共 ${result.rows.length} 项：${counts}`);
    const unlinked = result.rows.length - linked.length;
    if (unlinked > 0 && !ctx.has('all')) {
      ctx.out(`另有 ${unlinked} 项未关联数据序列，未列出（--all 列出；link --auto 或 link --target 关联）/ ${unlinked} targets without a linked series not shown (--all shows them)`);
    }
    return 0;
  },
};
