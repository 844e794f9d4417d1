// A line chart of one series' current values (ECharts, SVG renderer), resized with its box.
import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { Observation, Series } from '../../shared/domain/series';
import { periodText } from '../import/periodText';
import { useI18n } from '../i18n';
import { useSvgChart } from '../charts/useSvgChart';

echarts.use([LineChart, GridComponent, TooltipComponent, SVGRenderer]);

export function SeriesChart({ series, observations }: { series: Series; observations: Observation[] }) {
  const { lang } = useI18n();
  const { box, chart } = useSvgChart();

  useEffect(() => {
    const current = observations.filter((o) => o.current).sort((a, b) => (a.period < b.period ? -1 : 1));
    const unit = series.unit ? ` (${series.unit})` : '';
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 56, right: 24, top: 36, bottom: 36 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${String(v)}${series.unit === '%' ? '%' : ''}` },
        xAxis: { type: 'category', data: current.map((o) => periodText(o.period, series.measure, lang)), axisLabel: { hideOverlap: true } },
        yAxis: { type: 'value', scale: true, name: `${series.name}${unit}`, nameTextStyle: { align: 'left' } },
        series: [{ type: 'line', name: series.label, data: current.map((o) => o.value), symbolSize: 7, lineStyle: { width: 2, color: '#b4232c' }, itemStyle: { color: '#b4232c' }, label: { show: current.length <= 12, position: 'top', fontSize: 11 } }],
      },
      true,
    );
  }, [series, observations, lang]);

  return <div className="series-chart" ref={box} data-testid="series-chart" />;
}
