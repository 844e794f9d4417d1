// A corpus of inputs for a zod schema, generated from its definition, and a JSON codec for inputs and results.
//
// Why: the schemas moved from zod's classic API to zod/mini (issue 12, a command's start). What a schema accepts,
// refuses, returns (defaults, transforms, stripped keys) and reports (code, path, message and the rest of each
// issue) must not change. The corpus was generated once from the classic schemas and recorded with their results
// (tests/fixtures/schema-corpus.json.gz, written by tests/helpers/writeSchemaCorpus.ts); the equality test
// replays the recorded inputs through the current schemas. The generator reads zod's core definitions
// (`_zod.def`), which both APIs share.
//
// For each schema: a full valid value and a minimal one; then one change at a time at every place in it: each
// leaf's boundaries (lengths and values at min−1, min, max, max+1), specials (-0, NaN, ±Infinity, 5e-324, 2^53,
// bigint, control characters, surrogates, padding to trim), wrong types, each key removed, undefined or null,
// extra keys (also `__proto__`), bad enum values and discriminators, arrays at their length limits and with a
// bad element first or last, records with too many or bad keys.

/* eslint-disable @typescript-eslint/no-explicit-any -- zod's internal definitions are walked untyped on purpose */

type Schema = { _zod: { def: any; optin?: string }; safeParse(input: unknown): { success: boolean } };

export interface CorpusEntry {
  /** Where the change was made and what it was, for a reader of a failure. */
  label: string;
  input: unknown;
}

const def = (s: Schema): any => s._zod.def;
const checkDefs = (s: Schema): any[] => (def(s).checks ?? []).map((c: any) => c._zod.def);
const ok = (s: Schema, v: unknown) => {
  try {
    return s.safeParse(v).success;
  } catch {
    return false;
  }
};

/** Big enough limits are still tested at the boundary; these keep one corpus entry below a few MB of input. */
const MAX_STRING_BOUNDARY = 10_000_000;
const MAX_ARRAY_BOUNDARY = 300_000;

const WRONG_TYPES: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['true', true],
  ['0', 0],
  ["'1'", '1'],
  ['[]', []],
  ['{}', {}],
  ['1n', 1n],
];

// Known samples for the project's regex patterns, valid and not (a pattern's def holds only the RegExp).
const PATTERN_SAMPLES = [
  '2025-10',
  '2025-01',
  '2025-12',
  '2025-13',
  '2025-00',
  '2025-1',
  '2025',
  '2025-Q1',
  '2025-Q4',
  '2025-Q5',
  '2025-03 ',
  '20250-10',
  '123e4567-e89b-12d3-a456-426614174000',
  '123e4567-e89b-12d3-a456-42661417400',
  '123E4567-E89B-12D3-A456-426614174000',
  '------------------------------------',
  'job-1',
  'A'.repeat(64),
  'A'.repeat(65),
  'job_1',
  'job 1',
  '',
];
const BASE64_SAMPLES = ['aGVsbG8=', 'aGVsbG8', 'YQ==', 'YQ=', 'aGVs bG8=', '====', 'YQ==YQ==', 'aGVsbG8-', 'aGVsbG8_', '5aSn5a625aW9'];

function stringCandidates(s: Schema): [string, unknown][] {
  const checks = checkDefs(s);
  const min = checks.find((c) => c.check === 'min_length')?.minimum as number | undefined;
  const max = checks.find((c) => c.check === 'max_length')?.maximum as number | undefined;
  const hasPattern = checks.some((c) => c.check === 'string_format');
  const out: [string, unknown][] = [
    ["'x'", 'x'],
    ["'地区生产总值'", '地区生产总值'],
    ["''", ''],
    ["' '", ' '],
    ["'  x  '", '  x  '],
    ["'\\tx\\n'", '\tx\n'],
    ["'a\\u0000b'", 'a\u0000b'],
    ["'a\\u0001b'", 'a\u0001b'],
    ["'\\u007f'", '\u007f'],
    ["'a\\u0085'", 'a\u0085'],
    ["'a\\u202eb'", 'a\u202eb'],
    ["'a\\uffff'", 'a\uffff'],
    ["'\\ud842\\udfb7'", '\ud842\udfb7'],
    ["lone surrogate", '\ud842'],
    ["'\\r\\n'", '\r\n'],
  ];
  if (hasPattern) for (const p of PATTERN_SAMPLES) out.push([JSON.stringify(p), p]);
  for (const b of BASE64_SAMPLES) out.push([JSON.stringify(b), b]);
  for (const n of [min, max]) {
    if (n === undefined || n > MAX_STRING_BOUNDARY) continue;
    for (const len of [n - 1, n, n + 1]) {
      if (len < 0) continue;
      out.push([`'x'×${len}`, 'x'.repeat(len)]);
      if (len >= 4 && len % 4 === 0) out.push([`'A'×${len}`, 'A'.repeat(len)]);
    }
    if (n >= 2) {
      out.push([`'x'×${n - 2} + surrogate pair`, 'x'.repeat(n - 2) + '\ud842\udfb7']);
      out.push([`'x'×${n - 1} + surrogate pair`, 'x'.repeat(n - 1) + '\ud842\udfb7']);
    }
    if (n >= 1) {
      out.push([`' ' + 'x'×${n} + ' '`, ` ${'x'.repeat(n)} `]);
      out.push([`'x'×${n - 1} + '\\u0001'`, 'x'.repeat(n - 1) + '\u0001']);
      out.push([`'x'×${n} + '\\u0001'`, 'x'.repeat(n) + '\u0001']);
    }
  }
  return [...out, ...WRONG_TYPES.filter(([, v]) => typeof v !== 'string')];
}

function numberCandidates(s: Schema): [string, unknown][] {
  const out: [string, unknown][] = [
    ['0', 0],
    ['-0', -0],
    ['1', 1],
    ['-1', -1],
    ['1.5', 1.5],
    ['6.5', 6.5],
    ['0.1+0.2', 0.1 + 0.2],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['5e-324', 5e-324],
    ['2^31', 2 ** 31],
    ['2^53-1', 2 ** 53 - 1],
    ['2^53', 2 ** 53],
    ['-(2^53)', -(2 ** 53)],
    ['1e15', 1e15],
    ['-1e15', -1e15],
    ['1e15+0.125', 1e15 + 0.125],
    ['1e16', 1e16],
    ['1e308', 1e308],
    ['2e9', 2e9],
  ];
  for (const c of checkDefs(s)) {
    if (c.check === 'greater_than' || c.check === 'less_than') {
      const v = c.value as number;
      for (const [label, x] of [
        ['−1', v - 1],
        ['−0.5', v - 0.5],
        ['', v],
        ['+0.5', v + 0.5],
        ['+1', v + 1],
      ] as const) {
        out.push([`${c.check} ${v}${label}`, x]);
      }
    }
  }
  return [...out, ...WRONG_TYPES.filter(([, v]) => typeof v !== 'number'), ["'12'", '12'], ["''", '']];
}

const ANY_CANDIDATES: [string, unknown][] = [['x', 'x'], ['1', 1], ...WRONG_TYPES];

/** Values of the leaf types and their boundaries, valid or not (no containers). */
function leafCandidates(s: Schema): [string, unknown][] | null {
  const d = def(s);
  switch (d.type) {
    case 'string':
      return stringCandidates(s);
    case 'number':
      return numberCandidates(s);
    case 'boolean':
      return [
        ['true', true],
        ['false', false],
        ["'true'", 'true'],
        ['1', 1],
        ['0', 0],
        ['null', null],
        ['undefined', undefined],
      ];
    case 'enum': {
      const values = Object.values(d.entries) as unknown[];
      return [
        ...values.map((v): [string, unknown] => [JSON.stringify(v), v]),
        ["'bogus'", 'bogus'],
        ["''", ''],
        ['upper case', String(values[0]).toUpperCase()],
        ['padded', ` ${String(values[0])} `],
        ...WRONG_TYPES,
      ];
    }
    case 'literal':
      return [...(d.values as unknown[]).map((v): [string, unknown] => [JSON.stringify(v), v]), ["'other'", 'other'], ["'2'", '2'], ['2', 2], ...WRONG_TYPES];
    case 'null':
      return [
        ['null', null],
        ['undefined', undefined],
        ['0', 0],
        ["''", ''],
      ];
    case 'never':
    case 'unknown':
    case 'any':
    case 'transform':
      return ANY_CANDIDATES;
    default:
      return null;
  }
}

const NONE = Symbol('none');

/** A value the schema accepts (`full`: with every optional key), or NONE. */
export function validSample(s: Schema, full = true, depth = 0): unknown {
  if (depth > 12) return NONE;
  const d = def(s);
  const pick = (vs: unknown[]) => vs.find((v) => v !== NONE && ok(s, v)) ?? NONE;
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      return pick([validSample(d.innerType, full, depth + 1), undefined, null]);
    case 'pipe':
      return pick([validSample(d.in, full, depth + 1), ...(leafCandidates(d.in) ?? []).map(([, v]) => v)]);
    case 'union':
      return pick((d.options as Schema[]).map((o) => validSample(o, full, depth + 1)));
    case 'array': {
      const el = validSample(d.element, full, depth + 1);
      if (el === NONE) return pick([[]]);
      const min = checkDefs(s).find((c) => c.check === 'min_length')?.minimum ?? 0;
      return pick([Array.from({ length: Math.max(1, min) }, () => structuredClone(el)), []]);
    }
    case 'record': {
      const key = (leafCandidates(d.keyType) ?? []).map(([, v]) => v).find((k) => typeof k === 'string' && k !== '' && ok(d.keyType, k));
      const val = validSample(d.valueType, full, depth + 1);
      return pick([key !== undefined && val !== NONE ? { [key as string]: val } : NONE, {}]);
    }
    case 'object': {
      const base: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(d.shape as Record<string, Schema>)) {
        if (!full && field._zod.optin === 'optional') continue;
        const v = validSample(field, full, depth + 1);
        if (v === NONE) return NONE;
        if (v === undefined && field._zod.optin === 'optional') continue;
        base[k] = v;
      }
      if (ok(s, base)) return base;
      // A refinement across fields: try each field's other accepted values until the whole is accepted.
      for (const [k, field] of Object.entries(d.shape as Record<string, Schema>)) {
        for (const [, v] of fieldCandidates(field)) {
          if (ok(field, v) && ok(s, { ...base, [k]: v })) return { ...base, [k]: v };
        }
      }
      return NONE;
    }
    default: {
      const leaves = leafCandidates(s);
      return leaves ? pick(leaves.map(([, v]) => v)) : NONE;
    }
  }
}

/** The leaf candidates through wrappers (optional, nullable, default, pipe), without containers. */
function fieldCandidates(s: Schema): [string, unknown][] {
  const d = def(s);
  if (['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly'].includes(d.type)) return [...fieldCandidates(d.innerType), ['undefined', undefined], ['null', null]];
  if (d.type === 'pipe') return fieldCandidates(d.in);
  return leafCandidates(s) ?? [];
}

function arrayOf(length: number, el: unknown): unknown[] {
  return Array.from({ length }, () => structuredClone(el));
}

/**
 * The corpus of one schema. `reduced`: the schema is nested in another one and is explored on its own as well,
 * so only a sample of its own variants is repeated inside the container.
 */
export function variants(s: Schema, opts: { ownSchemas: Set<unknown>; depth?: number } = { ownSchemas: new Set() }): CorpusEntry[] {
  const depth = opts.depth ?? 0;
  const d = def(s);
  const nested = (child: Schema): CorpusEntry[] => {
    const all = variants(child, { ownSchemas: opts.ownSchemas, depth: depth + 1 });
    if (depth >= 0 && opts.ownSchemas.has(child)) return sample(all, 12);
    return depth > 6 ? sample(all, 12) : all;
  };
  const out: CorpusEntry[] = [];
  const add = (label: string, input: unknown) => out.push({ label, input });
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
      out.push(...nested(d.innerType));
      add('undefined', undefined);
      add('null', null);
      break;
    case 'pipe':
      out.push(...nested(d.in));
      break;
    case 'union':
      for (const [i, o] of (d.options as Schema[]).entries()) for (const e of nested(o)) add(`option ${i}: ${e.label}`, e.input);
      for (const [label, v] of WRONG_TYPES) add(label, v);
      if (d.discriminator) {
        const first = validSample((d.options as Schema[])[0]!);
        if (first && typeof first === 'object') {
          const key = d.discriminator as string;
          add(`${key}: 'bogus'`, { ...(first as object), [key]: 'bogus' });
          add(`${key}: undefined`, { ...(first as object), [key]: undefined });
          add(`${key}: 1`, { ...(first as object), [key]: 1 });
          const { [key]: _dropped, ...rest } = first as Record<string, unknown>;
          add(`no ${key}`, rest);
        }
      }
      break;
    case 'array': {
      const el = validSample(d.element);
      const checks = checkDefs(s);
      const min = checks.find((c) => c.check === 'min_length')?.minimum as number | undefined;
      const max = checks.find((c) => c.check === 'max_length')?.maximum as number | undefined;
      add('[]', []);
      if (el !== NONE) {
        add('[valid]', [el]);
        add('[valid, valid]', [el, structuredClone(el)]);
        for (const n of [min, max]) {
          if (n === undefined || n > MAX_ARRAY_BOUNDARY) continue;
          for (const len of [n - 1, n, n + 1]) if (len >= 0) add(`valid×${len}`, arrayOf(len, el));
        }
      }
      const elements = nested(d.element);
      for (const e of elements) add(`[${e.label}]`, [e.input]);
      if (el !== NONE) for (const e of sample(elements, 6)) add(`[valid, ${e.label}]`, [el, e.input]);
      add('sparse [ , ]', new Array(2));
      for (const [label, v] of WRONG_TYPES) if (!Array.isArray(v)) add(label, v);
      add("'[]'", '[]');
      break;
    }
    case 'record': {
      const base = validSample(s) as Record<string, unknown> | typeof NONE;
      const val = validSample(d.valueType);
      if (base !== NONE) add('valid', base);
      add('{}', {});
      if (val !== NONE) {
        for (const [label, k] of leafCandidates(d.keyType) ?? []) if (typeof k === 'string') add(`key ${label}`, { [k]: structuredClone(val) });
        for (const n of [99, 100, 101]) add(`${n} entries`, Object.fromEntries(Array.from({ length: n }, (_, i) => [`Sheet${i + 1}`, structuredClone(val)])));
        add('key __proto__', JSON.parse(`{"__proto__": ${JSON.stringify(val)}}`));
      }
      for (const e of nested(d.valueType)) add(`{Sheet1: ${e.label}}`, { Sheet1: e.input });
      for (const [label, v] of WRONG_TYPES) add(label, v);
      add("['a']", ['a']);
      break;
    }
    case 'object': {
      const fullSample = validSample(s, true) as Record<string, unknown> | typeof NONE;
      const minimal = validSample(s, false) as Record<string, unknown> | typeof NONE;
      if (fullSample === NONE) throw new Error('no valid sample for an object schema');
      const full = fullSample;
      add('valid (every key)', full);
      if (minimal !== NONE) add('valid (required keys only)', minimal);
      for (const [k, field] of Object.entries(d.shape as Record<string, Schema>)) {
        for (const e of nested(field)) add(`${k}: ${e.label}`, { ...full, [k]: e.input });
        const { [k]: _dropped, ...rest } = full;
        add(`no ${k}`, rest);
        add(`${k}: undefined`, { ...full, [k]: undefined });
        add(`${k}: null`, { ...full, [k]: null });
        if (minimal !== NONE && !(k in minimal)) {
          const v = validSample(field);
          if (v !== NONE) add(`required keys + ${k}`, { ...minimal, [k]: v });
        }
      }
      add('extra key', { ...full, extra: 1 });
      add('extra keys undefined', { ...full, extra: undefined, other: 'x' });
      add('extra key __proto__', JSON.parse(`{${Object.keys(full).length ? JSON.stringify(full).slice(1, -1) + ',' : ''}"__proto__": {"x": 1}}`));
      add('keys reordered', Object.fromEntries(Object.entries(full).reverse()));
      for (const [label, v] of WRONG_TYPES) add(label, v);
      add("'{}'", '{}');
      add('[valid]', [full]);
      break;
    }
    default:
      for (const [label, v] of leafCandidates(s) ?? ANY_CANDIDATES) add(label, v);
  }
  return out;
}

/** Every k-th entry, so a nested schema's sample still spreads over its kinds of change. */
function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

// ---- the codec: JSON for values JSON cannot hold (undefined, -0, NaN, ±Infinity, bigint, `__proto__` keys,
// holes), with long strings and arrays written as runs so a 5-million-character boundary stays small.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export function encode(v: unknown): Json {
  if (v === undefined) return { $: 'undefined' };
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'number') {
    if (Number.isNaN(v) || !Number.isFinite(v) || Object.is(v, -0)) return { $: 'number', v: Object.is(v, -0) ? '-0' : String(v) };
    return v;
  }
  if (typeof v === 'bigint') return { $: 'bigint', v: String(v) };
  if (typeof v === 'string') return v.length > 200 ? { $: 'string', runs: stringRuns(v) } : v;
  if (typeof v === 'function') return { $: 'function' };
  if (Array.isArray(v)) {
    const items: Json[] = [];
    for (let i = 0; i < v.length; i++) items.push(i in v ? encode(v[i]) : { $: 'hole' });
    return items.length > 16 ? { $: 'array', runs: arrayRuns(items) } : items;
  }
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return { $: 'instance', of: String(proto?.constructor?.name), text: String(v) };
    const keys = Object.keys(v);
    const entries: [string, Json][] = keys.map((k) => [k, encode((v as Record<string, unknown>)[k])]);
    if (keys.includes('$') || keys.includes('__proto__') || proto === null) return { $: 'object', entries, ...(proto === null ? { nullProto: true } : {}) };
    return Object.fromEntries(entries);
  }
  return { $: 'unknown', text: String(v) };
}

export function decode(j: Json): unknown {
  if (j === null || typeof j !== 'object') return j;
  if (Array.isArray(j)) return fillArray(j.map((x) => [x, 1] as [Json, number]));
  const tag = (j as { $?: unknown }).$;
  if (typeof tag !== 'string') return assign({}, Object.entries(j));
  const t = j as Record<string, any>;
  switch (tag) {
    case 'undefined':
      return undefined;
    case 'number':
      return t.v === '-0' ? -0 : Number(t.v);
    case 'bigint':
      return BigInt(t.v);
    case 'string':
      return (t.runs as [string, number][]).map(([text, n]) => text.repeat(n)).join('');
    case 'array':
      return fillArray(t.runs);
    case 'object':
      return assign(t.nullProto ? Object.create(null) : {}, t.entries);
    default:
      throw new Error(`cannot decode ${tag}`);
  }
}

function assign(target: Record<string, unknown>, entries: [string, Json][]): Record<string, unknown> {
  // defineProperty, so that a `__proto__` key stays an own key as JSON.parse leaves it.
  for (const [k, v] of entries) Object.defineProperty(target, k, { value: decode(v), enumerable: true, writable: true, configurable: true });
  return target;
}

function fillArray(runs: [Json, number][]): unknown[] {
  const out: unknown[] = [];
  for (const [item, n] of runs) {
    for (let i = 0; i < n; i++) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && (item as { $?: unknown }).$ === 'hole') out.length += 1;
      else out.push(decode(item));
    }
  }
  return out;
}

function stringRuns(s: string): [string, number][] {
  const runs: [string, number][] = [];
  let literal = '';
  for (let i = 0; i < s.length; ) {
    let j = i + 1;
    while (j < s.length && s[j] === s[i]) j++;
    if (j - i >= 16) {
      if (literal) runs.push([literal, 1]);
      literal = '';
      runs.push([s[i]!, j - i]);
    } else literal += s.slice(i, j);
    i = j;
  }
  if (literal) runs.push([literal, 1]);
  return runs;
}

function arrayRuns(items: Json[]): [Json, number][] {
  const runs: [Json, number][] = [];
  let last = '';
  for (const item of items) {
    const text = JSON.stringify(item);
    if (runs.length > 0 && text === last) runs[runs.length - 1]![1] += 1;
    else runs.push([item, 1]);
    last = text;
  }
  return runs;
}

/** What a schema did with an input, in the recorded form: the parsed data, or every issue with all its fields. */
export function parseOutcome(schema: { safeParse(input: unknown): { success: boolean; data?: unknown; error?: { issues: readonly unknown[] } } }, input: unknown): Json {
  let result;
  try {
    result = schema.safeParse(input);
  } catch (e) {
    return { thrown: String((e as Error)?.message ?? e) };
  }
  return result.success ? { success: true, data: encode(result.data) } : { success: false, issues: encode(result.error!.issues) };
}

export interface RecordedEntry {
  label: string;
  input: Json;
  outcome: Json;
}

/** The recorded corpus (tests/fixtures/schema-corpus.json.gz), by schema name. */
export type RecordedCorpus = Record<string, RecordedEntry[]>;

/** The entries of one schema whose outcome now differs from the recorded one, each described for a reader. */
export function corpusDifferences(schema: Parameters<typeof parseOutcome>[0], entries: RecordedEntry[]): string[] {
  const differences: string[] = [];
  for (const e of entries) {
    const now = JSON.stringify(parseOutcome(schema, decode(e.input)));
    const then = JSON.stringify(e.outcome);
    if (now !== then) differences.push(`${e.label}\n  recorded: ${then.slice(0, 600)}\n  now:      ${now.slice(0, 600)}`);
  }
  return differences;
}
