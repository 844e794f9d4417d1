// Electron Forge: builds main, preload and renderer with Vite and packages the app with the seeds.
// better-sqlite3 is rebuilt for Electron's ABI by Forge's rebuild step on a user's machine.
import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { MakerZIP } from '@electron-forge/maker-zip';
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
  makers: [new MakerZIP({}, ['darwin', 'linux', 'win32'])],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
    // Flipped in the packaged binary: no RunAsNode, no NODE_OPTIONS or --inspect, ASAR integrity, cookie encryption.
    new FusesPlugin(ELECTRON_FUSES),
  ],
};

export default config;
