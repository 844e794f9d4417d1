// `series`: every stored series with its current values, for scripts (--json) or a glance (text).
import type { CallResult } from '../../../shared/contract';
import type { Series } from '../../../shared/domain/series';
import { MEASURE_LABELS } from '../../../shared/domain/series';
import { dispatch } from '../../service/service';
import { seriesValueColumns, type SeriesColumns } from '../../store/seriesDataRepo';
import type { CliCommand } from '../context';

/**
 * The public JSON shape of a series: scripts rely on exactly these fields. Periods are `2025-10` (month) and
 * `2025-Q3` (quarter), a cumulative value keyed by the month it runs to; current vintage only, by period.
 * `region` is the region the series is filed under (the file's, else the store's home region), null when none.
 */
export function seriesJson(s: Series, observations: { period: string; value: number }[]) {
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

/** Series per piece of output: a few hundred KB at a time, never the whole store in one string. */
const JSON_CHUNK = 200;

/**
 * The text of `JSON.stringify(list.map(seriesJson), null, 2)` in pieces that each end at a line break (the
 * caller writes a newline after each); the pieces joined so are exactly that text. Each piece is one native
 * stringify of a few hundred series: an array's elements are indented the same in a part as in the whole,
 * so the part without its brackets is the whole's text of those elements.
 */
export function* seriesJsonChunks(list: readonly Series[], columns: ReadonlyMap<number, SeriesColumns>): Generator<string> {
  if (list.length === 0) {
    yield '[]';
    return;
  }
  for (let start = 0; start < list.length; start += JSON_CHUNK) {
    const end = Math.min(start + JSON_CHUNK, list.length);
    const rows = list.slice(start, end).map((s) => {
      const c = columns.get(s.id);
      return seriesJson(s, c ? c.periods.map((period, i) => ({ period, value: c.values[i] })) : []);
    });
    const text = JSON.stringify(rows, null, 2); // "[\n  {…},\n  {…}\n]"
    const elements = text.slice(2, -2);
    yield `${start === 0 ? '[\n' : ''}${elements}${end === list.length ? '\n]' : ','}`;
  }
}

export const seriesCommand: CliCommand = {
  name: 'series',
  summary: '列出已导入的指标序列及其数值 / List imported series and their values',
  usage: 'series [--json] [--db PATH]',
  switches: ['json'],
  run: async (ctx) => {
    if (ctx.has('json')) {
      // Written as it is formatted, from the values held as columns: at 20,000 series × 50 months one
      // JSON.stringify of a million objects took 7 s and 74 MB in one string.
      const service = ctx.service();
      const list = (await dispatch(service, 'listSeries', {})) as CallResult<'listSeries'>;
      for (const chunk of seriesJsonChunks(list, seriesValueColumns(service.ctx.db, list))) ctx.out(chunk);
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
