// A statistics file, whole: read it, detect (or take the analyst's) mapping per sheet, apply it, and check the
// file against itself (the same indicator and period twice with different values is a problem, not a merge).

import type { Measure } from '../../shared/domain/series';
import { cellOf, type CellAt, type CellProblem, type Layout, type ParsedFile, type ParsedSheet, type SheetMapping } from '../../shared/import/mapping';
import { LAYOUTS, sheetMappingSchema } from '../../shared/import/mapping';
import { applyMapping, detectLayout, mappingForHeaderRow } from './detectLayout';
import { foldYearIntoQuarters } from '../../shared/import/foldYearIntoQuarters';
import { cellText } from './grid';
import { ImportFileError } from './importFileError';
import { valueProblem } from './layouts/problems';
import { readWorkbookSteps, type ReadWorkbook, type WorkbookSheet } from './readWorkbook';
import { seriesKeyString } from './seriesKey';
import { parseCellAddress } from '../../shared/sheet/cellAddress';
import { screenObservations } from './screenValues';
import type { SheetResult } from './layouts/problems';

export { ImportFileError } from './importFileError';

export interface ParseOptions {
  /** Only this sheet; otherwise every sheet holding a recognisable table. */
  sheet?: string;
  /** The analyst's corrections, by sheet name; validated before use. */
  mappings?: Record<string, SheetMapping>;
  onProgress?: (fraction: number) => void;
  /**
   * The analyst's header row (and year row above it) for a sheet: the period columns and the rest of the grid
   * mapping are derived again from that row. Used when detection chose the wrong row or found none.
   */
  headerRows?: Record<string, HeaderRowHint>;
  /** Also return the first rows × columns of every sheet as text, so a mapping can be shown over the cells. */
  head?: { rows: number; columns: number };
  /**
   * The measure of rows (or columns) whose file says none — the analyst's answer in the wizard, `--measure` in the
   * CLI. Without it such rows are problems (`measure_unknown`) that refuse the file: no silent default.
   */
  measure?: Measure;
  /** The analyst's layout by sheet name: detection runs for that layout only. A sheet's mapping or header row wins. */
  layouts?: Record<string, Layout>;
}

export interface HeaderRowHint {
  headerRow: number;
  yearRow: number | null;
}

export { seriesKeyString };

function validMapping(name: string, raw: unknown): SheetMapping {
  const result = sheetMappingSchema.safeParse(raw);
  if (!result.success) {
    throw new ImportFileError('invalid_mapping', `工作表「${name}」的映射无效：${result.error.issues[0]?.message ?? ''} / Invalid mapping for sheet "${name}"`);
  }
  return result.data;
}

export async function parseStatisticsFile(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): Promise<ParsedFile> {
  const progress = options.onProgress ?? (() => undefined);
  const steps = parseStatisticsFileSteps(bytes, fileName, options);
  for (;;) {
    const step = await steps.next();
    if (step.done) return step.value;
    progress(step.value);
  }
}

/**
 * The same parse, one step at a time: yields the fraction done after reading the file and after each sheet, so a
 * caller (the import job) can yield to the event loop, report progress and stop between steps.
 */
export async function* parseStatisticsFileSteps(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): AsyncGenerator<number, ParsedFile, void> {
  yield 0;
  // Reading the file is the first half of the parse; the reader yields between batches of rows.
  const book = yield* scaled(readWorkbookSteps(bytes, fileName), 0.5);
  yield 0.5;
  return yield* parseSheetsSteps(book, fileName, options);
}

/** Fractions of a sub-step scaled into the caller's; stopping the caller midway closes the sub-step too. */
async function* scaled<T>(steps: AsyncGenerator<number, T, void>, factor: number): AsyncGenerator<number, T, void> {
  try {
    for (;;) {
      const step = await steps.next();
      if (step.done) return step.value;
      yield step.value * factor;
    }
  } finally {
    await steps.return(undefined as never);
  }
}

/**
 * A sheet's result mapped already, while the file was read (the streamed import, electron/import/streamed/): given
 * the sheet and the mapping detection chose for it over the whole grid, the result of applying that mapping, or
 * null when what was mapped is not that (the mapping is then applied as usual).
 */
export type Premapped = (sheet: WorkbookSheet, mapping: SheetMapping) => SheetResult | null;

/** The sheets of a workbook already read, mapped and checked (the second half of the parse). */
export function parseWorkbook(book: ReadWorkbook, fileName: string, options: ParseOptions = {}, premapped?: Premapped): ParsedFile {
  const steps = parseSheetsSteps(book, fileName, options, premapped);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function* parseSheetsSteps(book: ReadWorkbook, fileName: string, options: ParseOptions, premapped?: Premapped): Generator<number, ParsedFile, void> {
  const hints = new Map<string, HeaderRowHint>(options.headerRows ? Object.entries(options.headerRows) : []);
  // Own-property lookup only: a sheet called `__proto__` or `constructor` must not find Object.prototype members.
  const overrides = new Map<string, unknown>(options.mappings ? Object.entries(options.mappings) : []);
  const layouts = new Map<string, Layout>(options.layouts ? Object.entries(options.layouts) : []);
  for (const [name, layout] of layouts) {
    if (!(LAYOUTS as readonly string[]).includes(layout)) throw new ImportFileError('invalid_mapping', `工作表「${name}」的版式无效 / Invalid layout for sheet "${name}"`);
  }

  let candidates = book.sheets;
  if (options.sheet !== undefined) {
    candidates = book.sheets.filter((s) => s.name === options.sheet);
    if (candidates.length === 0) {
      throw new ImportFileError('sheet_not_found', `找不到工作表「${options.sheet}」/ Sheet "${options.sheet}" not found`);
    }
  }

  // The heads are cut before the sheets are read, so that each sheet's grid can go once its values are taken.
  const heads = options.head ? candidates.map((sheet) => ({ name: sheet.name, rows: sheetHead(sheet, options.head!.rows, options.head!.columns) })) : undefined;
  const sheets: ParsedSheet[] = [];
  const skippedSheets: { name: string; reason: string }[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const sheet = candidates[i];
    const override = overrides.get(sheet.name);
    const hint = hints.get(sheet.name);
    const detection =
      override !== undefined
        ? { mapping: validMapping(sheet.name, override) }
        : hint !== undefined
          ? mappingForHeaderRow(sheet, hint.headerRow, hint.yearRow)
          : detectLayout(sheet, layouts.get(sheet.name));
    const mapping = detection.mapping;
    if (!mapping) {
      skippedSheets.push({ name: sheet.name, reason: detection.reason ?? '' });
    } else {
      // The grid goes once mapped (below), so the rows may go as they are read (ApplyOptions.releaseRows).
      const result = premapped?.(sheet, mapping) ?? applyMapping(sheet, mapping, fileName, { measure: options.measure, releaseRows: true });
      screenObservations(result, sheet.name);
      const folded = foldYearIntoQuarters(result.series);
      result.series = folded.series;
      if (folded.folded > 0) {
        result.warnings.push(`${sheet.name}：${folded.folded} 个“全年”数值按第四季度累计计入季度序列 / ${sheet.name}: ${folded.folded} full-year value(s) filed as Q4 year-to-date in the quarterly series`);
      }
      if (result.series.length === 0 && result.problems.length === 0) {
        skippedSheets.push({ name: sheet.name, reason: '表中没有数值 / The table holds no values' });
      } else {
        sheets.push({ name: sheet.name, layout: mapping.layout, mapping, ...result });
      }
    }
    // The grid is not needed again: at a million cells it is a third of the parse's memory.
    sheet.rows = [];
    yield 0.5 + (0.45 * (i + 1)) / candidates.length;
  }
  if (sheets.length === 0) {
    const why = skippedSheets.map((s) => `${s.name}: ${s.reason}`).join('; ');
    throw new ImportFileError('no_table', `文件中没有可导入的数据表 / No sheet holds a table to import${why ? ` (${why})` : ''}`);
  }

  const duplicateWarnings = resolveDuplicates(sheets);
  for (const sheet of sheets) sheet.problems.sort(byCellPosition);
  const problems: CellProblem[] = sheets.flatMap((s) => s.problems);
  const observationCount = sheets.reduce((n, s) => n + s.series.reduce((m, x) => m + x.observations.length, 0), 0);
  yield 1;
  return {
    ...(heads ? { heads } : {}),
    fileName,
    format: book.format,
    encoding: book.encoding,
    sheets,
    skippedSheets,
    problems,
    warnings: [...book.warnings, ...sheets.flatMap((s) => s.warnings.map((w) => `${s.name}: ${w}`)), ...duplicateWarnings],
    observationCount,
  };
}

/**
 * The same (series, period) twice in one file: equal values are kept once (with a warning); different values are
 * problems on both cells and neither is imported, because the file does not say which is right.
 */
function resolveDuplicates(sheets: ParsedSheet[]): string[] {
  const warnings: string[] = [];
  // Each period's first value with its cell as numbers: its A1 text is written only when a conflict names it.
  const seen = new Map<string, Map<string, { sheet: ParsedSheet; value: number; at: CellAt; conflict: boolean }>>();
  const conflicts = new Set<string>(); // `${seriesKey}\u0000${period}`
  // A series whose key no other series of the file shares is checked against itself only, in a map dropped
  // after it: a million observations then never sit in one map (at that scale it was a fifth of the parse's memory).
  // Each series' key is built once (here) and read by the passes below: sheet.series is not changed before the last.
  const keyCount = new Map<string, number>();
  const keys = sheets.map((sheet) => sheet.series.map(seriesKeyString));
  for (const sheetKeys of keys) {
    for (const key of sheetKeys) keyCount.set(key, (keyCount.get(key) ?? 0) + 1);
  }
  let equalDuplicates = 0;
  for (let si = 0; si < sheets.length; si++) {
    const sheet = sheets[si];
    const sheetKeys = keys[si];
    for (let j = 0; j < sheet.series.length; j++) {
      const s = sheet.series[j];
      const key = sheetKeys[j];
      // The common case, a series alone in the file with each period once, has nothing to resolve.
      if (keyCount.get(key) === 1 && distinctPeriods(s.observations)) continue;
      let periods = seen.get(key);
      if (!periods) {
        periods = new Map();
        if (keyCount.get(key)! > 1) seen.set(key, periods);
      }
      const kept = [];
      for (const o of s.observations) {
        const prior = periods.get(o.period);
        if (!prior) {
          periods.set(o.period, { sheet, value: o.value, at: o, conflict: false });
          kept.push(o);
        } else if (prior.value === o.value) {
          equalDuplicates++;
        } else {
          const cell = cellOf(o);
          const priorCell = cellOf(prior.at);
          sheet.problems.push(valueProblem(sheet.name, cell, 'duplicate_conflict', String(o.value), `${problemText()}（另见 ${prior.sheet.name}!${priorCell} = ${prior.value} / see also ${prior.sheet.name}!${priorCell})`));
          if (!prior.conflict) {
            prior.conflict = true;
            prior.sheet.problems.push(valueProblem(prior.sheet.name, priorCell, 'duplicate_conflict', String(prior.value), `${problemText()}（另见 ${sheet.name}!${cell} = ${o.value} / see also ${sheet.name}!${cell})`));
          }
          conflicts.add(`${key}\u0000${o.period}`);
        }
      }
      if (kept.length !== s.observations.length) s.observations = kept;
    }
  }
  if (conflicts.size > 0) {
    for (let si = 0; si < sheets.length; si++) {
      const sheet = sheets[si];
      const sheetKeys = keys[si];
      for (let j = 0; j < sheet.series.length; j++) {
        const s = sheet.series[j];
        const key = sheetKeys[j];
        s.observations = s.observations.filter((o) => !conflicts.has(`${key}\u0000${o.period}`));
      }
      sheet.series = sheet.series.filter((s) => s.observations.length > 0);
    }
  }
  if (equalDuplicates > 0) warnings.push(`${equalDuplicates} 个重复单元格数值相同，只导入一次 / ${equalDuplicates} duplicate cell(s) with equal values imported once`);
  return warnings;
}

export function distinctPeriods(observations: readonly { period: string }[]): boolean {
  // A row of a grid runs its periods in order, newest or oldest first: strictly ordered periods are distinct, and
  // the check costs one comparison each instead of a set (20,000 series of 50 periods at the benchmark's scale).
  if (strictlyOrdered(observations)) return true;
  const periods = new Set<string>();
  for (const o of observations) {
    if (periods.has(o.period)) return false;
    periods.add(o.period);
  }
  return true;
}

function strictlyOrdered(observations: readonly { period: string }[]): boolean {
  const n = observations.length;
  if (n < 2) return true;
  const falling = observations[0].period > observations[1].period;
  for (let i = 1; i < n; i++) {
    const a = observations[i - 1].period;
    const b = observations[i].period;
    if (falling ? !(a > b) : !(a < b)) return false;
  }
  return true;
}

/** Problems in reading order (row, then column) so the list matches what the analyst sees in the sheet. */
function byCellPosition(a: CellProblem, b: CellProblem): number {
  const pa = cellPosition(a.cell);
  const pb = cellPosition(b.cell);
  return pa[0] - pb[0] || pa[1] - pb[1];
}

function cellPosition(ref: string): [number, number] {
  const at = parseCellAddress(ref);
  return at ? [at.row, at.column] : [-1, -1];
}

function problemText(): string {
  return '同一指标同一时期在文件中出现两次且数值不同 / The same indicator and period appear twice in the file with different values';
}

/** The top-left corner of a sheet as the text its cells show (long texts cut), for showing a mapping over it. */
function sheetHead(sheet: WorkbookSheet, rows: number, columns: number): string[][] {
  const head: string[][] = [];
  for (let r = 0; r < Math.min(rows, sheet.rows.length); r++) {
    const row = sheet.rows[r] ?? [];
    const texts: string[] = [];
    for (let c = 0; c < Math.min(columns, row.length); c++) {
      const t = cellText(row[c]);
      texts.push(t.length > 60 ? `${t.slice(0, 60)}…` : t);
    }
    head.push(texts);
  }
  return head;
}
