// The worker side of the streamed one-shot import: while the .xlsx is still being read, its rows are mapped as they
// arrive, with the grid mapping that detection finds on the head rows. What comes out is a guess, to be written
// speculatively and checked at the end against the whole-file parse (streamedParse.ts); anything this cannot map
// as the whole-file parse would (another layout, several sheets, rows out of order, control characters, year
// columns folded into quarters) stops the guessing, and the import then takes the classic path.

import type { Measure } from '../../../shared/domain/series';
import { stripControlChars } from '../../../shared/boundary/safeValues';
import { foldYearIntoQuarters } from '../../../shared/import/foldYearIntoQuarters';
import { isGridMapping, type GridMapping, type ParsedSeries, type SheetMapping } from '../../../shared/import/mapping';
import { detectLayout } from '../detectLayout';
import { cellText, isFooterLabel } from '../grid';
import { applyGridMapping } from '../layouts/gridTable';
import type { RowsWatcher, SheetCell, WorkbookSheet } from '../readWorkbook';
import { screenObservations } from '../screenValues';

/** Rows read before the layout is detected: enough for every detector's look at the rows below the header. */
export const HEAD_ROWS = 500;

type Sheet = Parameters<RowsWatcher['onRows']>[0];

export class SpeculativeSheet implements RowsWatcher {
  mapping: GridMapping | null = null;
  /** Why guessing stopped (for the report and tests); null while it goes on. */
  stopped: string | null = null;
  /** The first row not yet mapped, and the last row seen (rows must come in order). */
  private next = 0;
  private lastRow = -1;
  private ended = false;

  constructor(
    private readonly fileName: string,
    private readonly options: { measure?: Measure },
    /** Sends a batch on; false when it cannot go as a batch (guessing stops). */
    private readonly emit: (series: ParsedSeries[]) => boolean,
  ) {}

  onRows(sheet: Sheet, batchRows: readonly number[]): void {
    if (this.stopped !== null || this.ended) return;
    if (sheet.count !== 1) return this.stop('several sheets');
    for (const r of batchRows) {
      if (r <= this.lastRow) return this.stop('rows out of order');
      this.lastRow = r;
    }
    const grid: WorkbookSheet = { name: sheet.name, rows: sheet.rows as (SheetCell | undefined)[][], merges: sheet.merges, csv: false };
    if (this.mapping === null) {
      if (sheet.rows.length < HEAD_ROWS) return;
      const detection = detectLayout(grid);
      if (!detection.mapping || !isGridMapping(detection.mapping)) return this.stop('not a grid layout');
      this.mapping = detection.mapping;
      this.next = detection.mapping.firstDataRow;
    }
    this.mapRows(grid, this.lastRow);
  }

  /** Maps rows next…last (complete: a batch holds whole rows), up to the first footer row, where the table ends. */
  private mapRows(grid: WorkbookSheet, last: number): void {
    const mapping = this.mapping!;
    let end = last;
    for (let r = this.next; r <= last; r++) {
      const row = grid.rows[r];
      if (!row) continue;
      let first = '';
      for (const cell of row) {
        if (cell && cell.t === 's' && typeof cell.v === 'string' && stripControlChars(cell.v) !== cell.v) return this.stop('control characters');
        if (first === '') first = cellText(cell);
      }
      if (first !== '' && isFooterLabel(first)) {
        end = r - 1;
        this.ended = true;
        break;
      }
    }
    if (end < this.next) return;
    const result = applyGridMapping(grid, { ...mapping, firstDataRow: this.next, lastDataRow: end }, this.fileName, this.options);
    screenObservations(result, grid.name);
    if (foldYearIntoQuarters(result.series).folded > 0) return this.stop('full-year values folded into quarters');
    this.next = end + 1;
    if (result.series.length === 0) return;
    if (!this.emit(result.series)) return this.stop('series the batch form cannot carry');
  }

  private stop(reason: string): void {
    this.stopped = reason;
  }
}

/** The whole-file mapping is the guessed one (its data end aside, which the head could not know). */
export function sameGridMapping(guessed: GridMapping, final: SheetMapping): boolean {
  if (!isGridMapping(final)) return false;
  return JSON.stringify({ ...guessed, lastDataRow: 0 }) === JSON.stringify({ ...final, lastDataRow: 0 });
}
