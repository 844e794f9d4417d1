// Writes tests/fixtures/schema-corpus.json.gz: every project schema's generated corpus with what the schema did
// with each input. Run once with the schemas whose behaviour is the reference (it was run with zod's classic API,
// before the port to zod/mini): `npx tsx tests/helpers/writeSchemaCorpus.ts`. The equality test only reads it.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { encode, parseOutcome, variants } from './schemaCorpus';
import { projectSchemas } from './projectSchemas';

export const SCHEMA_CORPUS_FILE = path.resolve(import.meta.dirname, '../fixtures/schema-corpus.json.gz');

const schemas = projectSchemas();
const ownSchemas = new Set<unknown>(Object.values(schemas));
const corpus: Record<string, { label: string; input: unknown; outcome: unknown }[]> = {};
let total = 0;
for (const [name, schema] of Object.entries(schemas)) {
  const seen = new Set<string>();
  const entries = [];
  for (const { label, input } of variants(schema as never, { ownSchemas })) {
    const encoded = encode(input);
    const key = JSON.stringify(encoded);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push({ label, input: encoded, outcome: parseOutcome(schema, input) });
  }
  corpus[name] = entries;
  total += entries.length;
  console.log(name, entries.length, entries.filter((e) => (e.outcome as { success?: boolean }).success).length, 'accepted');
}
const json = JSON.stringify({ zod: 'classic API, zod 4.6.7', schemas: corpus });
fs.writeFileSync(SCHEMA_CORPUS_FILE, zlib.gzipSync(json, { level: 9 }));
console.log(`${total} inputs, ${json.length} bytes of JSON, ${fs.statSync(SCHEMA_CORPUS_FILE).size} gzipped`);
