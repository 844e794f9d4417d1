// Zod schemas for the two kinds of value every call argument is made of, built on the one boundary definition
// (shared/boundary/safeValues.ts): plausible finite numbers, and text without control characters.
import * as z from '../zod';
import { IMPLAUSIBLE_NUMBER_MESSAGE, MAX_PLAUSIBLE_MAGNITUDE, controlCharMessage, hasControlChars } from '../boundary/safeValues';

/** A number a statistic or a target could be: finite, |x| ≤ 1e15. */
export const plausibleNumber = z
  .number({ error: IMPLAUSIBLE_NUMBER_MESSAGE })
  .check(z.gte(-MAX_PLAUSIBLE_MAGNITUDE, { error: IMPLAUSIBLE_NUMBER_MESSAGE }), z.lte(MAX_PLAUSIBLE_MAGNITUDE, { error: IMPLAUSIBLE_NUMBER_MESSAGE }));

// A new check for each schema, as the classic API's `.refine` made one.
const noControlChars = () => z.refine<string>((s) => !hasControlChars(s), { error: (issue) => controlCharMessage(String(issue.input)) });

/** Text without control characters (tab and line breaks are fine). Length limits are added by the caller. */
export const safeText = z.string().check(noControlChars());

/** `safeText` with a maximum (and optionally a minimum) length. */
export const safeTextMax = (max: number, min = 0) =>
  z.string().check(z.minLength(min), z.maxLength(max), noControlChars());

/** Standard base64 (the CLI and the renderer both send it unbroken); anything else is refused, not skipped. */
export function isStrictBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}
