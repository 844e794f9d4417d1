// A verbatim copy of electron/import/screenValues.ts as it was before the map9 changes (only the import paths differ, and the parsed values' types are the older shape of tests/helpers/oldParsedShape.ts): the
// reference the equality tests (tests/unit/grid-mapping-equal.test.ts) compare the new parse with.
// The one check every layout's output goes through before anything else sees it (wide, long, analyst, and any
// layout added later): an observation whose value is not a plausible finite number (NaN, ±Infinity from `1e309`,
// or beyond any real statistic) becomes a problem on its cell instead of a value. Text in every cell of the
// workbook loses its control characters here too, so a NUL can never reach a series name.

import { isPlausibleNumber, stripControlChars } from '../../shared/boundary/safeValues';
import { valueProblem } from '../../electron/import/layouts/problems';
import type { OldSheetResult as SheetResult } from './oldParsedShape';
import type { WorkbookSheet } from '../../electron/import/readWorkbook';

/** Moves implausible observations of one sheet's result into its problems; returns how many. */
export function screenObservations(result: SheetResult, sheetName: string): number {
  let refused = 0;
  for (const series of result.series) {
    // Nearly every series is all plausible: its array is then left as it is, not copied.
    if (series.observations.every((o) => isPlausibleNumber(o.value))) continue;
    const kept = series.observations.filter((o) => {
      if (isPlausibleNumber(o.value)) return true;
      result.problems.push(valueProblem(sheetName, o.source.cell, 'not_finite', String(o.value)));
      refused++;
      return false;
    });
    if (kept.length !== series.observations.length) series.observations = kept;
  }
  if (refused > 0) result.series = result.series.filter((s) => s.observations.length > 0);
  return refused;
}

/** Strips control characters from every text cell (CSV and spreadsheet alike); returns how many cells changed. */
export function stripControlCharsInSheets(sheets: WorkbookSheet[]): number {
  let changed = 0;
  for (const sheet of sheets) {
    for (const row of sheet.rows) {
      if (!row) continue;
      for (const cell of row) {
        if (cell && cell.t === 's' && typeof cell.v === 'string') {
          const clean = stripControlChars(cell.v);
          if (clean !== cell.v) {
            cell.v = clean;
            changed++;
          }
        }
      }
    }
    const name = stripControlChars(sheet.name);
    if (name !== sheet.name) sheet.name = name;
  }
  return changed;
}

export function controlCharsWarning(count: number): string {
  return `${count} 个单元格含控制字符（如 NUL），已删除这些字符 / Control characters (such as NUL) removed from ${count} cell(s)`;
}
