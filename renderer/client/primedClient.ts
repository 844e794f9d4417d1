// The first screen's calls sent as soon as the page's small entry module runs, while the browser is still loading and
// evaluating React and AG Grid (most of a second on a loaded machine), instead of after the targets view has mounted.
// The view then asks for the same calls as always and is handed the answers already on their way. Each primed answer
// is handed out once, to the first call with the same name and arguments; later calls (a reload after a change,
// another view) go to the service as before. A store change reported before the view took an answer drops what was
// primed, so the view never shows data older than the change it was told of.
import type { CallArgs, CallName, CallResult, WorkbenchClient } from '../../shared/contract';

/** One call as `[name, args]`, typed by the contract. */
export type PrimedCall = { [N in CallName]: readonly [N, CallArgs<N>] }[CallName];

export interface PrimedClient {
  client: WorkbenchClient;
  /** Forget every answer not yet taken: the next call of each goes to the service. */
  drop: () => void;
  /** The calls primed and not yet taken, as `name args` keys (for tests and the startup check). */
  pending: () => string[];
  /**
   * The answer of a primed call not yet taken, if it has already arrived (and was not refused): what the view's own
   * call will be handed. It lets the first screen draw with the answers it already has in its first render, instead
   * of drawing empty and again a moment later. It takes nothing: the view still makes its calls, and they get these
   * same answers.
   */
  answered: AnsweredNow;
}

/** A primed call's answer if it has arrived and is still untaken, else undefined. */
export type AnsweredNow = <N extends CallName>(name: N, args: CallArgs<N>) => { value: CallResult<N> } | undefined;

const keyOf = (name: string, args: unknown) => `${name} ${JSON.stringify(args ?? {})}`;

/**
 * `batch`, where given, sends the primed calls in one request (client/createClient.ts createFirstScreenBatch), each
 * answer the same as its own call's; without it each call goes through `inner`.
 */
export function primedClient(inner: WorkbenchClient, calls: readonly PrimedCall[], batch?: (calls: readonly PrimedCall[]) => Promise<unknown>[]): PrimedClient {
  const primed = new Map<string, Promise<unknown>>();
  /** The answers that have arrived, by the promise that carries them (so a dropped or taken one is not found). */
  const arrived = new WeakMap<Promise<unknown>, unknown>();
  const answers: Promise<unknown>[] = batch ? batch(calls) : calls.map(([name, args]) => inner.call(name, args as never));
  for (const [i, [name, args]] of calls.entries()) {
    const answer = answers[i];
    answer.then(
      (value) => arrived.set(answer, value),
      // Not taken yet is not unhandled: the view that takes it sees the same refusal as its own call would.
      () => undefined,
    );
    primed.set(keyOf(name, args), answer);
  }
  return {
    client: {
      call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
        const key = keyOf(name, args);
        const answer = primed.get(key);
        if (answer === undefined) return inner.call(name, args);
        primed.delete(key);
        return answer as Promise<CallResult<N>>;
      },
    },
    drop: () => primed.clear(),
    pending: () => [...primed.keys()],
    answered<N extends CallName>(name: N, args: CallArgs<N>) {
      const answer = primed.get(keyOf(name, args));
      return answer !== undefined && arrived.has(answer) ? { value: arrived.get(answer) as CallResult<N> } : undefined;
    },
  };
}
