// The project's one way to write a schema: zod/mini, set up as zod's classic API sets itself up.
//
// Why mini (issue 12, a command's start): the classic API is one object of methods on every schema, so a bundle
// keeps all of zod's ~390 KB whichever parts a schema uses, and every CLI command and service thread evaluates and
// compiles it before anything else (≈36 ms of `targets --json`'s CPU in a profile). zod/mini's functions are tree-
// shaken to what the schemas use. The schemas are the same core schemas, so they accept, refuse and return the
// same (tests/unit/schema-equality.test.ts replays a corpus recorded with the classic API).
//
// What classic does by itself and mini leaves to the caller:
// - English messages: classic configures zod's `en` locale when its first schema is built; mini has no locale
//   and would word every issue "Invalid input". `en` is imported directly, not through `z.locales` (which the
//   Node build leaves out, scripts/build.mjs), and configured here, before any schema module builds a schema,
//   because each of them imports `z` from this module.
// - The memoizer: classic installs it so a recursive schema can parse a cyclic value. No schema here is
//   recursive (no z.lazy, no getters in a shape), and for a schema that is not, the memoizer takes itself out on
//   the first parse without changing anything, so it is not installed.
//
// Modules import it as a namespace (`import * as z from '../zod'`) and use only `z.name`, so the bundlers keep
// just the functions used; a namespace object passed on as a value would keep all of zod/mini.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

if (!config().localeError) config(en());

export * from 'zod/mini';
