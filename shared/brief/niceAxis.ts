// Axis limits for the charts (pure): a step of 1, 2 or 5 × 10ⁿ and limits that are whole multiples of it,
// rounded to the step's decimals. Multiplying floats leaves noise (51 × 0.1 = 5.1000000000000005) that
// ECharts 6 refuses as an axis extent, and that would print as a label: every limit here is a clean number.

export interface NiceAxis {
  min: number;
  max: number;
  interval: number;
}

/** 1, 2 or 5 × 10ⁿ, the smallest not below `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const exponent = Math.floor(Math.log10(raw));
  const magnitude = 10 ** exponent;
  const normalised = raw / magnitude;
  const nice = normalised <= 1 + 1e-9 ? 1 : normalised <= 2 + 1e-9 ? 2 : normalised <= 5 + 1e-9 ? 5 : 10;
  return roundTo(nice * magnitude, Math.max(0, -exponent));
}

/** Decimals a step needs (0.05 → 2, 20 → 0). */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 12; d++) if (Math.abs(Number(step.toFixed(d)) - step) < step * 1e-9) return d;
  return 12;
}

function roundTo(x: number, decimals: number): number {
  const r = Number(x.toFixed(decimals));
  return Object.is(r, -0) ? 0 : r;
}

export interface NiceAxisOptions {
  /** Keep zero on the axis (levels, bars); a rate or an index is shown around its data instead. */
  includeZero: boolean;
  /** About how many intervals the axis should have. */
  splits?: number;
}

/**
 * Limits that hold every value with a little room, in whole steps. With `includeZero` and nothing negative
 * the axis starts at 0 (never at a padded −5). A single value (or all equal) still gets a span around it.
 */
export function niceAxis(values: readonly number[], opts: NiceAxisOptions): NiceAxis {
  const finite = values.filter((v) => Number.isFinite(v));
  const data = finite.length > 0 ? finite : [0, 1];
  let lo = Math.min(...data, ...(opts.includeZero ? [0] : []));
  let hi = Math.max(...data, ...(opts.includeZero ? [0] : []));
  if (hi - lo === 0) {
    // One point (or a flat line): a span of a tenth of its size, at least 1, centred on it.
    const half = Math.max(Math.abs(hi) * 0.05, 0.5);
    lo = opts.includeZero && lo >= 0 ? 0 : lo - half;
    hi += half;
  }
  const span = hi - lo;
  const step = niceStep(span / (opts.splits ?? 5));
  const decimals = stepDecimals(step);
  const min = opts.includeZero && lo >= 0 ? 0 : roundTo(Math.floor(roundTo((lo - span * 0.05) / step, 9)) * step, decimals);
  const max = roundTo(Math.ceil(roundTo((hi + span * 0.08) / step, 9)) * step, decimals);
  return { min, max: max > min ? max : roundTo(min + step, decimals), interval: step };
}
