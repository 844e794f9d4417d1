// Builds what a command runs only when its sources changed since the last build. The check is a stamp of
// every source file's path, size and modification time (a few milliseconds for the whole tree), kept
// beside the built output; esbuild and Vite are loaded only when a build is needed.
//   node scripts/ensure-built.mjs            build the Node bundles and the renderer if stale
//   node scripts/ensure-built.mjs --force    rebuild both
//   node scripts/ensure-built.mjs --node-only  only the Node bundles (what the CLI-spawning tests need)
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const BUILD_DIR = path.join(ROOT, 'build');
export const RENDERER_DIR = path.join(ROOT, 'dist/renderer');

/** What each built output is made from: folders walked recursively, and single files. */
export const SOURCES = {
  node: {
    dirs: ['electron', 'shared', 'bench', 'tests/helpers'],
    files: ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'],
    stampFile: path.join(BUILD_DIR, '.sources-stamp'),
  },
  renderer: {
    dirs: ['renderer', 'shared'],
    files: ['package.json', 'package-lock.json', 'tsconfig.json', 'vite.renderer.config.ts'],
    stampFile: path.join(RENDERER_DIR, '.sources-stamp'),
  },
};

function walk(rel, out) {
  let entries;
  try {
    entries = fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const child = `${rel}/${e.name}`;
    if (e.isDirectory()) walk(child, out);
    else if (e.isFile()) out.push(child);
  }
}

/** One line per source file (path, size, mtime), hashed: any edit, addition or removal changes it. */
export function sourcesStamp(kind) {
  const files = [];
  for (const d of SOURCES[kind].dirs) walk(d, files);
  files.push(...SOURCES[kind].files);
  files.sort();
  const hash = createHash('sha256');
  for (const f of files) {
    try {
      const st = fs.statSync(path.join(ROOT, f));
      hash.update(`${f}\0${st.size}\0${Math.trunc(st.mtimeMs)}\n`);
    } catch {
      hash.update(`${f}\0missing\n`);
    }
  }
  return hash.digest('hex');
}

function readStamp(kind) {
  try {
    return fs.readFileSync(SOURCES[kind].stampFile, 'utf8').trim();
  } catch {
    return null;
  }
}

/** True when the built output of `kind` matches its sources as they are now. */
export function isFresh(kind) {
  return readStamp(kind) === sourcesStamp(kind);
}

async function buildNodeBundles() {
  const { buildNode } = await import('./build.mjs');
  await buildNode(BUILD_DIR);
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(ROOT, 'vite.renderer.config.ts'), logLevel: 'warn' });
}

const builders = { node: buildNodeBundles, renderer: buildRenderer };
const labels = { node: ['命令行与浏览器服务', 'CLI and browser shell'], renderer: ['界面', 'renderer'] };

/**
 * Builds `kind` if its sources changed; returns whether it built. The stamp is taken before building, so an
 * edit made during the build makes the next run build again rather than be missed.
 */
export async function ensureBuilt(kind, { force = false, quiet = false } = {}) {
  const stamp = sourcesStamp(kind);
  if (!force && readStamp(kind) === stamp) return false;
  if (!quiet) process.stderr.write(`正在构建${labels[kind][0]}… / Building the ${labels[kind][1]}…\n`);
  await builders[kind]();
  fs.mkdirSync(path.dirname(SOURCES[kind].stampFile), { recursive: true });
  fs.writeFileSync(SOURCES[kind].stampFile, stamp + '\n');
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const force = process.argv.includes('--force');
  try {
    await ensureBuilt('node', { force });
    if (!process.argv.includes('--node-only')) await ensureBuilt('renderer', { force });
  } catch (e) {
    process.stderr.write(`构建失败 / Build failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
