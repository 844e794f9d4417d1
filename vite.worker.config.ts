import { defineConfig } from 'vite';

// The service's worker threads (electron/service/host/serviceThread.ts) as ES modules beside main.cjs, named
// serviceThread.mjs, the name workerEntry.ts looks for. Native and large modules stay external, as for main.
export default defineConfig({
  build: {
    rollupOptions: {
      external: ['better-sqlite3', 'exceljs', 'xlsx', 'playwright-core', 'mammoth', 'pdfjs-dist', 'iconv-lite'],
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
});
