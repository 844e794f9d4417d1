// Tells which part of a plan document a sentence belongs to: the plan year's work (its targets), the review of
// past years (actual results) or the goals of a multi-year period (outlook). A government work report has all three;
// an annual plan mostly the first. Decided from headings first (`一、2025年工作回顾`, `二、"十五五"时期的主要目标`,
// `三、2026年工作安排`), then from the time words a sentence opens with (`过去一年`, `到2030年`, `今年`).
import type { PlanScope } from '../domain/target';

export interface ScopeReading {
  scope: PlanScope;
  /** Review: the year the results are of. Outlook: the goal's end year. Plan year: the plan year (null if unknown). */
  year: number | null;
}

/** Words of a heading that introduce a review of results. */
const REVIEW_HEADING = /回顾|执行情况|完成情况|主要成就|主要成效|发展成就|取得的成绩|工作成绩/;
/** Words of a heading that introduce a multi-year period's goals. */
const OUTLOOK_HEADING = /“?十[一二三四五六七八九]五”?(?:时期|期间|发展的|发展主要|规划(?:纲要)?的?主要目标)|今后五年|未来五年|远景目标|中长期/;
/** Words of a heading that introduce the plan year's work. */
const PLAN_YEAR_HEADING = /今年|工作安排|主要任务|总体要求|主要目标|预期目标|重点工作/;

/** `十五五` → 2030: the nth five-year plan ends in 1955+5n (the 14th in 2025). */
export function fiveYearPlanEnd(numeral: string): number | null {
  const n = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }[numeral];
  return n === undefined ? null : 1955 + 5 * (10 + n);
}

const FIVE_YEAR_PERIOD = /“?十([一二三四五六七八九])五”?(?:时期|期间|末|规划期|规划纲要)/;
const BY_YEAR = /(?:到|至|在)(\d{4})年(?!以来)|(\d{4})年(?:前|以前)(?![^，。；]{0,4}的)/;
const YEARS = /(\d{4})年/g;

function yearsIn(text: string): number[] {
  return [...text.matchAll(YEARS)].map((m) => Number(m[1])).filter((y) => y >= 1949 && y <= 2200);
}

/** The scope a heading announces, or null when it says nothing about time. */
export function scopeOfHeading(heading: string, planYear: number | null): ScopeReading | null {
  const years = yearsIn(heading);
  const pastYear = planYear === null ? undefined : years.find((y) => y < planYear);
  if (REVIEW_HEADING.test(heading)) return { scope: 'review', year: pastYear ?? (planYear === null ? null : planYear - 1) };
  if (planYear !== null && years.includes(planYear)) return { scope: 'plan_year', year: planYear };
  if (PLAN_YEAR_HEADING.test(heading) && !OUTLOOK_HEADING.test(heading)) return { scope: 'plan_year', year: planYear };
  const period = OUTLOOK_HEADING.test(heading) ? /十([一二三四五六七八九])五/.exec(heading) : null;
  if (period) {
    const end = fiveYearPlanEnd(period[1]);
    if (end !== null && planYear !== null && end < planYear) return { scope: 'review', year: end };
    if (end !== null && (planYear === null || end > planYear)) return { scope: 'outlook', year: end };
  }
  if (OUTLOOK_HEADING.test(heading)) return { scope: 'outlook', year: null };
  if (pastYear !== undefined) return { scope: 'review', year: pastYear };
  return null;
}

/** Time words a clause opens with that place it in the past (`过去一年`, `2025年，全省…`, `五年来`). */
const PAST_LEAD = /^(?:过去一年|过去五年|一年来|五年来|去年|上年(?!同期|基础)|“十[一二三四五六七八九]五”以来|十[一二三四五六七八九]五以来)/;
const LEADING_YEAR = /^(\d{4})年(?:[，,]|全年|全省|全区|全市|我省|我区|我市|以来)/;
/** A clause that opens with the plan year (`今年`, `2026年是…`) is of the plan year whatever the section. */
const PLAN_YEAR_LEAD = /^今年/;

/**
 * The scope a clause's own time words give it, or null when it has none. `到2030年…` is an outlook even inside the
 * plan year's section; `到2026年底` is the plan year; a clause opening with a past year is a review.
 */
export function scopeOfClause(clause: string, planYear: number | null): ScopeReading | null {
  if (planYear !== null) {
    const by = BY_YEAR.exec(clause);
    if (by) {
      const y = Number(by[1] ?? by[2]);
      if (y > planYear) return { scope: 'outlook', year: y };
    }
    const period = FIVE_YEAR_PERIOD.exec(clause);
    if (period && !/以来/.test(clause.slice(period.index, period.index + period[0].length + 2))) {
      const end = fiveYearPlanEnd(period[1]);
      if (end !== null && end > planYear && !/开局|第一年|起步/.test(clause)) return { scope: 'outlook', year: end };
    }
    const lead = LEADING_YEAR.exec(clause);
    if (lead) {
      const y = Number(lead[1]);
      if (y < planYear) return { scope: 'review', year: y };
      if (y === planYear) return { scope: 'plan_year', year: y };
    }
  }
  // Last year and the five years to it both end the year before the plan year.
  if (PAST_LEAD.test(clause)) return { scope: 'review', year: planYear === null ? null : planYear - 1 };
  if (PLAN_YEAR_LEAD.test(clause)) return { scope: 'plan_year', year: planYear };
  return null;
}

/** The year a review figure is of, when its clause names one before the plan year (`2025年全省…`). */
export function reviewYearOf(clause: string, planYear: number | null, fallback: number | null): number | null {
  if (planYear === null) return fallback;
  const past = yearsIn(clause).filter((y) => y < planYear && y > planYear - 10);
  return past.length > 0 ? Math.max(...past) : fallback;
}

const WORK_REPORT_DATE = /^[—－-]*(\d{4})年\d{1,2}月\d{1,2}日在/;
const PLAN_YEAR_SECTION = /^(?:[一二三四五六七八九十]+、)?(\d{4})年(?:工作安排|主要任务|重点工作|经济社会发展)/;
const THIS_YEAR_IS = /^(?:今年|(\d{4})年)是/;

/**
 * The year the document plans for. A plan names it in its title (`2025年…国民经济和社会发展计划`); a work report
 * is delivered early in the year it plans for (`——2026年1月26日在…大会上`) and names it in its work section.
 */
export function planYearOf(paragraphs: readonly string[], titleYear: number | null): number | null {
  if (titleYear !== null) return titleYear;
  for (const p of paragraphs.slice(0, 8)) {
    const m = WORK_REPORT_DATE.exec(p) ?? /^(\d{4})年[\u4e00-\u9fff]{0,12}政府工作报告$/.exec(p);
    if (m) return Number(m[1]);
  }
  for (const p of paragraphs) {
    const m = PLAN_YEAR_SECTION.exec(p);
    if (m) return Number(m[1]);
  }
  for (const p of paragraphs) {
    const m = THIS_YEAR_IS.exec(p);
    if (m?.[1]) return Number(m[1]);
  }
  return null;
}
