// The headings of the plan's sections, read from the plan's own text (pure): `三、坚持科技创新引领…` and,
// within it, `（三）持续壮大新兴产业。…`, keyed by the section codes targets carry (`三、`, `三、(三)`).
// The report uses them so its parts carry the plan's own wording rather than bare codes.

const NUMERAL = '[一二三四五六七八九十]+';
const FIRST = new RegExp(`^\\s*(${NUMERAL})、\\s*(.+)$`);
const SECOND = new RegExp(`^\\s*[（(](${NUMERAL})[）)]\\s*(.+)$`);
/** Headings are short; a line that runs on is a paragraph with a lead-in phrase, cut at its first stop. */
const MAX_TITLE = 40;

function titleOf(text: string): string {
  const cut = text.split(/[。；;]/)[0].trim();
  return cut.length > MAX_TITLE ? `${cut.slice(0, MAX_TITLE - 1)}…` : cut;
}

/** Section code → heading text, e.g. `三、` → `坚持科技创新引领，进一步推动产业提质升级`, `三、(三)` → `持续壮大新兴产业`. */
export function sectionTitles(planText: string): Map<string, string> {
  const titles = new Map<string, string>();
  let first: string | null = null;
  for (const line of planText.split(/\r?\n/)) {
    const f = FIRST.exec(line);
    if (f) {
      first = `${f[1]}、`;
      if (!titles.has(first)) titles.set(first, titleOf(f[2]));
      continue;
    }
    const s = SECOND.exec(line);
    if (s && first) {
      const code = `${first}(${s[1]})`;
      if (!titles.has(code)) titles.set(code, titleOf(s[2]));
    }
  }
  return titles;
}

/** `三、(三)` → { first: `三、`, second: `三、(三)` }; `总体目标` → { first: `总体目标`, second: null }. */
export function splitSection(section: string): { first: string; second: string | null } {
  const m = new RegExp(`^(${NUMERAL}、)\\s*[（(](${NUMERAL})[）)]`).exec(section);
  if (m) return { first: m[1], second: `${m[1]}(${m[2]})` };
  const f = new RegExp(`^(${NUMERAL}、)`).exec(section);
  return { first: f ? f[1] : section, second: null };
}

/** The second-level numeral of a code, full-width as official documents print it: `三、(三)` → `（三）`. */
export function secondNumeral(code: string): string {
  const m = new RegExp(`[（(](${NUMERAL})[）)]`).exec(code);
  return m ? `（${m[1]}）` : '';
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十'];

/** 1 → `一`, 12 → `十二` (report parts are numbered afresh, in the report's order). */
export function chineseNumeral(n: number): string {
  return NUMERALS[n - 1] ?? String(n);
}
