// Series of one sheet in a compact form for postMessage: a series' fields and each observation's period and source
// period as indices into one string table, its cell as row and column numbers, values in a Float64Array; the typed
// arrays are transferred, not copied. Structured-cloning a million observation objects costs more than reading
// them; this costs a few strings, and no string per cell: the store thread keeps its batches while the file is read.

import type { CellSource, Frequency, Measure } from '../../../shared/domain/series';
import type { ParsedObservation, ParsedSeries } from '../../../shared/import/mapping';
import { cellAddress, parseCellAddress } from '../../../shared/sheet/cellAddress';

export interface SeriesBatch {
  /**
   * Per series: name, label, unit, measure, frequency, region ('' and a flag for null), as string-table indices,
   * then the label cell's indent (a number; 0: none).
   */
  fields: Int32Array;
  /** Per series: how many observations it has (they follow one another in the arrays below). */
  lengths: Int32Array;
  values: Float64Array;
  /** Per observation: period (string-table index), the cell's 0-based row and column, source period (index). */
  texts: Int32Array;
  strings: string[];
}

const FIELDS = 8;
/** Ints per observation in `texts`. */
const TEXTS = 4;

/**
 * Encodes series whose every observation names the same file and sheet and the series' own label (what the grid
 * layouts write); answers null for any other, which the caller then does not send this way.
 */
export function encodeSeriesBatch(series: readonly ParsedSeries[], file: string, sheet: string): SeriesBatch | null {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      index.set(s, i);
    }
    return i;
  };
  let total = 0;
  for (const s of series) total += s.observations.length;
  const fields = new Int32Array(series.length * FIELDS);
  const lengths = new Int32Array(series.length);
  const values = new Float64Array(total);
  const texts = new Int32Array(total * TEXTS);
  // A grid's series repeat the same period texts, column after column: the previous series' string at the same
  // position is usually the very same string, and its index is then known without a map lookup.
  const lastPeriod: string[] = [];
  const lastPeriodAt: number[] = [];
  const lastSource: string[] = [];
  const lastSourceAt: number[] = [];
  let k = 0;
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    const f = i * FIELDS;
    fields[f] = at(s.name);
    fields[f + 1] = at(s.label);
    fields[f + 2] = at(s.unit);
    fields[f + 3] = at(s.measure);
    fields[f + 4] = at(s.frequency);
    fields[f + 5] = at(s.region ?? '');
    fields[f + 6] = s.region === null ? 1 : 0;
    fields[f + 7] = s.indent ?? 0;
    lengths[i] = s.observations.length;
    const observations = s.observations;
    for (let j = 0; j < observations.length; j++) {
      const o = observations[j];
      const src = o.source;
      if (src.file !== file || src.sheet !== sheet || src.label !== s.label) return null;
      // A cell goes as its row and column: parseCellAddress takes only the canonical form (capital letters, no
      // leading zero), which cellAddress gives back exactly; any other address cannot go this way.
      const cell = parseCellAddress(src.cell);
      if (cell === null) return null;
      values[k] = o.value;
      const t = k * TEXTS;
      const period = o.period;
      if (lastPeriod[j] !== period) {
        lastPeriod[j] = period;
        lastPeriodAt[j] = at(period);
      }
      const sourcePeriod = src.sourcePeriod;
      if (lastSource[j] !== sourcePeriod) {
        lastSource[j] = sourcePeriod;
        lastSourceAt[j] = at(sourcePeriod);
      }
      texts[t] = lastPeriodAt[j];
      texts[t + 1] = cell.row;
      texts[t + 2] = cell.column;
      texts[t + 3] = lastSourceAt[j];
      k++;
    }
  }
  return { fields, lengths, values, texts, strings };
}

export function transferList(batch: SeriesBatch): ArrayBuffer[] {
  return [batch.fields.buffer, batch.lengths.buffer, batch.values.buffer, batch.texts.buffer] as ArrayBuffer[];
}

/** Where each series' observations begin in the batch's arrays (the running sum of `lengths`). */
export function seriesStarts(batch: SeriesBatch): Int32Array {
  const starts = new Int32Array(batch.lengths.length);
  let k = 0;
  for (let i = 0; i < batch.lengths.length; i++) {
    starts[i] = k;
    k += batch.lengths[i];
  }
  return starts;
}

/** One series' observations again, as the layouts make them (a fresh source object each), from the batch. */
export function decodeObservations(batch: SeriesBatch, index: number, start: number, file: string, sheet: string): ParsedObservation[] {
  const { fields, lengths, values, texts, strings } = batch;
  const label = strings[fields[index * FIELDS + 1]];
  const n = lengths[index];
  const observations: ParsedObservation[] = new Array(n);
  for (let j = 0, k = start; j < n; j++, k++) {
    const t = k * TEXTS;
    observations[j] = {
      period: strings[texts[t]],
      value: values[k],
      source: { file, sheet, cell: cellAddress(texts[t + 1], texts[t + 2]), label, sourcePeriod: strings[texts[t + 3]] },
    };
  }
  return observations;
}

/**
 * The series for planning only: each observation's period and value, all of a series' observations sharing one
 * source object that names no cell. The plan reads a source only to word a conflict (a series given twice), which
 * the streamed writer never writes (it falls back to the classic commit); the rows are written from the batch
 * (eachObservation) and the whole-file rules read the observations again whole (decodeObservations).
 */
export function planningSeries(batch: SeriesBatch, file: string, sheet: string): ParsedSeries[] {
  const { fields, lengths, values, texts, strings } = batch;
  const out: ParsedSeries[] = [];
  let k = 0;
  for (let i = 0; i < lengths.length; i++) {
    const f = i * FIELDS;
    const label = strings[fields[f + 1]];
    const source = { file, sheet, cell: '', label, sourcePeriod: '' };
    const observations: ParsedObservation[] = new Array(lengths[i]);
    for (let j = 0; j < lengths[i]; j++, k++) observations[j] = { period: strings[texts[k * TEXTS]], value: values[k], source };
    out.push({
      name: strings[fields[f]],
      label,
      unit: strings[fields[f + 2]],
      measure: strings[fields[f + 3]] as Measure,
      frequency: strings[fields[f + 4]] as Frequency,
      region: fields[f + 6] === 1 ? null : strings[fields[f + 5]],
      observations,
      ...(fields[f + 7] > 0 ? { indent: fields[f + 7] } : {}),
    });
  }
  return out;
}

/**
 * Each observation of one series as the row writer takes it, the source one object reused from row to row (the
 * writer reads it at once and keeps nothing of it): no object per row.
 */
export function eachObservation(batch: SeriesBatch, index: number, start: number, file: string, sheet: string, fn: (j: number, period: string, value: number, source: CellSource) => void): void {
  const { fields, lengths, values, texts, strings } = batch;
  const source = { file, sheet, cell: '', label: strings[fields[index * FIELDS + 1]], sourcePeriod: '' };
  for (let j = 0, k = start; j < lengths[index]; j++, k++) {
    const t = k * TEXTS;
    source.cell = cellAddress(texts[t + 1], texts[t + 2]);
    source.sourcePeriod = strings[texts[t + 3]];
    fn(j, strings[texts[t]], values[k], source);
  }
}

/** The series again, as the parse gives them (a fresh source object per observation, as the layouts make). */
export function decodeSeriesBatch(batch: SeriesBatch, file: string, sheet: string): ParsedSeries[] {
  const { fields, lengths, strings } = batch;
  const starts = seriesStarts(batch);
  const out: ParsedSeries[] = [];
  for (let i = 0; i < lengths.length; i++) {
    const f = i * FIELDS;
    out.push({
      name: strings[fields[f]],
      label: strings[fields[f + 1]],
      unit: strings[fields[f + 2]],
      measure: strings[fields[f + 3]] as Measure,
      frequency: strings[fields[f + 4]] as Frequency,
      region: fields[f + 6] === 1 ? null : strings[fields[f + 5]],
      observations: decodeObservations(batch, i, starts[i], file, sheet),
      ...(fields[f + 7] > 0 ? { indent: fields[f + 7] } : {}),
    });
  }
  return out;
}

/**
 * Are these series (the whole-file parse's) exactly the ones sent, in order: every field equal, and each observation
 * the very object that was encoded into a batch? Observations are never changed once the mapping made them (the
 * whole-file rules filter, fold and drop into new arrays and objects), so the same objects hold the same period,
 * value, cell and source period the batches carried. Only a whole-file parse that finished the worker's own mapper
 * can pass (parseFile.ts PremappedSheet); an equal value in another object does not.
 */
export function sameSeriesAsSent(sent: readonly ParsedSeries[], series: readonly ParsedSeries[]): boolean {
  if (sent.length !== series.length) return false;
  for (let i = 0; i < sent.length; i++) {
    const a = sent[i];
    const b = series[i];
    if (a.name !== b.name || a.label !== b.label || a.unit !== b.unit || a.measure !== b.measure || a.frequency !== b.frequency || a.region !== b.region || (a.indent ?? 0) !== (b.indent ?? 0)) return false;
    const x = a.observations;
    const y = b.observations;
    if (x.length !== y.length) return false;
    if (x !== y) for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  }
  return true;
}
