// CSV as Chinese offices write it: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030. The encoding is
// detected, never guessed into mojibake: a file that is partly UTF-8 and partly GBK is refused.
// Cells stay text; the value parser decides what is a number, so `=1+1` is never a formula.
// Memory stays bounded: a line longer than the limit is refused from the bytes, before any text is built, and
// the fields are parsed by the shared delimited-text parser (papaparse), each capped in length.

import { DelimitedTextError, MAX_FIELD_CHARS, parseDelimited } from '../../shared/import/delimitedText';
import { ImportFileError } from './importFileError';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

export const CSV_LIMITS = {
  /** One physical line: 1 MiB is some 16,000 columns of long numbers; real tables are a few KB a line. */
  maxLineBytes: 1024 * 1024,
  maxFieldChars: MAX_FIELD_CHARS,
} as const;

function hasNonAscii(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (bytes[i] >= 0x80) return true;
  return false;
}

/** Refuse a line over the limit by scanning bytes for line breaks: nothing is decoded or copied. */
export function checkLineLengths(bytes: Uint8Array, maxLineBytes: number = CSV_LIMITS.maxLineBytes): void {
  let start = 0;
  let line = 1;
  const n = bytes.length;
  while (start <= n) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = n;
    if (end - start > maxLineBytes) {
      const mb = ((end - start) / 1024 / 1024).toFixed(1);
      throw new ImportFileError(
        'too_large',
        `第 ${line} 行过长（${mb} MB，上限 ${maxLineBytes / 1024 / 1024} MB），不像数据表，未读取 / Line ${line} is too long (${mb} MB, limit ${maxLineBytes / 1024 / 1024} MB): not a table; not read`,
      );
    }
    start = end + 1;
    line++;
  }
}

export function decodeText(bytes: Uint8Array): DecodedText {
  checkLineLengths(bytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeStrict('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeStrict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeStrict('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8. Before reading it as GB18030, make sure no line is UTF-8 Chinese: such a file mixes encodings.
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let lineStart = 0;
  let lineNo = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      if (hasNonAscii(bytes, lineStart, i)) {
        try {
          utf8.decode(bytes.subarray(lineStart, i));
          throw new ImportFileError(
            'encoding',
            `文件编码混杂：第 ${lineNo} 行是 UTF-8，其他行不是，请统一为一种编码后重试 / Mixed encodings: line ${lineNo} is UTF-8 but others are not; save the file in one encoding and retry`,
          );
        } catch (e) {
          if (e instanceof ImportFileError) throw e;
        }
      }
      lineStart = i + 1;
      lineNo++;
    }
  }
  try {
    return { text: new TextDecoder('gb18030', { fatal: true }).decode(bytes), encoding: 'gb18030' };
  } catch {
    throw new ImportFileError('encoding', '无法识别文件编码（既非 UTF-8 也非 GBK/GB18030）/ Unknown text encoding (neither UTF-8 nor GBK/GB18030)');
  }
}

function decodeStrict(encoding: 'utf-8' | 'utf-16le' | 'utf-16be', bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError('encoding', `文件声明为 ${encoding} 但内容不符 / The file is marked ${encoding} but its content is not`);
  }
}

/** Pick the delimiter that splits the first lines most consistently: comma, tab or semicolon. */
function detectDelimiter(text: string): string {
  const sample = text.slice(0, 8192).split(/\r?\n/).slice(0, 20).filter((l) => l.trim() !== '');
  let best = ',';
  let bestScore = -1;
  for (const d of [',', '\t', ';']) {
    const counts = sample.map((l) => l.split(d).length - 1);
    const score = counts.reduce((a, b) => a + b, 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** RFC 4180 parsing (quoted fields, doubled quotes, CRLF or LF). Returns rows of raw strings; '' for empty. */
export function parseCsv(text: string): string[][] {
  try {
    return parseDelimited(text, { delimiter: detectDelimiter(text), maxFieldChars: CSV_LIMITS.maxFieldChars });
  } catch (e) {
    if (e instanceof DelimitedTextError) throw new ImportFileError('too_large', e.message);
    throw e;
  }
}
