// One error type crosses the seam between the Node side and the renderer: a code the UI can act on
// and a message in Chinese then English that a person can read.

export type ErrorCode = 'bad_request' | 'not_found' | 'conflict' | 'unsupported' | 'store' | 'internal' | 'unauthorized' | 'too_large';

export class WorkbenchError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'WorkbenchError';
  }
}

export function isWorkbenchError(e: unknown): e is WorkbenchError {
  return e instanceof WorkbenchError;
}

/** The plain shape an error takes on the wire (IPC, HTTP, CLI --json). */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export function toWireError(e: unknown): WireError {
  if (e instanceof WorkbenchError) return { code: e.code, message: e.message, details: e.details };
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `内部错误 / Internal error: ${message}` };
}
