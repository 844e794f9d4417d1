// The plan extractor on the seeded 2025 plan, against a baseline of touching every character of the same
// text once with the clause splitter (the floor any reading of the text pays).
import fs from 'node:fs';
import path from 'node:path';
import { extractTargets } from '../shared/plan/extract';
import { normalizePlanText } from '../shared/plan/normalize';
import { clauseSpans, paragraphSpans } from '../shared/plan/segment';
import { ROOT } from './paths';
import { median, printFigure, printHeading } from './report';

export function benchPlanExtract(): void {
  printHeading('plan extract (2025 seed plan)');
  const raw = fs.readFileSync(path.join(ROOT, 'seeds/2025-plan.txt'), 'utf8');
  const text = normalizePlanText(raw);
  const runs = (fn: () => unknown) => {
    fn();
    const ms: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t0 = performance.now();
      fn();
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  const floor = runs(() => paragraphSpans(text).reduce((n, p) => n + clauseSpans(p).length, 0));
  printFigure(`normalise + extract ${raw.length} characters`, runs(() => extractTargets(normalizePlanText(raw))), floor, 'splitting into clauses');
}
