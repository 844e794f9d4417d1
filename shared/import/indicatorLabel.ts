// An indicator label as statistics files write it (`原煤产量累计值(万吨)`, `工业生产者出厂价格指数(上年同月=100)`)
// split into the indicator name, the measure its suffix names, and the unit in the last pair of brackets.

import type { Measure } from '../domain/series';
import { canonicalUnit } from '../domain/units';

export interface IndicatorLabel {
  /** The indicator without measure and unit, e.g. `原煤产量`. */
  name: string;
  /** Canonical unit (`万吨`, `%`, `上年同月=100`); the written unit when unknown; '' when none is written. */
  unit: string;
  /** The unit (or index base) exactly as written inside the brackets; '' when none. */
  unitLabel: string;
  /** The measure the label names, or null when it names none (the caller infers it from the period headers). */
  measure: Measure | null;
  /** True for year-to-date measures, false for period measures, null when the label does not say. */
  cumulative: boolean | null;
  /** False when a unit is written but not one the workbench knows (kept as written; the caller warns). */
  unitKnown: boolean;
}

interface SuffixRule {
  suffix: string;
  measure: Measure;
  /** null: a generic growth word (`增速`); the period headers decide between 当月 and 累计. */
  cumulative: boolean | null;
}

// Longest first: `累计同比增长` must win over `同比增长`, `当月同比` over `当月`.
const SUFFIXES: SuffixRule[] = (
  [
    ['累计同比增长', 'yoy_cumulative', true],
    ['累计同比增速', 'yoy_cumulative', true],
    ['累计增长率', 'yoy_cumulative', true],
    ['累计同比', 'yoy_cumulative', true],
    ['累计增长', 'yoy_cumulative', true],
    ['累计增速', 'yoy_cumulative', true],
    ['当月同比增长', 'yoy', false],
    ['当月同比增速', 'yoy', false],
    ['当期同比增长', 'yoy', false],
    ['当月同比', 'yoy', false],
    ['当月增长', 'yoy', false],
    ['当月增速', 'yoy', false],
    ['当期增长', 'yoy', false],
    ['环比增长率', 'mom', false],
    ['环比增长', 'mom', false],
    ['环比增速', 'mom', false],
    ['环比', 'mom', false],
    ['同比增长率', 'yoy', null],
    ['同比增长', 'yoy', null],
    ['同比增速', 'yoy', null],
    ['增长率', 'yoy', null],
    ['增速', 'yoy', null],
    ['增长', 'yoy', null],
    ['同比', 'yoy', null],
    ['累计值', 'cumulative', true],
    ['累计数', 'cumulative', true],
    ['累计', 'cumulative', true],
    ['期末余额', 'stock', false],
    ['期末值', 'stock', false],
    ['期末数', 'stock', false],
    ['年末数', 'stock', false],
    ['年末值', 'stock', false],
    ['当期值', 'monthly', false],
    ['当月值', 'monthly', false],
    ['本月值', 'monthly', false],
    ['当季值', 'monthly', false],
    ['当月数', 'monthly', false],
    ['当月', 'monthly', false],
  ] as const
).map(([suffix, measure, cumulative]) => ({ suffix, measure, cumulative }));

/**
 * A measure written as a phrase of its own: a `口径` cell (`累计值`, `当月值`, `累计增长`, `期末值`, `环比`) or the
 * part of a 中经网 header after `_` (`当期同比实际增速`, `累计同比实际增速`, `当期值`). Null when it names none.
 */
export function measureFromPhrase(phrase: string): { measure: Measure; cumulative: boolean | null } | null {
  const t = phrase.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  if (t === '') return null;
  const growth = /同比|增长|增速|增幅|涨幅/.test(t);
  if (/环比/.test(t)) return { measure: 'mom', cumulative: false };
  if (/累计/.test(t) && growth) return { measure: 'yoy_cumulative', cumulative: true };
  if (growth) return { measure: 'yoy', cumulative: /当月|当期|当季|本月/.test(t) ? false : null };
  if (/指数/.test(t)) return { measure: 'index', cumulative: null };
  if (/期末|余额|年末|末值/.test(t)) return { measure: 'stock', cumulative: false };
  if (/累计/.test(t)) return { measure: 'cumulative', cumulative: true };
  if (/^(当月|当期|当季|本月|本期)(值|数)?$|^(月度|季度)值$/.test(t)) return { measure: 'monthly', cumulative: false };
  return null;
}

/** The last bracket pair at the end of the label, half or full width. */
const TRAILING_BRACKETS = /[(（]([^()（）]*)[)）]\s*$/;

// `上年同月=100`, `上年同期=100`, `上年=100`, and the chained or fixed bases `上月=100`, `上年同季=100`, `2020年=100`.
const INDEX_BASE = /^(上年(同月|同期|同季)?|上月|上期|上季|\d{4}年?)=100$/;

export const MAX_LABEL_LENGTH = 200;

/** `（合计）` after a name marks the total row of a group; it is not a unit. */
const TOTAL_MARK = /[(（]\s*(合计|总计|全部|总)\s*[)）]\s*$/;

export function parseIndicatorLabel(label: string): IndicatorLabel {
  let rest = label.trim();
  let unitLabel = '';
  rest = rest.replace(TOTAL_MARK, '').trim();
  const bracket = rest.match(TRAILING_BRACKETS);
  if (bracket) {
    unitLabel = bracket[1].trim();
    rest = rest.slice(0, bracket.index).trim();
    rest = rest.replace(TOTAL_MARK, '').trim();
  }
  // 中经网 headers: `规模以上工业增加值_当期同比实际增速`, the measure after the last `_`.
  const underscore = rest.lastIndexOf('_');
  const phrase = underscore > 0 ? measureFromPhrase(rest.slice(underscore + 1)) : null;
  const unitNormalised = unitLabel.normalize('NFKC').replace(/\s+/g, '');

  let measure: Measure | null = null;
  let cumulative: boolean | null = null;
  let unit = unitLabel === '' ? '' : (canonicalUnit(unitLabel) ?? unitLabel);
  let unitKnown = unitLabel === '' || canonicalUnit(unitLabel) !== null;

  if (INDEX_BASE.test(unitNormalised)) {
    // The brackets hold the index base, not a unit.
    measure = 'index';
    cumulative = unitNormalised.includes('同期');
    unit = canonicalUnit(unitNormalised) ?? unitNormalised;
    unitKnown = true;
  } else if (phrase) {
    measure = phrase.measure;
    cumulative = phrase.cumulative;
    rest = rest.slice(0, underscore);
  } else {
    for (const rule of SUFFIXES) {
      if (rest.endsWith(rule.suffix) && rest.length > rule.suffix.length) {
        measure = rule.measure;
        cumulative = rule.cumulative;
        rest = rest.slice(0, -rule.suffix.length);
        break;
      }
    }
    // `年末常住人口`: a stock named by its prefix, kept in the name.
    if (measure === null && /^年末|余额$/.test(rest)) {
      measure = 'stock';
      cumulative = false;
    }
  }
  // A growth rate with no written unit is in percent.
  if ((measure === 'yoy' || measure === 'yoy_cumulative' || measure === 'mom') && unitLabel === '') {
    unit = '%';
    unitKnown = true;
  }

  return { name: indicatorName(rest), unit, unitLabel, measure, cumulative, unitKnown };
}

/**
 * Tidy the bare name: drop trailing separators, and `投资额` → `投资` because the bureau names the same
 * indicator both ways (`房地产开发投资额累计增长` and `房地产开发投资`), so links by name find each other.
 */
function indicatorName(raw: string): string {
  const s = raw
    .replace(LEADING_MARKS, '')
    .replace(TOTAL_MARK, '')
    .replace(/[\s:：,，、_\-]+$/u, '')
    .trim();
  return s.endsWith('投资额') ? s.slice(0, -1) : s;
}

/**
 * What a printed table puts before a name: `其中：`, a list number `1.` `1、` `（一）` `一、` `(1)`, indentation.
 * The label as printed keeps them; the name (how series and targets find each other) does not.
 */
const LEADING_MARKS = /^(?:[\s\u3000]*(?:其中\s*[:：]?|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|\d{1,3}\s*[.．、](?!\d)|\d{1,3}\s*[)）]))+\s*/u;
