// Indicators in rows, periods in columns (NBS wide export and analysts' workbooks): the detection helpers both
// layouts share, and the one routine that applies a GridMapping to a sheet. The inner loop runs once per value
// cell (a million in the benchmark), so it avoids per-cell work beyond the value and its source record.

import type { CellSource, Frequency, Measure } from '../../../shared/domain/series';
import { canonicalUnit } from '../../../shared/domain/units';
import { fractionToPercent, parseValueText } from '../../../shared/import/cellValue';
import { MAX_LABEL_LENGTH } from '../../../shared/import/indicatorLabel';
import type { CellProblem, GridMapping, ParsedObservation, ParsedSeries, PeriodColumn } from '../../../shared/import/mapping';
import { monthsCovered } from '../../../shared/import/period';
import { a1, cellText, columnName, isFooterLabel, isTotalsLabel, textAt } from '../grid';
import { isPercentFormat, type WorkbookSheet } from '../readWorkbook';
import { readLabelAndUnit } from './labelUnit';
import { labelProblem, valueProblem, type SheetResult } from './problems';

/** Last row of the table: before the first footer row (`注：`, `数据来源：`), ignoring trailing blank rows. */
export function findDataEnd(sheet: WorkbookSheet, firstDataRow: number): number {
  let last = firstDataRow - 1;
  for (let r = firstDataRow; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    let first = '';
    let any = false;
    for (let c = 0; c < row.length; c++) {
      const t = cellText(row[c]);
      if (t !== '') {
        if (!any) first = t;
        any = true;
        break;
      }
    }
    if (!any) continue;
    if (isFooterLabel(first)) break;
    last = r;
  }
  return last;
}

/** The column left of the periods that holds the most text: the indicator names. */
export function findLabelColumn(sheet: WorkbookSheet, firstDataRow: number, lastDataRow: number, beforeColumn: number): number {
  let best = 0;
  let bestCount = -1;
  const end = Math.min(lastDataRow, firstDataRow + 200);
  for (let c = 0; c < beforeColumn; c++) {
    let count = 0;
    for (let r = firstDataRow; r <= end; r++) {
      const t = textAt(sheet, r, c);
      if (t !== '' && !/^[-+]?[\d.,]+$/.test(t) && canonicalUnit(t) === null) count++;
    }
    if (count > bestCount) {
      best = c;
      bestCount = count;
    }
  }
  return best;
}

const UNIT_HEADER = /^(计量)?单位$|^unit$/i;

/** A column headed `单位`, or whose cells are mostly known units, between the names and the periods. */
export function findUnitColumn(sheet: WorkbookSheet, headerRows: number[], firstDataRow: number, lastDataRow: number, labelColumn: number, beforeColumn: number): number | null {
  for (let c = 0; c < beforeColumn; c++) {
    if (c === labelColumn) continue;
    if (headerRows.some((r) => UNIT_HEADER.test(textAt(sheet, r, c).replace(/[\s\u3000]+/g, '')))) return c;
  }
  const end = Math.min(lastDataRow, firstDataRow + 200);
  for (let c = 0; c < beforeColumn; c++) {
    if (c === labelColumn) continue;
    let units = 0;
    let filled = 0;
    for (let r = firstDataRow; r <= end; r++) {
      const t = textAt(sheet, r, c);
      if (t === '') continue;
      filled++;
      if (canonicalUnit(t) !== null) units++;
    }
    if (filled > 0 && units / filled >= 0.6) return c;
  }
  return null;
}

/** Do the period columns name spans from January (1-3月, 上半年), which says a plain label means year-to-date? */
function columnsAreCumulative(columns: PeriodColumn[]): boolean {
  return columns.some((p) => p.cumulative && monthsCovered(p) > 2);
}

function resolveMeasure(labelMeasure: Measure | null, labelCumulative: boolean | null, headerCumulative: boolean): Measure {
  if (labelMeasure === null) return headerCumulative ? 'cumulative' : 'monthly';
  // A bare `增速` / `同比增长` under 1-N月 headers is year-to-date growth.
  if (labelMeasure === 'yoy' && labelCumulative === null && headerCumulative) return 'yoy_cumulative';
  return labelMeasure;
}

const PERIOD_MEASURES = new Set<Measure>(['monthly', 'yoy']);

/** Apply a grid mapping: one series per indicator row (and frequency), one observation per value cell. */
export function applyGridMapping(sheet: WorkbookSheet, mapping: GridMapping, fileName: string): SheetResult {
  const problems: CellProblem[] = [];
  const warnings: string[] = [];
  const series: ParsedSeries[] = [];
  const columns = mapping.periodColumns;
  const headerCumulative = columnsAreCumulative(columns);
  const overrides = new Map(mapping.rowOverrides.map((o) => [o.row, o]));
  const colLetters = columns.map((p) => columnName(p.column));
  const spans = columns.map((p) => p.cumulative && monthsCovered(p) > 2);
  const singleFrequency = columns.every((p) => p.frequency === columns[0]?.frequency);
  const percentFormats = new Map<string, boolean>();
  const isPercent = (z: string | number | undefined): boolean => {
    if (z === undefined || z === 'General') return false;
    const key = String(z);
    let hit = percentFormats.get(key);
    if (hit === undefined) {
      hit = isPercentFormat(z);
      percentFormats.set(key, hit);
    }
    return hit;
  };
  let inferredMeasures = 0;
  const unknownUnits = new Set<string>();
  const skippedTotals: string[] = [];
  const last = Math.min(mapping.lastDataRow, sheet.rows.length - 1);

  for (let r = mapping.firstDataRow; r <= last; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const override = overrides.get(r);
    if (override?.skip) continue;
    const label = cellText(row[mapping.labelColumn]);
    if (label === '') {
      // A spacer row, or values without a name: the latter cannot be attributed to a series.
      const stray = columns.find((p) => cellText(row[p.column]) !== '');
      if (stray) problems.push(valueProblem(sheet.name, a1(r, stray.column), 'unlabelled', cellText(row[stray.column])));
      continue;
    }
    if (isFooterLabel(label)) break;
    if (isTotalsLabel(label)) {
      skippedTotals.push(a1(r, mapping.labelColumn));
      continue;
    }
    if (label.length > MAX_LABEL_LENGTH) {
      problems.push(labelProblem(sheet.name, a1(r, mapping.labelColumn), label));
      continue;
    }
    const read = readLabelAndUnit(label, row, mapping.unitColumn);
    const info = read.info;
    let unit = read.unit;
    let unitKnown = read.unitKnown;
    if (override?.unit !== undefined) {
      unit = canonicalUnit(override.unit) ?? override.unit;
      unitKnown = true;
    }
    const explicitMeasure = override?.measure ?? info.measure;
    if (explicitMeasure === null) inferredMeasures++;
    const measure = override?.measure ?? resolveMeasure(info.measure, info.cumulative, headerCumulative);
    const name = override?.name ?? info.name;
    const rowNumber = String(r + 1);

    // Observations by frequency: a row with months and quarters makes two series.
    const byFrequency = new Map<Frequency, ParsedObservation[]>();
    let rowObservations: ParsedObservation[] | undefined;
    let sawPercent = false;
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i];
      const cell = row[col.column];
      if (cell === undefined) continue;
      let value: number;
      let percent = false;
      if (cell.t === 'n' && typeof cell.v === 'number') {
        value = cell.v;
        if (!Number.isFinite(value)) {
          problems.push(valueProblem(sheet.name, colLetters[i] + rowNumber, 'not_finite', String(value)));
          continue;
        }
        if (isPercent(cell.z)) {
          value = fractionToPercent(value);
          percent = true;
        }
      } else if (cell.t === 's' && typeof cell.v === 'string') {
        const parsed = parseValueText(cell.v);
        if (parsed.kind === 'missing') continue;
        if (parsed.kind === 'flagged') {
          problems.push(valueProblem(sheet.name, colLetters[i] + rowNumber, parsed.code, cell.v, parsed.reason));
          continue;
        }
        value = parsed.value;
        percent = parsed.percent;
      } else if (cell.t === 'z' || cell.v === undefined || cell.v === null) {
        continue;
      } else if (cell.t === 'e') {
        problems.push(valueProblem(sheet.name, colLetters[i] + rowNumber, 'error_cell', cellText(cell)));
        continue;
      } else {
        problems.push(valueProblem(sheet.name, colLetters[i] + rowNumber, cell.t === 'b' ? 'boolean' : 'text', cellText(cell)));
        continue;
      }
      if (percent) {
        if (unit === '') unit = '%';
        if (unit !== '%') {
          problems.push(valueProblem(sheet.name, colLetters[i] + rowNumber, 'percent_unit', cellText(cell), undefined, unit));
          continue;
        }
        sawPercent = true;
      }
      if (spans[i] && PERIOD_MEASURES.has(measure) && info.cumulative === false) {
        problems.push(valueProblem(sheet.name, colLetters[i] + rowNumber, 'period_measure', cellText(cell)));
        continue;
      }
      const source: CellSource = { file: fileName, sheet: sheet.name, cell: colLetters[i] + rowNumber, label, sourcePeriod: col.label };
      const obs: ParsedObservation = { period: col.period, value, source };
      if (singleFrequency) {
        (rowObservations ??= []).push(obs);
      } else {
        let list = byFrequency.get(col.frequency);
        if (!list) byFrequency.set(col.frequency, (list = []));
        list.push(obs);
      }
    }
    if (singleFrequency && rowObservations) byFrequency.set(columns[0].frequency, rowObservations);
    if (byFrequency.size === 0) continue;
    if (!unitKnown && unit !== '') unknownUnits.add(unit);
    if (unit === '' && !sawPercent) warnings.push(`${a1(r, mapping.labelColumn)}「${label}」未写单位 / no unit written`);
    for (const [frequency, observations] of byFrequency) {
      series.push({ name, label, unit, measure, frequency, region: mapping.region, observations });
    }
  }
  if (unknownUnits.size > 0) warnings.push(`未知单位，按原文保留：${[...unknownUnits].join('、')} / Unknown units kept as written: ${[...unknownUnits].join(', ')}`);
  if (inferredMeasures > 0) warnings.push(`${inferredMeasures} 个指标名未标明口径，已按表头推断 / ${inferredMeasures} indicator(s) name no measure; inferred from the period headers`);
  if (skippedTotals.length > 0) warnings.push(`跳过合计行 ${skippedTotals.join(', ')} / Skipped totals rows ${skippedTotals.join(', ')}`);
  return { series, problems, warnings };
}
