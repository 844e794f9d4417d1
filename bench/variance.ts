// Times the whole variance analysis as the service runs it after the store is loaded: 2,000 targets over
// 10,000 series of 120 months, default as-of month (so the scan for the newest month is included).
// Budget: under 100 ms. Also prints the ratio to a raw loop that touches every point once.

import type { PeriodKey } from '../shared/domain/series';
import type { Target, TargetKind } from '../shared/domain/target';
import { analyzeAll, type TargetLink } from '../shared/variance/analyzeAll';
import type { SeriesData, SeriesPoint } from '../shared/variance/seriesData';
import { FIRST_YEAR, RUNS, SERIES, SHAPES, TARGETS, YEARS, rng } from './varianceWorkload';





function buildSeries(): Map<number, SeriesData> {
  const rand = rng(42);
  const out = new Map<number, SeriesData>();
  for (let id = 1; id <= SERIES; id++) {
    const shape = SHAPES[id % SHAPES.length];
    const points = new Map<PeriodKey, SeriesPoint>();
    for (let y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
      let cum = 0;
      for (let m = 1; m <= 12; m++) {
        const monthValue = 1000 + rand() * 200;
        cum += monthValue;
        const value =
          shape.measure === 'yoy_cumulative' ? 4 + rand() * 4
          : shape.measure === 'cumulative' ? cum
          : shape.measure === 'index' ? 100 + rand() * 4
          : monthValue;
        const key = shape.frequency === 'quarterly' ? (m % 3 === 0 ? `${y}-Q${m / 3}` : null) : `${y}-${m < 10 ? '0' : ''}${m}`;
        if (key) points.set(key, { value, batchId: 1, file: 'bench.xlsx', sheet: 'Sheet1', cell: `B${m}` });
      }
    }
    out.set(id, { id, name: `指标${id}`, label: `指标${id}`, unit: shape.unit, measure: shape.measure, frequency: shape.frequency, points });
  }
  return out;
}

function buildTargets(seriesById: Map<number, SeriesData>): { targets: Target[]; links: Map<number, TargetLink> } {
  const targets: Target[] = [];
  const links = new Map<number, TargetLink>();
  for (let id = 1; id <= TARGETS; id++) {
    const seriesId = ((id * 7919) % SERIES) + 1;
    const s = seriesById.get(seriesId)!;
    const kind: TargetKind = s.measure === 'cumulative' ? 'level' : s.measure === 'monthly' ? 'increment' : 'growth_rate';
    const unit = kind === 'level' ? '亿吨' : kind === 'increment' ? '万人' : '%';
    const value = kind === 'level' ? 1.4 : kind === 'increment' ? 13000 : 6;
    targets.push({
      id, planId: 1, position: id, section: '一、', indicator: `指标${seriesId}`, kind, value, valueLow: null, valueHigh: null, unit,
      comparator: id % 3 === 0 ? 'about' : 'at_least', qualifier: id % 5 === 0 ? 'strive' : null, basis: null,
      quote: '', quoteStart: 0, quoteEnd: 0, notes: '', tolerance: null, taskStatus: 'open',
    });
    links.set(id, { seriesId });
  }
  return { targets, links };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchVariance(): void {
  const seriesById = buildSeries();
  const { targets, links } = buildTargets(seriesById);

  let sink = 0;
  const baseline: number[] = [];
  const analysis: number[] = [];
  const withoutPrevious: number[] = [];
  let rows = 0;
  for (let run = 0; run < RUNS; run++) {
    let t0 = performance.now();
    for (const s of seriesById.values()) for (const p of s.points.values()) sink += p.value;
    baseline.push(performance.now() - t0);

    t0 = performance.now();
    const result = analyzeAll(targets, links, seriesById);
    analysis.push(performance.now() - t0);
    rows = result.length;
    sink += result.length;

    // The same analysis without month-on-month (较上月), to show what analysing the month before costs.
    t0 = performance.now();
    sink += analyzeAll(targets, links, seriesById, undefined, { monthOnMonth: false }).length;
    withoutPrevious.push(performance.now() - t0);
  }
  const a = median(analysis);
  const b = median(baseline);
  const points = [...seriesById.values()].reduce((n, s) => n + s.points.size, 0);
  console.log(`variance: ${rows} targets over ${SERIES} series (${points} points), median of ${RUNS} runs`);
  console.log(`  analyzeAll  ${a.toFixed(2)} ms  (budget 100 ms: ${a < 100 ? 'ok' : 'OVER'})`);
  const w = median(withoutPrevious);
  console.log(`  without month-on-month  ${w.toFixed(2)} ms  (analyzeAll ×${(a / w).toFixed(2)} of it)`);
  console.log(`  baseline    ${b.toFixed(2)} ms  (touch every point once)`);
  console.log(`  ratio       ${(a / b).toFixed(2)}×`);
  if (sink === -1) console.log(sink); // keep the loops from being optimised away
}

