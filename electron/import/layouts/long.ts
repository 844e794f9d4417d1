// The long layout: one observation per row (indicator, unit, period, value), recognised by its header names.
// Header text is looked up in Maps, never used as object keys, so `__proto__` in a header is just text.

import type { Frequency, Measure } from '../../../shared/domain/series';
import { fractionToPercent, parseValueText } from '../../../shared/import/cellValue';
import { MAX_LABEL_LENGTH, measureFromPhrase } from '../../../shared/import/indicatorLabel';
import { resolveMeasure } from '../../../shared/import/measure';
import type { CellProblem, LongMapping, ParsedObservation, ParsedSeries, ParsedSource } from '../../../shared/import/mapping';
import { excelSerialToMonth, monthsCovered, parseCompactMonth, parsePeriodLabel, type ParsedPeriod } from '../../../shared/import/period';
import { a1, cellText, findLastRow, isFooterLabel, regionFromTitleRows } from '../grid';
import { isDateFormat, isPercentFormat, type SheetCell, type WorkbookSheet } from '../readWorkbook';
import type { ApplyOptions } from './gridTable';
import { readLabelAndUnit } from './labelUnit';
import { labelProblem, valueProblem, type SheetResult } from './problems';

type Role = 'indicator' | 'unit' | 'period' | 'value' | 'region' | 'measure';

/**
 * What a header names, by the words in it rather than a closed list: `指标名称`, `计量单位`, `统计周期`, `数值`,
 * `省份`, `指标口径`… Tested in this order, so `指标口径` is the measure, `指标值` the value, `数据时间` the period.
 */
const ROLE_WORDS: [Role, RegExp][] = [
  ['measure', /口径/],
  ['unit', /单位|^unit$/],
  ['value', /^(数值|值|数据|本期|本期值|本期数|指标值|数据值|统计值|value)$|数值$/],
  ['period', /时间|周期|时期|期间|期别|日期|月份|年份|年度|季度|期$|^年月$|^period$|^date$|^time$/],
  ['region', /地区|区域|省份|省市|地市|盟市|行政区|^region$|^area$/],
  ['indicator', /指标|名称|项目|^indicator$|^item$|^name$/],
];

export function headerRole(text: string): Role | null {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();
  if (t === '' || t.length > 20) return null;
  for (const [role, words] of ROLE_WORDS) if (words.test(t)) return role;
  return null;
}

const SCAN_ROWS = 20;
const SAMPLE_ROWS = 50;

/** A value column holds numbers: most of its first filled cells read as numbers (a metadata sheet's do not). */
function valuesAreNumbers(sheet: WorkbookSheet, column: number, firstRow: number): boolean {
  let numbers = 0;
  let filled = 0;
  for (let r = firstRow; r < Math.min(sheet.rows.length, firstRow + SAMPLE_ROWS); r++) {
    const cell = sheet.rows[r]?.[column];
    const text = cellText(cell);
    if (text === '') continue;
    filled++;
    if (cell?.t === 'n' || parseValueText(text).kind !== 'flagged') numbers++;
  }
  return filled > 0 && numbers / filled >= 0.5;
}

export function detectLong(sheet: WorkbookSheet): LongMapping | null {
  for (let r = 0; r < Math.min(sheet.rows.length, SCAN_ROWS); r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const found = new Map<Role, number>();
    for (let c = 0; c < row.length; c++) {
      const role = headerRole(cellText(row[c]));
      if (role && !found.has(role)) found.set(role, c);
    }
    const indicator = found.get('indicator');
    const period = found.get('period');
    const value = found.get('value');
    if (indicator === undefined || period === undefined || value === undefined) continue;
    if (!valuesAreNumbers(sheet, value, r + 1)) continue;
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
      region: regionFromTitleRows(sheet, r),
      measureColumn: found.get('measure') ?? null,
    };
  }
  return null;
}

export function readPeriod(cell: SheetCell | undefined): ParsedPeriod | null {
  if (!cell) return null;
  if (cell.t === 'n' && typeof cell.v === 'number') {
    if (isDateFormat(cell.z)) {
      const month = excelSerialToMonth(cell.v);
      return month ? { period: month, frequency: 'monthly', cumulative: false } : null;
    }
    return parsePeriodLabel(String(cell.v)) ?? parseCompactMonth(String(cell.v));
  }
  if (cell.v instanceof Date) {
    const d = cell.v;
    return { period: `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`, frequency: 'monthly', cumulative: false };
  }
  const text = cellText(cell);
  return parsePeriodLabel(text) ?? parseCompactMonth(text);
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

export function applyLongMapping(sheet: WorkbookSheet, mapping: LongMapping, fileName: string, options: ApplyOptions = {}): SheetResult {
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
    let labelMeasure = info.measure;
    let labelCumulative = info.cumulative;
    const measureText = mapping.measureColumn !== null ? cellText(row[mapping.measureColumn]) : '';
    if (measureText !== '') {
      const phrase = measureFromPhrase(measureText);
      if (!phrase) {
        problems.push(valueProblem(sheet.name, a1(r, mapping.measureColumn!), 'measure_unknown', measureText, `「${measureText}」不是可识别的口径 / "${measureText}" is not a measure the workbench knows`));
        continue;
      }
      labelMeasure = phrase.measure;
      labelCumulative = phrase.cumulative;
      if ((labelMeasure === 'yoy' || labelMeasure === 'yoy_cumulative' || labelMeasure === 'mom') && unit === '') unit = '%';
    }
    const key = JSON.stringify([label, unit, region, period.frequency, measureText]);
    let group = groups.get(key);
    if (!group) {
      group = { label, name: info.name, unit, unitKnown, labelMeasure, labelCumulative, region, frequency: period.frequency, rows: [] };
      groups.set(key, group);
    }
    group.rows.push({ r, period, value, sourcePeriod: cellText(periodCell) });
  }

  const series: ParsedSeries[] = [];
  const unknownUnits = new Set<string>();
  for (const g of groups.values()) {
    const spans = g.rows.some((row) => row.period.cumulative && monthsCovered(row.period) > 2);
    const measure: Measure | null =
      resolveMeasure({ said: g.labelMeasure, saidCumulative: g.labelCumulative, headerCumulative: spans, frequency: g.frequency }) ?? options.measure ?? null;
    if (measure === null) {
      const first = g.rows[0].r;
      problems.push(valueProblem(sheet.name, a1(first, mapping.indicatorColumn), 'measure_unknown', g.label, `第 ${first + 1} 行起「${g.label}」没有说明口径（当期值、累计值、同比、期末值……），请指定 / "${g.label}" (from row ${first + 1}) does not say which measure it is (period value, cumulative, YoY, stock…); choose one`));
      continue;
    }
    const observations: ParsedObservation[] = [];
    // One for the group's values: their file, sheet and the indicator as written.
    const source: ParsedSource = { file: fileName, sheet: sheet.name, label: g.label };
    for (const row of g.rows) {
      if (g.labelCumulative === false && (measure === 'monthly' || measure === 'yoy') && row.period.cumulative && monthsCovered(row.period) > 2) {
        problems.push(valueProblem(sheet.name, a1(row.r, mapping.periodColumn), 'period_measure', row.sourcePeriod));
        continue;
      }
      observations.push({ period: row.period.period, value: row.value, source, sourcePeriod: row.sourcePeriod, row: row.r, column: mapping.valueColumn });
    }
    if (observations.length === 0) continue;
    if (!g.unitKnown && g.unit !== '') unknownUnits.add(g.unit);
    series.push({ name: g.name, label: g.label, unit: g.unit, measure, frequency: g.frequency, region: g.region, observations });
  }
  if (unknownUnits.size > 0) warnings.push(`未知单位，按原文保留：${[...unknownUnits].join('、')} / Unknown units kept as written: ${[...unknownUnits].join(', ')}`);
  return { series, problems, warnings };
}
