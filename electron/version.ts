// The workbench version, from package.json (read once).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const VERSION: string = (() => {
  try {
    return (require('../package.json') as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();
