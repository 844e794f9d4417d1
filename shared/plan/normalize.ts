// Normalises plan text taken from a PDF, Word or txt file so the extraction rules see one spelling:
// lines broken by page breaks are joined, full-width letters/digits/brackets become half-width,
// typographic spaces (`2000 万亩`) are removed. Offsets of extracted targets refer to this output.

/** A line ending that closes a sentence or a list lead-in: the next line starts something new. */
const TERMINAL_END = /(?:[。；！？：…]|[。！？][”’」』)])$/;
/** Numbered headings: `一、`, `(一)`, `1、` / `1.` (not `1.7`). */
export const HEADING_START = /^(?:[一二三四五六七八九十百]+、|\([一二三四五六七八九十]+\)|\d{1,2}(?:、|\.(?!\d)))/;
/** Document titles and notice headers: a short line ending like this is complete on its own. */
const TITLE_END = /(?:计划|规划|通知|纲要|报告|意见|决定|办法|公告)$/;
/** Page numbers printed in the footer of a PDF page: `- 3 -`, `— 12 —`, `3`, `第 3 页`. */
const PAGE_NUMBER_LINE = /^(?:[-—–]\s*\d{1,3}\s*[-—–]|\d{1,3}|第\d{1,3}页(?:共\d{1,3}页)?)$/;

/** Chinese punctuation that stays full-width: it is the standard spelling, and NFKC would turn it into ASCII. */
const KEEP_FULL_WIDTH = new Set(['，', '：', '；', '！', '？']);

/** Full-width ASCII variants (digits, letters, brackets, %, …) to half-width; ideographic space to a space. */
export function unifyWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => (KEEP_FULL_WIDTH.has(ch) ? ch : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)))
    .replace(/\u3000|\u00A0/g, ' ')
    .replace(/\uFF61/g, '。')
    .replace(/\uFF64/g, '、')
    // A half-width comma/semicolon/colon right after a Chinese character is Chinese punctuation typed on the wrong keyboard.
    .replace(/(?<=[\u4e00-\u9fff”）)])([,;:])(?!\d)/g, (ch) => ({ ',': '，', ';': '；', ':': '：' })[ch] ?? ch);
}

const ASCII_ALNUM = /[A-Za-z0-9]/;
/** An annex marker or a glossary heading, printed alone on its line. */
const ANNEX_LINE = /^(?:附件\s*\d{0,2}[：:]?|名词解释)$/;

/** Spaces in Chinese typesetting are layout, not words: keep one only between two ASCII words (`Windows 10`). */
export function removeTypographicSpaces(line: string): string {
  return line.replace(/[ \t]+/g, (m: string, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + m.length] ?? '';
    return ASCII_ALNUM.test(before) && ASCII_ALNUM.test(after) ? ' ' : '';
  });
}

function isHeadingLine(line: string): boolean {
  return HEADING_START.test(line) && !line.includes('。') && line.length < 60;
}

/**
 * Whether `next` continues the paragraph `current`.
 * A single line break inside a paragraph is layout (PDF lines); a blank line is a paragraph break unless it
 * falls inside a sentence of body text, which is what a page break looks like (`筑牢我` / blank / `国北方`).
 */
function continuesParagraph(current: string, next: string, blankBetween: boolean, afterAnnexLine: boolean): boolean {
  if (TERMINAL_END.test(current)) return false;
  // `附件1`, its title on the next line (`2026年省十件民生实事`), `名词解释`: each a line of its own.
  if (ANNEX_LINE.test(current) || ANNEX_LINE.test(next)) return false;
  if (afterAnnexLine && current.length < 40 && !/[。，；]/.test(current)) return false;
  if (HEADING_START.test(next) || isHeadingLine(current)) return false;
  const hasSentence = current.includes('。');
  if (!hasSentence && current.length < 40 && TITLE_END.test(current)) return false;
  if (blankBetween) return hasSentence || current.length >= 40;
  return true;
}

/** Normalise raw plan text; idempotent. Paragraphs are separated by one blank line in the output. */
export function normalizePlanText(raw: string): string {
  const lines = unifyWidth(raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n'))
    .split('\n')
    .map((l) => removeTypographicSpaces(l.trim()));

  const paragraphs: string[] = [];
  let current = '';
  let blankBetween = false;
  let afterAnnexLine = false;
  for (const line of lines) {
    if (line === '') {
      blankBetween = true;
      continue;
    }
    if (PAGE_NUMBER_LINE.test(line)) continue;
    if (current !== '' && continuesParagraph(current, line, blankBetween, afterAnnexLine)) {
      // Joining may bring two ASCII words together (`Windows` / `10`): keep them apart.
      current += ASCII_ALNUM.test(current.slice(-1)) && ASCII_ALNUM.test(line[0]) ? ` ${line}` : line;
    } else {
      if (current !== '') paragraphs.push(current);
      afterAnnexLine = ANNEX_LINE.test(current);
      current = line;
    }
    blankBetween = false;
  }
  if (current !== '') paragraphs.push(current);
  return paragraphs.join('\n\n');
}
