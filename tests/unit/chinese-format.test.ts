import { describe, expect, it } from 'vitest';
import { cutoffLine, displayWidth, formatGapLevel, formatGapPp, formatMonthAxisLabel, formatNumberZh, formatPercent, formatPeriodZh, formatTimestampZh } from '../../shared/format/chinese';

describe('Chinese period and number formats', () => {
  it('writes periods as the bureau does', () => {
    expect(formatPeriodZh('2025-10', true)).toBe('2025年1-10月');
    expect(formatPeriodZh('2025-02', true)).toBe('2025年1-2月');
    expect(formatPeriodZh('2025-01', true)).toBe('2025年1月');
    expect(formatPeriodZh('2025-10', false)).toBe('2025年10月');
    expect(formatPeriodZh('2025-Q3', true)).toBe('2025年前三季度');
    expect(formatPeriodZh('2025-Q2', true)).toBe('2025年上半年');
    expect(formatPeriodZh('2025-Q3', false)).toBe('2025年三季度');
    expect(formatPeriodZh('2025', true)).toBe('2025年');
    expect(formatMonthAxisLabel('2025-10', true)).toBe('1-10月');
    expect(cutoffLine('2025-10')).toBe('数据截至2025年10月');
  });

  it('formats numbers with fixed decimals, separators and a dash for missing', () => {
    expect(formatNumberZh(12345.678, { decimals: 1, thousands: true })).toBe('12,345.7');
    expect(formatNumberZh(-1234567, { decimals: 0, thousands: true })).toBe('-1,234,567');
    expect(formatNumberZh(-0.04)).toBe('0.0');
    expect(formatNumberZh(0.25, { signed: true })).toBe('+0.3');
    expect(formatNumberZh(null)).toBe('—');
    expect(formatNumberZh(Number.NaN)).toBe('—');
    expect(formatPercent(85.26)).toBe('85.3%');
    expect(formatPercent(null)).toBe('—');
  });

  it('says gaps in percentage points or units, in words', () => {
    expect(formatGapPp(-0.2)).toBe('低于目标0.2个百分点');
    expect(formatGapPp(1.46)).toBe('高于目标1.5个百分点');
    expect(formatGapPp(0.04)).toBe('与目标持平');
    expect(formatGapLevel(-1289.5, '亿元')).toBe('低于目标1,289.5亿元');
    expect(formatTimestampZh('2025-11-18T09:30:00+08:00')).toBe('2025年11月18日 09:30');
  });

  it('counts CJK characters as two columns', () => {
    expect(displayWidth('地区生产总值(%)')).toBe(15);
  });
});
