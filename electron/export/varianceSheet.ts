// The 执行情况 sheet: one row per target as of the analysis month, with live formulas where a colleague
// would edit (gap = actual − target, completion = actual ÷ target) and their cached results, so the file
// shows the workbench's numbers before any recalculation.

import type ExcelJS from 'exceljs';
import type { Series } from '../../shared/domain/series';
import { STATUS_LABELS, type VarianceRow } from '../../shared/variance/types';
import { cutoffLine, formatPeriodZh } from '../../shared/format/chinese';
import {
  cellAddress,
  fitWidth,
  fitWrappedRowHeights,
  FONT_NAME,
  freezeBelowHeader,
  levelFormat,
  PP_FORMAT,
  RATE_FORMAT,
  setPrintLayout,
  STATUS_STYLE,
  statusFill,
  styleBodyCell,
  writeHeaderRow,
  writeTitleRows,
} from './sheetStyle';

export const VARIANCE_SHEET = '执行情况';
export const VARIANCE_HEADER_ROW = 3;

type Cell = string | number | null | { formula: string; result: number };

interface ColumnSpec {
  header: string;
  min: number;
  max: number;
  wrap?: boolean;
  /** The number format for a row, or none for text. */
  format?: (row: VarianceRow) => string;
  value: (row: VarianceRow, r: number) => Cell;
}

export interface VarianceSheetContext {
  seriesById: Map<number, Series>;
  /** Row of the 数据 sheet holding an observation, keyed by `seriesId|period|batchId`. */
  dataRowOf: (seriesId: number, period: string, batchId: number) => number | undefined;
}

/** A rate row (growth, share): its actual is in %. A level row's gap in 个百分点 is against the schedule, not a rate. */
const isRate = (row: VarianceRow) => row.actualUnit === '%' || (row.completionRate === null && row.gapUnit === '个百分点');
/** Level rows whose gap the analysis measures as completion − schedule (pp), rather than actual − target. */
const gapAgainstSchedule = (row: VarianceRow) => row.completionRate !== null && row.gapUnit === '个百分点';
const valueFormat = (row: VarianceRow) => (isRate(row) ? RATE_FORMAT : levelFormat([row.actual, row.target]));
const gapFormat = (row: VarianceRow) => (isRate(row) || gapAgainstSchedule(row) ? PP_FORMAT : levelFormat([row.actual, row.target], 2, true));

/** Column letters used by the formulas; kept next to the column list they index. */
const COL = { actual: 'F', target: 'G', completion: 'K', schedule: 'L', seasonal: 'M' } as const;

/**
 * A formula whose result the workbench already computed. Written only when the formula reproduces that
 * number; where the maths differs (a reduction target, a converted unit) the number is written as is,
 * so the sheet never shows two answers to one question.
 */
function liveFormula(formula: string, recomputed: number | null, shown: number | null): Cell {
  if (shown === null || !Number.isFinite(shown)) return null;
  if (recomputed === null || Math.abs(recomputed - shown) > 1e-6 * Math.max(1, Math.abs(shown))) return shown;
  return { formula, result: shown };
}

function columns(context: VarianceSheetContext): ColumnSpec[] {
  return [
    { header: '目标ID', min: 7, max: 8, value: (r) => r.targetId },
    { header: '部分', min: 8, max: 14, value: (r) => r.section },
    { header: '指标', min: 14, max: 30, wrap: true, value: (r) => r.indicator },
    { header: '对应数据', min: 12, max: 30, wrap: true, value: (r) => r.seriesName },
    { header: '数据期', min: 12, max: 16, value: (r) => (r.asOf ? formatPeriodZh(r.asOf, isCumulative(r, context)) : null) },
    { header: '实际值', min: 10, max: 14, format: valueFormat, value: (r) => r.actual },
    { header: '目标值', min: 10, max: 14, format: valueFormat, value: (r) => r.target },
    { header: '单位', min: 6, max: 10, value: (r) => r.actualUnit },
    {
      header: '差距',
      min: 12,
      max: 14,
      format: gapFormat,
      value: (r, n) => {
        if (gapAgainstSchedule(r)) {
          // The analysis judges a level by completion against the schedule it names (seasonal when known).
          const seasonal = r.scheduleBasis !== 'calendar' && r.scheduleSeasonal !== null;
          const schedule = seasonal ? r.scheduleSeasonal : r.scheduleCalendar;
          return schedule !== null
            ? liveFormula(`${COL.completion}${n}-${seasonal ? COL.seasonal : COL.schedule}${n}`, r.completionRate! - schedule, r.gap)
            : r.gap;
        }
        return r.actual !== null && r.target !== null ? liveFormula(`${COL.actual}${n}-${COL.target}${n}`, r.actual - r.target, r.gap) : r.gap;
      },
    },
    { header: '差距单位', min: 8, max: 10, value: (r) => r.gapUnit },
    {
      header: '完成率(%)\n(实际÷目标)',
      min: 12,
      max: 14,
      format: () => RATE_FORMAT,
      value: (r, n) =>
        r.actual !== null && r.target !== null && r.target !== 0 && !isRate(r)
          ? liveFormula(`${COL.actual}${n}/${COL.target}${n}*100`, (r.actual / r.target) * 100, r.completionRate)
          : r.completionRate,
    },
    { header: '序时进度(%)', min: 11, max: 12, format: () => RATE_FORMAT, value: (r) => r.scheduleCalendar },
    { header: '季节进度(%)', min: 11, max: 12, format: () => RATE_FORMAT, value: (r) => r.scheduleSeasonal },
    {
      header: '快于序时\n(个百分点)',
      min: 11,
      max: 12,
      format: () => PP_FORMAT,
      value: (r, n) =>
        r.completionRate !== null && r.scheduleCalendar !== null
          ? { formula: `${COL.completion}${n}-${COL.schedule}${n}`, result: r.completionRate - r.scheduleCalendar }
          : null,
    },
    { header: '全年预计\n(按进度)', min: 11, max: 14, format: valueFormat, value: (r) => r.projectionRunRate },
    { header: '全年预计\n(按季节)', min: 11, max: 14, format: valueFormat, value: (r) => r.projectionSeasonal },
    { header: '余下月份\n需完成', min: 11, max: 14, format: (r) => levelFormat([r.required, r.actual, r.target]), value: (r) => r.required },
    { header: '余下月份\n需增长(%)', min: 11, max: 12, format: () => RATE_FORMAT, value: (r) => r.requiredGrowth },
    { header: '状态', min: 9, max: 10, value: (r) => STATUS_LABELS[r.status].zh },
    // Month-on-month: the same target as of the month before, and the change since in words.
    { header: '上月实际值', min: 10, max: 14, format: valueFormat, value: (r) => r.previous?.actual ?? null },
    { header: '上月状态', min: 9, max: 10, value: (r) => (r.previous ? STATUS_LABELS[r.previous.status].zh : null) },
    { header: '较上月', min: 14, max: 30, wrap: true, value: (r) => r.sincePrevious ?? null },
    { header: '判定规则', min: 20, max: 46, wrap: true, value: (r) => r.rule },
    { header: '数据来源', min: 20, max: 50, wrap: true, value: (r) => provenanceText(r, context) },
  ];
}

function isCumulative(row: VarianceRow, context: VarianceSheetContext): boolean {
  const series = row.provenance[0] ? context.seriesById.get(row.provenance[0].seriesId) : undefined;
  return series ? series.measure === 'cumulative' || series.measure === 'yoy_cumulative' : true;
}

function provenanceText(row: VarianceRow, context: VarianceSheetContext): string | null {
  if (row.provenance.length === 0) return null;
  return row.provenance
    .map((p) => {
      const dataRow = context.dataRowOf(p.seriesId, p.period, p.batchId);
      const where = `${p.file} / ${p.sheet}!${p.cell}（批次${p.batchId}）`;
      return dataRow ? `${where}，见“数据”表第${dataRow}行` : where;
    })
    .join('\n');
}

/** Write the sheet; returns the addresses of the formula cells. */
export function writeVarianceSheet(
  workbook: ExcelJS.Workbook,
  rows: readonly VarianceRow[],
  asOf: string,
  planTitle: string,
  context: VarianceSheetContext,
): string[] {
  const sheet = workbook.addWorksheet(VARIANCE_SHEET, { properties: { tabColor: { argb: 'FF2E75B6' } } });
  const specs = columns(context);
  writeTitleRows(
    sheet,
    `${planTitle} · 主要指标执行情况（${formatPeriodZh(asOf, true)}）`,
    `${cutoffLine(asOf)}。差距：增速类 = 实际值 − 目标值（个百分点）；总量类 = 完成率 − 序时进度（个百分点，有上年同期数据时按季节进度）。完成率 = 实际值 ÷ 目标值。差距、完成率、快于序时三列是公式，改动实际值或目标值后自动重算。`,
    specs.length,
  );
  writeHeaderRow(sheet, VARIANCE_HEADER_ROW, specs.map((s) => s.header));
  const formulaAddresses: string[] = [];

  rows.forEach((row, i) => {
    const n = VARIANCE_HEADER_ROW + 1 + i;
    const excelRow = sheet.getRow(n);
    specs.forEach((spec, c) => {
      const cell = excelRow.getCell(c + 1);
      const value = spec.value(row, n);
      // Strings from files or users go in as plain strings: exceljs never turns a string into a formula.
      cell.value = value;
      if (value !== null && typeof value === 'object') formulaAddresses.push(`${VARIANCE_SHEET}!${cellAddress(n, c + 1)}`);
      const numeric = value !== null && typeof value !== 'string';
      styleBodyCell(cell, { numFmt: spec.format?.(row), wrap: spec.wrap, align: numeric ? 'right' : undefined });
    });
    const statusCell = excelRow.getCell(specs.findIndex((s) => s.header === '状态') + 1);
    statusCell.fill = statusFill(row.status);
    statusCell.font = { name: FONT_NAME, size: 10, bold: true, color: { argb: STATUS_STYLE[row.status].font } };
    statusCell.alignment = { vertical: 'top', horizontal: 'center' };
  });

  specs.forEach((spec, c) => {
    const texts = [spec.header, ...rows.map((r, i) => cellText(spec.value(r, VARIANCE_HEADER_ROW + 1 + i)))];
    sheet.getColumn(c + 1).width = fitWidth(texts, spec.min, spec.max);
  });
  fitWrappedRowHeights(sheet, VARIANCE_HEADER_ROW + 1);
  freezeBelowHeader(sheet, VARIANCE_HEADER_ROW, 3, specs.length);
  setPrintLayout(sheet, VARIANCE_HEADER_ROW);
  return formulaAddresses;
}

function cellText(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'object') return value.result.toFixed(1);
  return typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;
}
