// A month of the statistics bureau's release in the NBS wide layout (CSV: title rows, `指标` × months, newest
// first), 2024 in full and 2025 up to a given month. Illustrative figures, not official statistics, chosen to
// hit the edge values the report must word correctly: a growth rate that turns negative (−0.1), an
// unemployment rate of 5.1 and 5.55, an index near 100, a level target already exceeded, a series with a
// single point. `revise` changes last month's value of one row, as a bureau revision does.

export interface BureauOptions {
  /** The newest month of 2025 in the file (1-12). */
  month: number;
  /** Add this to the previous month's value of 规模以上工业增加值 (a revision). */
  reviseIndustry?: number;
}

type Row = [label: string, value: (year: number, month: number) => number | null];

export const BUREAU_ROWS: Row[] = [
  ['规模以上工业增加值累计增长(%)', (y, m) => (y === 2025 ? 7.0 + (m - 6) * 0.1 : 6.5)],
  ['固定资产投资累计增长(%)', (y, m) => (y === 2025 ? 0.3 - (m - 9) * 0.4 : 5.5)],
  ['煤炭产量累计值(万吨)', (y, m) => (y === 2025 ? 10150 : 9800) * m],
  ['原油产量累计值(万吨)', (y, m) => (y === 2025 ? 33 : 29) * m],
  ['城镇调查失业率当期值(%)', (y, m) => (y === 2025 ? ([5.6, 5.5, 5.4, 5.3, 5.3, 5.2, 5.3, 5.55, 5.1, 5.0, 5.0][m - 2] ?? 5.2) : 5.3)],
  ['天然气产量累计值(亿立方米)', (y, m) => (y === 2025 && m === 10 ? 258.4 : null)],
];

export function bureauCsv(opts: BureauOptions): string {
  const months: [number, number][] = [];
  for (const y of [2025, 2024]) for (let m = 12; m >= 2; m--) if (!(y === 2025 && m > opts.month)) months.push([y, m]);
  const lines = ['"数据库：分省月度数据"', '"地区：内蒙古自治区"', ['"指标"', ...months.map(([y, m]) => `"${y}年${m}月"`)].join(',')];
  for (const [label, f] of BUREAU_ROWS) {
    const cells = months.map(([y, m]) => {
      let v = f(y, m);
      if (v !== null && opts.reviseIndustry && label.startsWith('规模以上工业') && y === 2025 && m === opts.month - 1) v += opts.reviseIndustry;
      return v === null ? '' : v.toFixed(2).replace(/\.?0+$/, '');
    });
    lines.push([`"${label}"`, ...cells].join(','));
  }
  lines.push('"注：示例数据，非官方统计。"');
  return lines.join('\n') + '\n';
}
