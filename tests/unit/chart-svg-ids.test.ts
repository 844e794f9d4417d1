// A chart's SVG names its ids and classes after the id its document gives it (chartSvg.ts stableIds): the same
// option, size and id give the same bytes however many charts the thread drew before, and two charts of one page
// share no id or class.
import { describe, expect, it } from 'vitest';
import { chartSvg, stableIds } from '../../electron/export/chartSvg';
import { trendOption } from '../../shared/brief/chartOptions';
import type { BriefTrend } from '../../shared/export/types';

const months = Array.from({ length: 9 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
const trend: BriefTrend = {
  targetId: 3,
  title: '规模以上工业增加值',
  cumulative: true,
  points: months.map((period, i) => ({ period, value: 6 + (i % 4) / 10 })),
  lastYear: months.map((period, i) => ({ period, value: 5.5 + (i % 3) / 10 })),
  targetValue: 7,
  unit: '%',
};
const names = (svg: string, id: string) => new Set(svg.match(new RegExp(`\\b${id}-[\\w-]+`, 'g')) ?? []);

describe('chart SVG ids', () => {
  it('are the same bytes for the same chart, whatever was drawn before', () => {
    const first = chartSvg(trendOption(trend, trend.title!), 340, 200, 'c1');
    for (let i = 0; i < 3; i++) chartSvg(trendOption({ ...trend, targetValue: 8 + i }, '别的图'), 700, 300);
    const again = chartSvg(trendOption(trend, trend.title!), 340, 200, 'c1');
    expect(again === first).toBe(true);
    expect(first).not.toMatch(/\bzr\d+-/);
    expect(names(first, 'c1').size).toBeGreaterThan(2);
  });

  it('keep two charts of one document apart', () => {
    const a = chartSvg(trendOption(trend, trend.title!), 340, 200, 'c1');
    const b = chartSvg(trendOption(trend, trend.title!), 340, 200, 'c2');
    expect(b).toBe(a.replaceAll('c1-', 'c2-'));
    for (const name of names(a, 'c1')) expect(b).not.toContain(name);
  });

  it('renumber the style classes in the order they first appear and rename the painter', () => {
    const svg = '<style>.zr7-cls-41:hover{}</style><path class="zr7-cls-41"/><path class="zr7-cls-9"/><clipPath id="zr7-c0"/><g clip-path="url(#zr7-c0)" class="zr7-cls-41"/>';
    expect(stableIds(svg, 'c4')).toBe('<style>.c4-cls-0:hover{}</style><path class="c4-cls-0"/><path class="c4-cls-1"/><clipPath id="c4-c0"/><g clip-path="url(#c4-c0)" class="c4-cls-0"/>');
  });
});
