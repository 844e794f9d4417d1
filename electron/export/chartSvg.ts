// Renders an ECharts option to an SVG string on the server (no DOM): crisp in print, and the same option
// the renderer shows on screen.

import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

let counter = 0;

/**
 * SVG for `option` at `width` × `height` CSS pixels. Its ids and classes start with `id` (by default a new one per
 * call), so several SVGs can share a page; a document that numbers its charts itself (the briefing) gets the same
 * bytes however many charts the thread drew before.
 */
export function chartSvg(option: EChartsOption, width: number, height: number, id = `c${++counter}`): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: Math.round(width), height: Math.round(height) });
  try {
    chart.setOption(option);
    return stableIds(chart.renderToSVGString(), id);
  } finally {
    chart.dispose();
  }
}

/**
 * zrender names every id and class `zr<N>-…`, N counting the painters made in this thread, and numbers the style
 * classes (`zr<N>-cls-<K>`) across every chart drawn in it; the other numbers (clip paths, gradients, shadows) count
 * within the one chart. The painter's name becomes `id`, and the classes are numbered again from 0 in the order they
 * first appear, so the SVG depends only on the option, the size and `id`.
 */
export function stableIds(svg: string, id: string): string {
  const classes = new Map<string, number>();
  return svg
    .replace(/\bzr\d+-cls-(\d+)\b/g, (_m, k: string) => {
      let n = classes.get(k);
      if (n === undefined) classes.set(k, (n = classes.size));
      return `${id}-cls-${n}`;
    })
    .replace(/\bzr\d+-/g, `${id}-`);
}
