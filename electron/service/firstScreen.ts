// The first screen's calls (firstScreenCalls.ts) read ahead: the calls thread runs them once as soon as it is ready,
// while the browser is still loading the page, so that when the page's calls arrive the plan's targets are read
// (planTargets keeps them until the store's change key moves) and the code that answers them is compiled. Each
// answer is still computed by its handler when asked: nothing else is kept here.
import { FIRST_SCREEN_CALLS } from './firstScreenCalls';
import { dispatch, type Service } from './service';

/** Runs the first screen's calls (they only read) and drops their answers; a refusal is left for the real call to say. */
export async function primeFirstScreen(service: Service): Promise<void> {
  for (const [name, args] of FIRST_SCREEN_CALLS) {
    try {
      await dispatch(service, name, args);
    } catch {
      // The page's own call gets the same refusal, with its message; nothing to say twice.
    }
  }
}
