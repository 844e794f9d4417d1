// The shape of a target draft wherever one enters the Node side: the shipped seeds, and proposals the analyst
// reviewed in the import view (they come back from the renderer, so they are checked like any argument).
import * as z from '../zod';
import { plausibleNumber, safeTextMax } from './safeSchemas';
import { COMPARATORS, PLAN_SCOPES, QUALIFIERS, TARGET_KINDS } from '../domain/target';

const num = z.nullable(plausibleNumber);
const count = () => z.number().check(z.int(), z.nonnegative());
const year = () => z.optional(z.nullable(z.number().check(z.int(), z.gte(1900), z.lte(2200))));

export const statementRefSchema = z.strictObject({
  section: z.string().check(z.maxLength(200)),
  quote: z.string().check(z.maxLength(20_000)),
  quoteStart: count(),
  quoteEnd: count(),
  differences: z.array(z.string().check(z.maxLength(200))).check(z.maxLength(20)),
});

export const targetDraftSchema = z.strictObject({
  section: safeTextMax(200),
  indicator: safeTextMax(200, 1),
  kind: z.enum(TARGET_KINDS),
  value: num,
  valueLow: num,
  valueHigh: num,
  unit: z.nullable(safeTextMax(40)),
  comparator: z.nullable(z.enum(COMPARATORS)),
  qualifier: z.nullable(z.enum(QUALIFIERS)),
  basis: z.nullable(safeTextMax(200)),
  quote: safeTextMax(20_000),
  quoteStart: count(),
  quoteEnd: count(),
  scope: z.optional(z.enum(PLAN_SCOPES)),
  year: year(),
  endYear: year(),
  alsoStatedAt: z.optional(z.array(statementRefSchema).check(z.maxLength(20))),
});
