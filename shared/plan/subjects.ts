// Gives a figure's indicator the subject its sentence gives it. Plans name a thing once and then measure it with a
// generic word: `新能源产业，…新能源新增并网装机4000万千瓦，…发电量超3000亿度` (the 3000 亿度 is new-energy generation),
// `拓展农畜产品进京网上销售途径、力争销售额达到320亿元` (that 销售额), `推动8个旗县整县提升奶业生产能力` (which 旗县).
// A generic name alone would be linked to the wrong statistic (all power generation) and judged against it.
import { ACTION_LEADS, FRAMING_LEADS } from './vocabulary';

/** Measure words that say how much, not of what. */
const GENERIC_AMOUNT = /^(?:总)?(?:发电量|规模|产量|销售额|交易额|营业收入|营收|产值|收入|总量|装机|装机容量)$/;
/** Counted nouns that say what kind of thing, not which. */
const GENERIC_COUNT = /^(?:重点|典型|示范)?(?:旗县|县|县区|品种|项目|任务|模式|企业|平台|基地|园区|场景|嘎查村|村|工程|试点)$/;
/** What a generic measure word is measured on, to look for earlier in the sentence (`销售额` ← `…网上销售途径`). */
const STEMS: Record<string, string> = { 发电量: '发电', 销售额: '销售', 交易额: '交易', 营业收入: '营业', 营收: '营' };
/** A sentence that opens with its topic: `新能源产业，…`, `铁路方面，…`. */
const TOPIC = /^([\u4e00-\u9fff“”]{2,10}?)(?:产业|方面|领域|行业)[，：]/;
/** Words after a counted noun that only say it is being done (`20个重点项目建设`). */
const ONLY_DOING = /^(?:建设|落实|工作|建设进度|实施)?$/;
const EDGE = /^[、，和及与或的在\s]+|[、，和及与或的\s]+$/g;

export function isGenericAmount(indicator: string): boolean {
  return GENERIC_AMOUNT.test(indicator);
}

export function isGenericCount(noun: string): boolean {
  return GENERIC_COUNT.test(noun);
}

/** `新能源产业，…` → `新能源`; null when the sentence does not open with a topic. */
export function topicOf(clause: string): string | null {
  return TOPIC.exec(clause)?.[1] ?? null;
}

function stripLeadWords(s: string): string {
  let out = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const lead of [...FRAMING_LEADS, ...ACTION_LEADS, '拓展', '扩大', '推动', '加快推进', '支持', '争取', '落实', '加快落实', '总结推广', '总结', '全区', '在全区', '全省', '在全省']) {
      if (out.startsWith(lead)) {
        out = out.slice(lead.length);
        changed = true;
      }
    }
  }
  return out.replace(EDGE, '');
}

/**
 * A generic amount's indicator with its subject: the words before the same activity earlier in the sentence
 * (`农畜产品进京网上` + `销售额`), else the sentence's topic (`新能源` + `发电量`), else the name as it was.
 */
export function qualifyAmount(indicator: string, clause: string, at: number): string {
  if (!isGenericAmount(indicator)) return indicator;
  const bare = indicator.replace(/^总/, '');
  const stem = STEMS[bare];
  if (stem) {
    const before = clause.slice(0, at);
    const own = before.lastIndexOf(indicator);
    const i = own > 0 ? before.lastIndexOf(stem, own - 1) : -1;
    if (i > 0) {
      const phraseStart = Math.max(before.lastIndexOf('，', i), before.lastIndexOf('、', i), before.lastIndexOf('：', i)) + 1;
      const subject = stripLeadWords(before.slice(phraseStart, i));
      if (subject.length >= 2) return `${subject}${indicator}`;
    }
  }
  const topic = topicOf(clause);
  return topic && !indicator.startsWith(topic) ? `${topic}${indicator}` : indicator;
}

/**
 * A generic counted noun with what sets it apart: the words before the figure (`营商环境4.0方案` + `重点任务`), else
 * what the sentence says is done with them (`整县提升奶业生产能力的旗县`), else the sentence's topic (`算力` + `重点项目`).
 */
export function qualifyCount(noun: string, before: string, after: string, clause: string): string {
  if (!isGenericCount(noun)) return noun;
  const pre = stripLeadWords(before);
  if (pre.length >= 2 && pre.length <= 16 && !/[、，]|等$/.test(pre) && !/\d/.test(pre.slice(-1))) return `${pre}${noun}`;
  const rest = after.replace(EDGE, '');
  if (!ONLY_DOING.test(rest) && rest.length <= 16) return `${rest}的${noun}`;
  const topic = topicOf(clause);
  return topic ? `${topic}${noun}` : noun;
}
