import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

/**
 * The page's entry (renderer/main.tsx) is small and loads the app (renderer/boot.tsx) with import(), so that the first
 * screen's calls leave before React and AG Grid are evaluated. The browser would only ask for the app's chunk once the
 * entry has run; these links ask for it (and the chunks and styles it needs) with the HTML, in parallel with the entry.
 */
function preloadApp(appModule: string): Plugin {
  return {
    name: 'workbench-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle: Rolldown.OutputBundle | undefined = ctx.bundle;
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId !== null && path.resolve(c.facadeModuleId) === appModule);
        if (!app) throw new Error(`preloadApp: no chunk for ${appModule}`);
        const files = new Set<string>();
        const css = new Set<string>();
        const visit = (chunk: Rolldown.OutputChunk) => {
          if (files.has(chunk.fileName)) return;
          files.add(chunk.fileName);
          for (const c of (chunk as Rolldown.OutputChunk & { viteMetadata?: { importedCss: Set<string> } }).viteMetadata?.importedCss ?? []) css.add(c);
          for (const name of chunk.imports) {
            const next = bundle[name];
            if (next?.type === 'chunk' && !next.isEntry) visit(next);
          }
        };
        visit(app);
        return [
          ...[...css].map((href) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
          ...[...files].map((href) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${href}` }, injectTo: 'head' as const })),
        ];
      },
    },
  };
}

// The renderer: built to dist/renderer for the browser shell; Forge builds the same config for Electron.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), preloadApp(path.resolve(import.meta.dirname, 'renderer/boot.tsx'))],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
