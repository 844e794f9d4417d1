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

/** Bytes per piece of output, about: large writes, never the whole store (74 MB at 20,000 series) in one string. */
const PIECE_BYTES = 1 << 20;

const text = JSON.stringify;
/** Anything but printable ASCII other than quote and backslash: what JSON.stringify would escape, or UTF-8 spans. */
const NOT_PLAIN_ASCII = /[^\u0020-\u0021\u0023-\u005b\u005d-\u007e]/;

const ascii = (s: string) => Buffer.from(s, 'latin1');
const FIRST_OBSERVATION = ascii('[\n      {\n        "period": "');
const NEXT_OBSERVATION = ascii(',\n      {\n        "period": "');
const VALUE = ascii('",\n        "value": ');
const OBSERVATION_END = ascii('\n      }');
const OBSERVATIONS_END = ascii('\n    ]\n  }');

/** The output's bytes, gathered in large buffers (each handed on whole: never refilled, so a pending write is safe). */
class PieceWriter {
  private buf: Buffer;
  private off = 0;
  constructor(private readonly size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }
  private room(n: number): void {
    if (this.off + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.off + n));
    this.buf.copy(bigger, 0, 0, this.off);
    this.buf = bigger;
  }
  bytes(b: Buffer): void {
    this.room(b.length);
    this.off += b.copy(this.buf, this.off);
  }
  /** Text known to be ASCII (one byte a character). */
  ascii(s: string): void {
    this.room(s.length);
    this.off += this.buf.write(s, this.off, 'latin1');
  }
  text(s: string): void {
    this.room(Buffer.byteLength(s));
    this.off += this.buf.write(s, this.off);
  }
  get length(): number {
    return this.off;
  }
  take(): Buffer {
    const piece = this.buf.subarray(0, this.off);
    this.buf = Buffer.allocUnsafe(this.size);
    this.off = 0;
    return piece;
  }
}

/** One series as an element of the pretty-printed array (indented two spaces), without a separator after it. */
function writeSeriesElement(w: PieceWriter, s: CatalogSeries, c: SeriesColumns | undefined): void {
  w.text(`  {\n    "id": ${text(s.id)},\n    "name": ${text(s.name)},\n    "label": ${text(s.label)},\n    "region": ${text(s.region)},\n    "unit": ${text(s.unit)},\n    "measure": ${text(s.measure)},\n    "frequency": ${text(s.frequency)},\n    "observations": `);
  if (!c || c.periods.length === 0) {
    w.ascii('[]\n  }');
    return;
  }
  const { periods, values } = c;
  // Every value as JSON.stringify writes a number (an infinite one as null), in one native call: numbers hold no
  // comma. Periods as stored (2025-10, 2025-Q3) are plain ASCII: one test per series, then copied as they are.
  const numbers = text(values).slice(1, -1).split(',');
  const plain = !NOT_PLAIN_ASCII.test(periods.join(''));
  for (let i = 0; i < periods.length; i++) {
    w.bytes(i === 0 ? FIRST_OBSERVATION : NEXT_OBSERVATION);
    if (plain) w.ascii(periods[i]);
    else w.text(text(periods[i]).slice(1, -1));
    w.bytes(VALUE);
    w.ascii(numbers[i]);
    w.bytes(OBSERVATION_END);
  }
  w.bytes(OBSERVATIONS_END);
}

/**
 * The UTF-8 text of `JSON.stringify(list.map(seriesJson), null, 2)` and a newline, in pieces of about
 * `pieceBytes` that each end with a line break. Written out field by field from the value columns straight into
 * large buffers, as JSON.stringify lays out the public shape (seriesJson; a test holds the two equal): building a
 * million small objects, or strings, only to join and encode them cost more than the query.
 */
export function* seriesJsonPieces(list: readonly CatalogSeries[], columns: CurrentValues, pieceBytes = PIECE_BYTES): Generator<Buffer> {
  const w = new PieceWriter(pieceBytes + (pieceBytes >> 2));
  if (list.length === 0) {
    w.ascii('[]\n');
    yield w.take();
    return;
  }
  w.ascii('[\n');
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    writeSeriesElement(w, s, columns.get(s.id));
    if (i === list.length - 1) break;
    w.ascii(',\n');
    if (w.length >= pieceBytes) yield w.take();
  }
  w.ascii('\n]\n');
  yield w.take();
}

/** The same text as lines for a caller that writes text (each piece without its last newline, which out adds). */
export function* seriesJsonChunks(list: readonly CatalogSeries[], columns: CurrentValues, pieceBytes = PIECE_BYTES): Generator<string> {
  for (const piece of seriesJsonPieces(list, columns, pieceBytes)) yield piece.toString('utf8', 0, piece.length - 1);
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
      if (ctx.outBytes) for (const piece of seriesJsonPieces(list, currentValues(db))) ctx.outBytes(piece);
      else for (const chunk of seriesJsonChunks(list, currentValues(db))) ctx.out(chunk);
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
