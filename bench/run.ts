// `npm run bench`: every benchmark, each printing its figures with ratios against a baseline measured
// in the same run. Pass names to run only some: `npm run bench -- startup variance`.
import { benchCycle } from './cycle';
import { benchImport } from './import';
import { benchStartup } from './startup';
import { benchVariance } from './variance';
import { benchVarianceService } from './varianceService';

const benches: Record<string, () => Promise<void> | void> = {
  startup: benchStartup,
  import: benchImport,
  variance: benchVariance,
  'variance-service': benchVarianceService,
  cycle: benchCycle,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
