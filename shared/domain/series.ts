// Statistical series as the bureau publishes them: what is measured (measure), how often (frequency),
// in which unit, and each observation with the period it covers and the cell it was read from.

/**
 * monthly        当期值 / 当月值: the period alone
 * cumulative     累计值: January (or the year's start) to the period named
 * yoy            当月同比 %: the period alone against the same period last year
 * yoy_cumulative 累计同比 / 累计增长 %: year to date against the same months last year
 * index          指数 (上年同月=100 or 上年同期=100: the unit says which)
 * stock          期末值 / 余额 / 年末: a level at the period's end (money supply, loan balances); never summed over months
 * mom            环比 %: growth on the previous period (not on the same period last year)
 * level          the value of a year or a quarter as a whole that is not year-to-date (annual GDP by region, `2024年`);
 *                a month's own value stays `monthly`
 */
export const MEASURES = ['monthly', 'cumulative', 'yoy', 'yoy_cumulative', 'index', 'stock', 'mom', 'level'] as const;
export type Measure = (typeof MEASURES)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const MEASURE_LABELS: Record<Measure, { zh: string; en: string }> = {
  monthly: { zh: '当期值', en: 'Period value' },
  cumulative: { zh: '累计值', en: 'Cumulative' },
  yoy: { zh: '当月同比', en: 'YoY (period)' },
  yoy_cumulative: { zh: '累计同比', en: 'YoY (cumulative)' },
  index: { zh: '指数', en: 'Index' },
  stock: { zh: '期末值', en: 'End-of-period stock' },
  mom: { zh: '环比', en: 'MoM (on previous period)' },
  level: { zh: '全期值', en: 'Whole-period level' },
};

/**
 * Period keys, canonical and sortable:
 *  month   `2025-10`  (for cumulative measures: January to October)
 *  quarter `2025-Q3`  (for cumulative measures: Q1 to Q3, i.e. 前三季度)
 *  year    `2025`
 */
export type PeriodKey = string;

/** Where a number came from: the cell of an imported file. */
export interface CellSource {
  file: string;
  sheet: string;
  /** A1 reference for spreadsheets, `L12` (line 12) for CSV. */
  cell: string;
  /** The row label as written, e.g. `原煤产量累计值(万吨)`. */
  label: string;
  /** The period as written, e.g. `2025年1-10月`. */
  sourcePeriod: string;
}

export interface SeriesKey {
  /** The indicator without measure and unit, e.g. `原煤产量`. */
  name: string;
  /** The indicator exactly as written in the file. */
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  region: string | null;
}

/** What names a series to a reader: the indicator, its label as written, unit, measure and frequency. */
export type SeriesDescription = Pick<SeriesKey, 'name' | 'label' | 'unit' | 'measure' | 'frequency'>;

/**
 * The description of any series-like value (a stored or parsed series, a row of the store), as a new object
 * with exactly those five fields: the one projection the previews, the import summary, the analysis input
 * and the CLI's JSON share, so a field added to a series reaches all of them or none.
 */
export function seriesDescription(s: SeriesDescription): SeriesDescription {
  return { name: s.name, label: s.label, unit: s.unit, measure: s.measure, frequency: s.frequency };
}

export interface Series extends SeriesKey {
  id: number;
  firstPeriod: PeriodKey | null;
  lastPeriod: PeriodKey | null;
  observationCount: number;
  lastBatchId: number | null;
}

export interface Observation {
  seriesId: number;
  period: PeriodKey;
  value: number;
  batchId: number;
  /** Vintage: higher = later import. The current value is the one of the newest vintage. */
  vintage: number;
  current: boolean;
  source: CellSource;
}

export interface ImportBatch {
  id: number;
  fileName: string;
  fileHash: string;
  importedAt: string;
  seriesCount: number;
  observationCount: number;
  skippedCount: number;
  undone: boolean;
  /** Who imported it and who undid it, when (issue 14); '' / null in stores from before. */
  importedBy?: string;
  undoneBy?: string | null;
  undoneAt?: string | null;
}
