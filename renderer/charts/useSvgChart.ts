// Mounts an ECharts instance (SVG renderer, crisp in print) in a box, resizes it with the box, and
// disposes of it with the component. Returns the ref for the box and the chart (null until mounted).
import { useEffect, useRef, type RefObject } from 'react';
import type { ECharts } from 'echarts/core';
import * as echarts from 'echarts/core';

export function useSvgChart(): { box: RefObject<HTMLDivElement | null>; chart: RefObject<ECharts | null> } {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
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
  return { box, chart };
}
