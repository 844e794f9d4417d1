// Development entry of the service thread: registers tsx in this worker, then loads the TypeScript source.
// (Node 20 does not apply a parent's --import loader to a worker's .ts entry.) Built code uses serviceThread.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./serviceThread.ts');
