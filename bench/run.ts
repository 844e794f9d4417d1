// `npm run bench`: every benchmark, each printing its figures with ratios against a baseline measured
// in the same run. Pass names to run only some: `npm run bench -- startup variance`.
import { benchCycle } from './cycle';
import { benchImport } from './import';
import { benchImportIdentity } from './importIdentity';
import { benchImportByRegion } from './importByRegion';
import { benchResponsiveness } from './responsiveness';
import { benchPlanExtract } from './planExtract';
import { benchStartup } from './startup';
import { benchVariance } from './variance';
import { benchVarianceService } from './varianceService';

const benches: Record<string, () => Promise<void> | void> = {
  startup: benchStartup,
  import: benchImport,
  'import-identity': benchImportIdentity,
  'import-by-region': benchImportByRegion,
  responsiveness: benchResponsiveness,
  variance: benchVariance,
  'variance-service': benchVarianceService,
  'plan-extract': benchPlanExtract,
  cycle: benchCycle,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
