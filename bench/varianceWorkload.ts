// The variance benchmarks' workload, shared so the maths-only and the service benchmarks measure the same
// thing: 2,000 targets over 10,000 series of 120 months, in the mix of shapes the bureau publishes.
import type { Frequency, Measure } from '../shared/domain/series';

export const SERIES = 10_000;
export const TARGETS = 2_000;
export const FIRST_YEAR = 2016; // 2016-01 … 2025-12: 120 months
export const YEARS = 10;
export const RUNS = 9;

export interface Shape {
  measure: Measure;
  frequency: Frequency;
  unit: string;
}

// Cumulative growth, cumulative levels, period values, indices, quarterly GDP.
export const SHAPES: readonly Shape[] = [
  { measure: 'yoy_cumulative', frequency: 'monthly', unit: '%' },
  { measure: 'cumulative', frequency: 'monthly', unit: '万吨' },
  { measure: 'monthly', frequency: 'monthly', unit: '万人' },
  { measure: 'index', frequency: 'monthly', unit: '上年同期=100' },
  { measure: 'yoy_cumulative', frequency: 'quarterly', unit: '%' },
];

/** Deterministic pseudo-random numbers (xorshift), so runs are comparable. */
export function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 1_000_000) / 1_000_000;
  };
}
