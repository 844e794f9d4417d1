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
    ['当期值', 'monthly', false],
    ['当月值', 'monthly', false],
    ['本月值', 'monthly', false],
    ['当月数', 'monthly', false],
    ['当月', 'monthly', false],
  ] as const
).map(([suffix, measure, cumulative]) => ({ suffix, measure, cumulative }));

/** The last bracket pair at the end of the label, half or full width. */
const TRAILING_BRACKETS = /[(（]([^()（）]*)[)）]\s*$/;

const INDEX_BASE = /^上年(同月|同期)?=100$/;

export const MAX_LABEL_LENGTH = 200;

export function parseIndicatorLabel(label: string): IndicatorLabel {
  let rest = label.trim();
  let unitLabel = '';
  const bracket = rest.match(TRAILING_BRACKETS);
  if (bracket) {
    unitLabel = bracket[1].trim();
    rest = rest.slice(0, bracket.index).trim();
  }
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
  } else {
    for (const rule of SUFFIXES) {
      if (rest.endsWith(rule.suffix) && rest.length > rule.suffix.length) {
        measure = rule.measure;
        cumulative = rule.cumulative;
        rest = rest.slice(0, -rule.suffix.length);
        break;
      }
    }
    // A growth rate with no written unit is in percent.
    if ((measure === 'yoy' || measure === 'yoy_cumulative') && unitLabel === '') {
      unit = '%';
      unitKnown = true;
    }
  }

  return { name: indicatorName(rest), unit, unitLabel, measure, cumulative, unitKnown };
}

/**
 * Tidy the bare name: drop trailing separators, and `投资额` → `投资` because the bureau names the same
 * indicator both ways (`房地产开发投资额累计增长` and `房地产开发投资`), so links by name find each other.
 */
function indicatorName(raw: string): string {
  const s = raw.replace(/[\s:：,，、_\-]+$/u, '').trim();
  return s.endsWith('投资额') ? s.slice(0, -1) : s;
}
