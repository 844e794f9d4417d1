// The answer of a call as the browser shell sends it: the JSON text of the result (`undefined` as `null`) in UTF-8.
// Written once, here, for every path that answers over HTTP (a service thread, the shell's own thread, a test's
// in-process service), so that all of them send the same bytes.

export function jsonOfResult(result: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(result === undefined ? null : result));
}
