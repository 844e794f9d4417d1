// `npm run bench`: every benchmark, each printing its figures with ratios against a baseline measured
// in the same run. Pass names to run only some: `npm run bench -- startup variance`.
import { benchStartup } from './startup';

const benches: Record<string, () => Promise<void> | void> = {
  startup: benchStartup,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
