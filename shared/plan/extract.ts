// Extracts the targets of an annual plan from its normalised text: one draft per quantity, one `task` per
// clause that states an action without a number. Pure and rule-based: no network, no model.
import type { Qualifier, TargetDraft } from '../domain/target';
import { interpretClause } from './interpret';
import { findNumberMentions } from './numbers';
import { normalizePlanText } from './normalize';
import { LEVEL1_HEADING, LEVEL2_HEADING, clauseSpans, paragraphSpans, tailSpan, type TextSpan } from './segment';
import { QUALIFIER_WORDS } from './vocabulary';
import { planYearOf, reviewYearOf, scopeOfClause, scopeOfHeading, type ScopeReading } from './documentParts';
import { mergeRestatements } from './restatements';

export const OVERALL_SECTION = '总体目标';

/** The paragraph that states the year's main targets before the numbered sections. */
const MAIN_TARGETS_PARAGRAPH = /主要(?:预期)?目标/;
/** The distribution list and print line after the plan: not part of it. */
const FOOTER_START = /^抄送[：:]|印发$/;
/** A heading sentence is a short title, not a task. */
const HEADING_MAX_LENGTH = 40;
/** Shorter clauses are fragments, not actions. */
const TASK_MIN_LENGTH = 6;
const TASK_LABEL_MAX = 30;

/** `一、(三)` from the current level-1 and level-2 markers. */
function sectionPath(level1: string | null, level2: string | null): string {
  return `${level1 ?? ''}${level2 ?? ''}`;
}

/** A clause introduced by a colon (`主要预期目标是：地区生产总值增长6%左右`): quote from after the colon. */
function withoutLeadIn(clause: TextSpan): TextSpan {
  const colon = clause.text.indexOf('：');
  if (colon < 0 || /\d/.test(clause.text.slice(0, colon).replace(/\d{4}年/g, ''))) return clause;
  const rest = tailSpan(clause, colon + 1);
  return rest.text === '' ? clause : rest;
}

function taskQualifier(text: string): Qualifier | null {
  for (const [word, q] of QUALIFIER_WORDS) if (text.startsWith(word)) return q;
  return null;
}

/** A phrase that only frames what follows: a topic (`稀土产业`, `铁路方面`) or a setting (`按照“三个集中”要求`). */
const FRAMING_PHRASE = /^.{0,8}(?:方面|产业|经济)$|^(?:按照|结合|根据|围绕)|^在.*(?:基础上|前提下)$/;

function taskLabel(text: string): string {
  const phrases = text.split(/[，：]/).filter((p) => p !== '');
  const firstPhrase = phrases.find((p) => !FRAMING_PHRASE.test(p)) ?? phrases[0] ?? text;
  return firstPhrase.length > TASK_LABEL_MAX ? `${firstPhrase.slice(0, TASK_LABEL_MAX)}…` : firstPhrase;
}

function isAction(text: string): boolean {
  return text.length >= TASK_MIN_LENGTH && /[\u4e00-\u9fff]{2}/.test(text);
}

function draftsOfClause(clause: TextSpan, section: string): TargetDraft[] {
  const quoteSpan = withoutLeadIn(clause);
  const provenance = { quote: quoteSpan.text, quoteStart: quoteSpan.start, quoteEnd: quoteSpan.end };
  const mentions = findNumberMentions(quoteSpan.text);
  if (mentions.length > 0) return interpretClause(quoteSpan.text, mentions).map((t) => ({ section, ...t, ...provenance }));
  if (!isAction(quoteSpan.text)) return [];
  return [
    {
      section,
      indicator: taskLabel(quoteSpan.text),
      kind: 'task',
      value: null,
      valueLow: null,
      valueHigh: null,
      unit: null,
      comparator: null,
      qualifier: taskQualifier(quoteSpan.text),
      basis: null,
      ...provenance,
    },
  ];
}

/** `附件1`, `附件：` — an annex starts; its title (next paragraph) says what it holds. */
const ANNEX_START = /^附件\s*(\d*)[：:]?$/;
/** A glossary defines words; its figures are neither targets nor results. */
const GLOSSARY_START = /^(?:附件\d*[：:]?)?名词解释$/;

interface PartState {
  /** Scope of the current level-1 heading (or the annex); plan year when the heading says nothing. */
  level1: ScopeReading;
  level2: ScopeReading | null;
}

/** Every target of the plan, in document order, each with its part of the document. `text` must be the output of `normalizePlanText`. */
export function extractTargets(text: string): TargetDraft[] {
  const paragraphs = paragraphSpans(text);
  const planYear = planYearOf(
    paragraphs.map((p) => p.text),
    titleYearOf(paragraphs.map((p) => p.text)),
  );
  const planYearReading: ScopeReading = { scope: 'plan_year', year: planYear };
  const drafts: TargetDraft[] = [];
  let level1: string | null = null;
  let level2: string | null = null;
  let annex: string | null = null;
  let annexTitlePending = false;
  let inGlossary = false;
  const parts: PartState = { level1: planYearReading, level2: null };
  for (const paragraph of paragraphs) {
    if ((level1 !== null || level2 !== null) && FOOTER_START.test(paragraph.text)) break;
    const annexStart = ANNEX_START.exec(paragraph.text);
    if (annexStart || GLOSSARY_START.test(paragraph.text)) {
      inGlossary = GLOSSARY_START.test(paragraph.text);
      annex = annexStart ? `附件${annexStart[1]}` : '附件';
      annexTitlePending = annexStart !== null;
      level1 = null;
      level2 = null;
      parts.level1 = planYearReading;
      parts.level2 = null;
      continue;
    }
    if (inGlossary) continue;
    if (annexTitlePending) {
      annexTitlePending = false;
      if (GLOSSARY_START.test(paragraph.text)) {
        inGlossary = true;
        continue;
      }
      if (paragraph.text.length <= HEADING_MAX_LENGTH && !paragraph.text.includes('。')) {
        // The annex's title (`2026年省十件民生实事`) sets the scope of all it holds.
        parts.level1 = scopeOfHeading(paragraph.text, planYear) ?? planYearReading;
        continue;
      }
    }
    const h1 = LEVEL1_HEADING.exec(paragraph.text);
    const h2 = LEVEL2_HEADING.exec(paragraph.text);
    const headingText = clauseSpans(paragraph)[0]?.text ?? paragraph.text;
    if (h1) {
      level1 = h1[0];
      level2 = null;
      // Inside an annex the numbered items inherit the annex's scope unless they name their own.
      parts.level1 = scopeOfHeading(headingText, planYear) ?? (annex !== null ? parts.level1 : planYearReading);
      parts.level2 = null;
    } else if (h2) {
      level2 = h2[0];
      parts.level2 = scopeOfHeading(headingText, planYear);
    }
    let section: string;
    if (level1 === null && level2 === null && annex === null) {
      // Before the numbered sections: the notice and the preamble, except the paragraph of main targets.
      if (!MAIN_TARGETS_PARAGRAPH.test(paragraph.text)) continue;
      section = OVERALL_SECTION;
    } else {
      section = `${annex ?? ''}${sectionPath(level1, level2)}`;
    }
    const sectionScope = parts.level2 ?? parts.level1;
    let sentenceScope: ScopeReading | null = null;
    clauseSpans(paragraph).forEach((clause, index) => {
      const own = scopeOfClause(clause.text, planYear);
      const reading = own ?? sentenceScope ?? sectionScope;
      if (own) sentenceScope = own;
      const isHeading = index === 0 && (h1 !== null || h2 !== null) && clause.text.length <= HEADING_MAX_LENGTH;
      if (!isHeading) drafts.push(...draftsOfClause(clause, section).map((d) => withScope(d, reading, planYear)));
      // A time word opening a sentence holds for its clauses up to the full stop.
      if (/[。！？]/.test(text[clause.end] ?? '')) sentenceScope = null;
    });
  }
  return mergeRestatements(drafts);
}

function withScope(draft: TargetDraft, reading: ScopeReading, planYear: number | null): TargetDraft {
  if (reading.scope === 'review') return { ...draft, scope: 'review', year: reviewYearOf(draft.quote, planYear, reading.year) };
  if (reading.scope === 'outlook') return { ...draft, scope: 'outlook', endYear: reading.year };
  return { ...draft, scope: 'plan_year' };
}

/** The items an analyst reviews by default: the plan year's; review and outlook items are shown on request. */
export function planYearTargets<T extends { scope?: TargetDraft['scope'] }>(drafts: readonly T[]): T[] {
  return drafts.filter((d) => (d.scope ?? 'plan_year') === 'plan_year');
}

export interface PlanMeta {
  year: number | null;
  region: string | null;
  title: string | null;
}

const TITLE_LINE = /^(\d{4})年(.{0,20}?)国民经济和社会发展(?:计划|规划)(?:草案)?$/;

/** The year in the document's title line, if it has one of the usual form. */
function titleYearOf(paragraphs: readonly string[]): number | null {
  const titleLine = paragraphs.find((p) => TITLE_LINE.test(p));
  if (titleLine) return Number((TITLE_LINE.exec(titleLine) as RegExpExecArray)[1]);
  const named = paragraphs.map((p) => /(\d{4})年[\u4e00-\u9fff]*?国民经济和社会发展(?:计划|规划)/.exec(p)).find((m) => m !== null);
  return named ? Number(named[1]) : null;
}
const REGION = /([\u4e00-\u9fff]{1,10}?(?:省|自治区|市|特别行政区))/;

/** Year, region and title of the plan, from its title line; null where the document does not say. */
export function extractPlanMeta(text: string): PlanMeta {
  const paragraphs = paragraphSpans(normalizePlanText(text)).map((p) => p.text);
  const titleLine = paragraphs.find((p) => TITLE_LINE.test(p));
  if (titleLine) {
    const m = TITLE_LINE.exec(titleLine) as RegExpExecArray;
    // The words between the year and `国民经济` are the region (`内蒙古自治区`).
    const region = m[2] !== '' ? m[2] : regionOfIssuer(paragraphs);
    return { year: Number(m[1]), region, title: titleLine };
  }
  // No title line of the usual form: a plan named in the notice (`关于下达2025年…计划的通知`).
  const named = paragraphs.map((p) => /(\d{4})年([\u4e00-\u9fff]*?国民经济和社会发展(?:计划|规划))/.exec(p)).find((m) => m !== null);
  if (named) return { year: Number(named[1]), region: REGION.exec(named[2])?.[1] ?? regionOfIssuer(paragraphs), title: `${named[1]}年${named[2]}` };
  // A government work report: the year it plans for, the province that delivers it, its own title.
  const reportTitle = paragraphs.slice(0, 3).find((p) => /政府工作报告$/.test(p)) ?? null;
  const year = planYearOf(paragraphs, null);
  const region = regionOfIssuer(paragraphs) ?? (reportTitle ? (REGION.exec(reportTitle.replace(/^\d{4}年/, ''))?.[1] ?? null) : null) ?? regionOfSpeaker(paragraphs);
  const title = reportTitle === null ? null : /^\d{4}年/.test(reportTitle) || year === null ? reportTitle : `${year}年${region ?? ''}${reportTitle}`;
  return { year, region, title };
}

/** `广东省省长 孟凡利` under a work report's title names the province. */
function regionOfSpeaker(paragraphs: string[]): string | null {
  for (const p of paragraphs.slice(0, 6)) {
    const m = /^([\u4e00-\u9fff]{1,10}?(?:省|自治区|市))(?:人民政府)?(?:省长|主席|市长)/.exec(p);
    if (m) return m[1];
  }
  return null;
}

/** The issuing government (`内蒙古自治区人民政府`) names the region when the title does not. */
function regionOfIssuer(paragraphs: string[]): string | null {
  for (const p of paragraphs.slice(0, 5)) {
    const m = /^([\u4e00-\u9fff]{1,10}?(?:省|自治区|市))人民政府/.exec(p);
    if (m) return m[1];
  }
  return null;
}
