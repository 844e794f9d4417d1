// What the exporters take in: everything a workbook or a briefing shows, already computed by the service,
// so the exporters only lay out numbers they were given (every number traceable to its row or cell).

import type { Target } from '../domain/target';
import type { ImportBatch, Series } from '../domain/series';
import type { VarianceRow } from '../variance/types';

export interface ExportPlan {
  year: number;
  region: string;
  title: string;
}

/** One observation in long form, with the cell it was read from. */
export interface ExportObservation {
  period: string;
  value: number;
  batchId: number;
  file: string;
  sheet: string;
  cell: string;
}

export interface ExportSeries {
  series: Series;
  observations: ExportObservation[];
}

export interface ExportInput {
  plan: ExportPlan;
  /** The month of the analysis, `2025-10`. */
  asOf: string;
  /** ISO timestamp of the export. */
  exportedAt: string;
  targets: Target[];
  variance: VarianceRow[];
  series: ExportSeries[];
  batches: ImportBatch[];
  /** Who the statistics come from, e.g. `自治区统计局`; printed on the 说明 sheet. */
  source?: string;
}

export interface ExportResult {
  filePath: string;
  sheets: string[];
  /** Cells holding live formulas (all in the 执行情况 sheet). */
  formulaCells: number;
  /** Where the formulas are, as `sheet!A1`, so tests and the caller can check nothing else holds one. */
  formulaAddresses: string[];
}

/** How a grid column's values are written. */
export type GridColumnType =
  | 'text'
  | 'integer'
  /** a level: thousands separators, decimals as needed (≤ 2) */
  | 'number'
  /** a rate in percent (85.0 = 85 %), one decimal */
  | 'percent'
  /** a difference of rates, in percentage points, signed, one decimal */
  | 'pp'
  | 'status'
  | 'date';

export interface GridViewColumn {
  field: string;
  headerName: string;
  unit?: string;
  type: GridColumnType;
  /**
   * For a column whose unit varies by row (实际 in % for one target, 亿吨 for the next): the row field that
   * holds each cell's unit. The cell is then written as a number with that unit in its number format.
   */
  unitField?: string;
}

/** The grid as the analyst sees it: columns in their order, rows after filtering and sorting. */
export interface GridView {
  title: string;
  /** A line under the title, e.g. the cut-off `数据截至2025年10月`. */
  subtitle?: string;
  columns: GridViewColumn[];
  rows: Record<string, unknown>[];
}

/** A series through the year for a trend chart, with the target it is judged against. */
export interface BriefTrend {
  targetId: number;
  /** Chart title; defaults to the target's indicator. */
  title?: string;
  /** Cumulative periods (`2025-02` … `2025-10`) are labelled `1-2月` … `1-10月`. */
  cumulative?: boolean;
  points: { period: string; value: number }[];
  targetValue: number | null;
  unit: string;
  /** Last year's values for the same periods, drawn as a thin grey line when given. */
  lastYear?: { period: string; value: number }[];
  /** Level targets: where the year to date should stand by each month (序时进度), in the target's unit. */
  schedule?: { period: string; value: number }[];
}

/** `standard`: summary, charts, trends, table · `charts`: no table · `table`: summary and table only. */
export const BRIEF_LAYOUTS = ['standard', 'charts', 'table'] as const;
export type BriefLayoutKind = (typeof BRIEF_LAYOUTS)[number];

export interface BriefInput {
  /** `2025年全区主要经济指标执行情况` */
  title: string;
  /** `2025-10` */
  asOf: string;
  /** `资料来源：自治区统计局` */
  sourceLine: string;
  rows: VarianceRow[];
  targets: Target[];
  trends: BriefTrend[];
  layout?: BriefLayoutKind;
  /** A line under the title, e.g. the issuing office; optional. */
  issuer?: string;
}
