// The synchronous side of a PostgreSQL connection: posts a request to the connection's worker (pgWorker.mjs)
// and waits on a shared flag until the answer is there (the pattern of synckit). Waiting blocks only the
// thread the service runs on, never a window.
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type pg from 'pg';

export interface PgErrorInfo {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
}

/** An error the server (or the driver) raised, with PostgreSQL's SQLSTATE code. */
export class PgError extends Error {
  readonly code?: string;
  readonly detail?: string;
  readonly constraint?: string;
  constructor(info: PgErrorInfo) {
    super(info.message);
    this.name = 'PgError';
    this.code = info.code;
    this.detail = info.detail;
    this.constraint = info.constraint;
  }
}

export interface QueryAnswer {
  rows: unknown[];
  changes: number;
  command: string;
}

type Request =
  | { op: 'connect' }
  | { op: 'query'; sql: string; params: unknown[]; rowMode: 'object' | 'array' }
  | { op: 'listen'; channel: string }
  | { op: 'close' };

export interface Notification {
  channel: string;
  payload: string;
  /** The server process (pg_backend_pid) of the session that committed the change. */
  processId: number;
}

/** Where the worker's code is: beside this module (sources, and build/, where scripts/build.mjs copies it). */
function workerUrl(): URL {
  return new URL('./pgWorker.mjs', import.meta.url);
}

/** How long the store's thread looks for an answer after the flag went up: 500 × 10 ms. */
const ANSWER_RETRIES = 500;
const ANSWER_RETRY_MS = 10;

export class PgConnection {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly notifyPort: MessagePort;
  private readonly flag: Int32Array;
  private closed = false;

  /** Never notified: waiting on it is a short sleep while an answer is on its way to the port. */
  private readonly pause = new Int32Array(new SharedArrayBuffer(4));

  constructor(connection: pg.ClientConfig) {
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const channel = new MessageChannel();
    const notify = new MessageChannel();
    this.port = channel.port1;
    this.notifyPort = notify.port1;
    this.worker = new Worker(workerUrl(), {
      workerData: { signal, port: channel.port2, notifyPort: notify.port2, connection },
      transferList: [channel.port2, notify.port2],
    });
    // The connection must not keep a CLI command alive once it is done; close() ends it properly.
    this.worker.unref();
    this.notifyPort.unref();
  }

  private request(req: Request): unknown {
    if (this.closed) throw new PgError({ message: '连接已关闭 / The connection is closed' });
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(req);
    // Wake every few seconds to notice a worker that died (then no answer ever comes).
    for (;;) {
      const woke = Atomics.wait(this.flag, 0, 0, 5_000);
      if (woke !== 'timed-out') break;
      if (this.worker.threadId === -1) throw new PgError({ message: '数据库连接线程已退出 / The database connection thread has exited' });
    }
    let message = receiveMessageOnPort(this.port)?.message as { value?: unknown; error?: PgErrorInfo } | undefined;
    // The raised flag can be seen a moment before the answer itself is on the port (babel/babel#14541 met the
    // same under load): look again for a while before calling the connection silent.
    for (let tries = 0; !message && tries < ANSWER_RETRIES; tries++) {
      Atomics.wait(this.pause, 0, 0, ANSWER_RETRY_MS);
      message = receiveMessageOnPort(this.port)?.message as typeof message;
    }
    if (!message) throw new PgError({ message: '数据库连接没有应答 / The database connection did not answer' });
    if (message.error) throw new PgError(message.error);
    return message.value;
  }

  connect(): void {
    this.request({ op: 'connect' });
  }

  query(sql: string, params: unknown[], rowMode: 'object' | 'array' = 'object'): QueryAnswer {
    return this.request({ op: 'query', sql, params, rowMode }) as QueryAnswer;
  }

  /** LISTENs on a second connection; each notification reaches `onNotify` on this thread's event loop. */
  listen(channel: string, onNotify: (n: Notification) => void): void {
    this.notifyPort.on('message', (n: Notification) => onNotify(n));
    this.notifyPort.unref();
    this.request({ op: 'listen', channel });
  }

  close(): void {
    if (this.closed) return;
    try {
      this.request({ op: 'close' });
    } finally {
      this.closed = true;
      this.notifyPort.close();
      this.port.close();
      void this.worker.terminate();
    }
  }
}
