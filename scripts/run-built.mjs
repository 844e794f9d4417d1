// Runs one of the built entry points (build/<name>.mjs) in this process, building it first only if its
// sources changed: `node scripts/run-built.mjs cli targets --json`. One Node process per command, so a
// command costs Node's start, the freshness check (a few ms) and the modules it actually loads.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR, ensureBuilt } from './ensure-built.mjs';

// The browser shell serves the renderer and the benchmark drives it; the CLI needs only the Node bundle.
const NEEDS_RENDERER = new Set(['web', 'bench']);

const [name, ...args] = process.argv.slice(2);
if (!['cli', 'web', 'bench'].includes(name)) {
  process.stderr.write(`用法 / Usage: node scripts/run-built.mjs cli|web|bench [args…]\n`);
  process.exit(2);
}
try {
  await ensureBuilt('node');
  if (NEEDS_RENDERER.has(name)) await ensureBuilt('renderer');
} catch (e) {
  process.stderr.write(`构建失败 / Build failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
}
const entry = path.join(BUILD_DIR, `${name}.mjs`);
// The entry reads its arguments from process.argv as if started directly (`node build/cli.mjs …`).
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
