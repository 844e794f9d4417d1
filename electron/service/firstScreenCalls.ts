// The calls the first screen (计划目标) makes when the app opens, as the service sees them: renderer/views/
// firstScreenCalls.ts sends them from the page's entry module (a test keeps the two lists the same). Apart from
// firstScreen.ts so that the shell's HTTP thread can name them without loading the service.

/** The first screen's calls, each with the arguments the page sends. */
export const FIRST_SCREEN_CALLS: readonly (readonly [string, Record<string, never>])[] = [
  ['appInfo', {}],
  ['listPlans', {}],
  ['knownUnits', {}],
  ['undoState', {}],
  ['listTargets', {}],
];
