// Every project schema still does with each recorded input exactly what zod's classic API did (issue 12: the
// schemas moved to zod/mini for a faster start). The corpus and the classic results were recorded before the
// port (tests/helpers/writeSchemaCorpus.ts, generated from the schemas' definitions: boundaries, specials, wrong
// types, missing and extra keys, bad options); the comparison is of the parsed data or of every issue (code,
// path, message and every other field the service passes on in its `call.invalidArgs` refusal), as JSON.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { nodeBuildOptions } from '../../scripts/build.mjs';
import { corpusDifferences, decode, encode, type RecordedCorpus } from '../helpers/schemaCorpus';
import { projectSchemas } from '../helpers/projectSchemas';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const corpusFile = path.resolve(import.meta.dirname, '../fixtures/schema-corpus.json.gz');
const recorded = JSON.parse(zlib.gunzipSync(fs.readFileSync(corpusFile)).toString('utf8')) as { schemas: RecordedCorpus };
const schemas = projectSchemas();

describe('schemas against the classic API’s recorded results', () => {
  it('covers every schema the project defines, each with inputs accepted and refused', () => {
    expect(Object.keys(recorded.schemas).sort()).toEqual(Object.keys(schemas).sort());
    for (const [name, entries] of Object.entries(recorded.schemas)) {
      const accepted = entries.filter((e) => (e.outcome as { success?: boolean }).success === true).length;
      expect(accepted, name).toBeGreaterThan(0);
      expect(entries.length - accepted, name).toBeGreaterThan(0);
    }
  });

  it('reads the recorded inputs back as they were written (undefined, -0, NaN, bigint, holes, __proto__ keys)', () => {
    for (const entries of Object.values(recorded.schemas)) {
      for (const e of entries) expect(encode(decode(e.input))).toEqual(e.input);
    }
    const tricky = JSON.parse('{"a": 1, "__proto__": {"x": 1}}') as unknown;
    const values = [undefined, -0, NaN, -Infinity, 10n, [1, , 3], tricky, 'x'.repeat(1000) + '\u0001', Array.from({ length: 40 }, () => ({ a: 1 }))];
    for (const v of values) {
      const back = decode(encode(v));
      expect(encode(back)).toEqual(encode(v));
      expect(Object.is(back, v) || typeof v === 'object').toBe(true);
    }
    const proto = decode(encode(tricky)) as object;
    expect(Object.keys(proto)).toEqual(['a', '__proto__']);
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  for (const [name, entries] of Object.entries(recorded.schemas)) {
    it(`${name}: ${entries.length} inputs give the same data or the same issues`, () => {
      const differences = corpusDifferences(schemas[name]!, entries);
      expect(differences.slice(0, 5), `${differences.length} of ${entries.length} differ`).toEqual([]);
    });
  }

  it('the same in the Node build (zod bundled, its translations left out), not only in the sources', async () => {
    const dir = makeTmpDir('wb-schema-build-');
    try {
      // The CLI's build options with this test's replay as the one entry: the same bundling of zod.
      const options = nodeBuildOptions(dir);
      await esbuild.build({ ...options, entryPoints: { replay: path.resolve(import.meta.dirname, '../helpers/replaySchemaCorpus.ts') } });
      const run = spawnSync(process.execPath, [path.join(dir, 'replay.mjs'), corpusFile], { encoding: 'utf8', maxBuffer: 1 << 26 });
      expect(run.stderr).toBe('');
      const differences = JSON.parse(run.stdout) as Record<string, string[]>;
      expect(Object.keys(differences).sort()).toEqual(Object.keys(recorded.schemas).sort());
      expect(Object.fromEntries(Object.entries(differences).filter(([, d]) => d.length > 0))).toEqual({});
    } finally {
      removeDir(dir);
    }
  });
});
