// What counts as meeting a target, as an interval on the actual's scale: `以上` is [t, ∞), `以内` (−∞, t],
// `左右` [t−tol, t+tol]. A kind has a favourable direction (growth: higher is better), and an `about`
// band is open on that side: 8 % growth against `6%左右` is not a risk, it is ahead.

import type { Comparator, TargetDirection } from '../domain/target';
import { type Bilingual, bi, fmtAmount } from './wording';

export type Direction = 'up' | 'down' | 'none';

export interface Zone {
  low: number;
  high: number;
  /** Open bounds exclude the bound itself (`突破 t` is (t, ∞)). */
  lowOpen: boolean;
  highOpen: boolean;
}

export interface TargetBounds {
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
}

/**
 * The side an `about`/`stable`/bare/`reach` target is open towards, from the target's direction: a floor
 * (higher is better) up, a ceiling (lower is better) down, a band neither. Explicit bounds (以上, 突破, 以内)
 * keep their own side.
 */
export function zoneDirection(comparator: Comparator | null, direction: TargetDirection): Direction {
  switch (comparator) {
    case 'at_least':
    case 'exceed':
      return 'up';
    case 'at_most':
      return 'down';
    default:
      return direction === 'higher_better' ? 'up' : direction === 'lower_better' ? 'down' : 'none';
  }
}

/** at_least/reach/exceed point up, at_most down; about/stable/range and no comparator follow the kind. */
export function directionFor(comparator: Comparator | null, kindDefault: Direction): Direction {
  switch (comparator) {
    case 'at_least':
    case 'reach':
    case 'exceed':
      return 'up';
    case 'at_most':
      return 'down';
    default:
      return kindDefault;
  }
}

/** The single figure a target is quoted by: its value, else the lower bound of a range (the part that must be reached). */
export function headlineValue(b: TargetBounds): number | null {
  return b.value ?? b.valueLow ?? b.valueHigh;
}

/** The acceptable interval for `comparator` on the target's scale, or null when the target has no number. */
export function acceptableZone(comparator: Comparator | null, b: TargetBounds, tolerance: number, direction: Direction): Zone | null {
  const closed = (low: number, high: number): Zone => ({ low, high, lowOpen: false, highOpen: false });
  const openTowards = (z: Zone): Zone =>
    direction === 'up' ? { ...z, high: Infinity, highOpen: false } : direction === 'down' ? { ...z, low: -Infinity, lowOpen: false } : z;

  if (comparator === 'range' || (b.value === null && b.valueLow !== null && b.valueHigh !== null)) {
    const low = b.valueLow ?? b.value;
    const high = b.valueHigh ?? b.value;
    if (low === null || high === null) return null;
    return openTowards(closed(Math.min(low, high), Math.max(low, high)));
  }
  const t = headlineValue(b);
  if (t === null) return null;
  switch (comparator) {
    case 'about':
    case 'stable':
      return openTowards(closed(t - tolerance, t + tolerance));
    case 'at_least':
      return closed(t, Infinity);
    case 'exceed':
      return { low: t, high: Infinity, lowOpen: true, highOpen: false };
    case 'at_most':
      return closed(-Infinity, t);
    case 'reach':
    case null:
    default:
      return direction === 'down' ? closed(-Infinity, t) : closed(t, Infinity);
  }
}

/** The zone seen from the other side of zero: a reduction of ≥ 12 is a growth of ≤ −12. */
export function mirrorZone(z: Zone): Zone {
  return { low: -z.high, high: -z.low, lowOpen: z.highOpen, highOpen: z.lowOpen };
}

/** Derived figures carry binary noise (5.799999999999997 for 5.8): a bound is met within this slack. */
export const COMPARISON_EPSILON = 1e-9;

export function inZone(x: number, z: Zone): boolean {
  const e = COMPARISON_EPSILON;
  const aboveLow = z.lowOpen ? x > z.low + e : x >= z.low - e;
  const belowHigh = z.highOpen ? x < z.high - e : x <= z.high + e;
  return aboveLow && belowHigh;
}

/** How far x lies outside the zone (0 inside, or exactly on an open bound). */
export function distanceOutside(x: number, z: Zone): number {
  if (x < z.low) return z.low - x;
  if (x > z.high) return x - z.high;
  return 0;
}

/** `≥5.5%`, `≤-12%`, `5.5～6.5%`: symbols rather than words, so both halves of the rule read alike. */
export function describeZone(z: Zone, unit: string): Bilingual {
  const n = (x: number) => `${fmtAmount(x)}${unit}`;
  const e = (x: number) => `${fmtAmount(x)}${unit === '%' || unit === '' ? unit : ` ${unit}`}`;
  if (z.low === -Infinity && z.high === Infinity) return bi('任意值', 'any value');
  if (z.high === Infinity) return bi(`${z.lowOpen ? '>' : '≥'}${n(z.low)}`, `${z.lowOpen ? '>' : '≥'} ${e(z.low)}`);
  if (z.low === -Infinity) return bi(`${z.highOpen ? '<' : '≤'}${n(z.high)}`, `${z.highOpen ? '<' : '≤'} ${e(z.high)}`);
  return bi(`${fmtAmount(z.low)}～${n(z.high)}`, `${fmtAmount(z.low)} to ${e(z.high)}`);
}
