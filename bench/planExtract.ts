// Plan extraction of the seeded 2025 plan (normalise + extract), against normalising the text alone (one
// pass over every character). Moved here from the tests, which no longer assert durations.
import fs from 'node:fs';
import path from 'node:path';
import { extractTargets } from '../shared/plan/extract';
import { normalizePlanText } from '../shared/plan/normalize';
import { ROOT } from './paths';
import { median, printFigure, printHeading } from './report';

export function benchPlanExtract(): void {
  printHeading('Plan extraction (seeded 2025 plan)');
  const raw = fs.readFileSync(path.join(ROOT, 'seeds/2025-plan.txt'), 'utf8');
  const time = (f: () => unknown) => {
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  time(() => extractTargets(normalizePlanText(raw))); // warm-up: the first run compiles the module's code
  const runs = Array.from({ length: 9 }, () => time(() => extractTargets(normalizePlanText(raw))));
  const floor = Array.from({ length: 9 }, () => time(() => normalizePlanText(raw)));
  printFigure(`normalise + extract ${raw.length.toLocaleString()} characters (median of 9)`, median(runs), median(floor), 'normalising the text alone');
}
