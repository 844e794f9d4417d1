// One parser for delimited text, wherever it comes from: CSV files of the statistics importer and tab-separated
// blocks pasted from Excel or WPS. papaparse does the RFC 4180 work (quoted fields, doubled quotes, CRLF/LF)
// with slices of the input instead of building strings a character at a time, so memory follows the rows
// produced, not the length of one line; a field longer than the limit stops the parse with a message.
import Papa from 'papaparse';

/** Excel's own limit for one cell: no statistics table or pasted block holds a longer field. */
export const MAX_FIELD_CHARS = 32_767;

export class DelimitedTextError extends Error {
  constructor(
    public readonly row: number,
    public readonly column: number,
    public readonly length: number,
  ) {
    super(
      `第 ${row} 行第 ${column} 列的单元格内容过长（${length} 字，上限 ${MAX_FIELD_CHARS} 字） / A cell is too long at line ${row}, column ${column} (${length} characters, limit ${MAX_FIELD_CHARS})`,
    );
    this.name = 'DelimitedTextError';
  }
}

export interface DelimitedOptions {
  delimiter: string;
  maxFieldChars?: number;
}

/** Rows of raw strings ('' for an empty field). A final line break does not make an extra empty row. */
export function parseDelimited(text: string, options: DelimitedOptions): string[][] {
  const max = options.maxFieldChars ?? MAX_FIELD_CHARS;
  const rows: string[][] = [];
  let failure: DelimitedTextError | null = null;
  // Line breaks as CRLF, LF or CR, even mixed in one file (rows appended by hand): all read as LF.
  const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  Papa.parse<string[]>(lf, {
    delimiter: options.delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result, parser) => {
      const row = result.data;
      for (let c = 0; c < row.length; c++) {
        if (row[c].length > max) {
          failure = new DelimitedTextError(rows.length + 1, c + 1, row[c].length);
          parser.abort();
          return;
        }
      }
      rows.push(row);
    },
  });
  if (failure) throw failure;
  // papaparse reports the empty line after a trailing line break as a row of one empty field.
  const last = rows[rows.length - 1];
  if (last && last.length === 1 && last[0] === '' && lf.endsWith('\n')) rows.pop();
  return rows;
}
