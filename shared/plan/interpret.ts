// Reads each quantity of a clause against the words around it: what is measured (indicator), how (kind),
// what counts as met (comparator), how binding (qualifier) and against what (basis).
// Every rule looks only at the clause's own text, so a reader can check a result against the quote.
import type { Comparator, Qualifier, TargetDraft, TargetKind } from '../domain/target';
import { canonicalUnit } from '../domain/units';
import { canonicalIsItem, type NumberMention } from './numbers';
import { qualifyAmount, qualifyCount } from './subjects';
import {
  ACTION_LEADS,
  BASIS_PATTERN,
  COMPLETION_VERBS,
  COUNT_NOUN_STOPS,
  COUNT_NOUN_TRAILERS,
  FRAMING_LEADS,
  GROWTH_WORDS,
  INCREMENT_VERBS,
  LEVEL_VERBS,
  PREFIX_COMPARATORS,
  QUALIFIER_WORDS,
  REDUCTION_WORDS,
  SUFFIX_COMPARATORS,
} from './vocabulary';

/** What one quantity of a clause says: a target draft without its place in the document. */
export type ClauseTarget = Omit<TargetDraft, 'section' | 'quote' | 'quoteStart' | 'quoteEnd'>;

const PHRASE_BREAK = /[，：,:]/;
const GROUP_SEPARATOR = /^[、和及与或]$/;
const EDGE_JUNK = /^[、，和及与或的\s]+|[、，和及与或的\s]+$/g;

/** Start of the comma phrase holding position `at`. */
function phraseStart(clause: string, at: number): number {
  for (let i = at - 1; i >= 0; i--) if (PHRASE_BREAK.test(clause[i])) return i + 1;
  return 0;
}

/** The comparator word nearest before the figure, with its position in `pre`. */
function nearestPrefixComparator(pre: string): { at: number; comparator: Comparator } | null {
  let best: { at: number; comparator: Comparator } | null = null;
  for (const [word, comparator] of PREFIX_COMPARATORS) {
    const at = pre.lastIndexOf(word);
    if (at >= 0 && (!best || at > best.at)) best = { at, comparator };
  }
  // `发电量超3000亿度`: a bare 超 counts only right before the figure (`超低排放` is not a comparator).
  if (pre.endsWith('超') && (!best || best.at < pre.length - 1)) best = { at: pre.length - 1, comparator: 'exceed' };
  return best;
}

function qualifierBefore(clause: string, at: number): Qualifier | null {
  let best: { at: number; q: Qualifier } | null = null;
  for (const [word, q] of QUALIFIER_WORDS) {
    const i = clause.lastIndexOf(word, at - 1);
    if (i >= 0 && i < at && (!best || i > best.at)) best = { at: i, q };
  }
  return best?.q ?? null;
}

function stripLeads(s: string, leads: string[]): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    const trimmed = out.replace(/^(?:到)?\d{4}年(?:度)?/, '').replace(/^“[^”]*”期间/, '').replace(/^国家下达的/, '');
    if (trimmed !== out) {
      out = trimmed;
      changed = true;
    }
    for (const lead of leads) {
      if (out.startsWith(lead)) {
        out = out.slice(lead.length);
        changed = true;
      }
    }
  }
  return out;
}

/** The words before a figure reduced to what is measured: framing, basis and comparator words removed. */
function coreOf(pre: string): string {
  // `…销售途径、力争销售额达到`: what precedes the qualifier belongs to another phrase.
  const qualifierAt = Math.max(...QUALIFIER_WORDS.map(([w]) => pre.lastIndexOf(w)));
  let core = (qualifierAt >= 0 ? pre.slice(qualifierAt) : pre).replace(new RegExp(BASIS_PATTERN.source, 'g'), '').replace(/分别/g, '');
  const cmp = nearestPrefixComparator(core);
  if (cmp) core = core.slice(0, cmp.at);
  return core.replace(EDGE_JUNK, '');
}

function indicatorFromPre(core: string, keepActions: boolean): string {
  // `标准从每人每月2375元提高到`: the starting figure and what follows it are not part of the name.
  let s = core.replace(/(?:分别)?从[^从]*\d[^从]*$/, '');
  s = s.replace(/(?:增长|增速|增幅|涨幅|上涨|下降|降低|减少|压减|增加|提高|提升)$/, '');
  s = stripLeads(s, keepActions ? FRAMING_LEADS : [...FRAMING_LEADS, ...ACTION_LEADS]);
  return s.replace(EDGE_JUNK, '');
}

/** The noun a count is of, printed after it (`5000套保交房任务`). */
function nounAfter(clause: string, from: number, limit: number): { noun: string; end: number; nounEnd: number } | null {
  if (from >= clause.length || /[、，。；：和及与或]/.test(clause[from])) return null;
  let end = limit;
  const stop = /[，。；：等和及]/.exec(clause.slice(from, limit));
  if (stop) end = from + stop.index;
  let noun = clause.slice(from, end);
  const verb = COUNT_NOUN_STOPS.exec(noun);
  if (verb && verb.index > 0) noun = noun.slice(0, verb.index);
  noun = noun.replace(EDGE_JUNK, '').replace(COUNT_NOUN_TRAILERS, '');
  const nounEnd = noun ? from + clause.slice(from, end).indexOf(noun) + noun.length : from;
  return noun ? { noun, end, nounEnd } : null;
}

interface Working extends ClauseTarget {
  /** Where the figure starts in the clause. */
  at: number;
  rawPre: string;
  ownCore: string;
  prefixComparator: Comparator | null;
  hasSuffix: boolean;
  groupedWithPrevious: boolean;
}

function kindOf(mention: NumberMention, core: string, mentionPre: string, phrasePre: string, after: string): TargetKind {
  // Units are kept as printed; decide by their canonical spelling (`个百分点` is `百分点`).
  const unit = mention.unit === null ? null : (canonicalUnit(mention.unit) ?? mention.unit);
  if (unit === '%' || unit === null) {
    if (REDUCTION_WORDS.test(core.replace(/(?:幅度)$/, ''))) return 'reduction';
    if (GROWTH_WORDS.test(core)) return 'growth_rate';
    return unit === '%' ? 'share' : 'level';
  }
  if (unit === '百分点') return REDUCTION_WORDS.test(core) ? 'reduction' : 'increment';
  if (canonicalIsItem(mention.unit)) return 'count';
  const increment =
    INCREMENT_VERBS.test(mentionPre) ||
    (!LEVEL_VERBS.test(mentionPre) && INCREMENT_VERBS.test(phrasePre)) ||
    /^[^，。；]{0,12}投产/.test(after);
  return increment ? 'increment' : 'level';
}

/** Interpret the quantities found in one clause. */
export function interpretClause(clause: string, mentions: NumberMention[]): ClauseTarget[] {
  const out: Working[] = [];
  let consumedEnd = 0;
  let prevNounEnd = 0;
  mentions.forEach((m, i) => {
    const pStart = phraseStart(clause, m.start);
    const rawPre = clause.slice(Math.max(pStart, consumedEnd), m.start);
    const phrasePre = clause.slice(pStart, m.start);
    const groupedWithPrevious = i > 0 && GROUP_SEPARATOR.test(clause.slice(mentions[i - 1].end, m.start));
    const core = coreOf(rawPre);
    const after = clause.slice(m.end, mentions[i + 1]?.start ?? clause.length);
    const kind = kindOf(m, core, rawPre, phrasePre, after);

    // Comparator: the word after the figure, else the nearest before it, else `完成/达到` framing the phrase.
    const prefix = nearestPrefixComparator(rawPre.replace(new RegExp(BASIS_PATTERN.source, 'g'), ''));
    let comparator: Comparator | null = null;
    if (m.valueLow !== null) comparator = 'range';
    else if (m.suffix) comparator = SUFFIX_COMPARATORS[m.suffix] ?? null;
    else if (prefix) comparator = prefix.comparator;
    else if (COMPLETION_VERBS.test(rawPre) || COMPLETION_VERBS.test(phrasePre)) comparator = 'reach';

    const basis = BASIS_PATTERN.exec(phrasePre)?.[0] ?? null;

    // Indicator: a count names its thing after the figure; an amount before it, unless nothing is there.
    let indicator = indicatorFromPre(core, kind === 'share');
    const nextStart = mentions[i + 1]?.start ?? clause.length;
    const post = nounAfter(clause, m.end, nextStart);
    // `为超20000名…残疾儿童`, `吸纳超100万名高校毕业生`: people counted are named after the figure.
    const peopleNamedAfter = post !== null && /^(?:万|亿)?(?:名|人)$/.test(m.unit ?? '') && (indicator.length <= 2 || /^(?:为|惠|吸纳|引导|动员|帮助|服务)/.test(indicator));
    if (post && (kind === 'count' || indicator === '' || peopleNamedAfter)) {
      // A generic noun (`旗县`, `重点任务`) takes the words that say which: before the figure, or what is done with them.
      const before = clause.slice(Math.max(pStart, prevNounEnd), m.start);
      indicator = kind === 'count' ? qualifyCount(post.noun, before, clause.slice(post.nounEnd, post.end), clause) : post.noun;
      consumedEnd = post.end;
      prevNounEnd = post.nounEnd;
    } else {
      consumedEnd = m.end;
      prevNounEnd = m.end;
    }

    out.push({
      at: m.start,
      indicator,
      kind,
      value: m.value,
      valueLow: m.valueLow,
      valueHigh: m.valueHigh,
      unit: m.unit,
      comparator,
      qualifier: qualifierBefore(clause, m.start),
      basis,
      rawPre,
      ownCore: core,
      prefixComparator: prefix?.comparator ?? null,
      hasSuffix: m.suffix !== null,
      groupedWithPrevious,
    });
  });

  shareWithinGroups(out);
  fillFromPrevious(out, clause);
  for (const item of out) if (item.kind !== 'count') item.indicator = qualifyAmount(item.indicator, clause, item.at);
  return splitSharedSubjects(out).map(({ indicator, kind, value, valueLow, valueHigh, unit, comparator, qualifier, basis }) => ({
    indicator,
    kind,
    value,
    valueLow,
    valueHigh,
    unit,
    comparator,
    qualifier,
    basis,
  }));
}

/**
 * Figures joined only by `、/和` share their words: `肉奶产量稳定在60亿斤、160亿斤以上` (以上 for both),
 * `用水量…分别较2020年下降12%和13%` (the kind and basis for both, the indicators respectively).
 */
function shareWithinGroups(items: Working[]): void {
  const groups: Working[][] = [];
  for (const item of items) {
    if (item.groupedWithPrevious && groups.length > 0) groups[groups.length - 1].push(item);
    else groups.push([item]);
  }
  for (const group of groups) {
    if (group.length < 2) continue;
    const [head] = group;
    const lastSuffixed = [...group].reverse().find((g) => g.hasSuffix);
    for (const member of group) {
      // The word after the last figure closes the whole list, over a verb before it (`稳定在60亿斤、160亿斤以上`).
      if (!member.hasSuffix && lastSuffixed && member.comparator !== 'range') member.comparator = lastSuffixed.comparator;
      if (member === head) continue;
      if (member.ownCore === '') {
        member.kind = head.kind === 'count' || member.kind === 'count' ? member.kind : head.kind;
        member.basis = member.basis ?? head.basis;
        if (!member.hasSuffix && !member.prefixComparator && member.comparator === null) member.comparator = head.comparator;
        if (member.indicator === '') member.indicator = head.indicator;
      }
    }
    // `分别`: one indicator per figure, in order.
    if (head.rawPre.includes('分别')) {
      const parts = head.indicator.split(/、|和|及/).filter((p) => p !== '');
      if (parts.length === group.length) group.forEach((g, k) => (g.indicator = parts[k]));
    }
  }
}

/** `接待游客人次、旅游总花费均增长8%以上`: one figure, two indicators (均 = each) — two targets. */
function splitSharedSubjects(items: Working[]): Working[] {
  return items.flatMap((item) => {
    const m = /^(.+[、和及与].+?)均$/.exec(item.indicator);
    if (!m) return [item];
    const parts = m[1].split(/[、和及与]/).map((p) => p.trim()).filter((p) => p.length >= 2);
    return parts.length < 2 ? [{ ...item, indicator: m[1] }] : parts.map((indicator) => ({ ...item, indicator }));
  });
}

/** Figures with no words of their own take them from the figure before: `开工…1000万千瓦，建成投产600万千瓦`. */
function fillFromPrevious(items: Working[], clause: string): void {
  items.forEach((item, i) => {
    const prev = items[i - 1];
    if (item.indicator === '') {
      const verbs = stripLeads(item.rawPre.replace(EDGE_JUNK, ''), FRAMING_LEADS);
      item.indicator = prev ? `${prev.indicator}${verbs}` : verbs || clause.slice(0, 12);
    } else if (item.indicator.startsWith('总') && prev) {
      // `新增设施农业25万亩、总面积达到280万亩`: the total is of the same thing.
      item.indicator = `${prev.indicator.replace(/新增|新建|新开工/g, '')}${item.indicator}`;
    }
  });
}
