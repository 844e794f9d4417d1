// The worker side of the streamed one-shot import: while the .xlsx is still being read, its rows are mapped as they
// arrive, with the grid mapping that detection finds on the head rows, by the same GridRowMapper the whole-file parse
// runs (layouts/gridTable.ts). What goes out is a guess, written speculatively and checked at the end against the
// whole-file parse; that parse finishes this very mapper over the rest of the rows when its own detection finds the
// same mapping (parseFile.ts PremappedSheet), so the data rows are mapped once. Anything this cannot map as the
// whole-file parse would (another layout, several sheets, rows out of order, control characters, year columns folded
// into quarters) stops the guessing, and the import then takes the classic path.

import type { Measure } from '../../../shared/domain/series';
import { stripControlChars } from '../../../shared/boundary/safeValues';
import { foldYearIntoQuarters } from '../../../shared/import/foldYearIntoQuarters';
import { isGridMapping, type GridMapping, type ParsedSeries, type SheetMapping } from '../../../shared/import/mapping';
import { detectLayout } from '../detectLayout';
import { cellText, isFooterLabel } from '../grid';
import { GridRowMapper, sameGridMappingButEnd } from '../layouts/gridTable';
import type { SheetResult } from '../layouts/problems';
import type { PremappedSheet } from '../parseFile';
import type { RowsWatcher, SheetCell, WorkbookSheet } from '../readWorkbook';
import { screenObservations } from '../screenValues';

/** Rows read before the layout is detected: enough for every detector's look at the rows below the header. */
export const HEAD_ROWS = 500;

type Sheet = Parameters<RowsWatcher['onRows']>[0];

export class SpeculativeSheet implements RowsWatcher {
  mapping: GridMapping | null = null;
  /** Why guessing stopped (for the report and tests); null while it goes on. */
  stopped: string | null = null;
  private mapper: GridRowMapper | null = null;
  private grid: WorkbookSheet | null = null;
  private lastRow = -1;
  /** The first row not yet looked at for the table's end, and the last non-blank row before it. */
  private scanned = 0;
  private lastFilled = -1;
  /** A footer row was met (`注：` first in its row): where the whole-file detection ends the data. */
  private footer = false;
  /** How many of the mapper's series have gone out. */
  private sent = 0;

  constructor(
    private readonly fileName: string,
    private readonly options: { measure?: Measure },
    /** Sends a batch on; false when it cannot go as a batch (guessing stops). */
    private readonly emit: (series: ParsedSeries[]) => boolean,
  ) {}

  onRows(sheet: Sheet, batchRows: readonly number[]): void {
    if (this.stopped !== null) return;
    if (sheet.count !== 1) return this.stop('several sheets');
    if (stripControlChars(sheet.name) !== sheet.name) return this.stop('control characters');
    for (const r of batchRows) {
      if (r <= this.lastRow) return this.stop('rows out of order');
      this.lastRow = r;
      // The read strips control characters from every text cell once the file is read (stripControlCharsInSheets):
      // rows mapped before that would not be the rows the whole-file parse sees.
      for (const cell of sheet.rows[r]) {
        if (cell && cell.t === 's' && typeof cell.v === 'string' && stripControlChars(cell.v) !== cell.v) return this.stop('control characters');
      }
    }
    if (this.mapper === null) {
      if (sheet.rows.length < HEAD_ROWS) return;
      const grid: WorkbookSheet = { name: sheet.name, rows: sheet.rows as (SheetCell | undefined)[][], merges: sheet.merges, csv: false };
      const detection = detectLayout(grid);
      if (!detection.mapping || !isGridMapping(detection.mapping)) return this.stop('not a grid layout');
      this.grid = grid;
      this.mapping = detection.mapping;
      this.mapper = new GridRowMapper(grid, detection.mapping, this.fileName, { measure: this.options.measure });
      this.scanned = detection.mapping.firstDataRow;
    }
    this.mapRead();
  }

  /**
   * Maps the rows read so far up to the last non-blank one before any footer row, as the whole-file detection
   * ends the data (findDataEnd): so every row mapped is one the whole-file mapping maps too, in the same order.
   */
  private mapRead(): void {
    const grid = this.grid!;
    for (; !this.footer && this.scanned <= this.lastRow; this.scanned++) {
      const row = grid.rows[this.scanned];
      if (!row) continue;
      let first = '';
      for (const cell of row) {
        first = cellText(cell);
        if (first !== '') break;
      }
      if (first === '') continue;
      if (isFooterLabel(first)) this.footer = true;
      else this.lastFilled = this.scanned;
    }
    const mapper = this.mapper!;
    mapper.mapRows(this.lastFilled);
    if (mapper.series.length === this.sent) return;
    // Screened as the whole-file parse screens them (on copies: the mapper's own series are that parse's).
    const fresh: SheetResult = { series: mapper.series.slice(this.sent).map((s) => ({ ...s })), problems: [], warnings: [] };
    this.sent = mapper.series.length;
    screenObservations(fresh, grid.name);
    if (foldYearIntoQuarters(fresh.series).folded > 0) return this.stop('full-year values folded into quarters');
    if (fresh.series.length === 0) return;
    if (!this.emit(fresh.series)) return this.stop('series the batch form cannot carry');
  }

  /** The mapping run so far, for the whole-file parse to finish (null when guessing stopped or never began). */
  premapped(): PremappedSheet | null {
    if (this.stopped !== null || this.mapper === null || this.grid === null || this.mapping === null) return null;
    return { rows: this.grid.rows, sheetName: this.grid.name, mapping: this.mapping, mapper: this.mapper, fileName: this.fileName, measure: this.options.measure };
  }

  private stop(reason: string): void {
    this.stopped = reason;
  }
}

/** The whole-file mapping is the guessed one (its data end aside, which the head could not know). */
export function sameGridMapping(guessed: GridMapping, final: SheetMapping): boolean {
  return isGridMapping(final) && sameGridMappingButEnd(guessed, final);
}
