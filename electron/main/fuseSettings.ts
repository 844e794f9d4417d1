// Electron fuses flipped in the packaged binary (forge.config.ts, @electron-forge/plugin-fuses): features an
// analyst's copy never needs and an attacker would use to run code as the app. Kept here, free of Forge, so a
// test can check them.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export const ELECTRON_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 plan-workbench evil.js` would run any script with the app's identity.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and local storage encrypted with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require … would inject code at start.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would open a debugger port on the app.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar checked against the hash embedded at packaging: a patched archive is refused.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // file:// pages get no extra privileges (fetch of other files, etc.).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};
