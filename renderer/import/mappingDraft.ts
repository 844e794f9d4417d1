// The analyst's corrections to a sheet's mapping, as plain functions over the mapping JSON: a row skipped or given
// another measure or unit, a column moved. The header row is different: changing it derives the mapping again on
// the Node side, so it travels as a hint instead (see `importCorrections`).
import type { HeaderRowHint } from '../../shared/contract/importCalls';
import type { GridMapping, RowOverride, SheetMapping } from '../../shared/import/mapping';
import { columnName } from '../../shared/sheet/cellAddress';

export type { HeaderRowHint };

export interface Corrections {
  mappings: Record<string, SheetMapping>;
  headerRows: Record<string, HeaderRowHint>;
}

export const NO_CORRECTIONS: Corrections = { mappings: {}, headerRows: {} };

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
  return mapping.layout === 'long' ? undefined : mapping.rowOverrides.find((o) => o.row === row);
}

/** A corrected mapping replaces any header-row hint for the sheet (the mapping already reflects it). */
export function withMapping(c: Corrections, sheet: string, mapping: SheetMapping): Corrections {
  const headerRows = { ...c.headerRows };
  delete headerRows[sheet];
  return { mappings: { ...c.mappings, [sheet]: mapping }, headerRows };
}

/** A new header row: the sheet's mapping is derived again from it, so an earlier corrected mapping goes. */
export function withHeaderRow(c: Corrections, sheet: string, hint: HeaderRowHint): Corrections {
  const mappings = { ...c.mappings };
  delete mappings[sheet];
  return { mappings, headerRows: { ...c.headerRows, [sheet]: hint } };
}

export function withoutSheet(c: Corrections, sheet: string): Corrections {
  const mappings = { ...c.mappings };
  const headerRows = { ...c.headerRows };
  delete mappings[sheet];
  delete headerRows[sheet];
  return { mappings, headerRows };
}

/** `0` → `A`, `27` → `AB`: columns as the spreadsheet names them. */
export const columnLetter = columnName;
