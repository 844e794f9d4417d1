// The compact form the streamed import's worker sends series in: decoding gives back the series exactly, and the
// comparison the worker makes at the end notices any field, value, cell or source period that differs.
import { describe, expect, it } from 'vitest';
import type { ParsedSeries } from '../../shared/import/mapping';
import { decodeObservations, decodeSeriesBatch, eachObservation, encodeSeriesBatch, planningSeries, sameSeriesAsSent, seriesStarts } from '../../electron/import/streamed/seriesBatch';

function sample(): ParsedSeries[] {
  const src = (cell: string, label: string, sourcePeriod: string) => ({ file: 'f.xlsx', sheet: '表1', cell, label, sourcePeriod });
  return [
    { name: '原煤产量', label: '原煤产量累计值(万吨)', unit: '万吨', measure: 'cumulative', frequency: 'monthly', region: '示例省', observations: [
      { period: '2025-10', value: 1234.5, source: src('B5', '原煤产量累计值(万吨)', '2025年10月') },
      { period: '2025-09', value: -0, source: src('C5', '原煤产量累计值(万吨)', '2025年9月') },
    ] },
    { name: '发电量', label: '发电量当期值', unit: '', measure: 'monthly', frequency: 'monthly', region: null, observations: [{ period: '2025-10', value: 0.1 + 0.2, source: src('B6', '发电量当期值', '2025年10月') }] },
  ];
}

describe('series batches', () => {
  it('decode to the series encoded, field for field (null region, −0 and 0.30000000000000004 kept)', () => {
    const batch = encodeSeriesBatch(sample(), 'f.xlsx', '表1')!;
    expect(decodeSeriesBatch(batch, 'f.xlsx', '表1')).toEqual(sample());
    expect(Object.is(decodeSeriesBatch(batch, 'f.xlsx', '表1')[0].observations[1].value, -0)).toBe(true);
  });

  it('are not made for observations naming another file, sheet or label, or a cell not in plain A1 form', () => {
    const other = sample();
    other[1].observations[0].source.label = '另一个标签';
    expect(encodeSeriesBatch(other, 'f.xlsx', '表1')).toBeNull();
    expect(encodeSeriesBatch(sample(), 'f.xlsx', '表2')).toBeNull();
    // Cells go as row and column: only an address that gives itself back that way can go (a CSV's L12 does, a
    // lower-case or zero-padded one would not).
    for (const cell of ['b5', 'B05', 'L12x', '$B$5']) {
      const odd = sample();
      odd[0].observations[0].source.cell = cell;
      expect(encodeSeriesBatch(odd, 'f.xlsx', '表1'), cell).toBeNull();
    }
    const far = sample();
    far[0].observations[0].source.cell = 'XFD1048576';
    expect(decodeSeriesBatch(encodeSeriesBatch(far, 'f.xlsx', '表1')!, 'f.xlsx', '表1')).toEqual(far);
  });

  it('give each series\' observations again alone, for planning (period and value) and for the row writer (cell by cell)', () => {
    const batch = encodeSeriesBatch(sample(), 'f.xlsx', '表1')!;
    const starts = seriesStarts(batch);
    expect([...starts]).toEqual([0, 2]);
    expect(decodeObservations(batch, 1, starts[1], 'f.xlsx', '表1')).toEqual(sample()[1].observations);
    const planned = planningSeries(batch, 'f.xlsx', '表1');
    expect(planned.map(({ observations, ...s }) => s)).toEqual(sample().map(({ observations, ...s }) => s));
    expect(planned[0].observations.map((o) => [o.period, o.value])).toEqual(sample()[0].observations.map((o) => [o.period, o.value]));
    const rows: unknown[] = [];
    eachObservation(batch, 0, starts[0], 'f.xlsx', '表1', (j, period, value, source) => rows.push([j, period, value, { ...source }]));
    expect(rows).toEqual(sample()[0].observations.map((o, j) => [j, o.period, o.value, o.source]));
  });

  it('compare equal to the series sent only: the same fields and the very observation objects', () => {
    const sent = sample();
    const same = () => sent.map((s) => ({ ...s }));
    expect(sameSeriesAsSent(sent, same())).toBe(true);
    // Filtered into a new array holding the same objects: still the same.
    expect(sameSeriesAsSent(sent, same().map((s) => ({ ...s, observations: [...s.observations] })))).toBe(true);
    const changes: ((s: ParsedSeries[]) => void)[] = [
      (s) => (s[0].observations = [{ ...s[0].observations[0] }, s[0].observations[1]]),
      (s) => (s[0].observations = s[0].observations.slice(1)),
      (s) => (s[0].observations = [...s[0].observations, { ...s[0].observations[1], period: '2025-Q4' }]),
      (s) => (s[1].region = ''),
      (s) => (s[1].unit = '亿千瓦时'),
      (s) => (s[1].indent = 2),
      (s) => (s[0].label = '原煤产量'),
      (s) => s.pop(),
      (s) => s.push(s[0]),
      (s) => s.reverse(),
    ];
    for (const change of changes) {
      const series = same();
      change(series);
      expect(sameSeriesAsSent(sent, series)).toBe(false);
    }
  });
});
