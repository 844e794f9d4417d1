// The first screen's calls (firstScreenCalls.ts) read ahead: the calls thread runs them once as soon as it is ready,
// while the browser is still loading the page, so that when the page's calls arrive the plan's targets are read
// (planTargets keeps them until the store's change key moves) and the code that answers them is compiled.
// The one large answer, the newest plan's targets (about 0.8 MB of JSON at 2,000 targets), is kept as the bytes the
// pre-read wrote, with the store's change key read before it was computed: the page's listTargets, which would
// otherwise compute and write the same bytes again on the thread while the page waits, is answered with them as long
// as the key has not moved. Any write, by this connection or another, moves the key (db.changeKey), and then the call
// is computed afresh as always. The other four answers are a few bytes each and are computed when asked.
import { FIRST_SCREEN_CALLS } from './firstScreenCalls';
import { jsonOfResult } from './host/answerJson';
import { dispatch, type Service } from './service';

/** The call whose answer the pre-read keeps: listTargets with no arguments (the newest plan, as the page asks). */
const KEPT_CALL = 'listTargets';

export interface FirstScreenRead {
  /** Settles once the pre-read has run every first-screen call (refused ones included). */
  readonly done: Promise<void>;
  /** Whether `name(args)` is the call whose answer the pre-read keeps. */
  keeps(name: string, args: unknown): boolean;
  /**
   * After the pre-read: its bytes of `name(args)` (a copy: the caller may transfer it), if it kept them and the store's
   * change key is still the one read before they were computed; otherwise null, and the call is to be computed.
   */
  take(name: string, args: unknown): Promise<Uint8Array | null>;
}

const noArgs = (args: unknown) => args === undefined || (typeof args === 'object' && args !== null && !Array.isArray(args) && Object.keys(args).length === 0);

/** Runs the first screen's calls (they only read); a refusal is left for the real call to say. */
export function primeFirstScreen(service: Service): FirstScreenRead {
  let held: { key: string; json: Uint8Array } | null = null;
  const keeps = (name: string, args: unknown) => name === KEPT_CALL && noArgs(args);
  const done = (async () => {
    for (const [name, args] of FIRST_SCREEN_CALLS) {
      try {
        if (!keeps(name, args)) {
          await dispatch(service, name, args);
          continue;
        }
        // Read before the answer is computed: a write that lands meanwhile moves the key past this one, so the bytes
        // are never taken for a state they were not computed in.
        const key = service.ctx.db.changeKey();
        held = { key, json: jsonOfResult(await dispatch(service, name, args)) };
      } catch {
        // The page's own call gets the same refusal, with its message; nothing to say twice.
      }
    }
  })();
  return {
    done,
    keeps,
    take: async (name, args) => {
      await done;
      if (!held || !keeps(name, args)) return null;
      if (service.ctx.db.changeKey() !== held.key) {
        held = null;
        return null;
      }
      return held.json.slice();
    },
  };
}
