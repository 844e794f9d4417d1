// Detects analysts' own workbooks: a merged title, a two-row header (`2025年` merged over `1-2月`, `3月`, …),
// maybe a `单位` column, spacer and totals rows. Applying is the grid routine shared with the wide layout.

import type { GridMapping, PeriodColumn } from '../../../shared/import/mapping';
import { parsePeriodLabel, parseYearHeader } from '../../../shared/import/period';
import { cellText, mergedOrigin, textAt } from '../grid';
import type { WorkbookSheet } from '../readWorkbook';
import { completeGridMapping, HEADER_SCAN_ROWS } from './wide';

/** Year of each column from the year row: merged cells and blanks to the right carry the year along. */
function yearsByColumn(sheet: WorkbookSheet, yearRow: number, width: number): (number | null)[] {
  const years: (number | null)[] = [];
  let carried: number | null = null;
  for (let c = 0; c < width; c++) {
    const origin = mergedOrigin(sheet, yearRow, c);
    const text = textAt(sheet, origin.r, origin.c);
    if (text === '') {
      years.push(carried);
      continue;
    }
    const y = parseYearHeader(text);
    carried = y;
    years.push(y);
  }
  return years;
}

export function periodsUnderYears(sheet: WorkbookSheet, yearRow: number, headerRow: number): PeriodColumn[] {
  const row = sheet.rows[headerRow];
  if (!row) return [];
  const years = yearsByColumn(sheet, yearRow, row.length);
  if (!years.some((y) => y !== null)) return [];
  const columns: PeriodColumn[] = [];
  for (let c = 0; c < row.length; c++) {
    const sub = cellText(row[c]);
    if (sub === '') continue;
    const year = years[c];
    const own = parsePeriodLabel(sub);
    if (own) {
      columns.push({ column: c, label: sub, ...own });
      continue;
    }
    if (year === null) continue;
    const p = parsePeriodLabel(sub, { year });
    if (p) columns.push({ column: c, label: `${year}年${sub}`, ...p });
  }
  return columns;
}

export function detectAnalyst(sheet: WorkbookSheet): GridMapping | null {
  const scan = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 1; r < scan; r++) {
    const columns = periodsUnderYears(sheet, r - 1, r);
    // At least one column must need the year above, or this is a one-row header (the wide detector's case).
    if (columns.length >= 2 && columns.some((p) => parsePeriodLabel(cellText(sheet.rows[r]?.[p.column])) === null)) {
      const mapping = completeGridMapping(sheet, r, r - 1, columns);
      if (mapping) return mapping;
    }
  }
  return null;
}
