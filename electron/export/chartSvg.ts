// Renders an ECharts option to an SVG string on the server (no DOM): crisp in print, and the same option
// the renderer shows on screen.

import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

let counter = 0;

/** SVG for `option` at `width` × `height` CSS pixels. Ids inside are made unique so several SVGs can share a page. */
export function chartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: Math.round(width), height: Math.round(height) });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    return uniqueIds(svg, `c${++counter}`);
  } finally {
    chart.dispose();
  }
}

/**
 * zrender names every id and class `zr<N>-…` with N per instance, and N can repeat across renders; prefix
 * them (definitions and references alike, all carry the `zr` stem) so inline SVGs never share a pattern.
 */
function uniqueIds(svg: string, prefix: string): string {
  return svg.replace(/\bzr(\d+)-/g, `${prefix}-zr$1-`);
}
