// One error type crosses the seam between the Node side and the renderer: a code the UI can act on, a message
// in Chinese then English that a person can read, and (for the messages in shared/messages.ts) the key and its
// parameters, so the renderer shows the analyst's language.
import { combinedMessage, type MessageKey, type MessageParams } from './messages';

export type ErrorCode = 'bad_request' | 'not_found' | 'conflict' | 'unsupported' | 'store' | 'internal' | 'unauthorized' | 'too_large' | 'forbidden';

export class WorkbenchError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
    public readonly key?: MessageKey,
    public readonly params?: MessageParams,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

/** An error whose message comes from the catalog: the combined text is built from the key and its parameters. */
export function messageError(code: ErrorCode, key: MessageKey, params: MessageParams = {}, details?: unknown): WorkbenchError {
  return new WorkbenchError(code, combinedMessage(key, params), details, key, params);
}

export function isWorkbenchError(e: unknown): e is WorkbenchError {
  return e instanceof WorkbenchError;
}

/** The plain shape an error takes on the wire (IPC, HTTP, CLI --json). */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** A key of shared/messages.ts, with the parameters its sentences take. */
  key?: MessageKey;
  params?: MessageParams;
}

export function toWireError(e: unknown): WireError {
  if (e instanceof WorkbenchError) {
    const wire: WireError = { code: e.code, message: e.message, details: e.details };
    if (e.key) {
      wire.key = e.key;
      wire.params = e.params ?? {};
    }
    return wire;
  }
  // An assertion can throw with an empty message: the user must still read something.
  const raw = e instanceof Error ? e.message : String(e);
  const message = raw.trim() !== '' ? raw : e instanceof Error ? `${e.name} (no message)` : '(no message)';
  return { code: 'internal', message: `内部错误 / Internal error: ${message}` };
}
