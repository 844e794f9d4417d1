// A call's answer as the browser shell sends it, `{"result":…}` around the result's JSON bytes as the backend wrote
// them (service/host/answerJson.ts): the same bytes for a single call (POST /api/call/<name>) and for each entry of
// the first screen's batch (firstScreenBatch.ts).
import type { ServiceBackend } from '../service/host/backend';
import { jsonOfResult } from '../service/host/answerJson';

const RESULT_OPEN = Buffer.from('{"result":');
const RESULT_CLOSE = Buffer.from('}');

/** Asks the backend and wraps its answer; a refusal is thrown, for the caller to answer as it answers errors. */
export async function resultReply(backend: ServiceBackend, name: string, args: unknown): Promise<Buffer> {
  const json = backend.callJson ? await backend.callJson(name, args) : jsonOfResult(await backend.call(name, args));
  return Buffer.concat([RESULT_OPEN, json, RESULT_CLOSE]);
}
