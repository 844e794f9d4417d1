// Calls for what the analysts hand on: the analysis workbook, a grid exported as the analyst sees it, the
// round trip of a returned 目标 sheet, and the briefing (简报) as HTML pages to preview or as a PDF.
// Files travel base64-encoded, like imports, so both shells (IPC and HTTP) carry them the same way.
import * as z from '../zod';
import { plausibleNumber, safeTextMax } from './safeSchemas';
import type { ReturnProblem } from '../export/returnedTargets';
import type { TargetChange } from '../export/targetsDiff';
import { BRIEF_LAYOUTS } from '../export/types';
import { call, fileSchema, idSchema as id } from './call';

/** A file the renderer saves (Blob + `<a download>`) or the CLI writes. */
export interface FileDownload {
  fileName: string;
  dataBase64: string;
}

export interface WorkbookExport extends FileDownload {
  /** The month the analysis is as of (`2025-10`), after the default was applied. */
  asOf: string;
  sheets: string[];
  formulaCells: number;
  targetCount: number;
  seriesCount: number;
  observationCount: number;
}

export interface ReturnedWorkbook {
  planId: number;
  /** Rows of the returned sheet that matched a target of the plan. */
  rowCount: number;
  /** Differences from the stored targets, target by target, in the plan's order. */
  changes: TargetChange[];
  /** Rows or cells that could not be read, each a sentence in Chinese. */
  problems: ReturnProblem[];
}

export interface BriefPreview {
  title: string;
  asOf: string;
  /** The newest month with data among the linked series (the default as-of). */
  latestPeriod: string | null;
  /** The self-contained A4 HTML (inline SVG charts, no scripts). */
  html: string;
  pages: number;
  /** Targets in the briefing. */
  targetCount: number;
  /** Charts drawn. */
  charts: number;
  /** Charts that could not be drawn: each left out with a note on its page (the cause is in the log). */
  chartsLeftOut: number;
}

export interface BriefPdf extends FileDownload {
  asOf: string;
  pages: number;
  targetCount: number;
  /** Charts left out with a note because they could not be drawn (the cause is in the log). */
  chartsLeftOut: number;
}

/** A Word document (the analysis report draft, or the briefing pages) as of a month. */
export interface DocxDownload extends FileDownload {
  /** The month the analysis is as of (`2025-10`), after the default was applied. */
  asOf: string;
}

export type HandOnKind = 'workbook' | 'briefing' | 'report';

export interface HandOnFile {
  kind: HandOnKind;
  fileName: string;
  /** Absolute path of the written file. */
  path: string;
  bytes: number;
}

/** The month's hand-on files, written into one folder. */
export interface HandOnResult {
  asOf: string;
  /** The folder the files were written to (absolute). */
  dir: string;
  files: HandOnFile[];
}

/** `2025-10`: the month the analysis is as of. */
const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM，例如 2025-10 / month must be YYYY-MM, e.g. 2025-10'));
const optionalMonth = z.optional(month);
const optionalPlan = z.optional(id);

const gridCellValue = z.union([safeTextMax(10_000), plausibleNumber, z.boolean(), z.null()]);

/** The grid as the analyst sees it (shared/export/types GridView), checked before it reaches the writer. */
export const gridViewSchema = z.strictObject({
  title: safeTextMax(200, 1),
  subtitle: z.optional(z.string().check(z.maxLength(500))),
  columns: z
    .array(
      z.strictObject({
        field: safeTextMax(200, 1),
        headerName: safeTextMax(200),
        unit: z.optional(z.string().check(z.maxLength(40))),
        type: z.enum(['text', 'integer', 'number', 'percent', 'pp', 'status', 'date']),
        unitField: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      }),
    )
    .check(z.minLength(1), z.maxLength(200)),
  rows: z.array(z.record(safeTextMax(200), z.optional(gridCellValue))).check(z.maxLength(200_000)),
});

export const briefArgsSchema = z.strictObject({
  planId: optionalPlan,
  asOf: optionalMonth,
  /** `一` or `一、(二)`: targets whose section starts with it. */
  section: z.optional(safeTextMax(40, 1)),
  /** Only these targets (in the plan's order); with section, both must hold. */
  targetIds: z.optional(z.array(id).check(z.maxLength(5000))),
  layout: z.optional(z.enum(BRIEF_LAYOUTS)),
});

export const handoffCalls = {
  /** The analysis workbook (说明, 目标, 执行情况, 数据) as of a month (default: the newest with data). */
  exportWorkbook: call<WorkbookExport>()(z.strictObject({ planId: optionalPlan, asOf: optionalMonth })),
  /** One sheet: the grid's displayed columns in order and its rows after filtering and sorting. */
  exportGridView: call<FileDownload>()(z.strictObject({ view: gridViewSchema })),
  /** Reads a 目标 sheet sent back and lists the differences; writes nothing (accepted ones go through editTargets). */
  readReturnedWorkbook: call<ReturnedWorkbook>()(z.strictObject({ file: fileSchema, planId: optionalPlan })),
  briefHtml: call<BriefPreview>()(briefArgsSchema),
  briefPdf: call<BriefPdf>()(briefArgsSchema),
  /** The analysis report draft (分析报告初稿) as .docx, written by rules from the variance (no model, no network). */
  reportDocx: call<DocxDownload>()(z.strictObject({ planId: optionalPlan, asOf: optionalMonth })),
  /** The briefing pages as .docx (the same tables and charts as briefPdf). */
  briefDocx: call<DocxDownload>()(briefArgsSchema),
  /**
   * Writes the analysis workbook, the briefing PDF and the report .docx into one folder: `outDir` (absolute,
   * its parent must exist; created when missing), default `交付/<asOf>/` beside the store file.
   */
  handOn: call<HandOnResult>()(
    z.strictObject({
      planId: optionalPlan,
      asOf: optionalMonth,
      outDir: z.optional(z.string().check(z.minLength(1), z.maxLength(1000))),
    }),
  ),
};
