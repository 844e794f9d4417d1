import { defineConfig } from 'vite';

// Preload bundle: sandboxed preloads must be a single CommonJS file.
export default defineConfig({
  build: { rollupOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true } } },
});
