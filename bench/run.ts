// `npm run bench`: every benchmark, each printing its figures with ratios against a baseline measured
// in the same run. Pass names to run only some: `npm run bench -- startup variance`. The npm script runs
// the built bench (build/bench.mjs), building it and the renderer first where their sources changed.
import { benchCli, benchSeriesCli } from './cli';
import { benchCycle } from './cycle';
import { benchLoad } from './load';
import { analystMain, LOAD_ANALYST_FLAG } from './loadAnalyst';
import { benchImport, importChild, IMPORT_CHILD_FLAG, xlsxReadChild, XLSX_READ_CHILD_FLAG } from './import';
import { benchImportIdentity } from './importIdentity';
import { benchInsertFloor } from './insertFloor';
import { benchImportByRegion } from './importByRegion';
import { benchPlanExtract } from './planExtract';
import { benchResponsiveness } from './responsiveness';
import { benchScale } from './scale';
import { benchShell } from './shell';
import { benchServerEngines } from './server';
import { benchStartup } from './startup';
import { benchVariance } from './variance';
import { benchVarianceService } from './varianceService';

const benches: Record<string, () => Promise<void> | void> = {
  startup: benchStartup,
  cli: benchCli,
  series: benchSeriesCli,
  import: benchImport,
  'import-identity': benchImportIdentity,
  'insert-floor': benchInsertFloor,
  'import-by-region': benchImportByRegion,
  responsiveness: benchResponsiveness,
  variance: benchVariance,
  'variance-service': benchVarianceService,
  scale: benchScale,
  shell: benchShell,
  'plan-extract': benchPlanExtract,
  cycle: benchCycle,
  server: benchServerEngines,
  load: benchLoad,
};

const wanted = process.argv.slice(2);
if (wanted[0] === IMPORT_CHILD_FLAG) {
  await importChild(wanted.slice(1));
} else if (wanted[0] === XLSX_READ_CHILD_FLAG) {
  await xlsxReadChild(wanted.slice(1));
} else if (wanted[0] === LOAD_ANALYST_FLAG) {
  await analystMain(wanted.slice(1));
} else {
  const unknown = wanted.filter((w) => !(w in benches));
  if (unknown.length > 0) {
    process.stderr.write(`未知的基准 / Unknown benchmark: ${unknown.join(', ')} (${Object.keys(benches).join(', ')})\n`);
    process.exitCode = 2;
  } else {
    for (const [name, run] of Object.entries(benches)) {
      if (wanted.length === 0 || wanted.includes(name)) await run();
    }
  }
}
