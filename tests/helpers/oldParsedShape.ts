// The parsed values as the code before issue 12 round 11 shaped them: each with a CellSource of its own (its file,
// sheet, A1 cell, label and period as printed). The verbatim copies of older code (tests/helpers/old*.ts) produce
// this shape; `oldShape` turns the parse of today into it, key for key in the same order, so the equality tests
// compare the two whole (and as JSON).
import type { CellSource, PeriodKey } from '../../shared/domain/series';
import { cellSourceOf, type ParsedFile, type ParsedObservation, type ParsedSeries, type ParsedSheet } from '../../shared/import/mapping';
import type { SheetResult } from '../../electron/import/layouts/problems';

export interface OldParsedObservation {
  period: PeriodKey;
  value: number;
  source: CellSource;
}
export type OldParsedSeries = Omit<ParsedSeries, 'observations'> & { observations: OldParsedObservation[] };
export type OldParsedSheet = Omit<ParsedSheet, 'series'> & { series: OldParsedSeries[] };
export type OldParsedFile = Omit<ParsedFile, 'sheets'> & { sheets: OldParsedSheet[] };

export function oldObservation(o: ParsedObservation): OldParsedObservation {
  return { period: o.period, value: o.value, source: cellSourceOf(o) };
}

export function oldSeriesShape(series: readonly ParsedSeries[]): OldParsedSeries[] {
  return series.map((s) => ({ ...s, observations: s.observations.map(oldObservation) }));
}

/** Anything holding `series` (a sheet, a layout's result): the same with its values in the old shape. */
export function withOldSeries<T extends { series: ParsedSeries[] }>(x: T): Omit<T, 'series'> & { series: OldParsedSeries[] } {
  return { ...x, series: oldSeriesShape(x.series) };
}

export function oldShape(parsed: ParsedFile): OldParsedFile {
  return { ...parsed, sheets: parsed.sheets.map(withOldSeries) };
}

/** A layout's result (electron/import/layouts/problems.ts SheetResult) in the old shape. */
export type OldSheetResult = Omit<SheetResult, 'series'> & { series: OldParsedSeries[] };
