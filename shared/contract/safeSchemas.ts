// Zod schemas for the two kinds of value every call argument is made of, built on the one boundary definition
// (shared/boundary/safeValues.ts): plausible finite numbers, and text without control characters.
import { z } from 'zod';
import { IMPLAUSIBLE_NUMBER_MESSAGE, MAX_PLAUSIBLE_MAGNITUDE, controlCharMessage, hasControlChars } from '../boundary/safeValues';

/** A number a statistic or a target could be: finite, |x| ≤ 1e15. */
export const plausibleNumber = z
  .number({ error: IMPLAUSIBLE_NUMBER_MESSAGE })
  .min(-MAX_PLAUSIBLE_MAGNITUDE, { error: IMPLAUSIBLE_NUMBER_MESSAGE })
  .max(MAX_PLAUSIBLE_MAGNITUDE, { error: IMPLAUSIBLE_NUMBER_MESSAGE });

/** Text without control characters (tab and line breaks are fine). Length limits are added by the caller. */
export const safeText = z.string().refine((s) => !hasControlChars(s), { error: (issue) => controlCharMessage(String(issue.input)) });

/** `safeText` with a maximum (and optionally a minimum) length. */
export const safeTextMax = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !hasControlChars(s), { error: (issue) => controlCharMessage(String(issue.input)) });

/** Standard base64 (the CLI and the renderer both send it unbroken); anything else is refused, not skipped. */
export function isStrictBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}
