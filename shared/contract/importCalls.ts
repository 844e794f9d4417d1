// Calls for importing statistics files (preview, commit, as a job with progress), the import history and its
// undo, and reading the series back. File bytes travel base64-encoded; mappings are the analyst's corrections.
import * as z from '../zod';
import { safeTextMax } from './safeSchemas';
import { MEASURES, type Frequency, type ImportBatch, type Measure, type Observation, type Series } from '../domain/series';
import type { ImportCheck } from '../import/checks';
import type { ChangeSummary, ObservationStatus } from '../import/importChanges';
import type { WireError } from '../errors';
import { LAYOUTS, sheetMappingSchema, type CellProblem, type Layout, type SheetMapping } from '../import/mapping';
import { call, fileSchema, idSchema as id } from './call';

const sheetName = safeTextMax(255, 1);
const rowIndex = z.number().check(z.int(), z.gte(0), z.lte(1_048_576));
const MAX_SHEET_ENTRIES = 100;
const fewEntries = (o: object) => Object.keys(o).length <= MAX_SHEET_ENTRIES;
/** Values by sheet name, for at most MAX_SHEET_ENTRIES sheets; the argument may be left out. */
const bySheet = <V extends z.core.SomeType>(value: V) =>
  z.optional(z.record(sheetName, value).check(z.refine(fewEntries, { message: `最多 ${MAX_SHEET_ENTRIES} 个工作表 / At most ${MAX_SHEET_ENTRIES} sheets` })));

/** The analyst's header row for a sheet (and the year row above it, for two-row headers). */
export const headerRowHintSchema = z
  .strictObject({ headerRow: rowIndex, yearRow: z.nullable(rowIndex) })
  .check(z.refine((h) => h.yearRow === null || h.yearRow < h.headerRow, { message: '年份行必须在表头行之上 / The year row must be above the header row' }));
export type HeaderRowHint = z.infer<typeof headerRowHintSchema>;

/** What every import call reads: the file, which sheet (default: all with a table), and the analyst's corrections. */
export const importFileArgsShape = {
  file: fileSchema,
  sheet: z.optional(sheetName),
  /** Corrected mappings by sheet name; checked again by the importer against the sheet. */
  mappings: bySheet(sheetMappingSchema),
  /** Header rows by sheet name: the mapping is derived again from that row. A sheet's mapping wins over its hint. */
  headerRows: bySheet(headerRowHintSchema),
  /** The measure of rows whose measure nothing in the file states (the analyst's answer); without it such rows are refused. */
  measure: z.optional(z.enum(MEASURES)),
  /** issue 9: the analyst's layout by sheet name: the mapping is detected again for that layout. */
  layouts: bySheet(z.enum(LAYOUTS)),
};

export const previewImportArgs = z.strictObject(importFileArgsShape);
export const commitImportArgs = z.strictObject({ ...importFileArgsShape, skipInvalid: z._default(z.boolean(), false) });
export const startImportArgs = z.strictObject({ ...importFileArgsShape, skipInvalid: z._default(z.boolean(), false), action: z.enum(['preview', 'commit']) });

/** Observation rows a preview carries at most (the counts always cover the whole file). */
export const PREVIEW_OBSERVATION_LIMIT = 2000;
/** Rows × columns of each sheet's top-left corner a preview carries, to show the mapping over the cells. */
export const PREVIEW_HEAD = { rows: 40, columns: 30 } as const;

export interface PreviewSeries {
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  region: string | null;
  /** 0-based sheet row the series was read from (grid layouts), for per-row corrections; null for long tables. */
  row: number | null;
  observationCount: number;
  firstPeriod: string | null;
  lastPeriod: string | null;
}

export interface PreviewObservation {
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  period: string;
  sourcePeriod: string;
  value: number;
  sheet: string;
  cell: string;
  /** The region it is filed under (the file's, else the home region); null: none. */
  region: string | null;
  /** Against the store: a new period, the value already stored, or a revision of the stored value. */
  change: ObservationStatus;
  /** The stored value (unchanged and revised). */
  oldValue: number | null;
}

export interface PreviewSheet {
  name: string;
  layout: Layout;
  mapping: SheetMapping;
  series: PreviewSeries[];
  observationCount: number;
  problemCount: number;
  warnings: string[];
}

export interface ImportPreview {
  fileName: string;
  format: 'xlsx' | 'xls' | 'ods' | 'csv';
  encoding: string | null;
  sheets: PreviewSheet[];
  skippedSheets: { name: string; reason: string }[];
  /** Every problem cell of the file (a file with any is refused unless they are skipped). */
  problems: CellProblem[];
  warnings: string[];
  /** The first PREVIEW_OBSERVATION_LIMIT observations, in file order. */
  observations: PreviewObservation[];
  /** Top-left cells of every sheet read (skipped ones too), as text. */
  heads: { name: string; rows: string[][] }[];
  totals: { sheetCount: number; seriesCount: number; observationCount: number; problemCount: number; shownObservations: number };
  /** What the import would change: series continued or new (and why), observations new / unchanged / revised. */
  changes: ChangeSummary;
  /** The analyst's checks (a falling cumulative value, growth against levels, 合计 against 其中, jumps) and second-series notices. */
  checks: ImportCheck[];
}

export interface ImportedSeriesSummary {
  name: string;
  label: string;
  unit: string;
  measure: Measure;
  frequency: Frequency;
  region: string | null;
  observationCount: number;
}

export interface CommitImportResult {
  /** The batch written; null when every value was already stored, so nothing was written. */
  batchId: number | null;
  fileName: string;
  /** Distinct series the file holds values for. */
  seriesCount: number;
  /** Observation rows written: new periods and changed values. */
  observationCount: number;
  /** Values equal to the current ones, not written again. */
  unchangedCount: number;
  /** Cells skipped (only with skipInvalid). */
  skipped: CellProblem[];
  skippedSheets: { name: string; reason: string }[];
  series: ImportedSeriesSummary[];
  warnings: string[];
  /** The same summary the preview showed, with the ids written: series new/continued, observations new/unchanged/revised, the revisions. */
  changes: ChangeSummary;
  checks: ImportCheck[];
}

export interface UndoBatchResult {
  batchId: number;
  removedObservations: number;
  removedSeries: number;
}

export type JobPhase = 'queued' | 'reading' | 'parsing' | 'committing' | 'done' | 'failed' | 'cancelled';

export type ImportJobResult = { action: 'preview'; preview: ImportPreview } | { action: 'commit'; commit: CommitImportResult };

export interface JobStatus {
  jobId: string;
  phase: JobPhase;
  /** 0 to 1. */
  fraction: number;
  /** Finished, failed or cancelled: nothing more will happen. */
  done: boolean;
  result?: ImportJobResult;
  error?: WireError;
}

const jobId = z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/));

export const importCalls = {
  /** Parse and report what would be imported; writes nothing. */
  previewImport: call<ImportPreview>()(previewImportArgs),
  /** Parse and write one batch in one transaction; refused as a whole when cells are flagged, unless skipInvalid. */
  commitImport: call<CommitImportResult>()(commitImportArgs),
  /** The same as preview or commit, as a job: returns at once; poll jobStatus for progress and the result. */
  startImport: call<{ jobId: string }>()(startImportArgs),
  jobStatus: call<JobStatus>()(z.strictObject({ jobId })),
  /** Stops a job between steps; a commit only writes at its very end, so a cancelled job leaves the store as it was. */
  cancelJob: call<JobStatus>()(z.strictObject({ jobId })),
  listBatches: call<ImportBatch[]>()(z.strictObject({})),
  undoBatch: call<UndoBatchResult>()(z.strictObject({ batchId: id })),
  listSeries: call<Series[]>()(z.strictObject({})),
  /** Every series with the current value of each period, read in one pass (for `series --json` and scripts). */
  listSeriesValues: call<(Series & { values: { period: string; value: number }[] })[]>()(z.strictObject({})),
  seriesObservations: call<Observation[]>()(z.strictObject({ seriesId: id, allVintages: z.optional(z.boolean()) })),
};
