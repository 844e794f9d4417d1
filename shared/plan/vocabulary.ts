// The words plan documents use around a figure, and what each one means for a target.
// Kept together so a reader can check every rule of the extractor against a list.
import type { Comparator, Qualifier } from '../domain/target';

/** Printed after the figure: `6%左右`, `18万人以上`. */
export const SUFFIX_COMPARATORS: Record<string, Comparator> = {
  左右: 'about',
  上下: 'about',
  以上: 'at_least',
  及以上: 'at_least',
  以下: 'at_most',
  以内: 'at_most',
  之内: 'at_most',
};

/** Printed before the figure; the one nearest the figure counts (`达到或好于Ⅲ类水体比例超过70%` → exceed). */
export const PREFIX_COMPARATORS: [string, Comparator][] = [
  ['不低于', 'at_least'],
  ['不少于', 'at_least'],
  ['至少', 'at_least'],
  ['不超过', 'at_most'],
  ['不高于', 'at_most'],
  ['控制在', 'at_most'],
  ['突破', 'exceed'],
  ['超过', 'exceed'],
  ['稳定在', 'stable'],
  ['保持在', 'stable'],
  ['达到', 'reach'],
  ['提高到', 'reach'],
  ['提升到', 'reach'],
  ['提高至', 'reach'],
  ['提升至', 'reach'],
  ['增加到', 'reach'],
  ['扩大到', 'reach'],
  ['扩大至', 'reach'],
  ['增加至', 'reach'],
  // `保持100%`, `巩固…80万亩`: what is held, not raised.
  ['保持', 'stable'],
  ['巩固', 'stable'],
];

/** `完成 X` states the amount to deliver: reach, when nothing more precise is printed. */
export const COMPLETION_VERBS = /完成|达到/;

export const QUALIFIER_WORDS: [string, Qualifier][] = [
  ['力争', 'strive'],
  ['确保', 'ensure'],
];

/** What the figure is measured against. */
export const BASIS_PATTERN = /同口径|(?:较|比)(?:\d{4}年|上年|去年)(?:同期)?/;

/** Verbs that make an amount something added within the year (`新建高标准农田850万亩`). */
export const INCREMENT_VERBS = /新建|新增|新开工|开工|完成|建设|建成|投产|新核准|改造|增加|打造|创建|治理|改扩建/;
/** Verbs that state a stock level; they override an increment verb further back in the phrase (`新增…、总面积达到280万亩`). */
export const LEVEL_VERBS = /达到|稳定在|保持在|突破|超过/;

export const GROWTH_WORDS = /(?:增长|增速|增幅|涨幅|上涨)$/;
export const REDUCTION_WORDS = /(?:下降|降低|减少|压减)$/;

/** Lead words that frame a figure but are not part of what is measured; stripped from the front of an indicator. */
export const FRAMING_LEADS = [
  '力争', '确保', '争取', '推动', '推进', '全力', '加快', '持续', '进一步', '大力', '实现', '全年全区', '全年', '年内',
  '在全区', '全区', '每年',
];

/** Action verbs stripped from the front of an amount's indicator (`新建高标准农田` → `高标准农田`); kept for shares.
 *  `新增` stays: `新增城镇就业`, `新增煤炭产能储备` are how the statistics name them. */
export const ACTION_LEADS = [
  '新建改扩建', '新开工', '新创建', '新推出', '新培育', '新建', '建成投产', '建成', '开工', '完成', '建设', '改造提升', '改造',
  '打造', '创建', '培育认定', '培育', '推广', '研发', '解决', '争创', '开展', '引进', '布局建设', '实施',
];

/** Where the noun after a count stops (`8个旗县整县提升…` → `旗县`). */
export const COUNT_NOUN_STOPS = /进入|提升|推行|推广|用于|整县|全部投产|投产|消化|落地/;
/** Verbs trailing a counted noun (`20个重点项目建设` → `重点项目`). */
export const COUNT_NOUN_TRAILERS = /(?:建设进度|建设|落实|工作)$/;
