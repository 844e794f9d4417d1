// One analyst of the load run as a program of its own: `node --import tsx bench/loadAnalystMain.ts CONFIG_JSON`
// (the vitest form of the load run starts these; the built bench starts itself with --load-analyst instead).
import { analystMain } from './loadAnalyst';

await analystMain(process.argv.slice(2));
