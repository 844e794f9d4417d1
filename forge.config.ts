// Electron Forge: builds main, preload and renderer with Vite and packages the app with the seeds.
// better-sqlite3 is rebuilt for Electron's ABI by Forge's rebuild step on a user's machine.
// The Vite plugin packages only the bundles, not the packages they leave external (electron/forge#3738):
// packageAfterCopy copies those, with their run-time dependencies, into the app folder before the rebuild.
import path from 'node:path';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { MakerZIP } from '@electron-forge/maker-zip';
import { copyExternals, MAIN_EXTERNALS, unresolvable } from './scripts/packaging/externals';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { ELECTRON_FUSES } from './electron/main/fuseSettings';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Plan Workbench',
    executableName: 'plan-workbench',
    asar: { unpack: '**/node_modules/better-sqlite3/**' },
    extraResource: ['seeds'],
  },
  rebuildConfig: { onlyModules: ['better-sqlite3'] },
  hooks: {
    packageAfterCopy: async (_config, buildPath) => {
      // Forge runs from the project folder (npm run package), where node_modules is.
      copyExternals(path.resolve(process.cwd()), buildPath, MAIN_EXTERNALS);
      const missing = unresolvable(buildPath, MAIN_EXTERNALS);
      if (missing.length > 0) throw new Error(`打包后无法加载 / Not loadable from the package: ${missing.join(', ')}`);
    },
  },
  makers: [new MakerZIP({}, ['darwin', 'linux', 'win32'])],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // The service process (utilityProcess) and its worker threads, beside main.cjs.
        { entry: 'electron/service/host/serviceProcess.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/service/host/serviceThread.ts', config: 'vite.worker.config.ts', target: 'main' },
        // Workers loaded by file name beside the bundle that starts them: the plan reader's PDF text, a server store's connection.
        { entry: 'electron/plan/pdfTextWorker.mjs', config: 'vite.worker.config.ts', target: 'main' },
        { entry: 'electron/store/pg/pgWorker.mjs', config: 'vite.worker.config.ts', target: 'main' },
        // The streamed import's parse thread (streamedImport.ts loads ./importParseWorker.mjs).
        { entry: 'electron/import/streamed/importParseWorker.ts', config: 'vite.worker.config.ts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // Flipped in the packaged binary: no RunAsNode, no NODE_OPTIONS or --inspect, ASAR integrity, cookie encryption.
    new FusesPlugin(ELECTRON_FUSES),
  ],
};

export default config;
