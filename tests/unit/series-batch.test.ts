// The series a parse thread sends the store thread (electron/import/streamed/seriesBatch.ts) lose nothing: read back
// into objects (decodeSeries below, the encoding's inverse), they are the mapper's series again, key for key and in
// the same key order, with each row's source object shared by its values as the mapper shares it; the typed arrays
// move (their buffers are the transfer list).
import { describe, expect, it } from 'vitest';
import { batchBuffers, encodeSeries, type SeriesBatch } from '../../electron/import/streamed/seriesBatch';
import type { ParsedObservation, ParsedSeries, ParsedSource } from '../../shared/import/mapping';

/** The series again, each observation an object as the mapper made it (sources shared as they were). */
function decodeSeries(batch: SeriesBatch): ParsedSeries[] {
  const { heads, counts, values, rows, columns, periods, sourcePeriods, sources, texts, sourceTable } = batch;
  const out: ParsedSeries[] = [];
  let k = 0;
  for (let j = 0; j < heads.length; j++) {
    const n = counts[j];
    const observations: ParsedObservation[] = new Array(n);
    for (let i = 0; i < n; i++, k++) {
      observations[i] = { period: texts[periods[k]], value: values[k], source: sourceTable[sources[k]], sourcePeriod: texts[sourcePeriods[k]], row: rows[k], column: columns[k] };
    }
    const head = heads[j];
    // Keys in the mapper's order (name … region, observations, indent), so the series read as the classic ones do.
    const { indent, ...key } = head;
    out.push(indent !== undefined ? { ...key, observations, indent } : { ...key, observations });
  }
  return out;
}

function series(name: string, source: ParsedSource, values: number[], extra: Partial<ParsedSeries> = {}): ParsedSeries {
  return {
    name,
    label: source.label,
    unit: '万吨',
    measure: 'monthly',
    frequency: 'monthly',
    region: null,
    observations: values.map((value, i) => ({ period: `2025-${String(12 - i).padStart(2, '0')}`, value, source, sourcePeriod: `2025年${12 - i}月`, row: 7, column: 1 + i })),
    ...extra,
  };
}

describe('series batches between the parse and store threads', () => {
  it('decode to the very series encoded, texts and sources shared as the mapper shares them', () => {
    const a: ParsedSource = { file: 'f.xlsx', sheet: '表1', label: '原煤产量当期值(万吨)' };
    const b: ParsedSource = { file: 'f.xlsx', sheet: '表1', label: '  其中：甲(万吨)' };
    const input = [series('原煤产量', a, [1.5, -0, 1e-9, 123456789.125]), series('甲', b, [2], { indent: 2, region: '示例省' }), series('空', a, [])];
    const back = decodeSeries(encodeSeries(input));
    expect(back).toEqual(input);
    expect(back.map((s) => Object.keys(s))).toEqual(input.map((s) => Object.keys(s)));
    expect(Object.is(back[0].observations[1].value, -0)).toBe(true);
    expect(back[0].observations[0].source).toBe(back[0].observations[3].source);
    expect(back[0].observations[0].source).not.toBe(back[1].observations[0].source);
  });

  it('hands over every typed array for transfer, and an empty batch is empty', () => {
    const batch = encodeSeries([series('x', { file: 'f', sheet: 's', label: 'x' }, [1, 2])]);
    expect(batchBuffers(batch)).toHaveLength(7);
    expect(batchBuffers(batch).every((b) => b instanceof ArrayBuffer)).toBe(true);
    expect(decodeSeries(encodeSeries([]))).toEqual([]);
  });
});
