// Suggest which series measures each target, from the names, the measure and the unit. The analyst
// decides; a suggestion says why it was made. Names are compared as character bigrams after the measure
// words are stripped and known synonyms folded (原煤产量 → 煤炭, 地区生产总值 → GDP).

import type { Series } from '../domain/series';
import type { Target } from '../domain/target';
import { canonicalUnit, conversionFactor, unitInfo } from '../domain/units';
import { MEASURE_LABELS } from '../domain/series';
import { bi, fmtRate } from './wording';

export interface LinkSuggestion {
  targetId: number;
  seriesId: number;
  /** 0..1: 0.7 × name similarity + 0.3 × measure fit. */
  score: number;
  /** Why, Chinese then English. */
  reason: string;
}

export interface SuggestOptions {
  /** Lowest total score worth suggesting. */
  minScore?: number;
  /** Lowest name similarity worth suggesting, whatever the measure fit. */
  minNameSimilarity?: number;
}

const DEFAULT_MIN_SCORE = 0.55;
const DEFAULT_MIN_NAME = 0.45;
const NAME_WEIGHT = 0.7;
const MEASURE_WEIGHT = 0.3;

/** Different words for one thing, folded to one spelling (longest first, so 接待游客 wins over 游客). */
const SYNONYM_PAIRS: Array<[string, string]> = [
  ['地区生产总值', 'GDP'],
  ['国内生产总值', 'GDP'],
  ['生产总值', 'GDP'],
  ['规模以上工业', '规上工业'],
  ['原煤', '煤炭'],
  ['接待国内外游客', '游客'],
  ['接待游客', '游客'],
  ['旅游人数', '游客'],
  ['旅游人次', '游客'],
  ['游客人次', '游客'],
  ['社会消费品零售总额', '社会消费品零售'],
  ['城镇新增就业人数', '城镇新增就业'],
  ['一般公共预算收入', '公共预算收入'],
  ['全社会用电量', '用电量'],
  ['居民消费价格指数', '居民消费价格'],
  ['CPI', '居民消费价格'],
];
const SYNONYMS = SYNONYM_PAIRS.sort((a, b) => b[0].length - a[0].length);

/** Words that say how an indicator is measured, not what: removed before names are compared. */
const MEASURE_WORDS = [
  '累计增长', '累计增速', '累计同比', '累计值', '当期值', '当月值', '当月同比', '同比增长', '同比增速',
  '增长率', '增长', '增速', '同比', '累计', '当月', '当期', '涨幅', '下降',
].sort((a, b) => b.length - a.length);

/** Endings that name a quantity rather than the thing counted (产量, 总额, 额). */
const QUANTITY_SUFFIXES = ['总产量', '产量', '总额', '完成额', '总量', '数量', '人数', '人次', '额', '量'];

const REGION_PREFIXES = /^(全区|全省|全市|全自治区|全国|我区|我省|我市)/;

/** An indicator name reduced to what it is about: `原煤产量累计值(万吨)` → `煤炭`. */
export function normalizeIndicatorName(raw: string): string {
  let s = raw.normalize('NFKC').replace(/\s+/g, '').replace(/\([^)]*\)/g, '').replace(REGION_PREFIXES, '');
  for (const [from, to] of SYNONYMS) if (s.includes(from)) s = s.split(from).join(to);
  for (const w of MEASURE_WORDS) s = s.split(w).join('');
  for (const suffix of QUANTITY_SUFFIXES) {
    if (s.length > suffix.length + 1 && s.endsWith(suffix)) {
      s = s.slice(0, -suffix.length);
      break;
    }
  }
  return s;
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  if (s.length === 1) out.add(s);
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Dice coefficient of character bigrams; containment of one name in the other (at least half its length) counts at least 0.8. */
export function nameSimilarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  if (a === b) return 1;
  const A = bigrams(a);
  const B = bigrams(b);
  let shared = 0;
  for (const g of A) if (B.has(g)) shared++;
  const dice = (2 * shared) / (A.size + B.size);
  // Containment counts only when the shorter name is at least half the longer: 工业增加值 in 规上工业增加值 is the same
  // indicator, but 煤炭 in 新增煤炭产能储备 is a different one (a capacity reserve, not the output).
  const contained =
    a.length >= 2 && b.length >= 2 && Math.min(a.length, b.length) * 2 >= Math.max(a.length, b.length) && (a.includes(b) || b.includes(a));
  if (contained) return Math.max(dice, 0.8);
  // Sharing a tail is not being the same thing: 金融业增加值 and 规上工业增加值 share 业增加值, but what
  // tells them apart (金融 / 规上工) has nothing in common; 万元GDP用水 is not GDP. Such pairs count half.
  return distinctPartsDiffer(a, b) ? dice / 2 : dice;
}

function longestCommonSubstring(a: string, b: string): string {
  let best = '';
  for (let i = 0; i < a.length; i++) {
    for (let j = i + best.length + 1; j <= a.length; j++) {
      if (b.includes(a.slice(i, j))) best = a.slice(i, j);
      else break;
    }
  }
  return best;
}

/** True when, after removing their longest common part, the target's rest is real and shares no character with the series' rest. */
function distinctPartsDiffer(a: string, b: string): boolean {
  const common = longestCommonSubstring(a, b);
  if (common.length < 2) return false;
  const restA = a.replace(common, '');
  const restB = b.replace(common, '');
  if (restA.length < 2) return false;
  return ![...restA].some((ch) => restB.includes(ch));
}

interface Fit {
  fit: number;
  why: ReturnType<typeof bi>;
}

/** How well a series' measure and unit can measure a target of this kind (0 = cannot). */
export function measureFit(target: Target, series: Series): Fit {
  const m = MEASURE_LABELS[series.measure];
  switch (target.kind) {
    case 'growth_rate':
    case 'reduction': {
      const fit =
        series.measure === 'yoy_cumulative' ? 1
        : series.measure === 'index' ? (series.unit === '上年同期=100' ? 0.95 : 0.7)
        : series.measure === 'cumulative' ? 0.8
        : series.measure === 'monthly' ? 0.5
        : 0.4;
      return { fit, why: bi(`${m.zh}可衡量增速目标`, `${m.en.toLowerCase()} measures a growth target`) };
    }
    case 'level':
    case 'increment':
    case 'count': {
      if (series.measure !== 'cumulative' && series.measure !== 'monthly') return { fit: 0, why: bi(`${m.zh}不是总量`, `${m.en.toLowerCase()} is not a level`) };
      const unit = target.unit ?? '';
      const f = unit === series.unit ? 1 : conversionFactor(series.unit, unit);
      if (f === null) return { fit: 0, why: bi(`单位${series.unit}不能换算为${unit || '（无）'}`, `unit ${series.unit} does not convert to ${unit || '(none)'}`) };
      const measureScore = series.measure === 'cumulative' ? 1 : 0.8;
      const unitWords = f === 1 ? bi(`单位相同（${unit}）`, `same unit (${unit})`) : bi(`单位${series.unit}可换算为${unit}`, `unit ${series.unit} converts to ${unit}`);
      return { fit: measureScore, why: bi(`${m.zh}适合总量目标，${unitWords.zh}`, `${m.en.toLowerCase()} fits a level target, ${unitWords.en}`) };
    }
    case 'share': {
      const pct = canonicalUnit(series.unit) === '%' || unitInfo(series.unit)?.dimension === 'percent';
      if (!pct) return { fit: 0.2, why: bi(`单位${series.unit}不是%`, `unit ${series.unit} is not %`) };
      const fit = series.measure === 'monthly' || series.measure === 'cumulative' ? 1 : 0.4;
      return { fit, why: bi(`${m.zh}（%）可衡量比例目标`, `${m.en.toLowerCase()} (%) measures a share`) };
    }
    case 'task':
      return { fit: 0, why: bi('任务无数值', 'a task has no figure') };
  }
}

/** Best candidate per target whose score clears the thresholds, best-scoring targets unaffected by order. */
export function suggestLinks(targets: readonly Target[], series: readonly Series[], opts: SuggestOptions = {}): LinkSuggestion[] {
  const minScore = opts.minScore ?? DEFAULT_MIN_SCORE;
  const minName = opts.minNameSimilarity ?? DEFAULT_MIN_NAME;

  // Inverted index over bigrams: each target is compared only with series sharing part of its name.
  const normalized = series.map((s) => normalizeIndicatorName(s.name || s.label));
  const byBigram = new Map<string, number[]>();
  normalized.forEach((name, i) => {
    for (const g of bigrams(name)) {
      let list = byBigram.get(g);
      if (!list) byBigram.set(g, (list = []));
      list.push(i);
    }
  });

  const out: LinkSuggestion[] = [];
  for (const t of targets) {
    if (t.kind === 'task') continue;
    const tName = normalizeIndicatorName(t.indicator);
    const candidates = new Set<number>();
    for (const g of bigrams(tName)) for (const i of byBigram.get(g) ?? []) candidates.add(i);
    let best: { i: number; score: number; sim: number; fit: Fit } | null = null;
    for (const i of candidates) {
      const sim = nameSimilarity(tName, normalized[i]);
      if (sim < minName) continue;
      const fit = measureFit(t, series[i]);
      if (fit.fit === 0) continue;
      const score = NAME_WEIGHT * sim + MEASURE_WEIGHT * fit.fit;
      // Ties go to the series with more data, then the newer one.
      const better =
        !best ||
        score > best.score + 1e-12 ||
        (Math.abs(score - best.score) <= 1e-12 &&
          (series[i].observationCount > series[best.i].observationCount ||
            (series[i].observationCount === series[best.i].observationCount && (series[i].lastPeriod ?? '') > (series[best.i].lastPeriod ?? ''))));
      if (better) best = { i, score, sim, fit };
    }
    if (!best || best.score < minScore) continue;
    const s = series[best.i];
    out.push({
      targetId: t.id,
      seriesId: s.id,
      score: Number(best.score.toFixed(3)),
      reason: `名称相似度${fmtRate(best.sim * 100)}%（${tName}↔${normalized[best.i]}）；${best.fit.why.zh} / name similarity ${fmtRate(best.sim * 100)}% (${tName} ↔ ${normalized[best.i]}); ${best.fit.why.en}`,
    });
  }
  return out;
}
