// The PostgreSQL connection of one store, in its own worker thread: node-postgres is asynchronous, the store
// interface is synchronous (storeDb.ts). The store's thread posts one request, then waits on a shared flag;
// this thread runs the query, posts the answer and raises the flag. A second connection LISTENs for the
// changes colleagues commit and forwards each notification on its own port (pushed on to the renderer).
// Plain JavaScript so that it loads the same way from the sources and from build/ (no compile step).
import { workerData } from 'node:worker_threads';
import pg from 'pg';

/** @type {{ signal: SharedArrayBuffer, port: import('node:worker_threads').MessagePort, notifyPort: import('node:worker_threads').MessagePort, connection: pg.ClientConfig }} */
const { signal, port, notifyPort, connection } = workerData;
const flag = new Int32Array(signal);

// Counts and sums come back as bigint/numeric text; the store's numbers fit a double (ids, counts, values).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

const client = new pg.Client(connection);
/** @type {pg.Client | null} */
let listener = null;

function reply(message) {
  port.postMessage(message);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

function errorOf(e) {
  const err = /** @type {Record<string, unknown>} */ (e ?? {});
  return {
    message: String(err.message ?? e),
    code: typeof err.code === 'string' ? err.code : undefined,
    detail: typeof err.detail === 'string' ? err.detail : undefined,
    constraint: typeof err.constraint === 'string' ? err.constraint : undefined,
    table: typeof err.table === 'string' ? err.table : undefined,
  };
}

// A connection the server drops (restart, network) must not kill the thread silently: the next request fails
// with the reason instead.
let lost = null;
client.on('error', (e) => {
  lost = errorOf(e);
});

async function handle(request) {
  if (lost && request.op !== 'close') throw Object.assign(new Error(lost.message), lost);
  switch (request.op) {
    case 'connect':
      await client.connect();
      return { ok: true };
    case 'query': {
      const result = await client.query({ text: request.sql, values: request.params, rowMode: request.rowMode === 'array' ? 'array' : undefined });
      // A multi-statement text (exec) answers with one result per statement.
      const last = Array.isArray(result) ? result[result.length - 1] : result;
      const changes = Array.isArray(result) ? result.reduce((n, r) => n + (r.rowCount ?? 0), 0) : (result.rowCount ?? 0);
      return { rows: last?.rows ?? [], changes, command: last?.command ?? '' };
    }
    case 'listen': {
      listener = new pg.Client(connection);
      listener.on('error', () => {
        listener = null; // notifications stop; the store itself still answers (a reload shows colleagues' work)
      });
      await listener.connect();
      // processId is the notifying session's backend: the service tells its own writes from colleagues' by it.
      listener.on('notification', (n) => notifyPort.postMessage({ channel: n.channel, payload: n.payload ?? '', processId: n.processId }));
      await listener.query(`LISTEN ${request.channel}`);
      return { ok: true };
    }
    case 'close':
      await Promise.allSettled([client.end(), listener?.end()]);
      return { ok: true };
    default:
      throw new Error(`unknown request ${String(request.op)}`);
  }
}

port.on('message', (request) => {
  handle(request).then(
    (value) => reply({ value }),
    (e) => reply({ error: errorOf(e) }),
  );
});
