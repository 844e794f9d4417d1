// The shape of a target draft wherever one enters the Node side: the shipped seeds, and proposals the analyst
// reviewed in the import view (they come back from the renderer, so they are checked like any argument).
import { z } from 'zod';
import { plausibleNumber, safeTextMax } from './safeSchemas';
import { COMPARATORS, QUALIFIERS, TARGET_KINDS } from '../domain/target';

const num = plausibleNumber.nullable();

export const targetDraftSchema = z
  .object({
    section: safeTextMax(200),
    indicator: safeTextMax(200, 1),
    kind: z.enum(TARGET_KINDS),
    value: num,
    valueLow: num,
    valueHigh: num,
    unit: safeTextMax(40).nullable(),
    comparator: z.enum(COMPARATORS).nullable(),
    qualifier: z.enum(QUALIFIERS).nullable(),
    basis: safeTextMax(200).nullable(),
    quote: safeTextMax(20_000),
    quoteStart: z.number().int().nonnegative(),
    quoteEnd: z.number().int().nonnegative(),
  })
  .strict();
