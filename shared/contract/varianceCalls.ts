// Calls for linking targets to statistical series and for the variance analysis (执行情况) built on the links.
import * as z from '../zod';
import { safeTextMax } from './safeSchemas';
import type { Frequency, Measure, PeriodKey } from '../domain/series';
import type { Trend } from '../variance/trend';
import type { VarianceRow } from '../variance/types';
import { call, idSchema as id } from './call';

/** A series as the link editor and the CLI show it. */
export interface SeriesBrief {
  id: number;
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  region: string | null;
  lastPeriod: PeriodKey | null;
  observationCount: number;
}

/** Who decided a link: the analyst picked the series or wrote the formula (人工), or accepted a suggestion (采纳建议). */
export const LINK_SOURCES = ['manual', 'suggested'] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];

export interface LinkView {
  targetId: number;
  indicator: string;
  seriesId: number | null;
  formula: string | null;
  /** The level series stored with the link, else the companion found by name (source says which). */
  levelSeriesId: number | null;
  levelSource: 'stored' | 'companion' | null;
  /** `manual` (the analyst's choice) or `suggested` (an accepted suggestion). */
  source: LinkSource;
  createdAt: string;
  /** Who set the link (issue 14); '' in stores from before. */
  createdBy?: string;
  series: SeriesBrief | null;
}

export interface SuggestionView {
  targetId: number;
  indicator: string;
  seriesId: number;
  score: number;
  reason: string;
  series: SeriesBrief;
}

export interface CandidateView {
  series: SeriesBrief;
  /** Whether a link would be accepted (unit and measure can measure the target). */
  compatible: boolean;
  /** Why not, or how it fits, `中文 / English`. */
  why: string;
}

export interface LinkCandidates {
  /** Ranked by name similarity and fit, best first. */
  suggested: SuggestionView[];
  /** Series whose label or name contains the query (all series when it is empty), up to the limit. */
  matches: CandidateView[];
  totalMatches: number;
}

export interface AutoLinkResult {
  linked: SuggestionView[];
  /** Targets that already had a link: left as the analyst set them. */
  keptExisting: number;
  /** Non-task targets for which nothing was suggested. */
  unmatched: { targetId: number; indicator: string }[];
}

export interface VarianceResult {
  planId: number | null;
  planYear: number | null;
  /** The month analysed (`2025-10`). */
  asOf: PeriodKey | null;
  /** The newest month with data among the linked series (the default as-of). */
  latestPeriod: PeriodKey | null;
  rows: VarianceRow[];
}

export interface VarianceTrend extends Trend {
  targetId: number;
  asOf: PeriodKey | null;
}

export interface ProvenanceItem {
  /** Which figure this observation feeds, `中文 / English`. */
  role: string;
  seriesId: number;
  seriesLabel: string;
  unit: string;
  period: PeriodKey;
  /** The period as the file wrote it (`2025年1-10月`). */
  sourcePeriod: string;
  value: number;
  batchId: number;
  file: string;
  sheet: string;
  cell: string;
  importedAt: string | null;
}

export interface VarianceProvenance {
  targetId: number;
  asOf: PeriodKey | null;
  items: ProvenanceItem[];
}

/** `2025-10`: the month the analysis is as of. */
export const monthSchema = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM / month must be YYYY-MM'));

const toleranceSchema = z.number().check(z.gte(0), z.lte(20));
const optionalPlan = z.optional(id);
/** The month and tolerance a variance call may name. */
const asOfAndTolerance = { asOf: z.optional(monthSchema), tolerance: z.optional(toleranceSchema) };

export const varianceCalls = {
  /** The best candidate per non-task target of the plan (default: the newest plan) that a link would accept; unlinkedOnly: targets without a link. */
  suggestLinks: call<SuggestionView[]>()(z.strictObject({ planId: optionalPlan, unlinkedOnly: z.optional(z.boolean()) })),
  /** For the link editor: the ranked candidates of one target, and any series matching the typed text. */
  linkCandidates: call<LinkCandidates>()(
    z.strictObject({ targetId: id, query: z.optional(safeTextMax(200)), limit: z.optional(z.number().check(z.int(), z.gte(1), z.lte(500))) }),
  ),
  listLinks: call<LinkView[]>()(z.strictObject({ planId: optionalPlan })),
  /** Sets or (seriesId null, no formula) removes a target's link; refuses units or measures that cannot measure the target. */
  setLink: call<{ link: LinkView | null }>()(
    z.strictObject({
      targetId: id,
      seriesId: z.nullable(id),
      formula: z.optional(z.nullable(safeTextMax(2000))),
      levelSeriesId: z.optional(z.nullable(id)),
      /** `suggested` when the analyst accepted one of the target's suggestions (checked: it must be one). Default `manual`. */
      source: z.optional(z.enum(LINK_SOURCES)),
    }),
  ),
  /**
   * Accepts the suggestions for the plan's unlinked targets (recorded as `suggested`); existing links are kept.
   * With targetIds, only those targets' suggestions: what the analyst left ticked in the review list.
   */
  autoLink: call<AutoLinkResult>()(z.strictObject({ planId: optionalPlan, targetIds: z.optional(z.array(id).check(z.maxLength(5000))) })),
  variance: call<VarianceResult>()(z.strictObject({ planId: optionalPlan, ...asOfAndTolerance })),
  varianceTrend: call<VarianceTrend>()(z.strictObject({ targetId: id, ...asOfAndTolerance })),
  varianceProvenance: call<VarianceProvenance>()(z.strictObject({ targetId: id, ...asOfAndTolerance })),
};
