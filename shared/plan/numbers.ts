// Finds the quantities printed in a clause: a number (or range `2—3`), its unit and a trailing comparator
// (`以上`, `左右`). Numbers that are not quantities are left out: years (`2025年`), document numbers
// (`〔2025〕1号`), ordinals (`第4次`), codes (`S22`, `400G`) and names in quotes (`“奶33条”`, `《…2.0…》`).
import { readUnitPrefix, unitInfo } from '../domain/units';

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

const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?/y;
const RANGE_SEPARATOR = /[—–\-~至到]/y;
const SUFFIX = /(?:及以上|以上|以下|以内|之内|左右|上下)/y;
const SUFFIX_START = /^(?:及以上|以上|以下|以内|之内|左右|上下)/;
/** What a figure's unit runs on into when the figure is a grade or a size class, not a target: `30万千瓦级`, `3人制`. */
const CLASS_MARK = /^[级制型]/;
/** Counts that structure the speech or name a policy package: `以下10个方面`, `30条政策措施`. */
const NAMING_COUNT = /^(?:个方面|条(?:政策|措施|举措|硬措施|意见|支持政策))/;
/** The verbs of `从X提高到Y`: X is where it starts, not the target. */
const FROM_TO = /从([^，。；：]*?)(?:提高|提升|扩大|增加|增长|降低|下降|减少|压减|调整)(?:到|至)/g;
/** A figure without a unit is a target only when a comparator frames it: `系数提高到0.59以上`. */
const UNITLESS_LEAD = /(?:提高到|提升到|提高至|提升至|达到|降至|降到|降低到|控制在|不低于|不超过|保持在|稳定在)$/;
/** Quotation and title marks: what is inside names something, it does not set a target. */
const OPENERS: Record<string, string> = { '“': '”', '《': '》', '「': '」', '『': '』', '〔': '〕', '【': '】', '"': '"' };

function readNumber(text: string, at: number): { value: number; end: number } | null {
  NUMBER.lastIndex = at;
  const m = NUMBER.exec(text);
  return m ? { value: Number(m[0].replace(/,/g, '')), end: at + m[0].length } : null;
}

/** The unit printed at `at`, read by the unit grammar (`万亩次`, `万套(间)`, `标箱`); kept as printed. */
function readUnit(text: string, at: number): { unit: string; end: number } | null {
  const reading = readUnitPrefix(text.slice(at, at + 16), true);
  if (!reading) return null;
  // A bare magnitude before a comparator word (`2亿左右`) names nothing: no unit, and the figure is left out.
  if (reading.info.counts === '' && SUFFIX_START.test(text.slice(at + reading.length))) return null;
  return { unit: text.slice(at, at + reading.length), end: at + reading.length };
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
  const fromSpans = [...clause.matchAll(FROM_TO)].map((m) => [m.index + 1, m.index + 1 + m[1].length] as const);
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
    if (unit && (CLASS_MARK.test(next) || NAMING_COUNT.test(clause.slice(cursor - unit.unit.length)))) continue;
    // Years (`2025年`, `2024—2026年`), dates, document numbers, editions and codes (`400G`, `3A`).
    if (!unit && /[年月日号届版期A-Za-z]/.test(next)) continue;
    // `500亿` with no unit the registry knows: taking 500 without its 亿 would be a silent error of 10⁸.
    if (!unit && /[万亿千百]/.test(next)) continue;
    const suffix = readSticky(SUFFIX, clause, cursor);
    // A duration (`24小时`) is a target only when a comparator frames it (`不低于2小时`).
    const framed = suffix !== null || UNITLESS_LEAD.test(clause.slice(0, start)) || /(?:不低于|不少于|超过|超)$/.test(clause.slice(0, start));
    if ((!unit || unitInfo(unit.unit)?.dimension === 'duration') && !framed) continue;
    const end = cursor + (suffix?.length ?? 0);
    // `30亿元以上项目`: an amount with 以上 before a noun is a size class of the projects, not a target.
    if (unit && suffix && /以上$/.test(suffix) && !canonicalIsItem(unit.unit) && unitInfo(unit.unit)?.dimension !== 'percent' && /^[\u4e00-\u9fff]/.test(clause.slice(end)) && !/^[和及与或等的]/.test(clause.slice(end))) continue;
    if (fromSpans.some(([a, b]) => start >= a && start < b)) continue;
    // `…集成技术2家全国重点实验室等国家级平台`: a count inside an enumeration describes, it does not set a target.
    // It stops at 和: `…等14条高速公路项目和黄百等4个在建铁路项目` holds both counts.
    if (unit && canonicalIsItem(unit.unit) && /^[^，。；、：和及与]{0,12}等/.test(clause.slice(end))) continue;

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

/** Countable things (`5000套`, `1万个`, `600万剂`, `5000场次`, `80万重点群体`): kind `count`. */
export function canonicalIsItem(unit: string | null): boolean {
  return unit !== null && unitInfo(unit)?.dimension === 'item';
}
