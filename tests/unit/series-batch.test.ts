// The compact form the streamed import's worker sends series in: decoding gives back the series exactly, and the
// comparison the worker makes at the end notices any field, value, cell or source period that differs.
import { describe, expect, it } from 'vitest';
import type { ParsedSeries } from '../../shared/import/mapping';
import { parseCellAddress } from '../../shared/sheet/cellAddress';
import { decodeObservations, decodeSeriesBatch, eachObservation, encodeSeriesBatch, planningSeries, sameSeriesAsSent, seriesStarts, type SeriesBatch } from '../../electron/import/streamed/seriesBatch';

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

  it('are the batch the encoder made before it remembered the previous series\' period texts, array for array', () => {
    // Series that make a remembered index wrong if it were reused blindly: periods in another order, of other lengths,
    // equal texts in other string objects, a period text that is another series' source period, months and quarters.
    const periods = ['2025-12', '2025-11', '2025-10', '2025-Q4', '2025-Q3', '2025'];
    let seed = 7;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % n;
    const series: ParsedSeries[] = [];
    for (let s = 0; s < 60; s++) {
      const label = `指标${s % 7}`;
      const n = rand(7);
      const observations = Array.from({ length: n }, (_, j) => {
        const period = rand(3) === 0 ? periods[rand(periods.length)] : `${periods[j % periods.length]}`.slice(0);
        const sourcePeriod = rand(4) === 0 ? periods[rand(periods.length)] : ['2025年12月', '2025年11月', '2025年10月', '四季度', '三季度', '全年'][(j + rand(2)) % 6];
        return { period: rand(2) ? period : [...period].join(''), value: rand(1000) / 10, source: { file: 'f.xlsx', sheet: '表1', cell: `${'BCDEFG'[j]}${s + 5}`, label, sourcePeriod } };
      });
      series.push({ name: label, label, unit: s % 3 ? '万吨' : '', measure: 'monthly', frequency: s % 2 ? 'monthly' : 'quarterly', region: s % 5 ? '示例省' : null, observations });
    }
    const batch = encodeSeriesBatch(series, 'f.xlsx', '表1')!;
    const before = encodeAsBefore(series);
    expect(batch.strings).toEqual(before.strings);
    for (const k of ['fields', 'lengths', 'values', 'texts'] as const) expect([...batch[k]], k).toEqual([...before[k]]);
    expect(decodeSeriesBatch(batch, 'f.xlsx', '表1')).toEqual(series);
  });
});

/** The encoder as it was (every text looked up in the string table): the reference for the one that remembers. */
function encodeAsBefore(series: readonly ParsedSeries[]): SeriesBatch {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const at = (s: string): number => {
    let i = index.get(s);
    if (i === undefined) index.set(s, (i = strings.push(s) - 1));
    return i;
  };
  const total = series.reduce((n, s) => n + s.observations.length, 0);
  const fields = new Int32Array(series.length * 8);
  const lengths = new Int32Array(series.length);
  const values = new Float64Array(total);
  const texts = new Int32Array(total * 4);
  let k = 0;
  series.forEach((s, i) => {
    fields.set([at(s.name), at(s.label), at(s.unit), at(s.measure), at(s.frequency), at(s.region ?? ''), s.region === null ? 1 : 0, s.indent ?? 0], i * 8);
    lengths[i] = s.observations.length;
    for (const o of s.observations) {
      const cell = parseCellAddress(o.source.cell)!;
      values[k] = o.value;
      texts.set([at(o.period), cell.row, cell.column, at(o.source.sourcePeriod)], k * 4);
      k++;
    }
  });
  return { fields, lengths, values, texts, strings };
}
