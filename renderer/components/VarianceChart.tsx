// The variance chart (ECharts core with only the parts it needs, SVG renderer), resized with its box.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { VarianceTrend } from '../../shared/contract/varianceCalls';
import { varianceTrendOption } from '../charts/varianceTrendOption';
import { useI18n } from '../i18n';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export function VarianceChart({ trend }: { trend: VarianceTrend }) {
  const { lang } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(varianceTrendOption(trend, lang), true);
  }, [trend, lang]);

  return <div className="variance-chart" ref={box} data-testid="variance-chart" />;
}
