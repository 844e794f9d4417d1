// The thresholds that turn a gap into a status. Defaults are a starting point for the analysts, not a
// rule of the bureau: 力争 (strive) targets get a wider at-risk band than plain ones, 确保 (ensure)
// targets a narrower one, because missing a hard commitment should be called off-track sooner.

import type { Qualifier } from '../domain/target';

export interface StatusBands {
  /**
   * Rate targets (growth, share, rate in %): how many percentage points outside the acceptable zone
   * still count as at_risk; further out is off_track.
   */
  rateAtRisk: number;
  /**
   * Value targets not in % (counts, latest levels): the at-risk band as a fraction of the target
   * (0.05 = within 5 % of the target on the wrong side).
   */
  valueAtRiskRelative: number;
  /** Level/increment targets: completion may lag the schedule by this many points and still be on_track. */
  scheduleOnTrack: number;
  /** Level/increment targets: a further lag up to this many points is at_risk; beyond it off_track. */
  scheduleAtRisk: number;
}

export interface StatusThresholds {
  /** Tolerance of `about` (左右) targets in percentage points when the target sets none. */
  defaultTolerance: number;
  /** Bands for targets without qualifier. */
  base: StatusBands;
  /** Overrides for 力争 / 确保 targets. */
  byQualifier: Partial<Record<Qualifier, Partial<StatusBands>>>;
}

/**
 * Defaults:
 *  - `about` tolerance ±0.5 point;
 *  - rates: up to 1.0 point short of the zone is at risk (力争 1.5, 确保 0.5);
 *  - values: up to 5 % short of the target is at risk (力争 8 %, 确保 3 %);
 *  - schedule: completion at or ahead of schedule is on track, up to 5 points behind at risk
 *    (力争 8, 确保 3).
 */
export const DEFAULT_STATUS_THRESHOLDS: StatusThresholds = {
  defaultTolerance: 0.5,
  base: { rateAtRisk: 1.0, valueAtRiskRelative: 0.05, scheduleOnTrack: 0, scheduleAtRisk: 5 },
  byQualifier: {
    strive: { rateAtRisk: 1.5, valueAtRiskRelative: 0.08, scheduleAtRisk: 8 },
    ensure: { rateAtRisk: 0.5, valueAtRiskRelative: 0.03, scheduleAtRisk: 3 },
  },
};

export function bandsFor(qualifier: Qualifier | null, thresholds: StatusThresholds = DEFAULT_STATUS_THRESHOLDS): StatusBands {
  const override = qualifier ? thresholds.byQualifier[qualifier] : undefined;
  return override ? { ...thresholds.base, ...override } : thresholds.base;
}
