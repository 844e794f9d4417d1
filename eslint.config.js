// Lint: the layers' import rule (after VS Code's build/lib/layersChecker.ts and its code-import-patterns
// rule): shared/ imports neither electron/ nor renderer/ nor Node; renderer/ imports neither electron/ nor
// Node; electron/ does not import renderer/. The tsconfig of each layer checks the same for globals
// (shared/ sees no DOM and no Node types, renderer/ no Node, electron/ no DOM).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];
// Packages that exist only on the Node side (native, file readers and writers, the browser driver).
const nodeOnlyPackages = ['better-sqlite3', 'exceljs', 'xlsx', 'playwright-core', 'mammoth', 'pdfjs-dist', 'iconv-lite', 'electron', 'yauzl'];
const browserOnlyPackages = ['react', 'react-dom', 'ag-grid-community', 'ag-grid-react', '@ag-grid-community/locale'];

const layer = (message, { paths = [], patterns = [] }) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((group) => ({ group: [group], message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'build/', 'out/', '.vite/', 'bench/.tmp/', 'tests/.tmp/', '**/*.d.mts'] },
  {
    // The parser only: the layer rule is what lint enforces (the type checker does the rest). Comments that
    // disable rules not enabled here (no-control-regex in a few regexes) are not reported as unused.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.base],
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    files: ['shared/**/*.ts', 'shared/**/*.tsx'],
    rules: layer('shared/ 只能依赖自身与纯 JS 库 / shared/ is plain TypeScript: no Node, no DOM-only packages, no electron/ or renderer/', {
      paths: [...nodeBuiltins, ...nodeOnlyPackages, ...browserOnlyPackages],
      patterns: ['**/electron/**', '**/renderer/**', 'electron/*', 'react-dom/*', 'ag-grid-*'],
    }),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: layer('renderer/ 只通过契约访问数据 / renderer/ reaches data only through the contract: no Node, no electron/', {
      paths: [...nodeBuiltins, ...nodeOnlyPackages],
      patterns: ['**/electron/**', 'better-sqlite3/*', 'xlsx/*', 'exceljs/*'],
    }),
  },
  {
    files: ['electron/**/*.ts'],
    rules: layer('electron/ 不依赖界面代码 / electron/ does not import the renderer', {
      paths: browserOnlyPackages,
      patterns: ['**/renderer/**', 'react-dom/*'],
    }),
  },
);
