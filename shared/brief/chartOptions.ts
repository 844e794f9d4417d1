// ECharts options for the briefing charts, built from variance rows alone (pure; no functions inside, so an
// option can be serialised, tested and rendered on the server). Every drawn number is a field of a row.

import type { EChartsOption } from 'echarts';
import { STATUS_LABELS, STATUSES, type VarianceRow } from '../variance/types';
import type { BriefTrend } from '../export/types';
import { formatMonthAxisLabel, formatNumberZh } from '../format/chinese';
import { STATUS_CHART_STYLE } from './statusStyle';
import { niceAxis } from './niceAxis';

export const CHART_FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif";
const AXIS_COLOR = '#595959';
const MARK_COLOR = '#111111';

/** Rows the growth chart can draw: a rate with a target and an actual. */
export function isGrowthRow(row: VarianceRow): boolean {
  return row.actual !== null && row.target !== null && row.completionRate === null && (row.gapUnit === '个百分点' || row.actualUnit === '%');
}

/** Rows the completion chart can draw: a level or increment with a completion rate. */
export function isCompletionRow(row: VarianceRow): boolean {
  return row.completionRate !== null;
}

/**
 * Break a long indicator name over at most `maxLines` lines of `perLine` CJK characters (two Latin characters
 * count as one), so axis labels never overlap: at a bracket when the name has one, never leaving a closing
 * bracket or punctuation alone at the start of a line.
 */
export function wrapLabel(text: string, perLine = 10, maxLines = 2): string {
  const budget = perLine * 2;
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);
  if (width(text) <= budget) return text;
  const bracket = text.search(/[（(]/);
  if (bracket > 0 && width(text.slice(0, bracket)) <= budget && width(text.slice(bracket)) <= budget) {
    return `${text.slice(0, bracket)}\n${text.slice(bracket)}`;
  }
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (width(line + ch) > budget) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  lines.push(line);
  for (let i = 1; i < lines.length; i++) {
    // A closing bracket or punctuation mark goes back up with the character before it.
    while (/^[）)、，。：；]/.test(lines[i]) && lines[i - 1].length > 1) {
      lines[i] = lines[i - 1].slice(-1) + lines[i];
      lines[i - 1] = lines[i - 1].slice(0, -1);
    }
  }
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${[...lines[maxLines - 1]].slice(0, -1).join('')}…`;
  }
  return lines.join('\n');
}

/** One bar series per status present, overlapping in one slot, so the legend explains colours and outlines. */
function statusBarSeries(rows: readonly VarianceRow[], valueOf: (row: VarianceRow) => number | null) {
  const present = STATUSES.filter((s) => rows.some((r) => r.status === s));
  return present.map((status) => ({
    type: 'bar' as const,
    name: STATUS_LABELS[status].zh,
    barWidth: '56%',
    barGap: '-100%',
    itemStyle: { ...STATUS_CHART_STYLE[status] },
    data: rows.map((r) => (r.status === status ? valueOf(r) : null)),
  }));
}

function baseOption(): EChartsOption {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT, fontSize: 12, color: '#222222' },
    aria: { enabled: true },
  };
}

/**
 * Cumulative growth against target, one row per indicator: a bar for the actual growth (status colour and
 * pattern), a black tick at the target, and on the right the figures in words.
 */
export function growthVsTargetOption(rows: readonly VarianceRow[]): EChartsOption {
  const drawn = rows.filter(isGrowthRow);
  const values = drawn.flatMap((r) => [r.actual!, r.target!]);
  const extent = niceAxis(values, { includeZero: true });
  return {
    ...baseOption(),
    legend: { top: 0, left: 'center', itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 30, bottom: 22, containLabel: true },
    ...rowBarAxes(extent, drawn, (r) => `${formatNumberZh(r.actual)}%｜目标${formatNumberZh(r.target)}%｜${STATUS_LABELS[r.status].zh}`),
    series: [
      ...statusBarSeries(drawn, (r) => r.actual),
      {
        type: 'scatter',
        name: '目标值',
        symbol: 'rect',
        symbolSize: [4, 22],
        // A white edge keeps the tick visible where it falls inside a dark bar.
        itemStyle: { color: MARK_COLOR, borderColor: '#ffffff', borderWidth: 1 },
        z: 5,
        data: drawn.map((r) => r.target),
      },
    ],
  };
}

/** The schedule every drawn row shares, or null when rows differ (then each row gets its own tick). */
function commonSchedule(rows: readonly VarianceRow[]): number | null {
  const values = rows.map((r) => r.scheduleCalendar);
  const first = values[0];
  return first != null && values.every((v) => v !== null && Math.abs(v - first) < 1e-9) ? first : null;
}

/**
 * Completion against schedule for level and increment targets: progress bars in percent of the annual target,
 * with the 序时进度 (share of the year elapsed) marked as a dashed line, or a tick per row when rows differ.
 */
/** Axes of a one-bar-per-target chart in percent: indicators down the left, each row's figures on the right. */
function rowBarAxes(extent: { min: number; max: number; interval?: number }, rows: readonly VarianceRow[], rightLabel: (r: VarianceRow) => string) {
  return {
    xAxis: {
      type: 'value' as const,
      min: extent.min,
      max: extent.max,
      ...(extent.interval !== undefined ? { interval: extent.interval } : {}),
      name: '%',
      nameGap: 6,
      axisLabel: { color: AXIS_COLOR, fontSize: 10 },
      splitLine: { lineStyle: { color: '#e0e0e0' } },
    },
    yAxis: [
      {
        type: 'category' as const,
        inverse: true,
        data: rows.map((r) => wrapLabel(r.indicator)),
        axisTick: { show: false },
        axisLabel: { color: '#222222', fontSize: 11, lineHeight: 13 },
      },
      {
        type: 'category' as const,
        inverse: true,
        position: 'right' as const,
        data: rows.map(rightLabel),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { color: '#222222', fontSize: 10 },
      },
    ],
  };
}

export const COMPLETION_AXIS_CAP = 150;

export function completionVsScheduleOption(rows: readonly VarianceRow[]): EChartsOption {
  const drawn = rows.filter(isCompletionRow);
  const schedule = commonSchedule(drawn);
  // One outlier (a link to the wrong series, 5000 %) must not squash every other bar: the axis stops at
  // COMPLETION_AXIS_CAP, longer bars are clipped there, and the label on the right keeps the true figure.
  const maxValue = Math.min(COMPLETION_AXIS_CAP, Math.max(100, ...drawn.map((r) => r.completionRate!), ...drawn.map((r) => r.scheduleCalendar ?? 0)));
  const bars = statusBarSeries(drawn, (r) => r.completionRate).map((s, i) =>
    i === 0 && schedule !== null
      ? {
          ...s,
          markLine: {
            symbol: 'none',
            silent: true,
            lineStyle: { color: MARK_COLOR, type: 'dashed' as const, width: 1.5 },
            label: { formatter: `序时进度${formatNumberZh(schedule)}%`, position: 'start' as const, fontSize: 10, color: MARK_COLOR },
            data: [{ xAxis: schedule, name: '序时进度' }],
          },
        }
      : s,
  );
  return {
    ...baseOption(),
    legend: { top: 0, left: 'center', itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 8, top: 44, bottom: 22, containLabel: true },
    ...rowBarAxes(
      { min: 0, max: maxValue >= COMPLETION_AXIS_CAP ? COMPLETION_AXIS_CAP : Math.ceil((maxValue * 1.04) / 10) * 10 },
      drawn,
      (r) => `完成${formatNumberZh(r.completionRate)}%｜${STATUS_LABELS[r.status].zh}`,
    ),
    series: [
      ...bars.map((s) => ({ ...s, showBackground: true, backgroundStyle: { color: '#f2f2f2' } })),
      ...(schedule === null
        ? [
            {
              type: 'scatter' as const,
              name: '序时进度',
              symbol: 'rect',
              symbolSize: [3, 20],
              itemStyle: { color: MARK_COLOR },
              z: 5,
              data: drawn.map((r) => r.scheduleCalendar),
            },
          ]
        : []),
    ],
  };
}

/** An index unit (`上年同期=100`, `上年同月=100`): its values sit near 100, so its axis never starts at 0. */
export function isIndexUnit(unit: string): boolean {
  return /=\s*100/.test(unit);
}

/**
 * A series through the year with its target as a horizontal line (and last year's values, dashed grey, when
 * given). For cumulative levels the target line is the annual figure the year-to-date climbs towards, and
 * the 序时进度 line (the target × months elapsed / 12) shows where the year to date should stand.
 * Rates and indices get an axis around their data; levels keep zero so the climb reads honestly.
 */
export function trendOption(trend: BriefTrend, title: string): EChartsOption {
  const cumulative = trend.cumulative ?? true;
  const periods = trend.points.map((p) => p.period);
  const lastYearByPeriod = new Map((trend.lastYear ?? []).map((p) => [p.period, p.value]));
  const scheduleByPeriod = new Map((trend.schedule ?? []).map((p) => [p.period, p.value]));
  const values = [
    ...trend.points.map((p) => p.value),
    ...(trend.targetValue !== null ? [trend.targetValue] : []),
    ...lastYearByPeriod.values(),
    ...scheduleByPeriod.values(),
  ];
  const rate = trend.unit === '%';
  const index = isIndexUnit(trend.unit);
  const extent = niceAxis(values, { includeZero: !rate && !index, splits: 4 });
  const last = trend.points[trend.points.length - 1];
  const decimals = rate || index ? 1 : Math.abs(last?.value ?? 0) >= 100 ? 0 : Math.abs(last?.value ?? 0) >= 10 ? 1 : 2;
  const figure = (v: number) => formatNumberZh(v, { decimals: Number.isInteger(v) && !rate && !index ? 0 : decimals, thousands: true });
  const unitText = index ? '' : trend.unit;
  const lastAboveTarget = last !== undefined && trend.targetValue !== null && last.value >= trend.targetValue;
  return {
    ...baseOption(),
    title: {
      text: title,
      subtext: index ? `指数：${trend.unit}` : `单位：${trend.unit}`,
      left: 0,
      top: 0,
      itemGap: 2,
      textStyle: { fontSize: 12, fontWeight: 'bold' },
      subtextStyle: { fontSize: 10, color: AXIS_COLOR },
    },
    legend: { top: 2, right: 0, itemWidth: 16, itemHeight: 8, textStyle: { fontSize: 10 } },
    grid: { left: 6, right: 20, top: 46, bottom: 6, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: periods.map((p) => formatMonthAxisLabel(p, cumulative)),
      axisLabel: { color: AXIS_COLOR, fontSize: 9, interval: 0, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      min: extent.min,
      max: extent.max,
      interval: extent.interval,
      // No formatter: with clean limits and interval, ECharts prints each tick as the short number it is (`9`).
      axisLabel: { color: AXIS_COLOR, fontSize: 9 },
      splitLine: { lineStyle: { color: '#e6e6e6' } },
    },
    series: [
      {
        type: 'line',
        name: `${periods[0]?.slice(0, 4) ?? ''}年`,
        // Only the latest point carries its figure: labels on every month crowd a small chart.
        data: trend.points.map((p, i) =>
          i === trend.points.length - 1
            ? { value: p.value, label: { show: true, position: lastAboveTarget ? ('top' as const) : ('bottom' as const), fontSize: 10, fontWeight: 'bold' as const, color: '#1f4e79', formatter: figure(p.value) } }
            : p.value,
        ),
        symbol: 'circle',
        symbolSize: 5,
        lineStyle: { color: '#1f4e79', width: 2 },
        itemStyle: { color: '#1f4e79' },
        ...(trend.targetValue !== null
          ? {
              markLine: {
                symbol: 'none',
                silent: true,
                lineStyle: { color: MARK_COLOR, type: [6, 3, 1, 3], width: 1.2 },
                // The latest value is labelled at the same end: the two labels go on opposite sides of the line.
                label: { formatter: `目标${figure(trend.targetValue)}${unitText}`, position: lastAboveTarget ? ('insideEndBottom' as const) : ('insideEndTop' as const), fontSize: 10, color: MARK_COLOR },
                data: [{ yAxis: trend.targetValue, name: '目标' }],
              },
            }
          : {}),
      },
      ...(scheduleByPeriod.size > 0
        ? [
            {
              type: 'line' as const,
              name: '序时进度',
              data: periods.map((p) => scheduleByPeriod.get(p) ?? null),
              symbol: 'none',
              lineStyle: { color: '#b45f06', width: 1.2, type: 'dotted' as const },
              itemStyle: { color: '#b45f06' },
            },
          ]
        : []),
      ...(trend.lastYear && trend.lastYear.length
        ? [
            {
              type: 'line' as const,
              name: '上年同期',
              data: periods.map((p) => lastYearByPeriod.get(p) ?? null),
              symbol: 'emptyCircle',
              symbolSize: 4,
              lineStyle: { color: '#8c8c8c', width: 1.2, type: 'dashed' as const },
              itemStyle: { color: '#8c8c8c' },
            },
          ]
        : []),
    ],
  };
}
