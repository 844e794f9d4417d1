// Measures the plan extractor on a document against a hand list kept outside the repository (the documents may
// not be copied here, so neither may lists quoting them). Usage:
//   npx tsx scripts/measure-plan-extract.ts HANDLIST.json [HANDLIST.json …] [--verbose]
// A hand list is JSON: { "doc": path, "from"?: text where the plan year starts, "targets": [{ "a": anchor text,
// "v": value or [low, high], "u": unit, "c": [acceptable comparators, null for none], "d"?: doubtful, "g"?: group
// of restatements of one target }] }. Doubtful entries count neither for recall nor against precision.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { TargetDraft } from '../shared/domain/target';
import { canonicalUnit } from '../shared/domain/units';
import { extractTargets, planYearTargets } from '../shared/plan/extract';
import { normalizePlanText } from '../shared/plan/normalize';

interface HandEntry {
  a: string;
  v: number | [number, number];
  u: string | null;
  c: (string | null)[];
  d?: boolean;
  g?: string;
}

const unitKey = (u: string | null) => (u === null ? null : (canonicalUnit(u) ?? u.normalize('NFKC')));

function sameFigure(t: TargetDraft, h: HandEntry): boolean {
  const [value, low, high] = Array.isArray(h.v) ? [null, h.v[0], h.v[1]] : [h.v, null, null];
  return t.value === value && t.valueLow === low && t.valueHigh === high && unitKey(t.unit) === unitKey(h.u);
}

function statements(t: TargetDraft): { start: number; end: number }[] {
  return [{ start: t.quoteStart, end: t.quoteEnd }, ...(t.alsoStatedAt ?? []).map((s) => ({ start: s.quoteStart, end: s.quoteEnd }))];
}

function measure(file: string, verbose: boolean): void {
  const hand = JSON.parse(fs.readFileSync(file, 'utf8')) as { doc: string; from?: string; targets: HandEntry[] };
  const text = normalizePlanText(fs.readFileSync(hand.doc, 'utf8'));
  const all = extractTargets(text);
  const proposed = planYearTargets(all).filter((t) => t.kind !== 'task');
  let cursor = hand.from ? Math.max(0, text.indexOf(hand.from)) : 0;
  const usedBy = new Map<TargetDraft, string | undefined>();
  const missed: string[] = [];
  const wrong: string[] = [];
  let counted = 0;
  let found = 0;
  let foundLoose = 0;
  const groupsSeen = new Map<string, TargetDraft>();
  for (const h of hand.targets) {
    const at = text.indexOf(h.a, cursor);
    if (at < 0) throw new Error(`anchor not found after offset ${cursor}: ${h.a}`);
    cursor = at + 1;
    const inQuote = (t: TargetDraft) => statements(t).some((s) => s.start <= at && at + h.a.length <= s.end);
    const free = (t: TargetDraft) => !usedBy.has(t) || (h.g !== undefined && usedBy.get(t) === h.g);
    const loose = proposed.find((t) => free(t) && inQuote(t) && sameFigure(t, h));
    const strict = loose && h.c.includes(loose.comparator) ? loose : undefined;
    if (loose) usedBy.set(loose, h.g);
    if (h.d) continue;
    counted++;
    if (loose) foundLoose++;
    if (strict) found++;
    else if (loose) wrong.push(`${h.a}: comparator ${loose.comparator} (want ${h.c.join('|')})`);
    else missed.push(`${h.a} ${JSON.stringify(h.v)}${h.u ?? ''}`);
    if (h.g && loose) groupsSeen.set(h.g, loose);
  }
  const spurious = proposed.filter((t) => !usedBy.has(t));
  const doubtfulHits = [...usedBy.keys()].filter((t) => !hand.targets.some((h) => !h.d && statements(t).some((s) => text.slice(s.start, s.end).includes(h.a))));
  const judged = proposed.length - doubtfulHits.length;
  const precision = judged === 0 ? 1 : (judged - spurious.length) / judged;
  const groups = new Set(hand.targets.filter((h) => h.g).map((h) => h.g));
  const merged = [...groups].filter((g) => (groupsSeen.get(g as string)?.alsoStatedAt?.length ?? 0) > 0).length;
  const byScope = (s: string) => all.filter((t) => t.kind !== 'task' && (t.scope ?? 'plan_year') === s).length;
  console.log(
    `${hand.doc.split('/').pop()}: hand ${counted} targets (+${hand.targets.length - counted} doubtful); ` +
      `proposed ${proposed.length} plan-year quantified (review ${byScope('review')}, outlook ${byScope('outlook')} kept apart); ` +
      `recall value+unit+comparator ${((found / counted) * 100).toFixed(1)}% (${found}/${counted}), value+unit ${((foundLoose / counted) * 100).toFixed(1)}%; ` +
      `precision ${(precision * 100).toFixed(1)}% (${judged - spurious.length}/${judged}); restated targets merged ${merged}/${groups.size}`,
  );
  if (verbose) {
    for (const m of missed) console.log(`  missed   ${m}`);
    for (const w of wrong) console.log(`  wrong    ${w}`);
    for (const s of spurious) console.log(`  spurious ${s.section} ${s.indicator} ${s.value ?? `${s.valueLow}—${s.valueHigh}`}${s.unit ?? ''} ${s.comparator ?? ''} | ${s.quote.slice(0, 50)}`);
  }
}

const { values, positionals } = parseArgs({ options: { verbose: { type: 'boolean', short: 'v' } }, allowPositionals: true });
if (positionals.length === 0) {
  console.error('usage: npx tsx scripts/measure-plan-extract.ts HANDLIST.json [...] [--verbose]');
  process.exit(2);
}
for (const file of positionals) measure(file, values.verbose ?? false);
