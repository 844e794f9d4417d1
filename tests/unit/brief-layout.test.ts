// Briefing charts and pages without a browser: the option builders draw the rows' own numbers with the
// targets marked, and pagination keeps every block inside an A4 page.

import { describe, expect, it } from 'vitest';
import { COMPLETION_AXIS_CAP, completionVsScheduleOption, growthVsTargetOption, isCompletionRow, isGrowthRow, trendOption, wrapLabel } from '../../shared/brief/chartOptions';
import { contentHeightMm, paginateBrief, SIZES } from '../../shared/brief/layout';
import { briefSummaryText, briefTableRows, targetText } from '../../shared/brief/briefTable';
import { greyLevel, STATUS_CHART_STYLE } from '../../shared/brief/statusStyle';
import { STATUS_LABELS, STATUSES } from '../../shared/variance/types';
import { sampleBriefInput } from '../fixtures/exportSample';

type AnySeries = { type: string; name: string; data: unknown[]; markLine?: { data: { xAxis?: number; yAxis?: number }[] }; itemStyle?: unknown };
const seriesOf = (option: unknown) => (option as { series: AnySeries[] }).series;
const valueOf = (d: unknown) => (d !== null && typeof d === 'object' ? (d as { value: number }).value : d);

const brief = sampleBriefInput();

describe('growthVsTargetOption', () => {
  const rows = brief.rows.filter(isGrowthRow);
  const option = growthVsTargetOption(brief.rows);
  const series = seriesOf(option);

  it('draws each growth row once, at its actual value, in the series of its status', () => {
    const bars = series.filter((s) => s.type === 'bar');
    rows.forEach((row, i) => {
      const drawn = bars.filter((s) => s.data[i] !== null);
      expect(drawn).toHaveLength(1);
      expect(drawn[0].name).toBe(STATUS_LABELS[row.status].zh);
      expect(drawn[0].data[i]).toBe(row.actual);
    });
  });

  it('marks the target of every row', () => {
    const target = series.find((s) => s.name === '目标值')!;
    expect(target.type).toBe('scatter');
    expect(target.data).toEqual(rows.map((r) => r.target));
  });

  it('names the indicators on the axis and writes the figures and status beside each bar', () => {
    const yAxis = (option as { yAxis: { data: string[] }[] }).yAxis;
    expect(yAxis[0].data.map((l) => l.replace(/\n/g, ''))).toEqual(rows.map((r) => r.indicator));
    yAxis[1].data.forEach((label, i) => {
      expect(label).toContain(`${rows[i].actual!.toFixed(1)}%`);
      expect(label).toContain(`目标${rows[i].target!.toFixed(1)}%`);
      expect(label).toContain(STATUS_LABELS[rows[i].status].zh);
    });
  });

  it('gives statuses outlines and lightness as well as colours, so grey print still separates them', () => {
    const bars = series.filter((s) => s.type === 'bar');
    const styles = bars.map((b) => b.itemStyle as { color: string; borderType: string; borderWidth: number });
    expect(new Set(styles.map((st) => `${st.borderType}/${st.borderWidth}`)).size).toBe(bars.length);
    const greys = STATUSES.filter((st) => st !== 'no_data').map((st) => greyLevel(STATUS_CHART_STYLE[st].color)).sort((a, b) => a - b);
    for (let i = 1; i < greys.length; i++) expect(greys[i] - greys[i - 1]).toBeGreaterThan(20);
  });

  it('keeps the value axis wide enough for every actual and target', () => {
    const axis = (option as { xAxis: { min: number; max: number } }).xAxis;
    for (const r of rows) {
      expect(axis.min).toBeLessThanOrEqual(Math.min(r.actual!, r.target!, 0));
      expect(axis.max).toBeGreaterThanOrEqual(Math.max(r.actual!, r.target!));
    }
  });
});

describe('completionVsScheduleOption', () => {
  const rows = brief.rows.filter(isCompletionRow);
  const series = seriesOf(completionVsScheduleOption(brief.rows));

  it('draws completion rates from the rows', () => {
    const bars = series.filter((s) => s.type === 'bar');
    rows.forEach((row, i) => {
      const values = bars.map((s) => s.data[i]).filter((v) => v !== null);
      expect(values).toEqual([row.completionRate]);
    });
  });

  it('marks the 序时进度 the rows share as one line', () => {
    const marks = series.flatMap((s) => s.markLine?.data ?? []);
    expect(marks).toEqual([{ xAxis: rows[0].scheduleCalendar, name: '序时进度' }]);
  });

  it('caps the axis at 150 % so one outlier does not squash the other bars, keeping the true figure in the label', () => {
    const outlier = rows.map((r, i) => ({ ...r, completionRate: i === 0 ? 5075 : r.completionRate }));
    const option = completionVsScheduleOption(outlier) as { xAxis: { max: number }; yAxis: { data: string[] }[] };
    expect(option.xAxis.max).toBe(COMPLETION_AXIS_CAP);
    expect(option.yAxis[1].data[0]).toContain('5075');
    const normal = completionVsScheduleOption(rows) as { xAxis: { max: number } };
    expect(normal.xAxis.max).toBeLessThanOrEqual(COMPLETION_AXIS_CAP);
  });

  it('marks each row’s own schedule when they differ', () => {
    const mixed = rows.map((r, i) => ({ ...r, scheduleCalendar: i === 0 ? 75 : r.scheduleCalendar }));
    const s = seriesOf(completionVsScheduleOption(mixed));
    const ticks = s.find((x) => x.name === '序时进度')!;
    expect(ticks.data).toEqual(mixed.map((r) => r.scheduleCalendar));
    expect(s.flatMap((x) => x.markLine?.data ?? [])).toEqual([]);
  });
});

describe('trendOption', () => {
  const trend = brief.trends[0];
  const option = trendOption(trend, '地区生产总值');

  it('plots the points in order with month labels and the target line', () => {
    const [line] = seriesOf(option);
    expect(line.data.map(valueOf)).toEqual(trend.points.map((p) => p.value));
    expect((option as { xAxis: { data: string[] } }).xAxis.data).toEqual(trend.points.map((p) => `1-${Number(p.period.slice(5))}月`));
    expect(line.markLine!.data).toEqual([{ yAxis: trend.targetValue, name: '目标' }]);
  });

  it('keeps the target inside the value axis', () => {
    const axis = (option as { yAxis: { min: number; max: number } }).yAxis;
    expect(axis.min).toBeLessThanOrEqual(trend.targetValue!);
    expect(axis.max).toBeGreaterThanOrEqual(trend.targetValue!);
  });

  it('adds last year as a second line when given', () => {
    const s = seriesOf(option);
    expect(s.map((x) => x.name)).toEqual(['2025年', '上年同期']);
    expect(s[1].data).toEqual(trend.lastYear!.map((p) => p.value));
  });
});

describe('paginateBrief', () => {
  it('fits every block inside the page it is on', () => {
    for (const size of [15, 60, 300]) {
      const input = sampleBriefInput(size, 6);
      const pages = paginateBrief(input);
      pages.forEach((page, i) => {
        const used = page.blocks.reduce((h, b) => h + b.heightMm, 0) + SIZES.gapMm * (page.blocks.length - 1);
        expect(used).toBeLessThanOrEqual(contentHeightMm(i) + 1e-9);
        expect(page.number).toBe(i + 1);
      });
    }
  });

  it('places every row in the table once, in order, and every chartable row in its chart', () => {
    const input = sampleBriefInput(60, 6);
    const blocks = paginateBrief(input).flatMap((p) => p.blocks);
    const tableRows = blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
    expect(tableRows.map((r) => r.targetId)).toEqual(input.rows.map((r) => r.targetId));
    const growth = blocks.flatMap((b) => (b.kind === 'growthChart' ? b.rows : []));
    expect(growth.map((r) => r.targetId)).toEqual(input.rows.filter(isGrowthRow).map((r) => r.targetId));
    const trends = blocks.flatMap((b) => (b.kind === 'trends' ? b.trends : []));
    expect(trends.map((t) => t.targetId)).toEqual(input.trends.map((t) => t.targetId));
    const parts = blocks.filter((b) => b.kind === 'growthChart');
    parts.forEach((b, i) => b.kind === 'growthChart' && expect([b.part, b.parts]).toEqual([i, parts.length]));
  });

  it('follows the layout: charts only, or table only', () => {
    const charts = paginateBrief({ ...brief, layout: 'charts' }).flatMap((p) => p.blocks.map((b) => b.kind));
    expect(charts).not.toContain('table');
    expect(charts).toContain('growthChart');
    const table = paginateBrief({ ...brief, layout: 'table' }).flatMap((p) => p.blocks.map((b) => b.kind));
    expect(new Set(table)).toEqual(new Set(['summary', 'table']));
  });
});

describe('briefing text', () => {
  it('counts statuses in the summary sentence', () => {
    const text = briefSummaryText(brief.rows, brief.asOf);
    // 截至 names a point in time (the month), not a span: never `截至2025年1-10月`.
    expect(text.startsWith(`截至2025年10月，纳入监测的${brief.rows.length}项指标中，`)).toBe(true);
    for (const s of STATUSES) {
      const n = brief.rows.filter((r) => r.status === s).length;
      if (n > 0) expect(text).toContain(`${STATUS_LABELS[s].zh}${n}项`);
    }
  });

  it('writes targets as the plan prints them and gaps in percentage points', () => {
    const rows = briefTableRows(brief.rows, brief.targets);
    const byIndicator = new Map(rows.map((r) => [r.indicator, r]));
    expect(byIndicator.get('地区生产总值')!.target).toBe('增长6%左右');
    expect(byIndicator.get('煤炭产量')!.target).toBe('12亿吨以上');
    const gdp = brief.rows.find((r) => r.indicator === '地区生产总值')!;
    expect(byIndicator.get('地区生产总值')!.assessment).toBe(`${gdp.gap! < 0 ? '低于' : '高于'}目标${Math.abs(gdp.gap!).toFixed(1)}个百分点`);
    const coal = brief.rows.find((r) => r.indicator === '煤炭产量')!;
    expect(byIndicator.get('煤炭产量')!.assessment).toBe(`完成${coal.completionRate!.toFixed(1)}%`);
    const range = { ...brief.targets[0], value: null, valueLow: 2, valueHigh: 3, unit: '家', comparator: 'range' as const };
    expect(targetText(range, brief.rows[0])).toBe('2—3家');
  });

  it('wraps long indicator names onto two lines at most', () => {
    expect(wrapLabel('推进贺兰山和大青山国家公园创建', 10)).toBe('推进贺兰山和大青山国\n家公园创建');
    expect(wrapLabel('一二三四五六七八九十一二三四五六七八九十一二', 10).split('\n')).toHaveLength(2);
  });
});
