import { defineConfig } from 'vite';
import { MAIN_EXTERNALS } from './scripts/packaging/externals';

// Main process bundle, CommonJS (.cjs because package.json says "type": "module").
// Native and large Node-only modules stay external, loaded from node_modules; forge.config.ts copies them
// (with their dependencies) into the package, which Forge's Vite plugin does not do.
export default defineConfig({
  build: {
    rollupOptions: {
      external: MAIN_EXTERNALS,
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
