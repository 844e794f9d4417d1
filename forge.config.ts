// Electron Forge: builds main, preload and renderer with Vite and packages the app with the seeds.
// better-sqlite3 is rebuilt for Electron's ABI by Forge's rebuild step on a user's machine.
import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { MakerZIP } from '@electron-forge/maker-zip';

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Plan Workbench',
    executableName: 'plan-workbench',
    asar: { unpack: '**/node_modules/better-sqlite3/**' },
    extraResource: ['seeds'],
  },
  rebuildConfig: { onlyModules: ['better-sqlite3'] },
  makers: [new MakerZIP({}, ['darwin', 'linux', 'win32'])],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // The service process (utilityProcess) and its worker threads, beside main.cjs.
        { entry: 'electron/service/host/serviceProcess.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/service/host/serviceThread.ts', config: 'vite.worker.config.ts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
  ],
};

export default config;
