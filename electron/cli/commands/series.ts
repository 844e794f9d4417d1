// `series`: every stored series with its current values, for scripts (--json) or a glance (text).
import type { CallResult } from '../../../shared/contract';
import { MEASURE_LABELS } from '../../../shared/domain/series';
import { dispatch } from '../../service/service';
import type { CatalogSeries } from '../../store/seriesDataRepo';
import type { CliCommand } from '../context';

/**
 * The public JSON shape of a series: scripts rely on exactly these fields. Periods are `2025-10` (month) and
 * `2025-Q3` (quarter), a cumulative value keyed by the month it runs to; current vintage only, by period.
 * `region` is the region the series is filed under (the file's, else the store's home region), null when none.
 */
export function seriesJson(s: CatalogSeries, observations: { period: string; value: number }[]) {
  return {
    id: s.id,
    name: s.name,
    label: s.label,
    region: s.region,
    unit: s.unit,
    measure: s.measure,
    frequency: s.frequency,
    observations: observations.map((o) => ({ period: o.period, value: o.value })),
  };
}

export const seriesCommand: CliCommand = {
  name: 'series',
  summary: '列出已导入的指标序列及其数值 / List imported series and their values',
  usage: 'series [--json] [--db PATH]',
  switches: ['json'],
  run: async (ctx) => {
    if (ctx.has('json')) {
      // Written as it is formatted, as bytes, from the values held as columns (seriesJsonBytes.ts): at 20,000
      // series × 50 months one JSON.stringify of a million objects took 7 s and 74 MB in one string. The series
      // table alone gives who each series is, in the list's order (compareSeries): the list's counts and ranges
      // are not printed.
      // Loaded here, not at every command's start.
      const { writeSeriesJson } = await import('../writeSeriesJson');
      await writeSeriesJson(ctx, ctx.service().ctx.db);
      return 0;
    }
    const list = (await dispatch(ctx.service(), 'listSeriesValues', {})) as CallResult<'listSeriesValues'>;
    const rows = list.map((s) => seriesJson(s, s.values));
    for (const s of rows) {
      const values = s.observations.map((o) => `${o.period}=${o.value}`).join('  ');
      ctx.out(`${String(s.id).padStart(4)}  ${s.label}  [${s.region ?? '—'}, ${MEASURE_LABELS[s.measure].zh}, ${s.unit || '—'}]  ${values}`);
    }
    ctx.out(`共 ${rows.length} 个指标序列 / ${rows.length} series`);
    return 0;
  },
};
