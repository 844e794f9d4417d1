// Development entry of series --json's second thread: registers tsx in this worker, then loads the TypeScript
// source (Node does not apply a parent's --import loader to a worker's .ts entry). Built code uses seriesJsonWorker.mjs.
import { register } from 'tsx/esm/api';

register();
await import('./seriesJsonWorker.ts');
