// A statistics file in the NBS wide layout, as CSV text, of any size: for tests that need an import that takes a
// while (the service must keep answering meanwhile) without committing a large file.
export function wideCsv(seriesCount: number, months: number, region = '内蒙古自治区'): string {
  const labels: string[] = [];
  let y = 2025;
  let m = 12;
  for (let i = 0; i < months; i++) {
    labels.push(`${y}年${m}月`);
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  const lines = ['数据库：分省月度数据', `地区：${region}`, `时间：最近${months}个月`, ['指标', ...labels].join(',')];
  for (let s = 0; s < seriesCount; s++) {
    const row = [`测试指标${s}当期值(万吨)`];
    for (let i = 0; i < months; i++) row.push(String(100 + ((s * 7 + i * 13) % 900) / 10));
    lines.push(row.join(','));
  }
  lines.push('数据来源：测试');
  return lines.join('\n') + '\n';
}
