// The long layout: one observation per row (indicator, unit, period, value), recognised by its header names.
// Header text is looked up in Maps, never used as object keys, so `__proto__` in a header is just text.

import type { CellSource, Frequency, Measure } from '../../../shared/domain/series';
import { fractionToPercent, parseValueText } from '../../../shared/import/cellValue';
import { MAX_LABEL_LENGTH } from '../../../shared/import/indicatorLabel';
import type { CellProblem, LongMapping, ParsedSeries } from '../../../shared/import/mapping';
import { excelSerialToMonth, monthsCovered, parsePeriodLabel, type ParsedPeriod } from '../../../shared/import/period';
import { a1, cellText, findLastRow, isFooterLabel } from '../grid';
import { isDateFormat, isPercentFormat, type SheetCell, type WorkbookSheet } from '../readWorkbook';
import { readLabelAndUnit } from './labelUnit';
import { labelProblem, valueProblem, type SheetResult } from './problems';

type Role = 'indicator' | 'unit' | 'period' | 'value' | 'region';

const HEADER_ROLES = new Map<string, Role>([
  ...['指标', '指标名称', '指标名', '项目', '统计指标', 'indicator'].map((h) => [h, 'indicator'] as [string, Role]),
  ...['单位', '计量单位', 'unit'].map((h) => [h, 'unit'] as [string, Role]),
  ...['时间', '期别', '统计时间', '时期', '期间', '报告期', '日期', '月份', 'period', 'date'].map((h) => [h, 'period'] as [string, Role]),
  ...['数值', '本期', '本期值', '数据', '值', '指标值', 'value'].map((h) => [h, 'value'] as [string, Role]),
  ...['地区', '区域', '地区名称', 'region'].map((h) => [h, 'region'] as [string, Role]),
]);

const SCAN_ROWS = 20;

export function detectLong(sheet: WorkbookSheet): LongMapping | null {
  for (let r = 0; r < Math.min(sheet.rows.length, SCAN_ROWS); r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const found = new Map<Role, number>();
    for (let c = 0; c < row.length; c++) {
      const role = HEADER_ROLES.get(cellText(row[c]).replace(/[\s\u3000]+/g, '').toLowerCase());
      if (role && !found.has(role)) found.set(role, c);
    }
    const indicator = found.get('indicator');
    const period = found.get('period');
    const value = found.get('value');
    if (indicator === undefined || period === undefined || value === undefined) continue;
    return {
      layout: 'long',
      headerRow: r,
      firstDataRow: r + 1,
      lastDataRow: findLastRow(sheet),
      indicatorColumn: indicator,
      periodColumn: period,
      valueColumn: value,
      unitColumn: found.get('unit') ?? null,
      regionColumn: found.get('region') ?? null,
      region: null,
    };
  }
  return null;
}

function readPeriod(cell: SheetCell | undefined): ParsedPeriod | null {
  if (!cell) return null;
  if (cell.t === 'n' && typeof cell.v === 'number') {
    if (isDateFormat(cell.z)) {
      const month = excelSerialToMonth(cell.v);
      return month ? { period: month, frequency: 'monthly', cumulative: false } : null;
    }
    return parsePeriodLabel(String(cell.v));
  }
  if (cell.v instanceof Date) {
    const d = cell.v;
    return { period: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`, frequency: 'monthly', cumulative: false };
  }
  return parsePeriodLabel(cellText(cell));
}

interface PendingRow {
  r: number;
  period: ParsedPeriod;
  value: number;
  sourcePeriod: string;
}

interface PendingGroup {
  label: string;
  name: string;
  unit: string;
  unitKnown: boolean;
  labelMeasure: Measure | null;
  labelCumulative: boolean | null;
  region: string | null;
  frequency: Frequency;
  rows: PendingRow[];
}

export function applyLongMapping(sheet: WorkbookSheet, mapping: LongMapping, fileName: string): SheetResult {
  const problems: CellProblem[] = [];
  const warnings: string[] = [];
  // Group rows first: whether a plain label means year-to-date depends on all its periods (any 1-N月 span).
  const groups = new Map<string, PendingGroup>();
  const last = Math.min(mapping.lastDataRow, sheet.rows.length - 1);
  for (let r = mapping.firstDataRow; r <= last; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const label = cellText(row[mapping.indicatorColumn]);
    const valueCell = row[mapping.valueColumn];
    const valueText = cellText(valueCell);
    if (label === '') {
      if (valueText !== '') problems.push(valueProblem(sheet.name, a1(r, mapping.valueColumn), 'unlabelled', valueText));
      continue;
    }
    if (isFooterLabel(label)) break;
    if (label.length > MAX_LABEL_LENGTH) {
      problems.push(labelProblem(sheet.name, a1(r, mapping.indicatorColumn), label));
      continue;
    }
    let value: number;
    let percent = false;
    if (valueCell && valueCell.t === 'n' && typeof valueCell.v === 'number') {
      value = valueCell.v;
      if (isPercentFormat(valueCell.z)) {
        value = fractionToPercent(value);
        percent = true;
      }
    } else {
      if (valueCell && valueCell.t !== 's' && valueText !== '') {
        problems.push(valueProblem(sheet.name, a1(r, mapping.valueColumn), valueCell.t === 'b' ? 'boolean' : 'text', valueText));
        continue;
      }
      const parsed = parseValueText(valueText);
      if (parsed.kind === 'missing') continue;
      if (parsed.kind === 'flagged') {
        problems.push(valueProblem(sheet.name, a1(r, mapping.valueColumn), parsed.code, valueText, parsed.reason));
        continue;
      }
      value = parsed.value;
      percent = parsed.percent;
    }
    const periodCell = row[mapping.periodColumn];
    const period = readPeriod(periodCell);
    if (!period) {
      problems.push(valueProblem(sheet.name, a1(r, mapping.periodColumn), 'period', cellText(periodCell)));
      continue;
    }
    const read = readLabelAndUnit(label, row, mapping.unitColumn);
    const info = read.info;
    let unit = read.unit;
    let unitKnown = read.unitKnown;
    if (percent) {
      if (unit === '') unit = '%';
      if (unit !== '%') {
        problems.push(valueProblem(sheet.name, a1(r, mapping.valueColumn), 'percent_unit', valueText, undefined, unit));
        continue;
      }
    }
    const region = mapping.regionColumn !== null ? cellText(row[mapping.regionColumn]) || mapping.region : mapping.region;
    const key = JSON.stringify([label, unit, region, period.frequency]);
    let group = groups.get(key);
    if (!group) {
      group = { label, name: info.name, unit, unitKnown, labelMeasure: info.measure, labelCumulative: info.cumulative, region, frequency: period.frequency, rows: [] };
      groups.set(key, group);
    }
    group.rows.push({ r, period, value, sourcePeriod: cellText(periodCell) });
  }

  const series: ParsedSeries[] = [];
  const unknownUnits = new Set<string>();
  for (const g of groups.values()) {
    const spans = g.rows.some((row) => row.period.cumulative && monthsCovered(row.period) > 2);
    let measure: Measure;
    if (g.labelMeasure === null) measure = spans ? 'cumulative' : 'monthly';
    else if (g.labelMeasure === 'yoy' && g.labelCumulative === null && spans) measure = 'yoy_cumulative';
    else measure = g.labelMeasure;
    const observations = [];
    for (const row of g.rows) {
      if (g.labelCumulative === false && (measure === 'monthly' || measure === 'yoy') && row.period.cumulative && monthsCovered(row.period) > 2) {
        problems.push(valueProblem(sheet.name, a1(row.r, mapping.periodColumn), 'period_measure', row.sourcePeriod));
        continue;
      }
      const source: CellSource = { file: fileName, sheet: sheet.name, cell: a1(row.r, mapping.valueColumn), label: g.label, sourcePeriod: row.sourcePeriod };
      observations.push({ period: row.period.period, value: row.value, source });
    }
    if (observations.length === 0) continue;
    if (!g.unitKnown && g.unit !== '') unknownUnits.add(g.unit);
    series.push({ name: g.name, label: g.label, unit: g.unit, measure, frequency: g.frequency, region: g.region, observations });
  }
  if (unknownUnits.size > 0) warnings.push(`未知单位，按原文保留：${[...unknownUnits].join('、')} / Unknown units kept as written: ${[...unknownUnits].join(', ')}`);
  return { series, problems, warnings };
}
