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
        // The chunk that holds the app's module (its facade, or the app chunk group below that holds it among others).
        const app = chunks.find((c) => c.moduleIds.some((id) => path.resolve(id) === appModule));
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

/**
 * The app's chunk holds every module the app (renderer/boot.tsx) imports statically, the small ones the lazy views
 * share with it included (the JSX runtime, the target labels, the message bar, …). Left to themselves those become
 * chunks of a few hundred bytes each, and each is one more request for the page's first seconds, when Chromium's six
 * connections to the shell are what the first screen's answers wait for.
 */
function appChunkOf(appModule: string, entryModule: string) {
  let app: Set<string> | null = null;
  return (id: string, ctx: { getModuleInfo(id: string): { importedIds: readonly string[] } | null }): string | null => {
    if (app === null) {
      const reachedFrom = (start: string) => {
        const reached = new Set<string>();
        const visit = (m: string) => {
          if (reached.has(m)) return;
          reached.add(m);
          for (const next of ctx.getModuleInfo(m)?.importedIds ?? []) visit(next);
        };
        visit(start);
        return reached;
      };
      // What the small entry imports itself stays with it: the entry must not wait for the app's chunk to run.
      const entry = reachedFrom(entryModule);
      app = new Set([...reachedFrom(appModule)].filter((m) => !entry.has(m)));
    }
    // The bundler's own helpers (rolldown's runtime module) are used by the app and the lazy views, not the entry.
    return app.has(id) || id.includes('rolldown/runtime') ? 'boot' : null;
  };
}

/**
 * The app's one stylesheet written into the page as a <style> (the CSP allows inline styles, not inline scripts): the
 * page paints and its entry runs without waiting for a stylesheet request. The file is still written to assets/, but
 * nothing asks for it: with cssCodeSplit off no chunk names a stylesheet of its own to load.
 */
function inlineStyles(): Plugin {
  return {
    name: 'workbench-inline-styles',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        return html.replace(/<link rel="stylesheet" crossorigin href="\.\/([^"]+\.css)">/g, (_tag, file: string) => {
          const asset = bundle[file];
          if (asset?.type !== 'asset') throw new Error(`inlineStyles: no stylesheet ${file}`);
          const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
          if (css.includes('</style')) throw new Error(`inlineStyles: ${file} cannot be written into a <style>`);
          return `<style>${css}</style>`;
        });
      },
    },
  };
}

// The renderer: built to dist/renderer for the browser shell; Forge builds the same config for Electron.
export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react(), preloadApp(path.resolve(import.meta.dirname, 'renderer/boot.tsx')), inlineStyles()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    // One stylesheet for the whole app (about 20 kB), put into the page by inlineStyles below: no request for it, and
    // the entry does not wait for a stylesheet to arrive before it runs (Chromium holds scripts for pending styles).
    cssCodeSplit: false,
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ debugName: 'boot', includeDependenciesRecursively: false, name: appChunkOf(path.resolve(import.meta.dirname, 'renderer/boot.tsx'), path.resolve(import.meta.dirname, 'renderer/main.tsx')), priority: 10 }] } },
    },
  },
});
