// The built JavaScript: what a command loads at start, when a rebuild is due, and the one line `npm start`
// prints when the store's native module cannot load.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_PACKAGES, buildNode, startupBundledPackages, startupOutputs, startupPackages } from '../../scripts/build.mjs';
import { ROOT, sourcesStamp } from '../../scripts/ensure-built.mjs';
import { diagnoseNative, nativeLoadError, type NativeProbe } from '../../scripts/native-check.mjs';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const dir = makeTmpDir('wb-build-');
afterAll(() => removeDir(dir));

describe('Node bundles', () => {
  it('start the CLI and the browser shell with only SQLite, zod and Node built-ins; the readers load on demand', async () => {
    const meta = await buildNode(path.join(dir, 'build'));
    for (const entry of ['cli', 'web', 'serviceThread'] as const) {
      const packages = startupPackages(meta, entry).filter((p) => !p.startsWith('node:'));
      expect(packages.filter((p) => p !== 'better-sqlite3' && p !== 'zod'), entry).toEqual([]);
    }
    expect(startupPackages(meta, 'cli')).toContain('better-sqlite3');
    // The browser shell's HTTP thread holds no store and validates nothing at start: the service threads do.
    expect(startupPackages(meta, 'web')).not.toContain('zod');
    expect(startupPackages(meta, 'web')).not.toContain('better-sqlite3');
    // zod is bundled (one chunk instead of its hundred-odd files through Node's loader): the CLI and the service
    // threads still load it at start, the shell's HTTP thread still does not. ECharts and zrender are bundled into
    // the chart renderer's chunk (issue 12: 700-odd files, 0.9 s of the first briefing), which no entry loads at start.
    expect(BUNDLED_PACKAGES).toEqual(['zod', 'echarts', 'zrender']);
    expect(startupBundledPackages(meta, 'cli')).toEqual(['zod']);
    expect(startupBundledPackages(meta, 'serviceThread')).toEqual(['zod']);
    expect(startupBundledPackages(meta, 'web')).toEqual([]);
    // The schemas use zod/mini (shared/zod.ts): no module of zod's classic API reaches a start, and of zod's
    // translations only the English one that shared/zod.ts configures.
    for (const entry of ['cli', 'serviceThread'] as const) {
      const zodFiles = startupOutputs(meta, entry).flatMap((o) => Object.keys(meta.outputs[o].inputs)).filter((i) => i.startsWith('node_modules/zod/'));
      expect(zodFiles.some((f) => f.startsWith('node_modules/zod/v4/mini/')), entry).toBe(true);
      expect(zodFiles.filter((f) => f.includes('/classic/') || f.startsWith('node_modules/zod/index.') || f.startsWith('node_modules/zod/v4/index.')), entry).toEqual([]);
      expect(zodFiles.filter((f) => f.includes('/locales/')), entry).toEqual(['node_modules/zod/v4/locales/en.js']);
    }
    // The heavy packages are still in the build, behind dynamic imports (chunks of their own).
    const dynamic = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path)));
    expect(dynamic.size).toBeGreaterThan(3);
    const all = new Set(Object.values(meta.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)));
    for (const heavy of ['xlsx', 'exceljs', 'playwright-core']) expect(all.has(heavy), heavy).toBe(true);
    expect(all.has('echarts')).toBe(false);
    const charts = Object.keys(meta.outputs).filter((o) => Object.keys(meta.outputs[o].inputs).some((i) => i.startsWith('node_modules/echarts/')));
    expect(charts).toHaveLength(1);
    expect(Object.keys(meta.outputs[charts[0]].inputs).some((i) => i.startsWith('node_modules/zrender/'))).toBe(true);
    for (const entry of ['cli', 'web', 'serviceThread', 'bench'] as const) expect(startupOutputs(meta, entry), entry).not.toContain(charts[0]);
    for (const entry of ['cli', 'web', 'bench', 'serviceThread']) expect(fs.existsSync(path.join(dir, `build/${entry}.mjs`)), entry).toBe(true);
  });
});

describe('freshness stamp', () => {
  it('changes when a source file changes and comes back when it is restored', () => {
    const file = path.join(ROOT, 'bench/report.ts');
    const before = fs.statSync(file);
    const stamp = sourcesStamp('node');
    expect(sourcesStamp('node')).toBe(stamp);
    try {
      fs.utimesSync(file, before.atime, new Date(before.mtimeMs + 5000));
      expect(sourcesStamp('node')).not.toBe(stamp);
      // The renderer does not depend on bench/.
      const renderer = sourcesStamp('renderer');
      fs.utimesSync(file, before.atime, new Date(before.mtimeMs + 9000));
      expect(sourcesStamp('renderer')).toBe(renderer);
    } finally {
      fs.utimesSync(file, before.atimeMs / 1000, before.mtimeMs / 1000);
    }
    expect(sourcesStamp('node')).toBe(stamp);
  });
});

describe('native module diagnosis', () => {
  const machine = (over: Partial<NativeProbe> = {}): NativeProbe => ({
    onPath: () => true,
    npmNodedir: () => null,
    localHeaders: () => '/usr/include/node/node_version.h',
    ...over,
  });
  const notBuilt = "Could not locate the bindings file. Tried:\n → /x/node_modules/better-sqlite3/build/Release/better_sqlite3.node";
  const notInstalled = "Cannot find module 'better-sqlite3'\nRequire stack:\n- /x/scripts/native-check.mjs";

  it('loads here', () => {
    expect(nativeLoadError()).toBeNull();
  });

  it('names the missing nodedir with the folder that holds the headers, in one line', () => {
    const line = diagnoseNative(notBuilt, machine());
    expect(line).toContain('npm config set nodedir /usr && npm rebuild better-sqlite3');
    expect(line).toMatch(/^better-sqlite3 未能构建.* \/ better-sqlite3 is not built/);
    expect(line).not.toContain('\n');
    // After a failed npm ci the module is gone: the fix ends with npm ci.
    expect(diagnoseNative(notInstalled, machine())).toContain('npm config set nodedir /usr && npm ci');
  });

  it('names missing build tools before headers', () => {
    const line = diagnoseNative(notBuilt, machine({ onPath: (c) => c !== 'c++' && c !== 'make' }));
    expect(line).toContain('缺少 c++、make');
    expect(line).toContain('c++, make missing');
  });

  it('says when there are no headers at all, and when the module was built for Electron', () => {
    expect(diagnoseNative(notBuilt, machine({ localHeaders: () => null }))).toContain('no Node headers and no download');
    const abi = 'The module was compiled against a different Node.js version using NODE_MODULE_VERSION 139. This version of Node.js requires NODE_MODULE_VERSION 115.';
    expect(diagnoseNative(abi, machine())).toContain('run npm rebuild better-sqlite3');
  });
});
