// Reads a block copied from Excel or WPS (tab-separated rows, cells with line breaks or tabs quoted)
// and places it onto the grid from an anchor cell, as one list of field edits.

/** Splits clipboard text into rows of cells, following Excel's quoting of cells that hold tabs, quotes or newlines. */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  const src = text.replace(/\r\n?/g, '\n');
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
    } else if (ch === '\t') {
      row.push(cell);
      cell = '';
      i++;
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
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
