// The result of the variance analysis for one target, as the CLI's `variance --json` prints it and the
// variance view shows it. Rates are in percent (85.0 = 85 %); gaps of rates are in percentage points.

export const STATUSES = ['met', 'on_track', 'at_risk', 'off_track', 'no_data'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, { zh: string; en: string }> = {
  met: { zh: '已完成', en: 'Met' },
  on_track: { zh: '符合进度', en: 'On track' },
  at_risk: { zh: '有风险', en: 'At risk' },
  off_track: { zh: '滞后', en: 'Off track' },
  no_data: { zh: '无数据', en: 'No data' },
};

export interface ProvenanceRef {
  seriesId: number;
  period: string;
  value: number;
  batchId: number;
  file: string;
  sheet: string;
  cell: string;
}

/** The same target's analysis as of the month before (month-on-month). */
export interface PreviousReading {
  /** The month before the row's as-of (`2025-09`). */
  asOf: string;
  /** The period last month's figure referred to (`2025-09`; the same as this month's when no new data came). */
  period?: string | null;
  status: Status;
  actual: number | null;
  gap: number | null;
  /** Completion rate last month (level targets), so the change can be said in 个百分点 of completion. */
  completionRate?: number | null;
}

export interface VarianceRow {
  targetId: number;
  indicator: string;
  section: string;
  seriesName: string | null;
  /** The period the actual refers to, e.g. `2025-10`. */
  asOf: string | null;
  actual: number | null;
  actualUnit: string | null;
  /** The target in the unit of `actual`. */
  target: number | null;
  gap: number | null;
  /** `个百分点` (pp) for rates, else the unit of actual. */
  gapUnit: string | null;
  completionRate: number | null;
  scheduleCalendar: number | null;
  scheduleSeasonal: number | null;
  projectionRunRate: number | null;
  projectionSeasonal: number | null;
  required: number | null;
  requiredGrowth: number | null;
  status: Status;
  /** The rule that decided the status, in words (Chinese, then English). */
  rule: string;
  provenance: ProvenanceRef[];
  // Additive fields filled by the analysis (optional so that rows built elsewhere stay valid).
  /** How the actual was read: `yoy_cumulative`, `index`, `derived_cumulative`, `derived_period_sum`, `yoy_period`, `level_cumulative`, `level_period_sum`, `latest`. */
  method?: string | null;
  /** Which schedule the gap of a level or increment target is measured against. */
  scheduleBasis?: 'seasonal' | 'calendar' | null;
  /** Caveats about the data (missing months, stale periods, substitutes), each `中文 / English`. */
  notes?: string[];
  /**
   * The target as of the month before (null when that month is before the plan's year or not analysed).
   * Filled by analyzeAll; optional only so that rows built elsewhere stay valid.
   */
  previous?: PreviousReading | null;
  /** The change since last month in words: `较上月提高0.3个百分点`, `由有风险转为符合进度`; null when nothing to say. */
  sincePrevious?: string | null;
}

