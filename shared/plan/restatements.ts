// A plan often restates a headline target in its sections (`固定资产投资增长10%左右` in the opening paragraph and
// again in 四、(一); `城镇新增就业` / `新增城镇就业`). A restated target is one target with several provenances:
// the first statement is kept, the others go to `alsoStatedAt`, and where they differ the stricter reading wins.
import type { Comparator, Qualifier, StatementRef, TargetDraft } from '../domain/target';
import { COMPARATOR_LABELS, QUALIFIER_LABELS } from '../domain/target';
import { canonicalUnit } from '../domain/units';

/** Words that say when or how, not what: left out when two indicator names are compared. */
const NAME_NOISE = /全省|全区|全市|全年|年内|今年|力争|确保|实现|完成|推动|持续|新建和|新增|增加|新建|和|及|等/g;

function nameKey(indicator: string): string {
  return indicator.replace(NAME_NOISE, '');
}

/** Two indicator names for the same thing: equal, one inside the other, or the same characters in another order. */
export function sameIndicator(a: string, b: string): boolean {
  const x = nameKey(a);
  const y = nameKey(b);
  if (x.length < 2 || y.length < 2) return false;
  if (x === y || x.includes(y) || y.includes(x)) return true;
  return x.length === y.length && [...x].sort().join('') === [...y].sort().join('');
}

const AMOUNT_KINDS = new Set(['level', 'increment', 'count']);

function sameQuantity(a: TargetDraft, b: TargetDraft): boolean {
  const unit = (u: string | null) => (u === null ? null : (canonicalUnit(u) ?? u));
  const sameKind = a.kind === b.kind || (AMOUNT_KINDS.has(a.kind) && AMOUNT_KINDS.has(b.kind));
  return sameKind && a.value === b.value && a.valueLow === b.valueLow && a.valueHigh === b.valueHigh && unit(a.unit) === unit(b.unit);
}

export function isRestatement(a: TargetDraft, b: TargetDraft): boolean {
  return (
    a.kind !== 'task' &&
    b.kind !== 'task' &&
    (a.scope ?? 'plan_year') === 'plan_year' &&
    (b.scope ?? 'plan_year') === 'plan_year' &&
    a.section !== b.section &&
    sameQuantity(a, b) &&
    sameIndicator(a.indicator, b.indicator)
  );
}

/** Higher is stricter: exceeding is more than reaching at least, which is more than about. */
const COMPARATOR_STRICTNESS: Record<Comparator | 'none', number> = {
  exceed: 4,
  at_least: 3,
  at_most: 3,
  stable: 2,
  reach: 2,
  none: 2,
  range: 2,
  about: 1,
};
/** 确保 binds harder than a bare statement, which binds harder than 力争. */
const QUALIFIER_STRICTNESS: Record<Qualifier | 'none', number> = { ensure: 2, none: 1, strive: 0 };

const comparatorWord = (c: Comparator | null) => (c === null ? '无 / none' : `${COMPARATOR_LABELS[c].zh} / ${COMPARATOR_LABELS[c].en}`);
const qualifierWord = (q: Qualifier | null) => (q === null ? '无 / none' : `${QUALIFIER_LABELS[q].zh} / ${QUALIFIER_LABELS[q].en}`);

/**
 * How the statement `other` differs from the first statement `first`, one line per field, this statement's reading
 * first (`限定词 qualifier：力争 / strive ↔ 无 / none`). The merged target takes the stricter of the two.
 */
function differencesOf(other: TargetDraft, kept: TargetDraft): string[] {
  const out: string[] = [];
  if (other.qualifier !== kept.qualifier) out.push(`限定词 qualifier：${qualifierWord(other.qualifier)} ↔ ${qualifierWord(kept.qualifier)}`);
  if (other.comparator !== kept.comparator) out.push(`比较 comparator：${comparatorWord(other.comparator)} ↔ ${comparatorWord(kept.comparator)}`);
  if ((other.basis ?? null) !== (kept.basis ?? null)) out.push(`基数 basis：${other.basis ?? '无 / none'} ↔ ${kept.basis ?? '无 / none'}`);
  if (other.indicator !== kept.indicator) out.push(`指标名 indicator：${other.indicator} ↔ ${kept.indicator}`);
  return out;
}

/** The reading of a group of statements: the first one's place, the strictest comparator and qualifier, the fullest name. */
function stricterReading(group: TargetDraft[]): TargetDraft {
  const [first] = group;
  const comparator = group.reduce((best, d) => (COMPARATOR_STRICTNESS[d.comparator ?? 'none'] > COMPARATOR_STRICTNESS[best ?? 'none'] ? d.comparator : best), first.comparator);
  const qualifier = group.reduce((best, d) => (QUALIFIER_STRICTNESS[d.qualifier ?? 'none'] > QUALIFIER_STRICTNESS[best ?? 'none'] ? d.qualifier : best), first.qualifier);
  const basis = group.find((d) => d.basis !== null)?.basis ?? null;
  // A longer name that holds the shorter one says more (`新能源汽车充电设施` over `汽车充电设施`).
  const indicator = group.reduce((best, d) => (d.indicator.length > best.length && nameKey(d.indicator).includes(nameKey(best)) ? d.indicator : best), first.indicator);
  return { ...first, comparator, qualifier, basis, indicator };
}

/** One draft per target: restatements folded into the first statement, in document order. */
export function mergeRestatements(drafts: readonly TargetDraft[]): TargetDraft[] {
  const groups = new Map<string, TargetDraft[][]>();
  const groupOf = new Map<TargetDraft, TargetDraft[]>();
  for (const d of drafts) {
    if (d.kind === 'task' || (d.scope ?? 'plan_year') !== 'plan_year') {
      groupOf.set(d, [d]);
      continue;
    }
    // Only figures of the same value and unit can be one target: bucket by them before comparing names.
    const key = `${d.value}|${d.valueLow}|${d.valueHigh}|${d.unit === null ? '' : (canonicalUnit(d.unit) ?? d.unit)}`;
    const bucket = groups.get(key) ?? [];
    groups.set(key, bucket);
    const home = bucket.find((g) => g.every((member) => member.section !== d.section) && isRestatement(g[0], d));
    if (home) {
      home.push(d);
      groupOf.set(d, home);
    } else {
      const g = [d];
      bucket.push(g);
      groupOf.set(d, g);
    }
  }
  const out: TargetDraft[] = [];
  for (const d of drafts) {
    const group = groupOf.get(d) as TargetDraft[];
    if (group[0] !== d) continue;
    if (group.length === 1) {
      out.push(d);
      continue;
    }
    const kept = stricterReading(group);
    const alsoStatedAt: StatementRef[] = group.slice(1).map((o) => ({
      section: o.section,
      quote: o.quote,
      quoteStart: o.quoteStart,
      quoteEnd: o.quoteEnd,
      differences: differencesOf(o, d),
    }));
    out.push({ ...kept, alsoStatedAt });
  }
  return out;
}
