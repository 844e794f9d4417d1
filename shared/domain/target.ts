// Targets as the plan states them: what is measured, how, the number as printed, and where it stands.
// Enumerations are the vocabulary of the CLI's `targets --json` and of the store.

export const TARGET_KINDS = ['growth_rate', 'level', 'increment', 'share', 'count', 'reduction', 'task'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/** 左右 about · 以上/不低于 at_least · 以内/不超过/控制在 at_most · 达到/完成 reach · 突破/超过 exceed · 稳定在/保持在 stable · a—b range */
export const COMPARATORS = ['about', 'at_least', 'at_most', 'reach', 'exceed', 'stable', 'range'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** 力争 strive (soft) · 确保 ensure (hard) */
export const QUALIFIERS = ['strive', 'ensure'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

export const KIND_LABELS: Record<TargetKind, { zh: string; en: string }> = {
  growth_rate: { zh: '增速', en: 'Growth rate' },
  level: { zh: '总量', en: 'Level' },
  increment: { zh: '新增量', en: 'Increment' },
  share: { zh: '比例', en: 'Share' },
  count: { zh: '数量', en: 'Count' },
  reduction: { zh: '下降', en: 'Reduction' },
  task: { zh: '任务', en: 'Task' },
};

export const COMPARATOR_LABELS: Record<Comparator, { zh: string; en: string }> = {
  about: { zh: '左右', en: 'about' },
  at_least: { zh: '以上', en: 'at least' },
  at_most: { zh: '以内', en: 'at most' },
  reach: { zh: '达到', en: 'reach' },
  exceed: { zh: '突破', en: 'exceed' },
  stable: { zh: '稳定在', en: 'stable at' },
  range: { zh: '区间', en: 'range' },
};

export const QUALIFIER_LABELS: Record<Qualifier, { zh: string; en: string }> = {
  strive: { zh: '力争', en: 'strive' },
  ensure: { zh: '确保', en: 'ensure' },
};

/**
 * Which way is good: higher_better (a floor: GDP growth, output), lower_better (a ceiling: the surveyed
 * unemployment rate, price rises, energy use per unit of GDP, PM2.5), band (either side is a miss: 区间, 稳定在).
 */
export const TARGET_DIRECTIONS = ['higher_better', 'lower_better', 'band'] as const;
export type TargetDirection = (typeof TARGET_DIRECTIONS)[number];

export const DIRECTION_LABELS: Record<TargetDirection, { zh: string; en: string }> = {
  higher_better: { zh: '越高越好', en: 'Higher is better' },
  lower_better: { zh: '越低越好', en: 'Lower is better' },
  band: { zh: '区间', en: 'Band' },
};

/** Progress of a target as the analyst records it; the plan's number-less tasks are tracked by it alone. */
export const TASK_STATUSES = ['open', 'in_progress', 'done', 'blocked'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  open: { zh: '未开始', en: 'Not started' },
  in_progress: { zh: '推进中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  blocked: { zh: '受阻', en: 'Blocked' },
};

/**
 * Which part of the document a figure belongs to: the plan year's work and targets, the review of past years
 * (actual results, not targets) or the goals of a multi-year period (outlook). Only `plan_year` items are targets.
 */
export const PLAN_SCOPES = ['plan_year', 'review', 'outlook'] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number];

export const PLAN_SCOPE_LABELS: Record<PlanScope, { zh: string; en: string }> = {
  plan_year: { zh: '本年目标', en: 'Plan year' },
  review: { zh: '往年实绩', en: 'Review (actuals)' },
  outlook: { zh: '远景目标', en: 'Outlook' },
};

/** Another place where the document states the same target (a headline target restated in a section). */
export interface StatementRef {
  section: string;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  /** How this statement differs from the one kept (`力争`, `以上`), in the document's words; empty when it does not. */
  differences: string[];
}

/** A target as extracted from a plan document, before it is stored. */
export interface TargetDraft {
  /** Section path in the document, e.g. `三、(三)`; `总体目标` for the opening paragraph of main targets. */
  section: string;
  indicator: string;
  kind: TargetKind;
  /** The number as printed; for a range the midpoint is not invented: value is null and low/high are set. */
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string | null;
  comparator: Comparator | null;
  qualifier: Qualifier | null;
  /** What the figure is measured against: `同口径`, `较2020年`, … */
  basis: string | null;
  /** The sentence (or clause) the target was read from, verbatim from the normalised text. */
  quote: string;
  /** Character offsets of `quote` in the normalised document text. */
  quoteStart: number;
  quoteEnd: number;
  /** Part of the document; absent means `plan_year` (stored targets are always of the plan year). */
  scope?: PlanScope;
  /** For `review`: the year the result is of (last year's actual, useful beside this year's target). */
  year?: number | null;
  /** For `outlook`: the end year of the multi-year goal (`到2030年`, `"十五五"时期` → 2030). */
  endYear?: number | null;
  /** The other statements of a restated target; absent or empty when it is stated once. */
  alsoStatedAt?: StatementRef[];
}

/** A stored target. */
export interface Target extends TargetDraft {
  id: number;
  planId: number;
  /** Order within the plan (document order). */
  position: number;
  notes: string;
  /** Tolerance band in percentage points for `about` targets; null = the default (0.5). */
  tolerance: number | null;
  taskStatus: TaskStatus;
  /**
   * Which way is good; derived from the wording when the target is stored, editable by the analyst. The store
   * always fills it; optional so that targets built in memory (fixtures, proposals) are read by `directionOf`.
   */
  direction?: TargetDirection;
  /**
   * Rises with every saved change to the target (issue 14): an editor sends the revision it showed, and a save
   * against an older one is checked for a colleague's change. The store always fills these; absent in memory.
   */
  revision?: number;
  /** Who made the last saved change, and when (null before any). */
  updatedBy?: string | null;
  updatedAt?: string | null;
}

/** Fields of a target the analyst may edit in the grid. */
export const EDITABLE_TARGET_FIELDS = ['value', 'valueLow', 'valueHigh', 'unit', 'comparator', 'qualifier', 'notes', 'indicator', 'basis', 'tolerance', 'taskStatus', 'direction'] as const;
export type EditableTargetField = (typeof EDITABLE_TARGET_FIELDS)[number];

export interface Plan {
  id: number;
  year: number;
  region: string;
  title: string;
  sourceFile: string;
  createdAt: string;
}
