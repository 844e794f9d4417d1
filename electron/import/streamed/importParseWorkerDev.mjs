// Development entry of the streamed import's parse thread: registers tsx in this worker, then loads the TypeScript
// source. (Node 20 does not apply a parent's --import loader to a worker's .ts entry.) Built code uses
// importParseWorker.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./importParseWorker.ts');
