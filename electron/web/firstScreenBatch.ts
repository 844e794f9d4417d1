// The first screen's calls answered in one HTTP request (POST /api/first-screen). Chromium opens at most six
// connections to the shell; the page's entry, its styles, the app's chunks and the event stream hold most of them at
// start, so five separate calls queued behind the chunks and the targets (the largest answer, sent last) waited for a
// free connection (a Chromium trace of the 2,000-target open). One request takes one connection. Each call is still
// answered by the service as the single call is, in the order asked, and each answer is the single call's bytes:
// `[{"result":…},{"error":…},…]`, one entry per call, `{"result":` + the result's JSON + `}` exactly as
// POST /api/call/<name> sends it. Only the first screen's calls (read-only) are accepted here.
import { WorkbenchError } from '../../shared/errors';
import { FIRST_SCREEN_CALLS } from '../service/firstScreenCalls';
import type { ServiceBackend } from '../service/host/backend';
import { reportError } from '../log';
import { resultReply } from './resultReply';

const COMMA = Buffer.from(',');

const ALLOWED = new Set(FIRST_SCREEN_CALLS.map(([name, args]) => `${name} ${JSON.stringify(args)}`));

/** The calls asked for, checked: a list of `[name, args]` pairs, each one of the first screen's calls. */
export function firstScreenBatchCalls(body: unknown): (readonly [string, unknown])[] {
  const refuse = () => new WorkbenchError('bad_request', '首屏批量请求只接受首屏的调用 / The first-screen batch accepts only the first screen’s calls');
  if (!Array.isArray(body) || body.length === 0 || body.length > FIRST_SCREEN_CALLS.length) throw refuse();
  return body.map((call: unknown) => {
    if (!Array.isArray(call) || call.length !== 2 || typeof call[0] !== 'string') throw refuse();
    const [name, args] = call as [string, unknown];
    if (!ALLOWED.has(`${name} ${JSON.stringify(args ?? {})}`)) throw refuse();
    return [name, args ?? {}] as const;
  });
}

/**
 * The answers of `calls`, in their order, as one JSON array of replies. The calls go to the backend together (it
 * answers them one after another, in order, as it would separate requests); a refused call is that entry's
 * `{"error":…}` and leaves the others as they are.
 */
export async function answerFirstScreenBatch(backend: ServiceBackend, calls: readonly (readonly [string, unknown])[]): Promise<Buffer> {
  const replies = await Promise.all(
    calls.map(async ([name, args]) => {
      try {
        return await resultReply(backend, name, args);
      } catch (e) {
        return Buffer.from(JSON.stringify({ error: reportError(`web ${name}`, e) }));
      }
    }),
  );
  return Buffer.concat([Buffer.from('['), ...replies.flatMap((reply, i) => (i > 0 ? [COMMA, reply] : [reply])), Buffer.from(']')]);
}
