// The ECharts option of the variance chart (pure: trend in, option out): this year's values through the year
// against last year's and the target as a line. Levels are bars (year to date) in the target's unit, with the
// 序时进度 line; rates and indices are lines on an axis around their data. The axis always holds the target line
// (ECharts leaves mark lines out of its own extent, so a target far above the data would not be drawn).
import type { EChartsCoreOption } from 'echarts/core';
import type { VarianceTrend } from '../../shared/contract/varianceCalls';
import { formatAmountZh, formatMonthAxisLabel } from '../../shared/format/chinese';
import { niceAxis } from '../../shared/brief/niceAxis';
import type { Lang } from '../i18n';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function axisLabel(period: string, cumulative: boolean, lang: Lang): string {
  if (lang === 'zh') return formatMonthAxisLabel(period, cumulative);
  if (period[5] === 'Q') return cumulative && period[6] !== '1' ? `Q1-Q${period[6]}` : `Q${period[6]}`;
  const m = Number(period.slice(5));
  return cumulative && m > 1 ? `Jan-${MONTHS_EN[m - 1]}` : MONTHS_EN[m - 1];
}

/** Decimals that suit the magnitude: rates and small numbers one, large levels none. */
const fmt = (v: number) => formatAmountZh(v, { maxDecimals: v === 0 || Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 10 ? 1 : 2, thousands: true });

export function varianceTrendOption(trend: VarianceTrend, lang: Lang): EChartsCoreOption {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const cumulative = trend.cumulated || trend.measure === 'cumulative' || trend.measure === 'yoy_cumulative' || (trend.measure === 'index' && trend.unit === '上年同期=100');
  const isLevel = trend.measure === 'cumulative' || trend.cumulated;
  const year = trend.year ?? 0;
  const unit = trend.unit ?? '';
  const values = trend.points.map((p) => p.value);
  // Only the newest value is labelled: the tooltip gives the others, and labels on every bar collide.
  let newest = -1;
  values.forEach((v, i) => v !== null && (newest = i));
  const lastYear = trend.points.map((p) => p.lastYear);
  const schedule = trend.points.map((p) => p.schedule ?? null);
  const hasSchedule = schedule.some((v) => v !== null);
  const extent = niceAxis(
    [...values, ...lastYear, ...schedule, trend.targetLine].filter((v): v is number => v !== null),
    { includeZero: isLevel, splits: 5 },
  );
  const index = /=\s*100/.test(unit);
  const targetText = trend.targetLine === null ? '' : `${fmt(trend.targetLine)}${index ? '' : unit === '%' ? '%' : unit}`;
  return {
    animation: false,
    grid: { left: 64, right: 24, top: 44, bottom: 48 },
    legend: { bottom: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${fmt(v)}${unit === '%' ? '%' : ''}` : '—') },
    xAxis: { type: 'category', data: trend.points.map((p) => axisLabel(p.period, cumulative, lang)), axisLabel: { fontSize: 11, hideOverlap: true } },
    yAxis: {
      type: 'value',
      name: unit,
      nameTextStyle: { align: 'right', fontSize: 11 },
      // Rates around a target read best on an axis around the data; levels start at zero so bars stay honest.
      min: extent.min,
      max: extent.max,
      interval: extent.interval,
      // Ticks are clean multiples of the interval: print them as short as they are (`9`, not `9.00`).
      axisLabel: { fontSize: 11, formatter: (v: number) => formatAmountZh(v, { maxDecimals: 3, thousands: true }) },
    },
    series: [
      {
        name: t(`${year}年`, `${year}`),
        type: isLevel ? 'bar' : 'line',
        data: values,
        barMaxWidth: 22,
        symbolSize: 7,
        connectNulls: true,
        itemStyle: { color: '#b4232c' },
        lineStyle: { width: 2.5, color: '#b4232c' },
        label: {
          show: true,
          position: 'top',
          fontSize: 11,
          fontWeight: 'bold',
          formatter: (p: { value: unknown; dataIndex: number }) => (p.dataIndex === newest && typeof p.value === 'number' ? fmt(p.value) : ''),
        },
        markLine:
          trend.targetLine === null
            ? undefined
            : {
                symbol: 'none',
                silent: true,
                lineStyle: { color: '#1f4e79', type: 'dashed', width: 1.5 },
                label: { formatter: t(`目标 ${targetText}`, `Target ${targetText}`), position: 'insideStartTop', fontSize: 11, color: '#1f4e79' },
                data: [{ yAxis: trend.targetLine }],
              },
      },
      ...(hasSchedule
        ? [
            {
              name: t('序时进度', 'Schedule'),
              type: 'line',
              data: schedule,
              symbol: 'none',
              connectNulls: true,
              lineStyle: { width: 1.5, color: '#b45f06', type: 'dotted' },
              itemStyle: { color: '#b45f06' },
            },
          ]
        : []),
      {
        name: t(`${year - 1}年`, `${year - 1}`),
        type: 'line',
        data: lastYear,
        connectNulls: true,
        symbolSize: 5,
        itemStyle: { color: '#8c8c8c' },
        lineStyle: { width: 1.5, color: '#8c8c8c', type: 'dashed' },
      },
    ],
  };
}
