// Periods in rows × series in columns: the NBS portal's `时间` export (`数据库：月度数据`, one column per indicator with
// its measure and unit in the header), a by-region table turned over (regions across, the indicator in `指标：`), and
// 中经网 ExportData sheets (`<indicator>_<measure>` headers with 地区 / 频度 / 单位 / 来源 rows under them).

import type { Frequency, Measure } from '../../../shared/domain/series';
import { canonicalUnit } from '../../../shared/domain/units';
import { MAX_LABEL_LENGTH, parseIndicatorLabel } from '../../../shared/import/indicatorLabel';
import type { CellProblem, ColumnsMapping, ParsedObservation, ParsedSeries, ParsedSource, SeriesColumn } from '../../../shared/import/mapping';
import { resolveMeasure } from '../../../shared/import/measure';
import { monthsCovered, type ParsedPeriod } from '../../../shared/import/period';
import { a1, cellText, findLastRow, isFooterLabel, looksLikeRegion, textAt, titleRows } from '../grid';
import type { WorkbookSheet } from '../readWorkbook';
import type { ApplyOptions } from './gridTable';
import { readPeriod } from './long';
import { labelProblem, valueProblem, type SheetResult } from './problems';
import { percentFormatCache, readValueCell } from './valueCell';

const SCAN_ROWS = 30;
const MAX_ATTRIBUTE_ROWS = 10;
const SAMPLE = 12;

type Attribute = 'region' | 'frequency' | 'unit' | 'source';
const ATTRIBUTE_WORDS: [Attribute, RegExp][] = [
  ['region', /^(地区|区域|地区名称)$/],
  ['frequency', /^(频度|频率)$/],
  ['unit', /^(单位|计量单位)$/],
  ['source', /^(来源|数据来源|资料来源)$/],
];

function attributeOf(text: string): Attribute | null {
  const t = text.normalize('NFKC').replace(/[\s\u3000:：]+/g, '');
  for (const [a, re] of ATTRIBUTE_WORDS) if (re.test(t)) return a;
  return null;
}

/** `月` / `月度`, `季` / `季度`, `年` / `年度`: a CEI 频度 cell. */
export function frequencyWord(text: string): Frequency | null {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  if (/^(月|月度|monthly|m)$/i.test(t)) return 'monthly';
  if (/^(季|季度|quarterly|q)$/i.test(t)) return 'quarterly';
  if (/^(年|年度|annual|yearly|y)$/i.test(t)) return 'yearly';
  return null;
}

/** Do the cells of this column below `from` read as periods (most of the first filled ones)? */
function periodsBelow(sheet: WorkbookSheet, column: number, from: number): boolean {
  let periods = 0;
  let filled = 0;
  for (let r = from; r < sheet.rows.length && filled < SAMPLE; r++) {
    const cell = sheet.rows[r]?.[column];
    const text = cellText(cell);
    if (text === '') continue;
    if (isFooterLabel(text)) break;
    filled++;
    if (readPeriod(cell)) periods++;
  }
  return filled >= 2 && periods / filled >= 0.8;
}

/** Do the series columns hold numbers in their first rows? (A metadata sheet's columns hold text.) */
function numbersBeside(sheet: WorkbookSheet, columns: number[], from: number): boolean {
  const isPercent = percentFormatCache();
  let numbers = 0;
  let filled = 0;
  for (let r = from; r < Math.min(sheet.rows.length, from + SAMPLE * 4); r++) {
    for (const c of columns.slice(0, 20)) {
      const got = readValueCell(sheet.rows[r]?.[c], isPercent);
      if (got.kind === 'missing') continue;
      filled++;
      if (got.kind === 'number') numbers++;
    }
  }
  return filled > 0 && numbers / filled >= 0.8;
}

export function detectPeriodsDown(sheet: WorkbookSheet): ColumnsMapping | null {
  for (let r = 0; r < Math.min(sheet.rows.length, SCAN_ROWS); r++) {
    const header = sheet.rows[r];
    if (!header) continue;
    for (let pc = 0; pc < Math.min(header.length, 3); pc++) {
      // Attribute rows (地区, 频度, 单位, 来源) may sit between the header and the first period.
      let first = r + 1;
      const attributes = new Map<Attribute, number>();
      while (first < sheet.rows.length && first - r <= MAX_ATTRIBUTE_ROWS) {
        const text = textAt(sheet, first, pc);
        if (text === '' || readPeriod(sheet.rows[first]?.[pc])) break;
        const a = attributeOf(text);
        if (a && !attributes.has(a)) attributes.set(a, first);
        first++;
      }
      if (!periodsBelow(sheet, pc, first)) continue;
      const columns: number[] = [];
      for (let c = 0; c < header.length; c++) if (c !== pc && cellText(header[c]) !== '') columns.push(c);
      if (columns.length === 0 || !numbersBeside(sheet, columns, first)) continue;
      // A header of periods is the wide layout's: not this one.
      if (columns.filter((c) => readPeriod(header[c]) !== null).length > columns.length / 2) continue;
      return buildMapping(sheet, r, pc, first, columns, attributes);
    }
  }
  return null;
}

function buildMapping(sheet: WorkbookSheet, headerRow: number, periodColumn: number, firstDataRow: number, columns: number[], attributes: Map<Attribute, number>): ColumnsMapping {
  const title = titleRows(sheet, headerRow);
  const regionsAcross = title.indicator !== null && columns.filter((c) => looksLikeRegion(textAt(sheet, headerRow, c))).length >= columns.length * 0.8;
  const cei = attributes.size > 0;
  const regionRow = attributes.get('region');
  const unitRow = attributes.get('unit');
  const frequencyRow = attributes.get('frequency');
  const seriesColumns: SeriesColumn[] = columns.map((c) => {
    const label = textAt(sheet, headerRow, c).slice(0, 200);
    const unitText = unitRow !== undefined ? textAt(sheet, unitRow, c) : '';
    const regionText = regionRow !== undefined ? textAt(sheet, regionRow, c) : '';
    return {
      column: c,
      label,
      region: regionsAcross ? label.normalize('NFKC').replace(/[\s\u3000]+/g, '').slice(0, 100) : regionText !== '' ? regionText.slice(0, 100) : title.region,
      unit: unitText === '' ? null : unitText.slice(0, 50),
      frequency: frequencyRow !== undefined ? frequencyWord(textAt(sheet, frequencyRow, c)) : null,
    };
  });
  return {
    layout: regionsAcross ? 'regions_across' : cei ? 'cei' : 'periods_down',
    headerRow,
    periodColumn,
    firstDataRow,
    lastDataRow: findDataEndDown(sheet, firstDataRow, periodColumn),
    seriesColumns,
    indicator: regionsAcross ? title.indicator : null,
    region: title.region,
  };
}

/** The last row before the footer (`注：`, `数据来源：`), ignoring trailing blank or comma-padded rows. */
function findDataEndDown(sheet: WorkbookSheet, from: number, periodColumn: number): number {
  let last = from - 1;
  const end = findLastRow(sheet);
  for (let r = from; r <= end; r++) {
    const text = textAt(sheet, r, periodColumn);
    if (isFooterLabel(text)) break;
    if (text !== '' || (sheet.rows[r] ?? []).some((cell) => cellText(cell) !== '')) last = r;
  }
  return last;
}

/** A monthly key read for a quarterly or yearly series: March → Q1 …; December → the year. Null if it does not fall there. */
function toFrequency(p: ParsedPeriod, frequency: Frequency): ParsedPeriod | null {
  if (p.frequency === frequency) return p;
  if (p.frequency !== 'monthly') return null;
  const year = p.period.slice(0, 4);
  const month = Number(p.period.slice(5, 7));
  if (frequency === 'quarterly') return month % 3 === 0 ? { period: `${year}-Q${month / 3}`, frequency, cumulative: p.cumulative } : null;
  return month === 12 ? { period: year, frequency, cumulative: p.cumulative } : null;
}

interface RowPeriod {
  r: number;
  period: ParsedPeriod;
  text: string;
}

export function applyColumnsMapping(sheet: WorkbookSheet, mapping: ColumnsMapping, fileName: string, options: ApplyOptions = {}): SheetResult {
  const problems: CellProblem[] = [];
  const warnings: string[] = [];
  const series: ParsedSeries[] = [];
  const isPercent = percentFormatCache();
  const last = Math.min(mapping.lastDataRow, sheet.rows.length - 1);
  const live = mapping.seriesColumns.filter((s) => !s.skip);

  // The periods once, for every column: row → period.
  const periods: RowPeriod[] = [];
  for (let r = mapping.firstDataRow; r <= last; r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    const cell = row[mapping.periodColumn];
    const text = cellText(cell);
    if (isFooterLabel(text)) break;
    const period = text === '' ? null : readPeriod(cell);
    if (!period) {
      const stray = live.find((s) => cellText(row[s.column]) !== '');
      if (stray) problems.push(valueProblem(sheet.name, a1(r, text === '' ? stray.column : mapping.periodColumn), text === '' ? 'unlabelled' : 'period', text || cellText(row[stray.column])));
      continue;
    }
    periods.push({ r, period, text });
  }
  // A column without a 频度 whose values all fall in March, June, September, December is quarterly (CEI leaves
  // the other months empty), when other columns of the sheet hold other months.
  const monthsWithValues = new Map<number, Set<number>>();
  for (const s of live) {
    const months = new Set<number>();
    for (const p of periods) {
      if (p.period.frequency !== 'monthly') continue;
      if (readValueCell(sheet.rows[p.r]?.[s.column], isPercent).kind === 'number') months.add(Number(p.period.period.slice(5, 7)));
    }
    monthsWithValues.set(s.column, months);
  }
  const sheetHasOtherMonths = [...monthsWithValues.values()].some((m) => [...m].some((x) => x % 3 !== 0));

  const unknownUnits = new Set<string>();
  for (const col of live) {
    const header = a1(mapping.headerRow, col.column);
    const label = mapping.indicator ?? col.label;
    if (label.length > MAX_LABEL_LENGTH) {
      problems.push(labelProblem(sheet.name, header, label));
      continue;
    }
    const info = parseIndicatorLabel(label);
    let unit = info.unit;
    let unitKnown = info.unitKnown;
    if (col.unit !== null && col.unit !== '') {
      unit = canonicalUnit(col.unit) ?? col.unit;
      unitKnown = canonicalUnit(col.unit) !== null;
    }
    const months = monthsWithValues.get(col.column)!;
    let frequency: Frequency | null = col.frequency;
    if (frequency === null && sheetHasOtherMonths && months.size > 0 && [...months].every((m) => m % 3 === 0) && periods.filter((p) => p.period.frequency === 'monthly').length >= 6) {
      frequency = 'quarterly';
      warnings.push(`${header}「${label}」只有季末月份有数值，按季度序列导入 / only quarter-end months hold values: imported as a quarterly series`);
    }
    const byFrequency = new Map<Frequency, ParsedObservation[]>();
    // One for the column's values: their file, sheet and the column's header as written.
    const source: ParsedSource = { file: fileName, sheet: sheet.name, label: col.label };
    let spans = false;
    let sawPercent = false;
    for (const p of periods) {
      const cell = sheet.rows[p.r]?.[col.column];
      const got = readValueCell(cell, isPercent);
      if (got.kind === 'missing') continue;
      const ref = a1(p.r, col.column);
      if (got.kind === 'problem') {
        problems.push(valueProblem(sheet.name, ref, got.code, got.text, got.reason));
        continue;
      }
      if (got.percent) {
        if (unit === '') unit = '%';
        if (unit !== '%') {
          problems.push(valueProblem(sheet.name, ref, 'percent_unit', cellText(cell), undefined, unit));
          continue;
        }
        sawPercent = true;
      }
      const period = frequency === null ? p.period : toFrequency(p.period, frequency);
      if (!period) {
        problems.push(valueProblem(sheet.name, ref, 'period', p.text, `「${p.text}」不是${frequency === 'quarterly' ? '季末' : '年末'}月份，与频度不符 / "${p.text}" does not end a ${frequency === 'quarterly' ? 'quarter' : 'year'}, as the frequency says`));
        continue;
      }
      if (period.cumulative && monthsCovered(period) > 2) spans = true;
      let list = byFrequency.get(period.frequency);
      if (!list) byFrequency.set(period.frequency, (list = []));
      list.push({ period: period.period, value: got.value, source, sourcePeriod: p.text, row: p.r, column: col.column });
    }
    if (byFrequency.size === 0) continue;
    if (!unitKnown && unit !== '') unknownUnits.add(unit);
    if (unit === '' && !sawPercent) warnings.push(`${header}「${label}」未写单位 / no unit written`);
    for (const [f, observations] of byFrequency) {
      const measure: Measure | null = col.measure ?? resolveMeasure({ said: info.measure, saidCumulative: info.cumulative, headerCumulative: spans, frequency: f }) ?? options.measure ?? null;
      if (measure === null) {
        problems.push(valueProblem(sheet.name, header, 'measure_unknown', col.label, `${header}「${label}」没有说明口径（当期值、累计值、同比、期末值……），请指定 / Column ${header} "${label}" does not say which measure it is (period value, cumulative, YoY, stock…); choose one`));
        continue;
      }
      series.push({ name: info.name, label, unit: measure === 'yoy' || measure === 'yoy_cumulative' || measure === 'mom' ? unit || '%' : unit, measure, frequency: f, region: col.region, observations });
    }
  }
  if (unknownUnits.size > 0) warnings.push(`未知单位，按原文保留：${[...unknownUnits].join('、')} / Unknown units kept as written: ${[...unknownUnits].join(', ')}`);
  return { series, problems, warnings };
}
