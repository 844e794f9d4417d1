// A link may measure a target by a formula over series, e.g. `s12 + s13` (two provinces' output) or
// `s20 / s21 * 100` (a share). The formula is parsed by a small recursive-descent parser, never eval'd;
// units are checked as it is evaluated (万吨 + 亿吨 converts, 万吨 + 亿元 is refused), and each derived
// point keeps the observations it was computed from.
//
// Grammar:  expr := term (('+'|'-') term)* ;  term := factor (('*'|'/') factor)* ;
//           factor := number | ref | '(' expr ')' | '-' factor | fn '(' expr (',' expr)* ')'
//           ref := s12 | #12 ;  fn := sum | ratio   (ratio(a, b) = a / b)
// Stored either as the bare expression or as JSON: {"expr": "s20/s21*100", "unit": "%", "measure": "cumulative", "name": "…"}.

import type { Frequency, Measure, PeriodKey } from '../domain/series';
import { MEASURES } from '../domain/series';
import { conversionFactor } from '../domain/units';
import { type SeriesData, type SeriesPoint, provenanceOf } from './seriesData';
import type { ProvenanceRef } from './types';
import { type Bilingual, bi } from './wording';

export type FormulaNode =
  | { type: 'number'; value: number }
  | { type: 'ref'; seriesId: number }
  | { type: 'neg'; arg: FormulaNode }
  | { type: 'binary'; op: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode };

export interface FormulaSpec {
  expr: string;
  unit?: string;
  measure?: Measure;
  name?: string;
}

export type FormulaResult<T> = { ok: true; value: T } | { ok: false; reason: Bilingual };

const MAX_FORMULA_LENGTH = 500;

class FormulaError extends Error {
  constructor(readonly reason: Bilingual) {
    super(`${reason.zh} / ${reason.en}`);
  }
}

const syntax = (pos: number, what: string) => new FormulaError(bi(`公式第${pos + 1}个字符处有误：${what}`, `formula error at character ${pos + 1}: ${what}`));

/** Parse a formula expression into a tree; throws nothing, returns the reason instead. */
export function parseFormula(text: string): FormulaResult<FormulaNode> {
  if (text.length > MAX_FORMULA_LENGTH) return { ok: false, reason: bi('公式过长', 'formula too long') };
  const s = text.normalize('NFKC');
  let pos = 0;
  const skip = () => {
    while (pos < s.length && /\s/.test(s[pos])) pos++;
  };
  const peek = () => (skip(), s[pos]);

  function expr(): FormulaNode {
    let node = term();
    for (let c = peek(); c === '+' || c === '-'; c = peek()) {
      pos++;
      node = { type: 'binary', op: c, left: node, right: term() };
    }
    return node;
  }
  function term(): FormulaNode {
    let node = factor();
    for (let c = peek(); c === '*' || c === '/'; c = peek()) {
      pos++;
      node = { type: 'binary', op: c, left: node, right: factor() };
    }
    return node;
  }
  function factor(): FormulaNode {
    const c = peek();
    if (c === undefined) throw syntax(pos, 'unexpected end');
    if (c === '(') {
      pos++;
      const inner = expr();
      if (peek() !== ')') throw syntax(pos, "expected ')'");
      pos++;
      return inner;
    }
    if (c === '-') {
      pos++;
      return { type: 'neg', arg: factor() };
    }
    let m = /^(?:s|#)(\d{1,12})/i.exec(s.slice(pos));
    if (m) {
      pos += m[0].length;
      return { type: 'ref', seriesId: Number(m[1]) };
    }
    m = /^(\d+(?:\.\d+)?)/.exec(s.slice(pos));
    if (m) {
      pos += m[0].length;
      return { type: 'number', value: Number(m[1]) };
    }
    m = /^(sum|ratio)\s*\(/i.exec(s.slice(pos));
    if (m) {
      const fn = m[1].toLowerCase();
      pos += m[0].length;
      const args = [expr()];
      while (peek() === ',') {
        pos++;
        args.push(expr());
      }
      if (peek() !== ')') throw syntax(pos, "expected ')'");
      pos++;
      if (fn === 'ratio') {
        if (args.length !== 2) throw syntax(pos, 'ratio takes two arguments');
        return { type: 'binary', op: '/', left: args[0], right: args[1] };
      }
      return args.reduce((left, right) => ({ type: 'binary', op: '+', left, right }));
    }
    throw syntax(pos, `unexpected '${c}'`);
  }

  try {
    const node = expr();
    if (peek() !== undefined) throw syntax(pos, `unexpected '${s[pos]}'`);
    return { ok: true, value: node };
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, reason: e.reason };
    throw e;
  }
}

/** Read the stored form: a bare expression, or JSON with the expression and the result's unit, measure, name. */
export function parseFormulaSpec(text: string): FormulaResult<FormulaSpec> {
  const t = text.trim();
  if (!t.startsWith('{')) return { ok: true, value: { expr: t } };
  let raw: unknown;
  try {
    raw = JSON.parse(t);
  } catch {
    return { ok: false, reason: bi('公式JSON格式有误', 'formula JSON is malformed') };
  }
  const o = raw as Record<string, unknown>;
  if (typeof o !== 'object' || o === null || typeof o.expr !== 'string') return { ok: false, reason: bi('公式缺少expr', 'formula has no expr') };
  if (o.measure !== undefined && !MEASURES.includes(o.measure as Measure)) return { ok: false, reason: bi('公式的measure无效', 'formula measure is invalid') };
  return {
    ok: true,
    value: {
      expr: o.expr,
      unit: typeof o.unit === 'string' ? o.unit : undefined,
      measure: o.measure as Measure | undefined,
      name: typeof o.name === 'string' ? o.name : undefined,
    },
  };
}

export function referencedSeries(node: FormulaNode, out: Set<number> = new Set()): Set<number> {
  if (node.type === 'ref') out.add(node.seriesId);
  else if (node.type === 'neg') referencedSeries(node.arg, out);
  else if (node.type === 'binary') {
    referencedSeries(node.left, out);
    referencedSeries(node.right, out);
  }
  return out;
}

/** A compiled node: evaluates one period from the operands' values; `unit` null = a pure number. */
interface Compiled {
  unit: string | null;
  run: (values: Map<number, number>) => number;
}

const unitError = (zh: string, en: string) => new FormulaError(bi(zh, en));

function compile(node: FormulaNode, seriesById: ReadonlyMap<number, SeriesData>): Compiled {
  switch (node.type) {
    case 'number':
      return { unit: null, run: () => node.value };
    case 'ref': {
      const s = seriesById.get(node.seriesId);
      if (!s) throw unitError(`公式引用的序列#${node.seriesId}不存在`, `series #${node.seriesId} in the formula does not exist`);
      return { unit: s.unit, run: (v) => v.get(node.seriesId)! };
    }
    case 'neg': {
      const a = compile(node.arg, seriesById);
      return { unit: a.unit, run: (v) => -a.run(v) };
    }
    case 'binary': {
      const a = compile(node.left, seriesById);
      const b = compile(node.right, seriesById);
      if (node.op === '+' || node.op === '-') {
        if (a.unit === null || b.unit === null) {
          if (a.unit !== b.unit) throw unitError('公式不能把纯数与有单位的量相加减', 'the formula adds a plain number to a quantity');
          return { unit: null, run: node.op === '+' ? (v) => a.run(v) + b.run(v) : (v) => a.run(v) - b.run(v) };
        }
        const f = a.unit === b.unit ? 1 : conversionFactor(b.unit, a.unit);
        if (f === null) throw unitError(`单位不可比：${a.unit}与${b.unit}不能相加减`, `units cannot be compared: ${a.unit} and ${b.unit} cannot be added`);
        return { unit: a.unit, run: node.op === '+' ? (v) => a.run(v) + b.run(v) * f : (v) => a.run(v) - b.run(v) * f };
      }
      if (node.op === '*') {
        if (a.unit !== null && b.unit !== null) throw unitError('公式不支持两个有单位的量相乘', 'the formula multiplies two quantities');
        return { unit: a.unit ?? b.unit, run: (v) => a.run(v) * b.run(v) };
      }
      // Division: by a number keeps the unit; two quantities of one dimension give a pure ratio.
      if (b.unit === null) return { unit: a.unit, run: (v) => a.run(v) / b.run(v) };
      if (a.unit === null) throw unitError('公式不支持纯数除以有单位的量', 'the formula divides a number by a quantity');
      const f = a.unit === b.unit ? 1 : conversionFactor(a.unit, b.unit);
      if (f === null) throw unitError(`单位不可比：${a.unit}与${b.unit}不能相除`, `units cannot be compared: ${a.unit} divided by ${b.unit}`);
      return { unit: null, run: (v) => (a.run(v) * f) / b.run(v) };
    }
  }
}

/**
 * Evaluate a formula into a derived series: one point per period where every operand has a value
 * (and the result is finite). All operands must share one frequency; the result's measure is the
 * operands' common measure unless the spec names one, and a pure ratio must name its unit.
 */
export function evaluateFormula(spec: FormulaSpec, seriesById: ReadonlyMap<number, SeriesData>): FormulaResult<SeriesData> {
  const parsed = parseFormula(spec.expr);
  if (!parsed.ok) return parsed;
  const ids = [...referencedSeries(parsed.value)];
  if (ids.length === 0) return { ok: false, reason: bi('公式未引用任何序列', 'the formula references no series') };
  let compiled: Compiled;
  try {
    compiled = compile(parsed.value, seriesById);
  } catch (e) {
    if (e instanceof FormulaError) return { ok: false, reason: e.reason };
    throw e;
  }
  const operands = ids.map((id) => seriesById.get(id)!);
  const frequency: Frequency = operands[0].frequency;
  if (operands.some((s) => s.frequency !== frequency)) return { ok: false, reason: bi('公式中的序列频率不一致', 'the series in the formula differ in frequency') };
  const measure = spec.measure ?? operands[0].measure;
  if (!spec.measure && operands.some((s) => s.measure !== measure)) {
    return { ok: false, reason: bi('公式中的序列口径（当期/累计/增速）不一致，请注明measure', 'the series in the formula differ in measure: name one') };
  }
  let unit = compiled.unit;
  let scale = 1;
  if (spec.unit !== undefined) {
    if (unit !== null && unit !== spec.unit) {
      const f = conversionFactor(unit, spec.unit);
      if (f === null) return { ok: false, reason: bi(`单位不可比：公式结果为${unit}，指定为${spec.unit}`, `units cannot be compared: the formula gives ${unit}, ${spec.unit} was named`) };
      scale = f;
    }
    unit = spec.unit;
  }
  if (unit === null) return { ok: false, reason: bi('比值公式须注明单位（如%）', 'a ratio formula must name its unit (e.g. %)') };

  const points = new Map<PeriodKey, SeriesPoint>();
  const values = new Map<number, number>();
  for (const key of operands[0].points.keys()) {
    const sources: ProvenanceRef[] = [];
    let complete = true;
    for (const s of operands) {
      const p = s.points.get(key);
      if (!p) {
        complete = false;
        break;
      }
      values.set(s.id, p.value);
      sources.push(...provenanceOf(s.id, key, p));
    }
    if (!complete) continue;
    const value = Number((compiled.run(values) * scale).toPrecision(15));
    if (!Number.isFinite(value)) continue;
    // batchId/file/sheet/cell name the first operand; `sources` holds all of them.
    points.set(key, { value, batchId: sources[0].batchId, file: sources[0].file, sheet: sources[0].sheet, cell: sources[0].cell, sources });
  }
  const label = spec.name ?? spec.expr.replace(/(?:s|#)(\d+)/gi, (_, id: string) => seriesById.get(Number(id))?.label ?? `#${id}`);
  return { ok: true, value: { id: 0, name: spec.name ?? label, label, unit, measure, frequency, points } };
}

/** Parse the stored text and evaluate it (the shape analyzeAll needs). */
export function evaluateFormulaText(
  text: string,
  seriesById: ReadonlyMap<number, SeriesData>,
): { ok: true; series: SeriesData } | { ok: false; reason: Bilingual } {
  const spec = parseFormulaSpec(text);
  if (!spec.ok) return spec;
  const r = evaluateFormula(spec.value, seriesById);
  return r.ok ? { ok: true, series: r.value } : r;
}
