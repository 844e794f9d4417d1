// The second thread of `series --json` (seriesJsonParts.ts): reads the current values of the part of the list it
// is given from its own read-only connection, in one read transaction, and formats them as the elements of the
// JSON array (seriesJsonBytes.ts). It sends the pieces and, last, the stamp of the observations it read, so the
// command can tell that both threads read the same store.
import { parentPort } from 'node:worker_threads';
import { openStore } from '../store/openStore';
import { currentValues, observationsStamp } from '../store/seriesDataRepo';
import { seriesElementsBytes } from './seriesJsonBytes';
import type { PartMessage, PartRequest } from './seriesJsonParts';

/** Pieces go to the command about a megabyte at a time (fewer messages; the command holds them until the end). */
const MESSAGE_BYTES = 1 << 20;

const port = parentPort!;

function post(pieces: Uint8Array[]): void {
  if (pieces.length === 0) return;
  // Each piece has a buffer of its own (seriesJsonBytes.ts allocates one per piece): moved, not copied.
  const buffers = [...new Set(pieces.map((p) => p.buffer as ArrayBuffer))];
  port.postMessage({ type: 'pieces', pieces } satisfies PartMessage, buffers);
}

port.once('message', (request: PartRequest) => {
  const db = openStore(request.file, { readonly: true });
  try {
    const stamp = db.transaction(() => {
      const stamp = observationsStamp(db);
      const values = currentValues(db, request.list.map((s) => s.id));
      let batch: Uint8Array[] = [];
      let bytes = 0;
      for (const piece of seriesElementsBytes(request.list, values)) {
        batch.push(piece);
        bytes += piece.length;
        if (bytes >= MESSAGE_BYTES) {
          post(batch);
          batch = [];
          bytes = 0;
        }
      }
      post(batch);
      return stamp;
    })();
    port.postMessage({ type: 'done', stamp } satisfies PartMessage);
  } finally {
    db.close();
  }
});
