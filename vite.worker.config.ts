import { defineConfig } from 'vite';
import { MAIN_EXTERNALS } from './scripts/packaging/externals';

// The service's worker threads (electron/service/host/serviceThread.ts) as ES modules beside main.cjs, named
// serviceThread.mjs, the name workerEntry.ts looks for. Native and large modules stay external, as for main.
export default defineConfig({
  build: {
    rollupOptions: {
      external: MAIN_EXTERNALS,
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});
