// Measures the extractor against a hand-drawn list of the 2025 plan's quantified targets (written by reading the plan, but by the same engineer who wrote the rules, so not independent):
// recall and precision on value + unit + comparator, and the time to extract the whole plan.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Comparator, TargetDraft } from '../../shared/domain/target';
import { canonicalUnit } from '../../shared/domain/units';
import { extractTargets } from '../../shared/plan/extract';
import { normalizePlanText } from '../../shared/plan/normalize';

interface HandTarget {
  anchor: string;
  indicator: string;
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string | null;
  comparator: Comparator | null;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const raw = fs.readFileSync(path.join(root, 'seeds/2025-plan.txt'), 'utf8');
const hand = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/plan-2025-handlist.json'), 'utf8')) as {
  targets: HandTarget[];
  excluded: { anchor: string; reason: string }[];
};

function sameQuantity(t: TargetDraft, h: HandTarget): boolean {
  return t.value === h.value && t.valueLow === h.valueLow && t.valueHigh === h.valueHigh && t.unit === canonicalUnit(h.unit);
}

/** Pairs each hand target with an unused extracted target whose quote holds the anchor and whose figure agrees. */
function match(text: string, extracted: TargetDraft[], withComparator: boolean) {
  const quantified = extracted.filter((t) => t.kind !== 'task');
  const used = new Set<TargetDraft>();
  const missed: HandTarget[] = [];
  let cursor = 0;
  for (const h of hand.targets) {
    const at = text.indexOf(h.anchor, cursor);
    expect(at, `anchor not found in order: ${h.anchor}`).toBeGreaterThanOrEqual(0);
    cursor = at + 1;
    const hit = quantified.find(
      (t) => !used.has(t) && t.quoteStart <= at && at + h.anchor.length <= t.quoteEnd && sameQuantity(t, h) && (!withComparator || t.comparator === h.comparator),
    );
    if (hit) used.add(hit);
    else missed.push(h);
  }
  const spurious = quantified.filter((t) => !used.has(t));
  return {
    recall: (hand.targets.length - missed.length) / hand.targets.length,
    precision: (quantified.length - spurious.length) / quantified.length,
    missed,
    spurious,
    extracted: quantified.length,
  };
}

describe('plan extractor accuracy on the 2025 plan (hand-drawn list)', () => {
  const text = normalizePlanText(raw);
  const extracted = extractTargets(text);

  it('finds ≥ 95% of the quantified targets with the right value, unit and comparator, at ≥ 90% precision', () => {
    const strict = match(text, extracted, true);
    const loose = match(text, extracted, false);
    console.log(
      `[plan-extract] hand list ${hand.targets.length}, extracted ${strict.extracted} quantified; ` +
        `value+unit+comparator: recall ${(strict.recall * 100).toFixed(1)}%, precision ${(strict.precision * 100).toFixed(1)}%; ` +
        `value+unit: recall ${(loose.recall * 100).toFixed(1)}%, precision ${(loose.precision * 100).toFixed(1)}%`,
    );
    for (const m of strict.missed) console.log(`  missed: ${m.anchor} ${m.value ?? `${m.valueLow}—${m.valueHigh}`}${m.unit ?? ''} ${m.comparator}`);
    for (const s of strict.spurious) console.log(`  unmatched: ${s.indicator} ${s.value ?? `${s.valueLow}—${s.valueHigh}`}${s.unit ?? ''} ${s.comparator}`);
    expect(strict.recall).toBeGreaterThanOrEqual(0.95);
    expect(strict.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('takes none of the numbers the hand list rules out', () => {
    for (const ex of hand.excluded) {
      const at = text.indexOf(ex.anchor);
      expect(at, ex.anchor).toBeGreaterThanOrEqual(0);
      // The figure inside the anchor must not be the number of any quantified target quoted around it.
      const figure = /\d+(?:\.\d+)?/.exec(ex.anchor)?.[0];
      const taken = extracted.filter(
        (t) => t.kind !== 'task' && t.quoteStart <= at && at < t.quoteEnd && figure !== undefined && [t.value, t.valueLow, t.valueHigh].includes(Number(figure)),
      );
      expect(taken.map((t) => t.indicator), ex.reason).toEqual([]);
    }
  });
});
