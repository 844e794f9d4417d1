// Series of one sheet in a compact form for postMessage: a series' fields and each observation's period, cell and
// source period as indices into one string table, values in a Float64Array; the typed arrays are transferred, not
// copied. Structured-cloning a million observation objects costs more than reading them; this costs a few strings.

import type { Frequency, Measure } from '../../../shared/domain/series';
import type { ParsedObservation, ParsedSeries } from '../../../shared/import/mapping';

export interface SeriesBatch {
  /**
   * Per series: name, label, unit, measure, frequency, region ('' and a flag for null), as string-table indices,
   * then the label cell's indent (a number; 0: none).
   */
  fields: Int32Array;
  /** Per series: how many observations it has (they follow one another in the arrays below). */
  lengths: Int32Array;
  values: Float64Array;
  /** Per observation: period, cell, source period (string-table indices). */
  texts: Int32Array;
  strings: string[];
}

const FIELDS = 8;

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
  const texts = new Int32Array(total * 3);
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
    for (const o of s.observations) {
      const src = o.source;
      if (src.file !== file || src.sheet !== sheet || src.label !== s.label) return null;
      values[k] = o.value;
      texts[k * 3] = at(o.period);
      // Cells are unique: not worth the map, but one table keeps the message one array of strings.
      texts[k * 3 + 1] = strings.push(src.cell) - 1;
      texts[k * 3 + 2] = at(src.sourcePeriod);
      k++;
    }
  }
  return { fields, lengths, values, texts, strings };
}

export function transferList(batch: SeriesBatch): ArrayBuffer[] {
  return [batch.fields.buffer, batch.lengths.buffer, batch.values.buffer, batch.texts.buffer] as ArrayBuffer[];
}

/** The series again, as the parse gives them (a fresh source object per observation, as the layouts make). */
export function decodeSeriesBatch(batch: SeriesBatch, file: string, sheet: string): ParsedSeries[] {
  const { fields, lengths, values, texts, strings } = batch;
  const out: ParsedSeries[] = [];
  let k = 0;
  for (let i = 0; i < lengths.length; i++) {
    const f = i * FIELDS;
    const label = strings[fields[f + 1]];
    const observations: ParsedObservation[] = new Array(lengths[i]);
    for (let j = 0; j < lengths[i]; j++, k++) {
      observations[j] = {
        period: strings[texts[k * 3]],
        value: values[k],
        source: { file, sheet, cell: strings[texts[k * 3 + 1]], label, sourcePeriod: strings[texts[k * 3 + 2]] },
      };
    }
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

/** A batch's own copy, kept by the sender after the original's arrays went with the message. */
export function copyOfBatch(batch: SeriesBatch): SeriesBatch {
  return { fields: batch.fields.slice(), lengths: batch.lengths.slice(), values: batch.values.slice(), texts: batch.texts.slice(), strings: batch.strings };
}

/**
 * Are these series (the whole-file parse's) exactly the ones the batches carried, in order: every field, every
 * observation's period, value, cell and source period, and every source naming this file, sheet and the label?
 */
export function sameAsBatches(batches: readonly SeriesBatch[], series: readonly ParsedSeries[], file: string, sheet: string): boolean {
  let i = 0;
  for (const { fields, lengths, values, texts, strings } of batches) {
    let k = 0;
    for (let j = 0; j < lengths.length; j++, i++) {
      const s = series[i];
      if (s === undefined) return false;
      const f = j * FIELDS;
      if (s.name !== strings[fields[f]] || s.label !== strings[fields[f + 1]] || s.unit !== strings[fields[f + 2]] || s.measure !== strings[fields[f + 3]] || s.frequency !== strings[fields[f + 4]]) return false;
      if (s.region !== (fields[f + 6] === 1 ? null : strings[fields[f + 5]])) return false;
      if ((s.indent ?? 0) !== fields[f + 7]) return false;
      if (s.observations.length !== lengths[j]) return false;
      for (const o of s.observations) {
        const src = o.source;
        if (o.period !== strings[texts[k * 3]] || !Object.is(o.value, values[k]) || src.cell !== strings[texts[k * 3 + 1]] || src.sourcePeriod !== strings[texts[k * 3 + 2]]) return false;
        if (src.file !== file || src.sheet !== sheet || src.label !== s.label) return false;
        k++;
      }
    }
  }
  return i === series.length;
}
