// The variance chart (ECharts core with only the parts it needs, SVG renderer), resized with its box.
import { useEffect } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { VarianceTrend } from '../../shared/contract/varianceCalls';
import { varianceTrendOption } from '../charts/varianceTrendOption';
import { useI18n } from '../i18n';
import { useSvgChart } from '../charts/useSvgChart';

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export function VarianceChart({ trend }: { trend: VarianceTrend }) {
  const { lang } = useI18n();
  const { box, chart } = useSvgChart();

  useEffect(() => {
    chart.current?.setOption(varianceTrendOption(trend, lang), true);
  }, [trend, lang]);

  return <div className="variance-chart" ref={box} data-testid="variance-chart" />;
}
