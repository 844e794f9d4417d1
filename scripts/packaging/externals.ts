// The npm packages the Electron main bundle leaves external (loaded from node_modules at run time): native
// (better-sqlite3) or large Node-only readers and writers. vite.main.config.ts marks them external; Forge's
// Vite plugin does not put them in the package (electron/forge#3738), so forge.config.ts copies them, with
// the packages they depend on, in its packageAfterCopy hook (copyExternals below).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const MAIN_EXTERNALS = ['better-sqlite3', 'exceljs', 'xlsx', 'playwright-core', 'mammoth', 'pdfjs-dist', 'iconv-lite', 'pg'];

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** The folder of package `name` as Node resolves it from `fromDir` (nearest node_modules upwards). */
function packageDir(name: string, fromDir: string, root: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (dir === root || path.dirname(dir) === dir) return null;
  }
}

/**
 * Every package folder the given packages need at run time: themselves and, transitively, their
 * `dependencies` (and the `optionalDependencies` that are installed), each resolved as Node would from the
 * package that needs it, so nested versions are found. Paths are relative to `root`. A missing required
 * dependency is an error: a package built without it would fail only on the user's machine.
 */
export function runtimeClosure(root: string, packages: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue: { name: string; from: string; optional: boolean; by: string }[] = packages.map((name) => ({ name, from: root, optional: false, by: 'package.json' }));
  while (queue.length > 0) {
    const { name, from, optional, by } = queue.shift()!;
    const dir = packageDir(name, from, root);
    if (dir === null) {
      if (optional) continue;
      throw new Error(`打包缺少依赖 ${name}（${by} 需要） / Packaging: ${name}, needed by ${by}, is not installed`);
    }
    const rel = path.relative(root, dir);
    if (seen.has(rel)) continue;
    seen.add(rel);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir, optional: false, by: manifest.name });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) queue.push({ name: dep, from: dir, optional: true, by: manifest.name });
  }
  return [...seen].sort();
}

/**
 * Copies the packages and their run-time dependencies from the project's node_modules into the app folder
 * Forge is packaging (`buildPath`), at the same relative places. A package's own nested node_modules is not
 * copied wholesale: the nested packages it needs are in the closure and copied on their own.
 */
export function copyExternals(projectRoot: string, buildPath: string, packages: readonly string[] = MAIN_EXTERNALS): string[] {
  const closure = runtimeClosure(projectRoot, packages);
  for (const rel of closure) {
    const from = path.join(projectRoot, rel);
    fs.cpSync(from, path.join(buildPath, rel), {
      recursive: true,
      dereference: true,
      filter: (src) => {
        const inside = path.relative(from, src);
        return !(inside === 'node_modules' || inside.startsWith(`node_modules${path.sep}`));
      },
    });
  }
  return closure;
}

/** Resolves each package from the packaged app folder as the main process would; returns the ones that fail. */
export function unresolvable(buildPath: string, packages: readonly string[] = MAIN_EXTERNALS): string[] {
  const require = createRequire(path.join(buildPath, 'package.json'));
  return packages.filter((p) => {
    try {
      require.resolve(`${p}/package.json`, { paths: [buildPath] });
      return false;
    } catch {
      return true;
    }
  });
}
