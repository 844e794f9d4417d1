// Finds the quantities printed in a clause: a number (or range `2—3`), its unit and a trailing comparator
// (`以上`, `左右`). Numbers that are not quantities are left out: years (`2025年`), document numbers
// (`〔2025〕1号`), ordinals (`第4次`), codes (`S22`, `400G`) and names in quotes (`“奶33条”`, `《…2.0…》`).
import { canonicalUnit, knownUnits } from '../domain/units';

export interface NumberMention {
  /** Offsets within the clause. */
  start: number;
  /** After the unit (or the number when there is none). */
  unitEnd: number;
  /** After the trailing comparator word, if any. */
  end: number;
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  /** Canonical unit name, or null for a dimensionless figure (`系数提高到0.59以上`). */
  unit: string | null;
  /** `以上`, `左右`, `以内`, … as printed. */
  suffix: string | null;
}

/** Unit spellings the matcher tries, longest first so `万千瓦` wins over `千瓦` and `亿人次` over `亿人`. */
const UNIT_SPELLINGS: string[] = (() => {
  const names = new Set<string>();
  for (const n of knownUnits()) if (!n.includes('=')) names.add(n);
  for (const alias of ['个百分点', '亿度', '万度', '亿千瓦小时', '万千瓦小时', '千瓦小时', '万kW', '亿m3', '万m2', '亿立方', '千米']) {
    if (canonicalUnit(alias)) names.add(alias);
  }
  // A bare `度` may be degrees Celsius; only the 万/亿 forms are electricity as plans print it.
  names.delete('度');
  return [...names].sort((a, b) => b.length - a.length);
})();

const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?/y;
const RANGE_SEPARATOR = /[—–\-~至到]/y;
const SUFFIX = /(?:及以上|以上|以下|以内|之内|左右|上下)/y;
/** A figure without a unit is a target only when a comparator frames it: `系数提高到0.59以上`. */
const UNITLESS_LEAD = /(?:提高到|提升到|提高至|提升至|达到|降至|降到|降低到|控制在|不低于|不超过|保持在|稳定在)$/;
/** Quotation and title marks: what is inside names something, it does not set a target. */
const OPENERS: Record<string, string> = { '“': '”', '《': '》', '「': '」', '『': '』', '〔': '〕', '【': '】', '"': '"' };

function readNumber(text: string, at: number): { value: number; end: number } | null {
  NUMBER.lastIndex = at;
  const m = NUMBER.exec(text);
  return m ? { value: Number(m[0].replace(/,/g, '')), end: at + m[0].length } : null;
}

function readUnit(text: string, at: number): { unit: string; end: number } | null {
  for (const spelling of UNIT_SPELLINGS) {
    if (text.startsWith(spelling, at)) {
      // An ASCII unit must not run on into a longer code (`P` in `PPP`).
      if (/^[A-Za-z]/.test(spelling) && /[A-Za-z]/.test(text[at + spelling.length] ?? '')) continue;
      // Kept as printed (`亿度`, not `亿千瓦时`): the unit registry knows both spellings and converts exactly.
      return { unit: spelling, end: at + spelling.length };
    }
  }
  return null;
}

function readSticky(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  const m = re.exec(text);
  return m ? m[0] : null;
}

/** Positions inside quotation or title marks (`“奶33条”`, `《…(2025—2027年)》`). */
function quotedMask(text: string): boolean[] {
  const mask = new Array<boolean>(text.length).fill(false);
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (stack.length > 0 && ch === stack[stack.length - 1]) {
      stack.pop();
      continue;
    }
    if (ch in OPENERS && !(ch === '"' && stack.includes('"'))) {
      stack.push(OPENERS[ch]);
      continue;
    }
    mask[i] = stack.length > 0;
  }
  return mask;
}

/** The quantities of one clause, in order. */
export function findNumberMentions(clause: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  const quoted = quotedMask(clause);
  const digit = /\d/g;
  for (let m = digit.exec(clause); m; m = digit.exec(clause)) {
    const start = m.index;
    const first = readNumber(clause, start);
    if (!first) continue;
    digit.lastIndex = first.end;
    const before = clause[start - 1] ?? '';
    // Codes and ordinals: `S22`, `G0616`, `4.0`'s tail, `第4次`, `/800G`.
    if (/[A-Za-z.第]/.test(before) || quoted[start]) continue;

    let unit = readUnit(clause, first.end);
    let cursor = unit ? unit.end : first.end;
    let low: number | null = null;
    let high: number | null = null;
    // A range `2—3家` or `2%-3%`: the second number carries the unit (or repeats it).
    const separator = readSticky(RANGE_SEPARATOR, clause, cursor);
    if (separator) {
      const second = readNumber(clause, cursor + separator.length);
      if (second) {
        const secondUnit = readUnit(clause, second.end);
        if (!unit || (secondUnit && secondUnit.unit === unit.unit)) {
          low = first.value;
          high = second.value;
          unit = secondUnit ?? unit;
          cursor = secondUnit ? secondUnit.end : second.end;
          digit.lastIndex = cursor;
        }
      }
    }
    const next = clause[cursor] ?? '';
    // Years (`2025年`, `2024—2026年`), dates, document numbers, editions and codes (`400G`, `3A`).
    if (!unit && /[年月日号届版期A-Za-z]/.test(next)) continue;
    // `500亿` with no unit the registry knows: taking 500 without its 亿 would be a silent error of 10⁸.
    if (!unit && /[万亿千百]/.test(next)) continue;
    const suffix = readSticky(SUFFIX, clause, cursor);
    if (!unit && !suffix && !UNITLESS_LEAD.test(clause.slice(0, start))) continue;
    const end = cursor + (suffix?.length ?? 0);
    // `…集成技术2家全国重点实验室等国家级平台`: a count inside an enumeration describes, it does not set a target.
    if (unit && canonicalIsItem(unit.unit) && /^[^，。；、：]{0,12}等/.test(clause.slice(end))) continue;

    mentions.push({
      start,
      unitEnd: cursor,
      end,
      value: low === null ? first.value : null,
      valueLow: low,
      valueHigh: high,
      unit: unit?.unit ?? null,
      suffix,
    });
  }
  return mentions;
}

const ITEM_UNITS = new Set(['个', '家', '项', '套', '台', '所', '座', '条', '户', '辆', '张', '处', '只', '头', '部', '批', '次', '件', '篇', '种', '场', '间', '栋', '剂', '列']);

/** Countable things (`5000套`, `1万个`, `600万剂`): kind `count`. */
export function canonicalIsItem(unit: string | null): boolean {
  return unit !== null && ITEM_UNITS.has(unit.replace(/^[万亿]/, ''));
}
