// The analyst's corrections to a sheet's mapping, as plain functions over the mapping JSON: a row skipped or given
// another measure or unit, a column moved. The header row is different: changing it derives the mapping again on
// the Node side, so it travels as a hint instead (see `importCorrections`).
import type { HeaderRowHint } from '../../shared/contract/importCalls';
import { isGridMapping, type ColumnsMapping, type GridMapping, type Layout, type RowOverride, type SeriesColumn, type SheetMapping } from '../../shared/import/mapping';
import { columnName } from '../../shared/sheet/cellAddress';

export type { HeaderRowHint };

export interface Corrections {
  mappings: Record<string, SheetMapping>;
  headerRows: Record<string, HeaderRowHint>;
  /** The analyst's layout for a sheet: the mapping is detected again for it on the Node side. */
  layouts: Record<string, Layout>;
}

export const NO_CORRECTIONS: Corrections = { mappings: {}, headerRows: {}, layouts: {} };

/** A new layout for a sheet: its mapping and header row are derived again, so earlier corrections of them go. */
export function withLayout(c: Corrections, sheet: string, layout: Layout): Corrections {
  const mappings = { ...c.mappings };
  const headerRows = { ...c.headerRows };
  delete mappings[sheet];
  delete headerRows[sheet];
  return { mappings, headerRows, layouts: { ...c.layouts, [sheet]: layout } };
}

/** One series column of a periods-down table skipped, or given a measure (an empty measure clears it). */
export function withSeriesColumn(mapping: ColumnsMapping, column: number, patch: Partial<Pick<SeriesColumn, 'skip' | 'measure'>>): ColumnsMapping {
  return {
    ...mapping,
    seriesColumns: mapping.seriesColumns.map((s) => {
      if (s.column !== column) return s;
      const next: SeriesColumn = { ...s, ...patch };
      if (!next.skip) delete next.skip;
      if (!next.measure) delete next.measure;
      return next;
    }),
  };
}

/** Sets (or clears, with an empty patch value) one row's override; an override with nothing left is dropped. */
export function withRowOverride(mapping: GridMapping, row: number, patch: Partial<Omit<RowOverride, 'row'>>): GridMapping {
  const prior = mapping.rowOverrides.find((o) => o.row === row) ?? { row };
  const next: RowOverride = { ...prior, ...patch };
  for (const key of ['skip', 'measure', 'unit', 'name'] as const) {
    if (next[key] === undefined || next[key] === '' || next[key] === false) delete next[key];
  }
  const others = mapping.rowOverrides.filter((o) => o.row !== row);
  return { ...mapping, rowOverrides: Object.keys(next).length > 1 ? [...others, next].sort((a, b) => a.row - b.row) : others };
}

export function rowOverride(mapping: SheetMapping, row: number): RowOverride | undefined {
  return isGridMapping(mapping) ? mapping.rowOverrides.find((o) => o.row === row) : undefined;
}

/** A corrected mapping replaces any header-row hint for the sheet (the mapping already reflects it). */
export function withMapping(c: Corrections, sheet: string, mapping: SheetMapping): Corrections {
  const headerRows = { ...c.headerRows };
  delete headerRows[sheet];
  return { mappings: { ...c.mappings, [sheet]: mapping }, headerRows, layouts: c.layouts };
}

/** A new header row: the sheet's mapping is derived again from it, so an earlier corrected mapping goes. */
export function withHeaderRow(c: Corrections, sheet: string, hint: HeaderRowHint): Corrections {
  const mappings = { ...c.mappings };
  delete mappings[sheet];
  return { mappings, headerRows: { ...c.headerRows, [sheet]: hint }, layouts: c.layouts };
}

export function withoutSheet(c: Corrections, sheet: string): Corrections {
  const mappings = { ...c.mappings };
  const headerRows = { ...c.headerRows };
  const layouts = { ...c.layouts };
  delete mappings[sheet];
  delete headerRows[sheet];
  delete layouts[sheet];
  return { mappings, headerRows, layouts };
}

/** `0` → `A`, `27` → `AB`: columns as the spreadsheet names them. */
export const columnLetter = columnName;
