// `series`: every stored series with its current values, for scripts (--json) or a glance (text).
import type { Observation, Series } from '../../../shared/domain/series';
import { MEASURE_LABELS, seriesDescription } from '../../../shared/domain/series';
import { dispatch } from '../../service/service';
import type { CliCommand } from '../context';

/**
 * The public JSON shape of a series: scripts rely on exactly these fields. Periods are `2025-10` (month) and
 * `2025-Q3` (quarter), a cumulative value keyed by the month it runs to; current vintage only, by period.
 */
export function seriesJson(s: Series, observations: Observation[]) {
  return {
    id: s.id,
    ...seriesDescription(s),
    observations: observations
      .filter((o) => o.current)
      .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0))
      .map((o) => ({ period: o.period, value: o.value })),
  };
}

export const seriesCommand: CliCommand = {
  name: 'series',
  summary: '列出已导入的指标序列及其数值 / List imported series and their values',
  usage: 'series [--json] [--db PATH]',
  switches: ['json'],
  run: async (ctx) => {
    const service = ctx.service();
    const list = (await dispatch(service, 'listSeries', {})) as Series[];
    const rows = [];
    for (const s of list) rows.push(seriesJson(s, (await dispatch(service, 'seriesObservations', { seriesId: s.id })) as Observation[]));
    if (ctx.has('json')) {
      ctx.out(JSON.stringify(rows, null, 2));
      return 0;
    }
    for (const s of rows) {
      const values = s.observations.map((o) => `${o.period}=${o.value}`).join('  ');
      ctx.out(`${String(s.id).padStart(4)}  ${s.label}  [${MEASURE_LABELS[s.measure].zh}, ${s.unit || '—'}]  ${values}`);
    }
    ctx.out(`共 ${rows.length} 个指标序列 / ${rows.length} series`);
    return 0;
  },
};
