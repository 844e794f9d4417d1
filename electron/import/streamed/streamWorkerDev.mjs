// Development entry of the streamed import's parse thread: registers tsx in this worker, then loads the TypeScript
// source (Node does not apply a parent's --import loader to a worker's .ts entry). Built code uses streamWorker.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./streamWorker.ts');
