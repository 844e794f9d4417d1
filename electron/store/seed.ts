// Seeds a new store with the plans shipped in `seeds/`: the plan document and its reviewed targets.
import { writeTransaction } from './writeTransaction';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from '../../shared/zod';
import type { TargetDraft } from '../../shared/domain/target';
import { targetDraftSchema } from '../../shared/contract/targetDraft';
import { normalizePlanText } from '../../shared/plan/normalize';
import { WorkbenchError } from '../../shared/errors';
import type { Store } from './openStore';
import { insertPlan } from './targetsRepo';

/** `seeds/plans.json` (exported for the schema equality test). */
export const manifestSchema = z.array(
  z.strictObject({ year: z.number().check(z.int()), region: z.string(), title: z.string(), document: z.string(), targets: z.string() }),
);

/** A seed plan's reviewed targets. */
export const seedTargetsSchema = z.array(targetDraftSchema);

// The draft schema lives with the contract (shared), so the import calls check reviewed proposals the same way.
export { targetDraftSchema };

/** Where the shipped seeds are: beside the sources in a checkout, or set by the packaged app. */
export function seedsDir(): string {
  if (process.env.PLAN_WORKBENCH_SEEDS) return process.env.PLAN_WORKBENCH_SEEDS;
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../../seeds'), path.resolve(here, '../seeds'), path.resolve(process.cwd(), 'seeds')]) {
    if (fs.existsSync(path.join(candidate, 'plans.json'))) return candidate;
  }
  throw new WorkbenchError('internal', `找不到种子数据文件夹 seeds/ / The seeds/ folder was not found`);
}

export function loadSeedPlans(dir = seedsDir()) {
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, 'plans.json'), 'utf8')));
  return manifest.map((m) => {
    const text = normalizePlanText(fs.readFileSync(path.join(dir, m.document), 'utf8'));
    const targets: TargetDraft[] = seedTargetsSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, m.targets), 'utf8')));
    return { ...m, text, targets };
  });
}

/** Seeds an empty store; a store that already holds plans is left as it is. Returns the number of plans added. */
export function seedIfEmpty(db: Store, dir?: string): number {
  const { n } = db.prepare('SELECT COUNT(*) AS n FROM plans').get() as { n: number };
  if (n > 0) return 0;
  const plans = loadSeedPlans(dir);
  return writeTransaction(db, () => {
    // Counted again under the writers' lock: two workbenches starting on one new server store seed it once.
    const again = db.prepare('SELECT COUNT(*) AS n FROM plans').get() as { n: number };
    if (again.n > 0) return 0;
    for (const p of plans) insertPlan(db, { year: p.year, region: p.region, title: p.title, sourceFile: p.document, sourceText: p.text }, p.targets);
    return plans.length;
  });
}
