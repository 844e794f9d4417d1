// The shape of a target draft wherever one enters the Node side: the shipped seeds, and proposals the analyst
// reviewed in the import view (they come back from the renderer, so they are checked like any argument).
import { z } from 'zod';
import { plausibleNumber, safeTextMax } from './safeSchemas';
import { COMPARATORS, PLAN_SCOPES, QUALIFIERS, TARGET_KINDS } from '../domain/target';

const num = plausibleNumber.nullable();

export const statementRefSchema = z
  .object({
    section: z.string().max(200),
    quote: z.string().max(20_000),
    quoteStart: z.number().int().nonnegative(),
    quoteEnd: z.number().int().nonnegative(),
    differences: z.array(z.string().max(200)).max(20),
  })
  .strict();

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
    scope: z.enum(PLAN_SCOPES).optional(),
    year: z.number().int().min(1900).max(2200).nullable().optional(),
    endYear: z.number().int().min(1900).max(2200).nullable().optional(),
    alsoStatedAt: z.array(statementRefSchema).max(20).optional(),
  })
  .strict();
