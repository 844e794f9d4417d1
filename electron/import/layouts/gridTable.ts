// Indicators in rows, periods in columns (NBS wide export and analysts' workbooks): the detection helpers both
// layouts share, and the one routine that applies a GridMapping to a sheet. The inner loop runs once per value
// cell (a million in the benchmark), so it avoids per-cell work beyond the value and its observation (whose texts
// its row shares).

import type { Frequency, Measure } from '../../../shared/domain/series';
import { canonicalUnit } from '../../../shared/domain/units';
import { MAX_LABEL_LENGTH, measureFromPhrase } from '../../../shared/import/indicatorLabel';
import { resolveMeasure } from '../../../shared/import/measure';
import type { CellProblem, GridMapping, ParsedObservation, ParsedSeries, ParsedSource, PeriodColumn } from '../../../shared/import/mapping';
import { monthsCovered } from '../../../shared/import/period';
import { a1, cellText, columnName, isFooterLabel, isTotalsLabel, labelIndent, textAt } from '../grid';
import type { SheetCell, WorkbookSheet } from '../readWorkbook';
import { readLabelAndUnit } from './labelUnit';
import { labelProblem, valueProblem, type SheetResult } from './problems';
import { percentFormatCache, plainNumberCell, readValueCell } from './valueCell';

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
export function findLabelColumn(sheet: WorkbookSheet, firstDataRow: number, lastDataRow: number, beforeColumn: number, measureColumn: number | null = null, regionColumn: number | null = null): number {
  let best = 0;
  let bestCount = -1;
  const end = Math.min(lastDataRow, firstDataRow + 200);
  for (let c = 0; c < beforeColumn; c++) {
    if (c === measureColumn || c === regionColumn) continue;
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
export function findUnitColumn(sheet: WorkbookSheet, headerRows: number[], firstDataRow: number, lastDataRow: number, labelColumn: number, beforeColumn: number, measureColumn: number | null = null, regionColumn: number | null = null): number | null {
  for (let c = 0; c < beforeColumn; c++) {
    if (c === labelColumn || c === measureColumn || c === regionColumn) continue;
    if (headerRows.some((r) => UNIT_HEADER.test(textAt(sheet, r, c).replace(/[\s\u3000]+/g, '')))) return c;
  }
  const end = Math.min(lastDataRow, firstDataRow + 200);
  for (let c = 0; c < beforeColumn; c++) {
    if (c === labelColumn || c === measureColumn || c === regionColumn) continue;
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

const PERIOD_MEASURES = new Set<Measure>(['monthly', 'yoy']);

/** Compare period keys of one frequency family: `2025-10` > `2025-02`, `2025-Q3` > `2025-Q1`, `2025` > `2024`. */
function laterPeriod(a: ParsedObservation, b: ParsedObservation): boolean {
  return a.period > b.period;
}

export interface ApplyOptions {
  /** The analyst's (or the CLI's) measure for rows whose file says none. */
  measure?: Measure;
  /**
   * The caller needs the data rows no more once mapped (the whole-file parse drops the grid after it): each row is
   * let go once read, so at a million cells the grid shrinks while the observations grow instead of both being
   * held at the end. The mapping reads a data row only in that row's turn, so what it gives is the same.
   */
  releaseRows?: boolean;
}

/** What a released data row is left as. */
const RELEASED_ROW: readonly (SheetCell | undefined)[] = Object.freeze([]);

/**
 * Apply a grid mapping: one series per indicator row (and frequency), one observation per value cell. In the
 * by_region layout the rows are regions and the indicator is the `指标：` title's. One GridRowMapper over the data
 * rows, in order.
 */
export function applyGridMapping(sheet: WorkbookSheet, mapping: GridMapping, fileName: string, options: ApplyOptions = {}): SheetResult {
  const mapper = new GridRowMapper(sheet, mapping, fileName, options);
  mapper.mapRows(Math.min(mapping.lastDataRow, sheet.rows.length - 1));
  return mapper.finish();
}

/**
 * The grid mapping as a state machine over the data rows: `mapRows(last)` maps the rows after those already mapped,
 * up to `last`, in order; a footer label in the names column ends the table for good; `finish` adds the warnings
 * about the whole table. Mapping rows first…a then a+1…b is mapping first…b: a row's output depends on the row and the
 * mapping only, and the counters carry over. `mapping.lastDataRow` is not read here: the caller says where to stop.
 */
export class GridRowMapper {
  readonly series: ParsedSeries[] = [];
  readonly problems: CellProblem[] = [];
  readonly warnings: string[] = [];
  /** The next row to map. */
  next: number;
  /** A footer label in the names column was met: no row after it belongs to the table. */
  ended = false;
  /** finish() was called: the result is out, and nothing more may be mapped. */
  finished = false;
  private readonly columns: PeriodColumn[];
  private readonly headerCumulative: boolean;
  private readonly overrides: Map<number, GridMapping['rowOverrides'][number]>;
  private readonly colLetters: string[];
  private readonly spans: boolean[];
  private readonly singleFrequency: boolean;
  private readonly isPercent = percentFormatCache();
  private readonly byRegion: boolean;
  private readonly titleLabel: string | null;
  private readonly latestHeader: string;
  private fallbackMeasures = 0;
  private readonly unknownUnits = new Set<string>();
  private readonly skippedTotals: string[] = [];

  constructor(
    private readonly sheet: WorkbookSheet,
    private readonly mapping: GridMapping,
    private readonly fileName: string,
    private readonly options: ApplyOptions = {},
  ) {
    const columns = mapping.periodColumns;
    this.columns = columns;
    this.next = mapping.firstDataRow;
    this.headerCumulative = columnsAreCumulative(columns);
    this.overrides = new Map(mapping.rowOverrides.map((o) => [o.row, o]));
    this.colLetters = columns.map((p) => columnName(p.column));
    this.spans = columns.map((p) => p.cumulative && monthsCovered(p) > 2);
    this.singleFrequency = columns.every((p) => p.frequency === columns[0]?.frequency);
    this.byRegion = mapping.layout === 'by_region' && mapping.indicator !== null;
    this.titleLabel = this.byRegion ? mapping.indicator! : null;
    this.latestHeader = mapping.latestColumn !== null ? textAt(sheet, mapping.headerRow, mapping.latestColumn) || textAt(sheet, mapping.yearRow ?? mapping.headerRow, mapping.latestColumn) : '';
  }

  /** Maps the rows from `next` to `last` (inclusive), unless the table has ended. */
  mapRows(last: number): void {
    if (this.finished) throw new Error('grid mapping: rows mapped after the table was finished');
    for (; this.next <= last && !this.ended; this.next++) this.mapRow(this.next);
  }

  /**
   * Grows with everything a row gives (a series, a problem, a warning, a totals row skipped; an unknown unit or a
   * measure taken from the analyst comes with a series): a row after which it is unchanged gave nothing.
   */
  get outputs(): number {
    return this.series.length + this.problems.length + this.warnings.length + this.skippedTotals.length;
  }

  /** The table's result: the series and problems of every row mapped, and the warnings about the whole table. */
  finish(): SheetResult {
    if (this.finished) throw new Error('grid mapping: finished twice');
    this.finished = true;
    const { warnings, unknownUnits, fallbackMeasures, skippedTotals } = this;
    if (unknownUnits.size > 0) warnings.push(`未知单位，按原文保留：${[...unknownUnits].join('、')} / Unknown units kept as written: ${[...unknownUnits].join(', ')}`);
    if (fallbackMeasures > 0) warnings.push(`${fallbackMeasures} 个指标未标明口径，按所选口径导入 / ${fallbackMeasures} indicator(s) name no measure; imported with the measure chosen`);
    if (skippedTotals.length > 0) warnings.push(`跳过合计行 ${skippedTotals.join(', ')} / Skipped totals rows ${skippedTotals.join(', ')}`);
    return { series: this.series, problems: this.problems, warnings };
  }

  private mapRow(r: number): void {
    const { sheet, mapping, options, columns, problems, warnings, series, isPercent, byRegion, titleLabel, headerCumulative } = this;
    const row = sheet.rows[r];
    if (!row) return;
    if (options.releaseRows) sheet.rows[r] = RELEASED_ROW as (SheetCell | undefined)[];
    const override = this.overrides.get(r);
    if (override?.skip) return;
    const rowLabel = cellText(row[mapping.labelColumn]);
    if (rowLabel === '') {
      // A spacer row, or values without a name: the latter cannot be attributed to a series.
      const stray = columns.find((p) => cellText(row[p.column]) !== '');
      if (stray) problems.push(valueProblem(sheet.name, a1(r, stray.column), 'unlabelled', cellText(row[stray.column])));
      return;
    }
    if (isFooterLabel(rowLabel)) {
      this.ended = true;
      return;
    }
    if (isTotalsLabel(rowLabel)) {
      this.skippedTotals.push(a1(r, mapping.labelColumn));
      return;
    }
    if (rowLabel.length > MAX_LABEL_LENGTH) {
      problems.push(labelProblem(sheet.name, a1(r, mapping.labelColumn), rowLabel));
      return;
    }
    const label = titleLabel ?? rowLabel;
    // The parts of a total are indented under it: kept for the 合计/其中 check (shared/import/checks.ts).
    const indent = titleLabel === null ? labelIndent(row[mapping.labelColumn]) : 0;
    const indented = indent > 0 ? { indent } : {};
    const regionCell = mapping.regionColumn !== null ? cellText(row[mapping.regionColumn]) : '';
    const region = byRegion ? rowLabel.normalize('NFKC').replace(/[\s\u3000]+/g, '') : regionCell !== '' ? regionCell : mapping.region;
    const read = readLabelAndUnit(label, row, byRegion ? null : mapping.unitColumn);
    const info = read.info;
    let unit = read.unit;
    let unitKnown = read.unitKnown;
    if (override?.unit !== undefined) {
      unit = canonicalUnit(override.unit) ?? override.unit;
      unitKnown = true;
    }
    // The 口径 cell speaks for its row, before the label's suffix.
    let said: Measure | null = info.measure;
    let saidCumulative = info.cumulative;
    if (mapping.measureColumn !== null) {
      const written = cellText(row[mapping.measureColumn]);
      if (written !== '') {
        const phrase = measureFromPhrase(written);
        if (phrase) {
          said = phrase.measure;
          saidCumulative = phrase.cumulative;
          if ((said === 'yoy' || said === 'yoy_cumulative' || said === 'mom') && unit === '') unit = '%';
        } else if (override?.measure === undefined) {
          problems.push(valueProblem(sheet.name, a1(r, mapping.measureColumn), 'measure_unknown', written, `「${written}」不是可识别的口径 / "${written}" is not a measure the workbench knows`));
          return;
        }
      }
    }
    const measureOf = (frequency: Frequency): Measure | null =>
      override?.measure ?? resolveMeasure({ said, saidCumulative, headerCumulative, frequency }) ?? options.measure ?? null;
    const name = override?.name ?? info.name;

    // Observations by frequency: a row with months and quarters makes two series.
    const cells = this.rowValues(row, r, label, unit, saidCumulative, measureOf, measureOf(columns[0]?.frequency ?? 'monthly'));
    const byFrequency = cells.byFrequency;
    unit = cells.unit;
    const sawPercent = cells.sawPercent;

    // The row's `累计同比（最新）`: cumulative growth at the latest period of the row that has data.
    let latest: { obs: ParsedObservation; frequency: Frequency } | null = null;
    if (mapping.latestColumn !== null) {
      const cell = row[mapping.latestColumn];
      const got = readValueCell(cell, isPercent);
      const ref = a1(r, mapping.latestColumn);
      if (got.kind === 'problem') problems.push(valueProblem(sheet.name, ref, got.code, got.text, got.reason));
      else if (got.kind === 'number') {
        let newest: { obs: ParsedObservation; frequency: Frequency } | null = null;
        for (const [frequency, list] of byFrequency) {
          for (const o of list) if (!newest || (frequency === newest.frequency ? laterPeriod(o, newest.obs) : frequency === 'monthly')) newest = { obs: o, frequency };
        }
        if (!newest) problems.push(valueProblem(sheet.name, ref, 'latest_without_period', cellText(cell)));
        else {
          const period = newest.obs.period;
          const sourcePeriod = `${this.latestHeader}（${newest.obs.sourcePeriod}）`;
          latest = { frequency: newest.frequency, obs: { period, value: got.value, source: newest.obs.source, sourcePeriod, row: r, column: mapping.latestColumn } };
        }
      }
    }
    if (byFrequency.size === 0 && !latest) return;
    if (!unitKnown && unit !== '') this.unknownUnits.add(unit);
    if (unit === '' && !sawPercent) warnings.push(`${a1(r, mapping.labelColumn)}「${label}」未写单位 / no unit written`);
    let refused = false;
    for (const [frequency, observations] of byFrequency) {
      const measure = measureOf(frequency);
      if (measure === null) {
        if (!refused) problems.push(valueProblem(sheet.name, a1(r, mapping.labelColumn), 'measure_unknown', rowLabel, `第 ${r + 1} 行「${label}」没有说明口径（当期值、累计值、同比、期末值……），请指定 / Row ${r + 1} "${label}" does not say which measure it is (period value, cumulative, YoY, stock…); choose one`));
        refused = true;
        continue;
      }
      if (override?.measure === undefined && said === null && resolveMeasure({ said, saidCumulative, headerCumulative, frequency }) === null) this.fallbackMeasures++;
      series.push({ name, label, unit, measure, frequency, region, observations, ...indented });
    }
    if (latest) series.push({ name, label, unit: '%', measure: 'yoy_cumulative', frequency: latest.frequency, region, observations: [latest.obs], ...indented });
  }

  /**
   * The value cells of one row, in column order: its observations by frequency, and the row's unit and percent
   * flag as its percent cells leave them. Apart from mapRow so that this loop, a million times round in the
   * benchmark, is a small function the optimiser compiles early (mapRow whole took 60-150 ms to compile, its
   * first 20,000 rows meanwhile running unoptimised).
   */
  private rowValues(
    row: readonly (SheetCell | undefined)[],
    r: number,
    label: string,
    unit: string,
    saidCumulative: boolean | null,
    measureOf: (frequency: Frequency) => Measure | null,
    firstMeasure: Measure | null,
  ): { byFrequency: Map<Frequency, ParsedObservation[]>; unit: string; sawPercent: boolean } {
    const { sheet, fileName, columns, problems, colLetters, spans, singleFrequency, isPercent } = this;
    const sheetName = sheet.name;
    const rowNumber = String(r + 1);
    // One for the row's values: their file, sheet and label.
    const source: ParsedSource = { file: fileName, sheet: sheetName, label };
    const byFrequency = new Map<Frequency, ParsedObservation[]>();
    let rowObservations: ParsedObservation[] | undefined;
    let sawPercent = false;
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i];
      const cell = row[col.column];
      if (cell === undefined) continue;
      let value = plainNumberCell(cell, isPercent);
      let percent = false;
      if (value === undefined) {
        const got = readValueCell(cell, isPercent);
        if (got.kind === 'missing') continue;
        if (got.kind === 'problem') {
          problems.push(valueProblem(sheetName, colLetters[i] + rowNumber, got.code, got.text, got.reason));
          continue;
        }
        value = got.value;
        percent = got.percent;
      }
      if (percent) {
        if (unit === '') unit = '%';
        if (unit !== '%') {
          problems.push(valueProblem(sheetName, colLetters[i] + rowNumber, 'percent_unit', cellText(cell), undefined, unit));
          continue;
        }
        sawPercent = true;
      }
      const measure = singleFrequency ? firstMeasure : measureOf(col.frequency);
      if (spans[i] && measure !== null && PERIOD_MEASURES.has(measure) && saidCumulative === false) {
        problems.push(valueProblem(sheetName, colLetters[i] + rowNumber, 'period_measure', cellText(cell)));
        continue;
      }
      const obs: ParsedObservation = { period: col.period, value, source, sourcePeriod: col.label, row: r, column: col.column };
      if (singleFrequency) {
        (rowObservations ??= []).push(obs);
      } else {
        let list = byFrequency.get(col.frequency);
        if (!list) byFrequency.set(col.frequency, (list = []));
        list.push(obs);
      }
    }
    if (singleFrequency && rowObservations) byFrequency.set(columns[0].frequency, rowObservations);
    return { byFrequency, unit, sawPercent };
  }
}
