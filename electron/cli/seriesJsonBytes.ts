// `series --json` as UTF-8 bytes, written straight into pieces of a pipe's size: exactly the bytes of
// `JSON.stringify(list.map(seriesJson), null, 2) + '\n'` (seriesJson in commands/series.ts is the public shape; a
// test holds the two equal). At 20,000 series × 50 months that text is 78 MB, most of it the same few dozen
// bytes around each observation: the text before each value is made once per period, the numbers of a series in
// one JSON.stringify, and a series' observations joined natively into one one-byte text (ASCII, where the periods
// are) that goes into the piece as a copy. Before, each 1 MB piece was built by concatenation with the names in
// it, so every piece was a two-byte string encoded to UTF-8 on write, and written without waiting for the pipe:
// the encoding and the garbage took more time than the query, and 500 MB waited in memory for a slow reader.
import type { CatalogSeries, CurrentValues, SeriesColumns } from '../store/seriesDataRepo';

/** About a pipe's capacity (64 KB on Linux): a piece usually goes into the pipe at once, without queueing. */
export const PIECE_BYTES = 64 * 1024;

const text = JSON.stringify;
const bytesOf = (s: string): Uint8Array => Buffer.from(s, 'utf8');

// The layout JSON.stringify(…, null, 2) gives the public shape: an array of objects (two spaces), each with an
// array of observation objects (six and eight spaces).
const NEXT_OBSERVATION = ',\n      {\n        "period": ';
const VALUE_KEY = ',\n        "value": ';
const OBSERVATION_END = '\n      }';
const OBSERVATIONS_END = bytesOf('\n    ]\n  }');
const NO_OBSERVATIONS = bytesOf('[]\n  }');
const OBSERVATIONS_START = bytesOf('[');
const SERIES_SEPARATOR = bytesOf(',\n');
const ARRAY_OPEN = bytesOf('[\n');
const ARRAY_CLOSE = bytesOf('\n]\n');
const EMPTY_ARRAY = bytesOf('[]\n');

/** Writes bytes into pieces of `pieceBytes`, each handed over once full (never a UTF-8 sequence split). */
class PieceWriter {
  private piece: Buffer;
  private pos = 0;
  /** Full pieces not yet taken. */
  ready: Uint8Array[] = [];

  constructor(private readonly pieceBytes: number) {
    this.piece = Buffer.allocUnsafe(pieceBytes);
  }

  /** Room for `n` more bytes in the current piece (a new piece, larger if `n` needs it, when it has not). */
  private room(n: number): void {
    if (this.pos + n <= this.piece.length) return;
    if (this.pos > 0) this.ready.push(this.piece.subarray(0, this.pos));
    this.piece = Buffer.allocUnsafe(Math.max(this.pieceBytes, n));
    this.pos = 0;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.piece.set(b, this.pos);
    this.pos += b.length;
  }

  /** A text as UTF-8 (its length counted only when it might not fit: a character is at most 3 bytes per UTF-16 unit). */
  text(s: string): void {
    if (this.pos + 3 * s.length > this.piece.length) this.room(Buffer.byteLength(s, 'utf8'));
    this.pos += this.piece.write(s, this.pos, 'utf8');
  }

  /** Hands over what is written so far as the last piece. */
  finish(): void {
    if (this.pos > 0) this.ready.push(this.piece.subarray(0, this.pos));
    this.piece = Buffer.alloc(0);
    this.pos = 0;
  }

  take(): Uint8Array[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }
}

/** The head of one series' object, up to its observations' array (texts escaped as JSON.stringify escapes them). */
function seriesHead(s: CatalogSeries): string {
  return `  {\n    "id": ${text(s.id)},\n    "name": ${text(s.name)},\n    "label": ${text(s.label)},\n    "region": ${text(s.region)},\n    "unit": ${text(s.unit)},\n    "measure": ${text(s.measure)},\n    "frequency": ${text(s.frequency)},\n    "observations": `;
}

/**
 * The text before each value of a period: `,` + the observation's opening + the period as JSON + the value's key,
 * made once per distinct period (a store holds a few hundred at most; the series share them).
 */
class PeriodTexts {
  private readonly made = new Map<string, string>();
  /** The last series' periods and their texts: most series have the same months as the one before. */
  private lastPeriods: readonly string[] = [];
  private lastTexts: string[] = [];

  private of(period: string): string {
    let t = this.made.get(period);
    if (t === undefined) {
      t = NEXT_OBSERVATION + text(period) + VALUE_KEY;
      this.made.set(period, t);
    }
    return t;
  }

  /** The texts of these periods, in order. */
  all(periods: readonly string[]): readonly string[] {
    if (!sameStrings(periods, this.lastPeriods)) {
      this.lastPeriods = periods;
      this.lastTexts = periods.map((p) => this.of(p));
    }
    return this.lastTexts;
  }
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function writeSeries(w: PieceWriter, periodTexts: PeriodTexts, fragments: string[], s: CatalogSeries, c: SeriesColumns | undefined): void {
  w.text(seriesHead(s));
  if (!c || c.periods.length === 0) {
    w.bytes(NO_OBSERVATIONS);
    return;
  }
  const before = periodTexts.all(c.periods);
  // Every value as JSON.stringify writes a number (an infinite one as null), in one native call: numbers hold no
  // comma. Per value String() cost four times as much.
  const numbers = text(c.values).slice(1, -1).split(',');
  const n = numbers.length;
  // Reused from series to series (its length set to this one's), joined natively into one text.
  fragments.length = 3 * n;
  for (let i = 0; i < n; i++) {
    fragments[3 * i] = before[i];
    fragments[3 * i + 1] = numbers[i];
    fragments[3 * i + 2] = OBSERVATION_END;
  }
  // The first observation has no comma before it.
  fragments[0] = before[0].slice(1);
  w.bytes(OBSERVATIONS_START);
  w.text(fragments.join(''));
  w.bytes(OBSERVATIONS_END);
}

/**
 * The text of `JSON.stringify(list.map(seriesJson), null, 2)` and a final line break, as UTF-8 pieces of about
 * `pieceBytes` (each a fresh buffer, so a piece still being written out is never overwritten). `values` gives
 * each series' current values in period order (store/seriesDataRepo.ts currentValues).
 */
export function* seriesJsonBytes(list: readonly CatalogSeries[], values: CurrentValues, pieceBytes = PIECE_BYTES): Generator<Uint8Array> {
  const w = new PieceWriter(pieceBytes);
  if (list.length === 0) {
    w.bytes(EMPTY_ARRAY);
  } else {
    w.bytes(ARRAY_OPEN);
    const periodTexts = new PeriodTexts();
    const fragments: string[] = [];
    for (let i = 0; i < list.length; i++) {
      if (i > 0) w.bytes(SERIES_SEPARATOR);
      writeSeries(w, periodTexts, fragments, list[i], values.get(list[i].id));
      if (w.ready.length > 0) yield* w.take();
    }
    w.bytes(ARRAY_CLOSE);
  }
  w.finish();
  yield* w.take();
}
