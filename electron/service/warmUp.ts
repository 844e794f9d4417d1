// What the heavy thread prepares so that the briefing's first preview does not pay for a cold thread:
// 1. as soon as it has started, the chart renderer: ECharts' server-side rendering loaded and its code compiled
//    by drawing two small charts (a few hundred ms once; otherwise paid inside the first preview);
// 2. once the analyst leaves the first screen or the workbench is idle (the host says so: threadedBackend.ts), the
//    briefing view's first preview itself, which reads the linked series into this thread's cache (each thread has
//    its own store connection) and leaves the document in the briefing cache (handoffHandlers.ts): the analyst's
//    first click on 简报 is answered from it, or — if the store changed meanwhile — built with a warm renderer and
//    warm series data. Either way the bytes are those a cold workbench builds (tests/integration/brief-first-preview).
import type { EChartsOption } from 'echarts';
import { isWorkbenchError } from '../../shared/errors';
import { logError } from '../log';
import { dispatch, type Service } from './service';

/** What BriefingView asks first: the standard layout, the whole plan, nothing picked. */
export const FIRST_BRIEF_ARGS = { layout: 'standard' } as const;

/** A year of made-up months for the warm-up charts: they are drawn and thrown away, never shown. */
const MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

export async function warmChartRenderer(): Promise<void> {
  try {
    const [{ chartSvg }, { trendOption }] = await Promise.all([import('../export/chartSvg'), import('../../shared/brief/chartOptions')]);
    const points = MONTHS.map((period, i) => ({ period, value: 5 + i / 10 }));
    chartSvg(trendOption({ targetId: 0, points, lastYear: points.map((p) => ({ ...p, value: p.value - 1 })), targetValue: 6, unit: '%', cumulative: true }, '预热'), 340, 200);
    const bars: EChartsOption = { xAxis: { type: 'category', data: MONTHS }, yAxis: { type: 'value' }, series: [{ type: 'bar', data: points.map((p) => p.value) }] };
    chartSvg(bars, 700, 300);
  } catch (e) {
    // The real charts will fail the same way and say so in the briefing; the stack is logged here.
    logError('warm chart renderer', e);
  }
}

export async function warmBriefing(service: Service): Promise<void> {
  try {
    await dispatch(service, 'briefHtml', FIRST_BRIEF_ARGS);
  } catch (e) {
    // No plan, or no target with figures: the view says so when asked, and there is nothing to prepare. Anything
    // else is a fault the analyst will meet on asking: logged here with its stack.
    if (!isWorkbenchError(e) || e.code === 'internal') logError('warm briefing', e);
  }
}
