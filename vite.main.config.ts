import { defineConfig } from 'vite';

// Main process bundle, CommonJS (.cjs because package.json says "type": "module").
// Native and large Node-only modules stay external, loaded from node_modules.
export default defineConfig({
  build: {
    rollupOptions: {
      external: ['better-sqlite3', 'exceljs', 'xlsx', 'playwright-core', 'mammoth', 'pdfjs-dist', 'iconv-lite'],
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
});
