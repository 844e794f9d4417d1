// The series a parse thread sends the store thread while it reads on (the streamed import): each series' key and
// label as they are, its observations as typed arrays (values, cells, period texts by index), so that a million
// values cross between threads as a few arrays instead of a million cloned objects. The store thread writes its
// rows from these arrays as they are (speculativeCommit.ts); the plan is made where the objects are, in the parse thread.
import type { ParsedSeries, ParsedSource } from '../../../shared/import/mapping';

/** A series without its observations. */
export type SeriesHead = Omit<ParsedSeries, 'observations'>;

export interface SeriesBatch {
  heads: SeriesHead[];
  /** Observations per series, in order. */
  counts: Int32Array;
  values: Float64Array;
  rows: Int32Array;
  columns: Int32Array;
  /** Indices into `texts`. */
  periods: Int32Array;
  sourcePeriods: Int32Array;
  /** Indices into `sources`. */
  sources: Int32Array;
  texts: string[];
  sourceTable: ParsedSource[];
}

/** The typed arrays of a batch, for a postMessage transfer list (they are not copied, they move). */
export function batchBuffers(batch: SeriesBatch): ArrayBuffer[] {
  return [batch.counts, batch.values, batch.rows, batch.columns, batch.periods, batch.sourcePeriods, batch.sources].map((a) => a.buffer as ArrayBuffer);
}

export function encodeSeries(series: readonly ParsedSeries[]): SeriesBatch {
  let n = 0;
  for (const s of series) n += s.observations.length;
  const counts = new Int32Array(series.length);
  const values = new Float64Array(n);
  const rows = new Int32Array(n);
  const columns = new Int32Array(n);
  const periods = new Int32Array(n);
  const sourcePeriods = new Int32Array(n);
  const sources = new Int32Array(n);
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const sourceTable: ParsedSource[] = [];
  const sourceIndex = new Map<ParsedSource, number>();
  const textOf = (t: string): number => {
    let i = textIndex.get(t);
    if (i === undefined) {
      i = texts.length;
      texts.push(t);
      textIndex.set(t, i);
    }
    return i;
  };
  const heads: SeriesHead[] = [];
  let k = 0;
  for (let j = 0; j < series.length; j++) {
    const { observations, ...head } = series[j];
    heads.push(head);
    counts[j] = observations.length;
    for (const o of observations) {
      values[k] = o.value;
      rows[k] = o.row;
      columns[k] = o.column;
      periods[k] = textOf(o.period);
      sourcePeriods[k] = textOf(o.sourcePeriod);
      let si = sourceIndex.get(o.source);
      if (si === undefined) {
        si = sourceTable.length;
        // A plain copy: only its three texts cross.
        sourceTable.push({ file: o.source.file, sheet: o.source.sheet, label: o.source.label });
        sourceIndex.set(o.source, si);
      }
      sources[k] = si;
      k++;
    }
  }
  return { heads, counts, values, rows, columns, periods, sourcePeriods, sources, texts, sourceTable };
}
