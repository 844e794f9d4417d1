// The calls the first screen makes when it opens: the targets view's (TargetsView.tsx, on the newest plan) and the
// store role (client/storeAccess.ts). The entry module sends them before the app has loaded (client/primedClient.ts);
// tests/e2e/startup.e2e.test.ts checks that each goes to the shell exactly once, so a change to what the view asks
// that is not made here shows up as a second request, not as a silently stale answer.
import type { PrimedCall } from '../client/primedClient';

export const FIRST_SCREEN_CALLS: readonly PrimedCall[] = [
  ['appInfo', {}],
  ['listPlans', {}],
  ['knownUnits', {}],
  ['undoState', {}],
  ['listTargets', {}],
];
