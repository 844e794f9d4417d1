// Cuts normalised plan text into paragraphs and clauses, keeping each piece's offsets in the whole text.

export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** Paragraphs (lines of the normalised text), trimmed, with offsets. */
export function paragraphSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) spans.push(trimSpan({ text: m[0], start: m.index, end: m.index + m[0].length }));
  return spans.filter((s) => s.text !== '');
}

/** Clauses of a paragraph: split after `。；！？`, the terminal mark left out of the clause. */
export function clauseSpans(paragraph: TextSpan): TextSpan[] {
  const spans: TextSpan[] = [];
  const re = /[^。；！？]+/g;
  for (let m = re.exec(paragraph.text); m; m = re.exec(paragraph.text)) {
    const start = paragraph.start + m.index;
    spans.push(trimSpan({ text: m[0], start, end: start + m[0].length }));
  }
  return spans.filter((s) => s.text !== '');
}

export function trimSpan(span: TextSpan): TextSpan {
  const lead = span.text.length - span.text.trimStart().length;
  const text = span.text.trim();
  return { text, start: span.start + lead, end: span.start + lead + text.length };
}

/** The part of a span from `offset` (relative to the span) on. */
export function tailSpan(span: TextSpan, offset: number): TextSpan {
  return trimSpan({ text: span.text.slice(offset), start: span.start + offset, end: span.end });
}

export const LEVEL1_HEADING = /^([一二三四五六七八九十]+)、/;
export const LEVEL2_HEADING = /^\(([一二三四五六七八九十]+)\)/;
