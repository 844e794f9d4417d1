// Axis limits are clean numbers: whole multiples of a 1-2-5 step, without the float noise (5.1000000000000005)
// that ECharts 6 refuses, and they hold every value.
import { describe, expect, it } from 'vitest';
import { niceAxis, niceStep, stepDecimals } from '../../shared/brief/niceAxis';

const printsClean = (x: number) => String(x).length <= 12 && !/0000000|9999999/.test(String(x));

describe('niceStep', () => {
  it('rounds up to 1, 2 or 5 × 10ⁿ', () => {
    expect(niceStep(0.23)).toBe(0.5);
    expect(niceStep(0.1)).toBe(0.1);
    expect(niceStep(3)).toBe(5);
    expect(niceStep(1200)).toBe(2000);
    expect(niceStep(0.07)).toBe(0.1);
    expect(stepDecimals(0.05)).toBe(2);
    expect(stepDecimals(20)).toBe(0);
  });
});

describe('niceAxis', () => {
  it('gives the limits of the reported failure as clean numbers', () => {
    // Unemployment 5.2–5.6 %, GDP 5.7 against 6: the data that broke the briefing.
    const axis = niceAxis([5.2, 5.3, 5.6, 5.5, 5.4, 5.7, 6], { includeZero: false });
    expect(printsClean(axis.min) && printsClean(axis.max)).toBe(true);
    expect(axis.min).toBeLessThanOrEqual(5.2);
    expect(axis.max).toBeGreaterThanOrEqual(6);
  });

  it('is clean, holds the data and is a whole number of steps for many inputs', () => {
    const cases: number[][] = [[5.1], [5.55], [-0.1], [99.9, 100.1], [100], [-0.1, 5.55, 5.1], [0.3, 0.30000000000000004], [120000, 72000], [12.5, 12, 7], [1e-3, 2e-3], [-5.6, -0.2]];
    for (let a = 0; a < 40; a++) cases.push([Number((a * 0.37 - 3.1).toFixed(2)), Number((a * 1.13).toFixed(2))]);
    for (const values of cases) {
      for (const includeZero of [true, false]) {
        const { min, max, interval } = niceAxis(values, { includeZero });
        expect(printsClean(min) && printsClean(max) && printsClean(interval), `${values} → ${min}..${max} / ${interval}`).toBe(true);
        expect(min).toBeLessThanOrEqual(Math.min(...values));
        expect(max).toBeGreaterThanOrEqual(Math.max(...values));
        expect(max).toBeGreaterThan(min);
        const steps = (max - min) / interval;
        expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
        if (includeZero && Math.min(...values) >= 0) expect(min).toBe(0);
      }
    }
  });

  it('keeps an index near 100 off zero and gives a single point a span', () => {
    const index = niceAxis([99.9, 100.0, 100.1, 102], { includeZero: false });
    expect(index.min).toBeGreaterThan(95);
    const one = niceAxis([5.7], { includeZero: false });
    expect(one.min).toBeLessThan(5.7);
    expect(one.max).toBeGreaterThan(5.7);
    expect(niceAxis([], { includeZero: true })).toEqual({ min: 0, max: expect.any(Number), interval: expect.any(Number) });
  });
});
