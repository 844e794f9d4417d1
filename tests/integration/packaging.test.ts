// The packaging hook (forge.config.ts packageAfterCopy → copyExternals): the packages the main bundle leaves
// external are copied, with what they need at run time, into the app folder, and load from there. Electron's
// binary cannot be had here, so the hook runs against temporary build folders.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExternals, MAIN_EXTERNALS, runtimeClosure, unresolvable } from '../../scripts/packaging/externals';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = makeTmpDir('wb-package-');
afterAll(() => removeDir(dir));

function writePackage(at: string, manifest: object, files: Record<string, string> = {}): void {
  fs.mkdirSync(at, { recursive: true });
  fs.writeFileSync(path.join(at, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(at, name)), { recursive: true });
    fs.writeFileSync(path.join(at, name), text);
  }
}

/** Every file under `root`, relative, sorted. */
function tree(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

describe('copyExternals', () => {
  it('copies the packages and their run-time dependencies (nested versions included), nothing else', () => {
    const project = path.join(dir, 'project');
    const nm = path.join(project, 'node_modules');
    writePackage(project, { name: 'app', dependencies: { native: '1' }, devDependencies: { devonly: '1' } });
    writePackage(path.join(nm, 'native'), { name: 'native', dependencies: { helper: '1', shared: '1' }, optionalDependencies: { absent: '1' } }, { 'build/Release/native.node': 'binary', 'index.js': 'module.exports = 1' });
    writePackage(path.join(nm, 'helper'), { name: 'helper', dependencies: { shared: '2' } }, { 'index.js': '' });
    writePackage(path.join(nm, 'helper/node_modules/shared'), { name: 'shared', version: '2.0.0' }, { 'index.js': 'v2' });
    writePackage(path.join(nm, 'helper/node_modules/stale'), { name: 'stale' }, { 'index.js': 'left over, needed by nobody' });
    writePackage(path.join(nm, 'shared'), { name: 'shared', version: '1.0.0' }, { 'index.js': 'v1' });
    writePackage(path.join(nm, 'devonly'), { name: 'devonly' }, { 'index.js': '' });

    const buildPath = path.join(dir, 'app');
    fs.mkdirSync(buildPath);
    const copied = copyExternals(project, buildPath, ['native']);
    expect(copied).toEqual(['node_modules/helper', 'node_modules/helper/node_modules/shared', 'node_modules/native', 'node_modules/shared']);
    expect(tree(buildPath)).toEqual([
      'node_modules/helper/index.js',
      'node_modules/helper/node_modules/shared/index.js',
      'node_modules/helper/node_modules/shared/package.json',
      'node_modules/helper/package.json',
      'node_modules/native/build/Release/native.node',
      'node_modules/native/index.js',
      'node_modules/native/package.json',
      'node_modules/shared/index.js',
      'node_modules/shared/package.json',
    ]);
    expect(fs.readFileSync(path.join(buildPath, 'node_modules/helper/node_modules/shared/index.js'), 'utf8')).toBe('v2');
    expect(unresolvable(buildPath, ['native', 'devonly'])).toEqual(['devonly']);
  });

  it('refuses to package when a required dependency is not installed, naming both', () => {
    const project = path.join(dir, 'broken');
    writePackage(path.join(project, 'node_modules/lonely'), { name: 'lonely', dependencies: { gone: '1' } });
    expect(() => copyExternals(project, path.join(dir, 'broken-app'), ['lonely'])).toThrow(/gone, needed by lonely, is not installed/);
  });

  it('puts a better-sqlite3 into the app folder that Node loads from there', () => {
    const buildPath = path.join(dir, 'real-app');
    fs.mkdirSync(buildPath);
    fs.writeFileSync(path.join(buildPath, 'package.json'), '{"name":"packaged","main":"main.cjs"}');
    const copied = copyExternals(ROOT, buildPath, ['better-sqlite3']);
    expect(copied).toEqual(expect.arrayContaining(['node_modules/better-sqlite3', 'node_modules/bindings', 'node_modules/file-uri-to-path']));
    fs.writeFileSync(path.join(buildPath, 'main.cjs'), "const D = require('better-sqlite3'); const db = new D(':memory:'); console.log(require.resolve('better-sqlite3'), db.prepare('select 41 + 1 as n').get().n);");
    const r = spawnSync(process.execPath, [path.join(buildPath, 'main.cjs')], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`${path.join(buildPath, 'node_modules/better-sqlite3/lib/index.js')} 42`);
  });

  it('finds every external of the main bundle and its dependencies in this checkout', () => {
    const closure = runtimeClosure(ROOT, MAIN_EXTERNALS);
    for (const p of MAIN_EXTERNALS) expect(closure).toContain(`node_modules/${p}`);
    // A few that the externals pull in and the main bundle never names.
    for (const dep of ['bindings', 'jszip', 'unzipper', 'safer-buffer']) expect(closure.some((c) => c.endsWith(`node_modules/${dep}`)), dep).toBe(true);
    expect(closure).not.toContain('node_modules/vitest');
    expect(closure).not.toContain('node_modules/electron');
  });
});
