// Blind measurement of the plan-target extractor against a list of targets drawn by hand from the 2025 plan
// before the extractor, its tests or its output were looked at (tests/fixtures/plan-2025-blind-list.json).
// The list is not tuned to the extractor: if this test fails, the extractor misses targets; do not edit the list.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TargetDraft } from '../../shared/domain/target';
import { extractTargets } from '../../shared/plan/extract';
import { normalizePlanText, unifyWidth } from '../../shared/plan/normalize';

interface BlindEntry {
  anchor: string;
  indicator: string;
  value: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  unit: string;
  comparator: string | null;
  doubtful: boolean;
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const raw = readFileSync(`${root}seeds/2025-plan.txt`, 'utf8');
const blind = JSON.parse(readFileSync(`${root}tests/fixtures/plan-2025-blind-list.json`, 'utf8')) as {
  method: string;
  entries: BlindEntry[];
};

/** The text without whitespace, and for each of its characters the offset in the original text. */
function stripWhitespace(s: string): { text: string; offsets: number[] } {
  let text = '';
  const offsets: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (/\s/.test(s[i])) continue;
    text += s[i];
    offsets.push(i);
  }
  return { text, offsets };
}

const sameNumber = (a: number | null, b: number | null): boolean =>
  a === null || b === null ? a === b : Math.abs(a - b) < 1e-9;
const unitOf = (u: string | null): string => (u ?? '').trim();

function sameValueAndUnit(e: BlindEntry, t: TargetDraft): boolean {
  return (
    sameNumber(e.value, t.value) &&
    sameNumber(e.valueLow, t.valueLow) &&
    sameNumber(e.valueHigh, t.valueHigh) &&
    unitOf(e.unit) === unitOf(t.unit)
  );
}

/** Offset (in the stripped anchor) of the entry's figure; the anchor start when no digits are printed (`破百`). */
function figureOffset(anchor: string, e: BlindEntry): number {
  const n = e.value ?? e.valueLow;
  if (n === null) return 0;
  const escaped = String(n).replace('.', '\\.');
  const m = new RegExp(`(?<![0-9.])${escaped}(?![0-9]|\\.[0-9])`).exec(anchor);
  return m ? m.index : 0;
}

const statementsOf = (t: TargetDraft) => [t, ...(t.alsoStatedAt ?? [])];

const fmt = (e: BlindEntry): string =>
  `${e.anchor} [${e.value ?? `${e.valueLow}—${e.valueHigh}`} ${e.unit} ${e.comparator ?? '∅'}]${e.doubtful ? ' (doubtful)' : ''}`;
const fmtT = (t: TargetDraft): string =>
  `${t.section} ${t.indicator}: ${t.value ?? `${t.valueLow}—${t.valueHigh}`} ${t.unit ?? ''} ${t.comparator ?? '∅'} | ${t.quote.slice(0, 60)}`;

describe('plan extractor against the blind hand list (2025 plan)', () => {
  const text = normalizePlanText(raw);
  const { text: flat, offsets } = stripWhitespace(text);
  const targets = extractTargets(text).filter((t) => t.kind !== 'task');

  const used = new Set<number>();
  const missed: string[] = [];
  const comparatorDisagreements: string[] = [];
  const anchorsNotFound: string[] = [];
  let matched = 0;
  let strict = 0;
  let matchedCertain = 0;
  let strictCertain = 0;

  for (const e of blind.entries) {
    const anchor = stripWhitespace(unifyWidth(e.anchor)).text;
    const at = flat.indexOf(anchor);
    if (at < 0) {
      anchorsNotFound.push(fmt(e));
      missed.push(`${fmt(e)} — anchor not found in the normalised text`);
      continue;
    }
    const pos = offsets[at + figureOffset(anchor, e)];
    // A restated target is one target stated in several places: each statement answers one entry.
    const candidates = targets
      .flatMap((t, i) => statementsOf(t).map((s, k) => ({ t, i: i * 100 + k, s })))
      .filter(({ t, i, s }) => !used.has(i) && s.quoteStart <= pos && pos < s.quoteEnd && sameValueAndUnit(e, t));
    if (candidates.length === 0) {
      const near = targets.filter((t) => t.quoteStart <= pos && pos < t.quoteEnd).map(fmtT);
      missed.push(`${fmt(e)} — extracted in this quote: ${near.length ? near.join(' ‖ ') : 'none'}`);
      continue;
    }
    const best = candidates.find(({ t }) => t.comparator === e.comparator) ?? candidates[0];
    used.add(best.i);
    matched++;
    if (!e.doubtful) matchedCertain++;
    if (best.t.comparator === e.comparator) {
      strict++;
      if (!e.doubtful) strictCertain++;
    } else {
      comparatorDisagreements.push(`${fmt(e)} — extracted comparator ${best.t.comparator ?? '∅'}`);
    }
  }

  const usedTargets = new Set([...used].map((i) => Math.floor(i / 100)));
  const unmatchedExtracted = targets.filter((_, i) => !usedTargets.has(i)).map(fmtT);
  const entries = blind.entries.length;
  const doubtful = blind.entries.filter((e) => e.doubtful).length;
  const certain = entries - doubtful;
  const recall = matchedCertain / certain;
  const strictRecall = strictCertain / certain;
  const precision = usedTargets.size / targets.length;

  const report = [
    `blind entries: ${entries} (${doubtful} doubtful, ${certain} counted for recall)`,
    `extracted non-task targets: ${targets.length}`,
    `recall (value+unit, non-doubtful): ${matchedCertain}/${certain} = ${recall.toFixed(3)}`,
    `strict recall (value+unit+comparator, non-doubtful): ${strictCertain}/${certain} = ${strictRecall.toFixed(3)}`,
    `  (all entries incl. doubtful: value+unit ${matched}/${entries}, strict ${strict}/${entries})`,
    `precision: ${usedTargets.size}/${targets.length} = ${precision.toFixed(3)}`,
    `anchors not found: ${anchorsNotFound.length}`,
    ...anchorsNotFound.map((s) => `  ${s}`),
    `missed entries (${missed.length}):`,
    ...missed.map((s) => `  ${s}`),
    `comparator disagreements (${comparatorDisagreements.length}):`,
    ...comparatorDisagreements.map((s) => `  ${s}`),
    `extracted targets with no blind entry (${unmatchedExtracted.length}):`,
    ...unmatchedExtracted.map((s) => `  ${s}`),
  ].join('\n');
  console.log(report);

  it('finds every anchor of the blind list in the normalised text', () => {
    expect(anchorsNotFound).toEqual([]);
  });

  it('strict recall (value, unit and comparator) is at least 0.95 on the non-doubtful entries', () => {
    expect(strictRecall).toBeGreaterThanOrEqual(0.95);
  });

  it('precision is at least 0.90', () => {
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });
});
