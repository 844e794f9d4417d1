// `series`: every stored series with its current values, for scripts (--json) or a glance (text).
import type { CallResult } from '../../../shared/contract';
import { MEASURE_LABELS } from '../../../shared/domain/series';
import { compareSeries } from '../../import/commitImport';
import { dispatch } from '../../service/service';
import { currentValues, seriesCatalog, type CatalogSeries, type CurrentValues, type SeriesColumns } from '../../store/seriesDataRepo';
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

/** Characters per piece of output, about: large writes, never the whole store (74 MB at 20,000 series) in one string. */
const PIECE_CHARS = 1 << 20;

const text = JSON.stringify;
/** What JSON.stringify writes other than as itself inside a string: quote, backslash, controls, surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** One series as an element of the pretty-printed array (indented two spaces), without a separator after it. */
function seriesElementText(s: CatalogSeries, c: SeriesColumns | undefined): string {
  const head = `  {\n    "id": ${text(s.id)},\n    "name": ${text(s.name)},\n    "label": ${text(s.label)},\n    "region": ${text(s.region)},\n    "unit": ${text(s.unit)},\n    "measure": ${text(s.measure)},\n    "frequency": ${text(s.frequency)},\n    "observations": `;
  if (!c || c.periods.length === 0) return `${head}[]\n  }`;
  const { periods, values } = c;
  // Every value as JSON.stringify writes a number (an infinite one as null), in one native call: numbers hold no
  // comma. Periods as stored (2025-10, 2025-Q3) need no escaping: one test per series, not a stringify per value.
  const numbers = text(values).slice(1, -1).split(',');
  const plain = !NEEDS_ESCAPE.test(periods.join(''));
  let out = head + '[';
  for (let i = 0; i < periods.length; i++) {
    const period = plain ? '"' + periods[i] + '"' : text(periods[i]);
    out += (i === 0 ? '\n      {\n        "period": ' : ',\n      {\n        "period": ') + period + ',\n        "value": ' + numbers[i] + '\n      }';
  }
  return out + '\n    ]\n  }';
}

/**
 * The text of `JSON.stringify(list.map(seriesJson), null, 2)` in pieces that each end at a line break (the
 * caller writes a newline after each); the pieces joined so are exactly that text. Written out field by field
 * from the value columns, as JSON.stringify lays out the public shape (seriesJson; a test holds the two equal):
 * building a million small objects only to stringify them cost more than the query.
 */
export function* seriesJsonChunks(list: readonly CatalogSeries[], columns: CurrentValues, pieceChars = PIECE_CHARS): Generator<string> {
  if (list.length === 0) {
    yield '[]';
    return;
  }
  let piece = '[\n';
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    piece += seriesElementText(s, columns.get(s.id));
    if (i === list.length - 1) break;
    piece += ',';
    if (piece.length >= pieceChars) {
      yield piece;
      piece = '';
    } else piece += '\n';
  }
  yield `${piece}\n]`;
}

export const seriesCommand: CliCommand = {
  name: 'series',
  summary: '列出已导入的指标序列及其数值 / List imported series and their values',
  usage: 'series [--json] [--db PATH]',
  switches: ['json'],
  run: async (ctx) => {
    if (ctx.has('json')) {
      // Written as it is formatted, from the values held as columns: at 20,000 series × 50 months one
      // JSON.stringify of a million objects took 7 s and 74 MB in one string. The series table alone gives
      // who each series is, in the list's order (compareSeries): the list's counts and ranges are not printed.
      const db = ctx.service().ctx.db;
      const list = seriesCatalog(db).sort(compareSeries);
      for (const chunk of seriesJsonChunks(list, currentValues(db))) ctx.out(chunk);
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
