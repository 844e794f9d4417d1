// Reads a block copied from Excel or WPS (tab-separated rows, cells with line breaks or tabs quoted)
// and places it onto the grid from an anchor cell, as one list of field edits.
import { parseDelimited } from '../../shared/import/delimitedText';

/**
 * Splits clipboard text into rows of cells, following Excel's quoting of cells that hold tabs, quotes or newlines
 * (the same parser as CSV import). Throws DelimitedTextError for a cell longer than any spreadsheet cell.
 */
export function parseClipboardTable(text: string): string[][] {
  if (text === '') return [];
  return parseDelimited(text, { delimiter: '\t' });
}

export interface PasteColumn {
  field: string;
  editable: boolean;
}

export interface PastePlan<F extends string> {
  edits: { targetId: number; field: F; value: string }[];
  /** Cells that could not be placed: outside the grid or on a read-only column. */
  skipped: { row: number; col: number; reason: 'read_only' | 'outside' }[];
}

/**
 * Maps a pasted block onto the displayed rows and columns, starting at the anchor (the focused cell).
 * A single value pasted while several rows are selected goes into each of them, as in Excel.
 */
export function planPaste<F extends string>(
  block: string[][],
  anchor: { rowIndex: number; colIndex: number },
  columns: PasteColumn[],
  rowIds: number[],
  isField: (f: string) => f is F,
  fillRows: number[] = [],
): PastePlan<F> {
  const plan: PastePlan<F> = { edits: [], skipped: [] };
  const single = block.length === 1 && block[0].length === 1;
  const targetRows = single && fillRows.length > 1 ? fillRows : null;
  if (targetRows) {
    const col = columns[anchor.colIndex];
    for (const r of targetRows) {
      if (!col || !col.editable || !isField(col.field)) plan.skipped.push({ row: r, col: anchor.colIndex, reason: 'read_only' });
      else plan.edits.push({ targetId: rowIds[r], field: col.field, value: block[0][0] });
    }
    return plan;
  }
  block.forEach((cells, dr) => {
    cells.forEach((value, dc) => {
      const r = anchor.rowIndex + dr;
      const c = anchor.colIndex + dc;
      if (r >= rowIds.length || c >= columns.length) {
        plan.skipped.push({ row: r, col: c, reason: 'outside' });
        return;
      }
      const col = columns[c];
      if (!col.editable || !isField(col.field)) {
        plan.skipped.push({ row: r, col: c, reason: 'read_only' });
        return;
      }
      plan.edits.push({ targetId: rowIds[r], field: col.field, value });
    });
  });
  return plan;
}
