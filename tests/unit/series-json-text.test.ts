// `series --json` writes its text as UTF-8 pieces from value columns; joined, the pieces must be exactly the bytes
// of one JSON.stringify(…, null, 2) of the public shape and a line break, whatever the names, regions, periods and
// numbers hold, wherever the pieces end.
import { describe, expect, it } from 'vitest';
import { seriesJson } from '../../electron/cli/commands/series';
import { seriesJsonBytes } from '../../electron/cli/seriesJsonBytes';
import type { Series } from '../../shared/domain/series';
import type { SeriesColumns } from '../../electron/store/seriesDataRepo';

const series = (id: number, over: Partial<Series> = {}): Series => ({
  id,
  name: `工业用电量${id}`,
  label: `工业用电量${id}(亿千瓦时)`,
  unit: '亿千瓦时',
  measure: 'cumulative',
  frequency: 'monthly',
  region: null,
  firstPeriod: null,
  lastPeriod: null,
  observationCount: 0,
  lastBatchId: null,
  ...over,
});

const joined = (list: Series[], columns: Map<number, SeriesColumns>, pieceBytes?: number) =>
  new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat([...seriesJsonBytes(list, columns, pieceBytes)]));
const expected = (list: Series[], columns: Map<number, SeriesColumns>) =>
  `${JSON.stringify(list.map((s) => seriesJson(s, (columns.get(s.id)?.periods ?? []).map((period, i) => ({ period, value: columns.get(s.id)!.values[i] })))), null, 2)}\n`;

describe('series --json text', () => {
  it('is an empty array when there are no series', () => {
    expect(joined([], new Map())).toBe('[]\n');
  });

  it('matches JSON.stringify for quotes, line breaks, regions, empty series and awkward numbers', () => {
    const list = [
      series(1, { name: '名称含"引号"与\\反斜杠', label: '换行\n标签', region: '呼和浩特市' }),
      series(2, { measure: 'yoy_cumulative', unit: '%' }),
      series(3),
    ];
    const columns = new Map<number, SeriesColumns>([
      [1, { periods: ['2025-01', '2025-02'], values: [0.1 + 0.2, -0] }],
      [2, { periods: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'], values: [1e21, 5e-324, Infinity, -1.7976931348623157e308] }],
      [3, { periods: [], values: [] }],
    ]);
    expect(joined(list, columns)).toBe(expected(list, columns));
  });

  it('escapes a period as JSON.stringify does when it is not in the stored form', () => {
    const list = [series(1), series(2)];
    const columns = new Map<number, SeriesColumns>([
      [1, { periods: ['2025-"01"', '2025\\02', '2025\n03', '2025\u0001', '期\ud800', '2025年1月', '2025\u007f'], values: [1, 2, 3, 4, 5, 6, 7] }],
      [2, { periods: ['2025年1月', '2025年2月'], values: [8, 9] }],
    ]);
    expect(joined(list, columns)).toBe(expected(list, columns));
  });

  it('matches across piece boundaries of a long list', () => {
    const list = Array.from({ length: 1_234 }, (_, i) => series(i + 1));
    const columns = new Map(list.map((s) => [s.id, { periods: ['2024-12', '2025-01'], values: [s.id / 7, -s.id * 1.5] }]));
    // Small pieces, so that many boundaries fall inside series; each piece is whole UTF-8 (fatal decoding).
    const pieces = [...seriesJsonBytes(list, columns, 4096)];
    expect(pieces.length).toBeGreaterThan(50);
    expect(pieces.every((p) => p.length <= 4096)).toBe(true);
    for (const p of pieces) new TextDecoder('utf-8', { fatal: true }).decode(p);
    expect(joined(list, columns, 4096)).toBe(expected(list, columns));
    expect(joined(list, columns)).toBe(expected(list, columns));
  });
});
