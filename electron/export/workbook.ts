// Writes the analysis workbook a colleague receives: 说明 (cut-off, sources, how to send back), 目标 (editable,
// with ids for the round trip), 执行情况 (variance with live formulas) and 数据 (every observation in long form).

import ExcelJS from 'exceljs';
import { COMPARATOR_LABELS, KIND_LABELS, QUALIFIER_LABELS, TASK_STATUS_LABELS, type Target } from '../../shared/domain/target';
import { MEASURE_LABELS } from '../../shared/domain/series';
import { STATUS_LABELS, STATUSES } from '../../shared/variance/types';
import type { ExportInput, ExportResult } from '../../shared/export/types';
import { TARGET_COLUMNS, TARGETS_SHEET } from '../../shared/export/targetsSheet';
import { cutoffLine, formatPeriodZh, formatTimestampZh } from '../../shared/format/chinese';
import {
  CELL_BORDER,
  decimalsOf,
  EDITABLE_FILL,
  fitWidth,
  fitWrappedRowHeights,
  FONT_NAME,
  freezeBelowHeader,
  setPrintLayout,
  STATUS_STYLE,
  statusFill,
  styleBodyCell,
  writeHeaderRow,
  writeTitleRows,
} from './sheetStyle';
import { writeVarianceSheet } from './varianceSheet';

export { writeGridViewWorkbook } from './gridViewWorkbook';

export const README_SHEET = '说明';
export const DATA_SHEET = '数据';
export const TARGETS_HEADER_ROW = 3;
export const DATA_HEADER_ROW = 3;

/** Write the analysis workbook to `filePath`. */
export async function writeAnalysisWorkbook(input: ExportInput, filePath: string): Promise<ExportResult> {
  const workbook = buildAnalysisWorkbook(input);
  await workbook.xlsx.writeFile(filePath);
  return resultOf(workbook, filePath);
}

/** The same workbook as bytes, for the browser shell's download. */
export async function analysisWorkbookBytes(input: ExportInput): Promise<{ bytes: Uint8Array } & Omit<ExportResult, 'filePath'>> {
  const workbook = buildAnalysisWorkbook(input);
  const buffer = await workbook.xlsx.writeBuffer();
  const { sheets, formulaCells, formulaAddresses } = resultOf(workbook, '');
  return { bytes: new Uint8Array(buffer as ArrayBuffer), sheets, formulaCells, formulaAddresses };
}

const FORMULA_ADDRESSES = new WeakMap<ExcelJS.Workbook, string[]>();

function resultOf(workbook: ExcelJS.Workbook, filePath: string): ExportResult {
  const formulaAddresses = FORMULA_ADDRESSES.get(workbook) ?? [];
  return { filePath, sheets: workbook.worksheets.map((s) => s.name), formulaCells: formulaAddresses.length, formulaAddresses };
}

function buildAnalysisWorkbook(input: ExportInput): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Plan Workbench 计划执行分析工作台';
  workbook.created = new Date(input.exportedAt);
  workbook.modified = new Date(input.exportedAt);
  workbook.title = input.plan.title;

  const dataRows = dataRowIndex(input);
  writeReadmeSheet(workbook, input);
  writeTargetsSheet(workbook, input);
  const formulaAddresses = writeVarianceSheet(workbook, input.variance, input.asOf, input.plan.title, {
    seriesById: new Map(input.series.map((s) => [s.series.id, s.series])),
    dataRowOf: (seriesId, period, batchId) => dataRows.get(`${seriesId}|${period}|${batchId}`),
  });
  writeDataSheet(workbook, input);
  FORMULA_ADDRESSES.set(workbook, formulaAddresses);
  return workbook;
}

/** Where each observation lands in the 数据 sheet, so 执行情况 can point at the row behind each actual. */
function dataRowIndex(input: ExportInput): Map<string, number> {
  const index = new Map<string, number>();
  let row = DATA_HEADER_ROW + 1;
  for (const { series, observations } of input.series) {
    for (const o of observations) index.set(`${series.id}|${o.period}|${o.batchId}`, row++);
  }
  return index;
}

function writeReadmeSheet(workbook: ExcelJS.Workbook, input: ExportInput): void {
  const sheet = workbook.addWorksheet(README_SHEET, { properties: { tabColor: { argb: 'FF7F7F7F' } } });
  sheet.getColumn(1).width = 16;
  sheet.getColumn(2).width = 44;
  for (let c = 3; c <= 6; c++) sheet.getColumn(c).width = 14;
  writeTitleRows(sheet, `${input.plan.title} · 执行情况分析`, `${cutoffLine(input.asOf)}　导出时间：${formatTimestampZh(input.exportedAt)}`, 6);

  let r = 4;
  const section = (title: string) => {
    const cell = sheet.getCell(r, 1);
    cell.value = title;
    cell.font = { name: FONT_NAME, size: 11, bold: true, color: { argb: 'FF1F4E79' } };
    r += 1;
  };
  const pair = (label: string, value: string | number) => {
    const a = sheet.getCell(r, 1);
    const b = sheet.getCell(r, 2);
    a.value = label;
    b.value = value;
    styleBodyCell(a, { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } });
    a.font = { name: FONT_NAME, size: 10, bold: true };
    styleBodyCell(b, { align: 'left', wrap: true });
    r += 1;
  };

  section('基本信息');
  const observationCount = input.series.reduce((n, s) => n + s.observations.length, 0);
  pair('计划', input.plan.title);
  pair('地区', input.plan.region);
  pair('计划年度', `${input.plan.year}年`);
  pair('数据截至', cutoffLine(input.asOf).replace(/^数据截至/, ''));
  pair('分析期', formatPeriodZh(input.asOf, true));
  pair('导出时间', formatTimestampZh(input.exportedAt));
  if (input.source) pair('资料来源', input.source);
  pair('目标', `${input.targets.length} 项`);
  pair('数据', `${input.series.length} 个序列，${observationCount} 个数值`);
  r += 1;

  section('工作表');
  pair(TARGETS_SHEET, '计划目标，每行一个目标；黄色列可修改后回传');
  pair('执行情况', `各目标截至${formatPeriodZh(input.asOf, false)}的执行情况；差距、完成率为公式`);
  pair(DATA_SHEET, '分析所用的全部数据（长表），每个数值注明来源文件、工作表、单元格与导入批次');
  r += 1;

  section('来源文件');
  const batchHeaders = ['批次', '文件', '导入时间', '序列数', '数值个数', '备注'];
  writeHeaderRow(sheet, r, batchHeaders);
  sheet.getRow(r).height = 20;
  r += 1;
  for (const batch of input.batches) {
    const values: (string | number)[] = [
      batch.id,
      batch.fileName,
      formatTimestampZh(batch.importedAt),
      batch.seriesCount,
      batch.observationCount,
      batch.undone ? '已撤销' : batch.skippedCount > 0 ? `跳过 ${batch.skippedCount} 个单元格` : '',
    ];
    values.forEach((v, c) => {
      const cell = sheet.getCell(r, c + 1);
      cell.value = v;
      styleBodyCell(cell, { align: typeof v === 'number' ? 'right' : 'left', wrap: c === 1, numFmt: c >= 3 && c <= 4 ? '#,##0' : undefined });
    });
    r += 1;
  }
  if (input.batches.length === 0) {
    sheet.getCell(r, 1).value = '（无导入文件）';
    r += 1;
  }
  r += 1;

  section('修改后回传');
  const steps = [
    '1. 只在“目标”表的黄色列中修改：指标、目标值、下限、上限、单位、比较方式、力争/确保、口径、容差、备注。',
    '2. 不要修改或删除“ID”列；可以调整列的顺序、筛选或排序，但请保留表头文字。',
    '3. 数值请直接填写数字（如 6.5），不要填写公式；比较方式填写：左右、以上、以内、达到、突破、稳定在、区间。',
    '4. 保存为 .xlsx 后发回。工作台导入时逐个目标列出改动，由分析人员逐项确认后才生效。',
  ];
  for (const step of steps) {
    sheet.mergeCells(r, 1, r, 6);
    const cell = sheet.getCell(r, 1);
    cell.value = step;
    cell.font = { name: FONT_NAME, size: 10 };
    cell.alignment = { wrapText: true, vertical: 'top' };
    sheet.getRow(r).height = 30;
    r += 1;
  }
  r += 1;

  section('状态说明');
  const meaning: Record<(typeof STATUSES)[number], string> = {
    met: '实际已达到或超过目标',
    on_track: '进度与目标相符（增速在目标容差内，或完成率不低于序时进度）',
    at_risk: '略低于目标或进度，需关注',
    off_track: '明显低于目标或进度',
    no_data: '尚无可比数据',
  };
  for (const status of STATUSES) {
    const a = sheet.getCell(r, 1);
    a.value = STATUS_LABELS[status].zh;
    a.fill = statusFill(status);
    a.font = { name: FONT_NAME, size: 10, bold: true, color: { argb: STATUS_STYLE[status].font } };
    a.alignment = { horizontal: 'center' };
    a.border = CELL_BORDER;
    const b = sheet.getCell(r, 2);
    b.value = meaning[status];
    styleBodyCell(b, { wrap: true });
    r += 1;
  }
  fitWrappedRowHeights(sheet, 4);
  sheet.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

function targetCellValue(target: Target, key: keyof Target): string | number | null {
  // Positions are stored from 0; a sheet counts from 1 as a reader does.
  if (key === 'position') return target.position + 1;
  const v = target[key];
  switch (key) {
    case 'kind':
      return KIND_LABELS[target.kind].zh;
    case 'comparator':
      return target.comparator ? COMPARATOR_LABELS[target.comparator].zh : null;
    case 'qualifier':
      return target.qualifier ? QUALIFIER_LABELS[target.qualifier].zh : null;
    case 'taskStatus':
      return TASK_STATUS_LABELS[target.taskStatus].zh;
    default:
      return typeof v === 'number' || typeof v === 'string' ? v : null;
  }
}

function writeTargetsSheet(workbook: ExcelJS.Workbook, input: ExportInput): void {
  const sheet = workbook.addWorksheet(TARGETS_SHEET, { properties: { tabColor: { argb: 'FFBF9000' } } });
  const targets = [...input.targets].sort((a, b) => a.position - b.position || a.id - b.id);
  writeTitleRows(
    sheet,
    `${input.plan.title} · 目标清单`,
    `共 ${targets.length} 项。黄色列可修改后回传，“ID”列请勿改动；导出时间：${formatTimestampZh(input.exportedAt)}`,
    TARGET_COLUMNS.length,
  );
  writeHeaderRow(
    sheet,
    TARGETS_HEADER_ROW,
    TARGET_COLUMNS.map((c) => c.header),
    TARGET_COLUMNS.map((c) => c.editable),
  );
  const comparatorList = `"${Object.values(COMPARATOR_LABELS).map((l) => l.zh).join(',')}"`;
  const qualifierList = `"${Object.values(QUALIFIER_LABELS).map((l) => l.zh).join(',')}"`;
  const taskStatusList = `"${Object.values(TASK_STATUS_LABELS).map((l) => l.zh).join(',')}"`;

  targets.forEach((target, i) => {
    const row = sheet.getRow(TARGETS_HEADER_ROW + 1 + i);
    TARGET_COLUMNS.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      const value = targetCellValue(target, column.key);
      // Indicator, notes and quotes came from a document or a user: written as strings, never formulas.
      cell.value = value;
      const numFmt = column.kind === 'number' ? numberFormatFor(value) : column.kind === 'id' || column.kind === 'integer' ? '0' : undefined;
      styleBodyCell(cell, {
        numFmt,
        wrap: column.wrap,
        align: typeof value === 'number' ? 'right' : column.kind === 'id' ? 'right' : undefined,
        fill: column.editable ? EDITABLE_FILL : undefined,
      });
      if (column.kind === 'comparator' || column.kind === 'qualifier' || column.kind === 'taskStatus') {
        cell.dataValidation = {
          type: 'list',
          allowBlank: column.kind !== 'taskStatus',
          formulae: [column.kind === 'comparator' ? comparatorList : column.kind === 'qualifier' ? qualifierList : taskStatusList],
          showErrorMessage: true,
          errorTitle: column.header,
          error: '请从下拉列表中选择',
        };
      }
    });
  });
  TARGET_COLUMNS.forEach((column, c) => {
    const texts = [column.header, ...targets.map((t) => String(targetCellValue(t, column.key) ?? ''))];
    sheet.getColumn(c + 1).width = column.wrap ? column.width : fitWidth(texts, column.width, Math.max(column.width, 24));
  });
  fitWrappedRowHeights(sheet, TARGETS_HEADER_ROW + 1);
  freezeBelowHeader(sheet, TARGETS_HEADER_ROW, 4, TARGET_COLUMNS.length);
  setPrintLayout(sheet, TARGETS_HEADER_ROW);
}

function numberFormatFor(value: string | number | null): string {
  if (typeof value !== 'number') return 'General';
  const d = decimalsOf(value, 4);
  return d === 0 ? '#,##0' : `#,##0.${'0'.repeat(d)}`;
}

function writeDataSheet(workbook: ExcelJS.Workbook, input: ExportInput): void {
  const sheet = workbook.addWorksheet(DATA_SHEET, { properties: { tabColor: { argb: 'FF548235' } } });
  const headers = ['序列ID', '指标', '原始指标名', '单位', '口径', '期别', '期别（中文）', '数值', '来源文件', '工作表', '单元格', '导入批次'];
  const observationCount = input.series.reduce((n, s) => n + s.observations.length, 0);
  writeTitleRows(sheet, `${input.plan.title} · 分析所用数据`, `${cutoffLine(input.asOf)}。共 ${input.series.length} 个序列、${observationCount} 个数值，每个数值注明来源单元格。`, headers.length);
  writeHeaderRow(sheet, DATA_HEADER_ROW, headers);

  const widths: string[][] = headers.map((h) => [h]);
  let r = DATA_HEADER_ROW + 1;
  for (const { series, observations } of input.series) {
    const cumulative = series.measure === 'cumulative' || series.measure === 'yoy_cumulative';
    for (const o of observations) {
      const values: (string | number)[] = [
        series.id,
        series.name,
        series.label,
        series.unit,
        MEASURE_LABELS[series.measure].zh,
        o.period,
        formatPeriodZh(o.period, cumulative),
        o.value,
        o.file,
        o.sheet,
        o.cell,
        o.batchId,
      ];
      const row = sheet.getRow(r);
      values.forEach((v, c) => {
        const cell = row.getCell(c + 1);
        // Labels, file and sheet names are file content: plain strings, never formulas.
        cell.value = v;
        styleBodyCell(cell, { numFmt: c === 7 ? numberFormatFor(o.value) : c === 0 || c === 11 ? '0' : undefined, align: typeof v === 'number' ? 'right' : undefined });
        if (widths[c].length < 400) widths[c].push(typeof v === 'number' ? String(v) : v);
      });
      r += 1;
    }
  }
  widths.forEach((texts, c) => {
    sheet.getColumn(c + 1).width = fitWidth(texts, 8, c === 2 || c === 8 ? 40 : 24);
  });
  freezeBelowHeader(sheet, DATA_HEADER_ROW, 2, headers.length);
  setPrintLayout(sheet, DATA_HEADER_ROW);
}
