// Replays the recorded schema corpus (the file named by argv[2]) through the project's schemas and prints one JSON
// line: {schema name: differences}. The equality test bundles this file as the Node build bundles the CLI
// (scripts/build.mjs: zod bundled, its translations left out), so the shipped code is checked too, not only
// the sources vitest runs.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { corpusDifferences, type RecordedCorpus } from './schemaCorpus';
import { projectSchemas } from './projectSchemas';

const recorded = JSON.parse(zlib.gunzipSync(fs.readFileSync(process.argv[2]!)).toString('utf8')) as { schemas: RecordedCorpus };
const schemas = projectSchemas();
const result: Record<string, string[]> = {};
for (const [name, entries] of Object.entries(recorded.schemas)) {
  const schema = schemas[name];
  result[name] = schema ? corpusDifferences(schema, entries).slice(0, 5) : ['no such schema'];
}
process.stdout.write(`${JSON.stringify(result)}\n`);
