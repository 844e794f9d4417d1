// Builds the Node-side entry points (CLI, browser shell, benchmark) to plain JavaScript in build/ with
// esbuild, so that a command starts without compiling TypeScript. Every npm package but zod stays external
// (loaded from node_modules as it is), and code behind a dynamic import() becomes its own chunk, so a
// command loads only the modules it reaches: `targets` never loads SheetJS, ExcelJS or Chromium's driver.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BUILD_DIR = path.join(ROOT, 'build');

/** Entry name → source; build/<name>.mjs is what the npm scripts run. */
export const ENTRIES = {
  cli: 'electron/cli/main.ts',
  web: 'electron/web/main.ts',
  bench: 'bench/run.ts',
  // The service's worker thread: workerEntry.ts looks for serviceThread.mjs beside the module it is bundled
  // into, which is why chunks stay in build/ itself rather than a subfolder.
  serviceThread: 'electron/service/host/serviceThread.ts',
  // The plan reader's PDF worker (readPlanFile.ts loads ./pdfTextWorker.mjs beside the module it is bundled into).
  pdfTextWorker: 'electron/plan/pdfTextWorker.mjs',
  // A PostgreSQL store's connection thread (pgConnection.ts loads ./pgWorker.mjs beside the module it is bundled into).
  pgWorker: 'electron/store/pg/pgWorker.mjs',
  // The streamed import's parse thread (streamedImport.ts loads ./importParseWorker.mjs beside the module it is bundled into).
  importParseWorker: 'electron/import/streamed/importParseWorker.ts',
};

/**
 * ECharts and zrender, bundled into the chart renderer's chunk, which loads on demand, never at start: as packages,
 * Node's ESM loader resolves, reads and compiles their 700-odd files one by one, about 0.9 s of the heavy thread's
 * CPU before the first briefing can draw a chart (issue 12, measured with --cpu-prof). Bundled, the same code is one
 * file. tslib stays a package (two files): its ESM entry reads the CommonJS file's `module.exports` as Node does,
 * which a bundle's interop would not.
 */
export const CHART_PACKAGES = ['echarts', 'zrender'];

/**
 * Packages bundled into the build rather than loaded from node_modules: zod is loaded by every CLI command and
 * service thread at start, and Node's ESM loader resolves, reads and compiles its hundred-odd files one by one
 * (about 90 ms of a command's CPU on this machine); bundled, it is part of one chunk. Its code is the same. The
 * schemas use zod/mini (shared/zod.ts), whose functions esbuild tree-shakes to those used: about 70 KB of zod
 * in the start-up chunks instead of the classic API's 390 KB.
 */
export const BUNDLED_PACKAGES = ['zod', ...CHART_PACKAGES];

/**
 * Resolves the bundled packages' bare imports to their ESM entry (the rest of `packages: 'external'` stands), and
 * leaves out zod's translations of its own error messages (`z.locales`, which zod/mini's index re-exports):
 * nothing here asks for them — the service words its refusals itself, and zod's English stays (shared/zod.ts
 * imports `zod/v4/locales/en.js` directly and configures it).
 */
const bundlePackages = {
  name: 'bundle-packages',
  setup(build) {
    // A bundled package's subpaths too (echarts imports `zrender/lib/core/util.js`), resolved as Node would.
    const filter = new RegExp(`^(${BUNDLED_PACKAGES.join('|')})(/.*)?$`);
    build.onResolve({ filter }, (args) => ({ path: fileURLToPath(import.meta.resolve(args.path)) }));
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'wb-left-out' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'wb-left-out' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/** esbuild options for the Node bundles (also used by the test that checks what a command loads). */
export function nodeBuildOptions(outdir = BUILD_DIR) {
  return {
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, path.join(ROOT, src)])),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    // Bundled ESM has no require(); a few dependencies' CommonJS paths and createRequire users need it.
    banner: { js: "import { createRequire as __wbCreateRequire } from 'node:module'; const require = __wbCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
    plugins: [bundlePackages],
  };
}

/**
 * Builds the Node bundles into build/, returns esbuild's metafile. The folder is written over in place, not
 * emptied first, so a command or test already running from it keeps its files; chunks the new build no
 * longer has are removed afterwards.
 */
export async function buildNode(outdir = BUILD_DIR) {
  const result = await esbuild.build(nodeBuildOptions(outdir));
  const written = new Set(Object.keys(result.metafile.outputs).map((o) => path.resolve(ROOT, o)));
  for (const name of fs.readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (/\.mjs(\.map)?$/.test(name) && !written.has(file)) fs.rmSync(file, { force: true });
  }
  return result.metafile;
}

/** The output files an entry loads at start (static imports followed through the chunks), by metafile path. */
export function startupOutputs(metafile, entryName) {
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).find((o) => outputs[o].entryPoint === ENTRIES[entryName]);
  if (!start) throw new Error(`no output for entry ${entryName}`);
  const seen = new Set();
  const stack = [start];
  while (stack.length > 0) {
    const out = stack.pop();
    if (seen.has(out)) continue;
    seen.add(out);
    for (const imp of outputs[out].imports) if (imp.kind === 'import-statement' && !imp.external) stack.push(imp.path);
  }
  return [...seen];
}

/** The packages an entry loads at start and that are bundled (BUNDLED_PACKAGES) rather than loaded from node_modules. */
export function startupBundledPackages(metafile, entryName) {
  const found = new Set();
  for (const out of startupOutputs(metafile, entryName)) {
    for (const input of Object.keys(metafile.outputs[out].inputs)) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) found.add(m[1]);
    }
  }
  return [...found].sort();
}

/**
 * The npm packages an entry loads at start (static imports only, followed through the chunks): what a
 * command pays before it does anything. Dynamic import() edges are left out: they load on demand.
 */
export function startupPackages(metafile, entryName) {
  const packages = new Set();
  for (const out of startupOutputs(metafile, entryName)) {
    for (const imp of metafile.outputs[out].imports) if (imp.kind === 'import-statement' && imp.external) packages.add(imp.path);
  }
  return [...packages].sort();
}
