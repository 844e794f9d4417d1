// How a sheet's cells map onto series and observations: proposed by layout detection, shown to the analyst,
// corrected and applied again. Plain JSON (rows and columns 0-based) so it can cross the contract; the schema
// validates a mapping that comes back from the renderer or a CLI file.

import { z } from 'zod';
import { FREQUENCIES, MEASURES } from '../domain/series';
import type { CellSource, PeriodKey, SeriesKey } from '../domain/series';

export const LAYOUTS = ['wide', 'long', 'analyst'] as const;
export type Layout = (typeof LAYOUTS)[number];

const index = z.number().int().min(0).max(1_048_576);

export const periodColumnSchema = z.object({
  column: index,
  /** The header as written; with a year row above, `2025年 1-2月`. */
  label: z.string().max(200),
  period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/),
  frequency: z.enum(FREQUENCIES),
  cumulative: z.boolean(),
});
export type PeriodColumn = z.infer<typeof periodColumnSchema>;

export const rowOverrideSchema = z.object({
  row: index,
  skip: z.boolean().optional(),
  measure: z.enum(MEASURES).optional(),
  unit: z.string().max(50).optional(),
  name: z.string().max(200).optional(),
});
export type RowOverride = z.infer<typeof rowOverrideSchema>;

/** Indicators in rows, periods in columns: the NBS portal export (`wide`) and analysts' own workbooks (`analyst`). */
export const gridMappingSchema = z.object({
  layout: z.enum(['wide', 'analyst']),
  /** Row holding the period headers (the lower one when headers take two rows). */
  headerRow: index,
  /** Row above holding year headers (`2025年` over `1-2月`, `3月`), or null. */
  yearRow: index.nullable(),
  labelColumn: index,
  unitColumn: index.nullable(),
  firstDataRow: index,
  lastDataRow: index,
  periodColumns: z.array(periodColumnSchema).max(20_000),
  region: z.string().max(100).nullable(),
  rowOverrides: z.array(rowOverrideSchema).max(100_000).default([]),
});
export type GridMapping = z.infer<typeof gridMappingSchema>;

/** One observation per row: indicator, unit, period, value. */
export const longMappingSchema = z.object({
  layout: z.literal('long'),
  headerRow: index,
  firstDataRow: index,
  lastDataRow: index,
  indicatorColumn: index,
  periodColumn: index,
  valueColumn: index,
  unitColumn: index.nullable(),
  regionColumn: index.nullable(),
  region: z.string().max(100).nullable(),
});
export type LongMapping = z.infer<typeof longMappingSchema>;

export const sheetMappingSchema = z.discriminatedUnion('layout', [gridMappingSchema, longMappingSchema]);
export type SheetMapping = z.infer<typeof sheetMappingSchema>;

/** A cell the importer would not take as it stands: refused with the file unless the analyst skips it. */
export interface CellProblem {
  sheet: string;
  /** A1 reference (spreadsheets) or `L12` (CSV line). */
  cell: string;
  /** Bilingual reason. */
  reason: string;
  code: string;
  value?: string;
}

export interface ParsedObservation {
  period: PeriodKey;
  value: number;
  source: CellSource;
}

export type ParsedSeries = SeriesKey & { observations: ParsedObservation[] };

export interface ParsedSheet {
  name: string;
  layout: Layout;
  mapping: SheetMapping;
  series: ParsedSeries[];
  problems: CellProblem[];
  /** Not refusals: unknown units, inferred measures, rows skipped as totals or section headings. */
  warnings: string[];
}

export interface ParsedFile {
  fileName: string;
  format: 'xlsx' | 'xls' | 'ods' | 'csv';
  /** For CSV: the encoding detected (`utf-8`, `gb18030`, …). */
  encoding: string | null;
  sheets: ParsedSheet[];
  skippedSheets: { name: string; reason: string }[];
  /** Every sheet's problems together (the refusal list). */
  problems: CellProblem[];
  warnings: string[];
  observationCount: number;
  /** When asked for: the top-left cells of every sheet read, as text (rows, then columns), to show a mapping over. */
  heads?: { name: string; rows: string[][] }[];
}
