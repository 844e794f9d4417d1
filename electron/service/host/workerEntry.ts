// Where the service thread's code is: the built bundle beside this one (build/serviceThread.mjs), or, in development
// and tests, a small bootstrap that registers tsx and loads the TypeScript source.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export function workerEntry(): URL {
  const built = new URL('./serviceThread.mjs', import.meta.url);
  if (fs.existsSync(fileURLToPath(built))) return built;
  return new URL('./serviceThreadDev.mjs', import.meta.url);
}
