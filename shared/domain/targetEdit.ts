// Validation of one edited target field, shared by the grid (instant feedback) and the Node side
// (the authority). Accepts what an analyst types or pastes: `6.5`, `1,200`, `以上`, `力争`, `亿吨`.
import {
  COMPARATORS,
  COMPARATOR_LABELS,
  EDITABLE_TARGET_FIELDS,
  QUALIFIERS,
  QUALIFIER_LABELS,
  TASK_STATUSES,
  TASK_STATUS_LABELS,
  TARGET_DIRECTIONS,
  DIRECTION_LABELS,
  type TargetDirection,
  type Comparator,
  type EditableTargetField,
  type Qualifier,
  type TaskStatus,
} from './target';
import { keyed, type KeyedMessage } from '../messages';
import { canonicalUnit } from './units';
import { MAX_PLAUSIBLE_MAGNITUDE, findControlChar, hasControlChars } from '../boundary/safeValues';

/** `U+0000`: the first control character of a text, as the refusal names it. */
const controlCharCode = (text: string) => `U+${text.charCodeAt(Math.max(0, findControlChar(text))).toString(16).toUpperCase().padStart(4, '0')}`;

export type FieldValue = number | string | null;
/** A refusal carries its catalog key and parameters (shared/messages.ts) beside the combined message. */
export type FieldCheck = { ok: true; value: FieldValue } | ({ ok: false } & KeyedMessage);

const NUMERIC_FIELDS: ReadonlySet<EditableTargetField> = new Set(['value', 'valueLow', 'valueHigh', 'tolerance']);

const COMPARATOR_WORDS: Record<string, Comparator> = {
  左右: 'about', 约: 'about', 以上: 'at_least', 不低于: 'at_least', 不少于: 'at_least', 至少: 'at_least',
  以内: 'at_most', 不超过: 'at_most', 控制在: 'at_most', 以下: 'at_most', 达到: 'reach', 完成: 'reach',
  突破: 'exceed', 超过: 'exceed', 稳定在: 'stable', 保持在: 'stable', 区间: 'range', 范围: 'range',
};
for (const c of COMPARATORS) {
  COMPARATOR_WORDS[c] = c;
  COMPARATOR_WORDS[COMPARATOR_LABELS[c].zh] = c;
}

const TASK_STATUS_WORDS: Record<string, TaskStatus> = { 进行中: 'in_progress', 完成: 'done', 未完成: 'open', 滞后: 'blocked' };
for (const t of TASK_STATUSES) {
  TASK_STATUS_WORDS[t] = t;
  TASK_STATUS_WORDS[TASK_STATUS_LABELS[t].zh] = t;
}

const DIRECTION_WORDS: Record<string, TargetDirection> = { 越大越好: 'higher_better', 越小越好: 'lower_better', 高: 'higher_better', 低: 'lower_better', 上限: 'lower_better', 下限: 'higher_better', 稳定在: 'band', 区间内: 'band' };
for (const d of TARGET_DIRECTIONS) {
  DIRECTION_WORDS[d] = d;
  DIRECTION_WORDS[DIRECTION_LABELS[d].zh] = d;
  DIRECTION_WORDS[DIRECTION_LABELS[d].en.toLowerCase()] = d;
}

const QUALIFIER_WORDS: Record<string, Qualifier> = {};
for (const q of QUALIFIERS) {
  QUALIFIER_WORDS[q] = q;
  QUALIFIER_WORDS[QUALIFIER_LABELS[q].zh] = q;
}

export const FIELD_LABELS: Record<EditableTargetField, { zh: string; en: string }> = {
  value: { zh: '目标值', en: 'Value' },
  valueLow: { zh: '下限', en: 'Low' },
  valueHigh: { zh: '上限', en: 'High' },
  unit: { zh: '单位', en: 'Unit' },
  comparator: { zh: '比较', en: 'Comparator' },
  qualifier: { zh: '约束', en: 'Qualifier' },
  notes: { zh: '备注', en: 'Notes' },
  indicator: { zh: '指标', en: 'Indicator' },
  basis: { zh: '口径', en: 'Basis' },
  tolerance: { zh: '容差(个百分点)', en: 'Tolerance (pp)' },
  taskStatus: { zh: '进展', en: 'Progress' },
  direction: { zh: '方向', en: 'Direction' },
};

export function isEditableField(f: string): f is EditableTargetField {
  return (EDITABLE_TARGET_FIELDS as readonly string[]).includes(f);
}

/** Parses a number as analysts write it; returns null for empty, NaN for anything that is not a plain number. */
export function parseLooseNumber(raw: string): number | null {
  const s = raw.normalize('NFKC').trim().replace(/[,，\s]/g, '').replace(/%$/, '');
  if (s === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Number.NaN;
  return Number(s);
}

export function checkFieldValue(field: EditableTargetField, raw: unknown): FieldCheck {
  const label = FIELD_LABELS[field];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    if (field === 'indicator') return { ok: false, ...keyed('edit.indicatorEmpty') };
    if (field === 'taskStatus') return { ok: true, value: 'open' };
    if (field === 'direction') return { ok: false, ...keyed('edit.directionEmpty') };
    return { ok: true, value: field === 'notes' ? '' : null };
  }
  if (NUMERIC_FIELDS.has(field)) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseLooseNumber(raw) : Number.NaN;
    if (n === null) return { ok: true, value: null };
    if (!Number.isFinite(n)) {
      return { ok: false, ...keyed('edit.notNumber', { field: label, got: String(raw).slice(0, 40) }) };
    }
    if (Math.abs(n) > MAX_PLAUSIBLE_MAGNITUDE) return { ok: false, ...keyed('edit.implausible', { field: label }) };
    if (field === 'tolerance' && n < 0) return { ok: false, ...keyed('edit.toleranceNegative') };
    return { ok: true, value: n };
  }
  if (typeof raw !== 'string') return { ok: false, ...keyed('edit.notText', { field: label }) };
  if (hasControlChars(raw)) return { ok: false, ...keyed('edit.controlChars', { field: label, code: controlCharCode(raw) }) };
  const text = raw.trim();
  switch (field) {
    case 'unit': {
      const u = canonicalUnit(text);
      if (!u) return { ok: false, ...keyed('edit.unknownUnit', { unit: text.slice(0, 20) }) };
      return { ok: true, value: u };
    }
    case 'comparator': {
      const c = COMPARATOR_WORDS[text];
      if (!c) return { ok: false, ...keyed('edit.unknownComparator', { text: text.slice(0, 20) }) };
      return { ok: true, value: c };
    }
    case 'qualifier': {
      const q = QUALIFIER_WORDS[text];
      if (!q) return { ok: false, ...keyed('edit.qualifier') };
      return { ok: true, value: q };
    }
    case 'taskStatus': {
      const status = TASK_STATUS_WORDS[text];
      if (!status) return { ok: false, ...keyed('edit.unknownProgress', { text: text.slice(0, 20) }) };
      return { ok: true, value: status };
    }
    case 'direction': {
      const d = DIRECTION_WORDS[text] ?? DIRECTION_WORDS[text.toLowerCase()];
      if (!d) return { ok: false, ...keyed('edit.unknownDirection', { text: text.slice(0, 20) }) };
      return { ok: true, value: d };
    }
    case 'notes':
      if (text.length > 2000) return { ok: false, ...keyed('edit.notesTooLong') };
      return { ok: true, value: text };
    case 'indicator':
    case 'basis':
      if (text.length > 200) return { ok: false, ...keyed('edit.tooLong', { field: label }) };
      return { ok: true, value: text };
    default:
      return { ok: false, ...keyed('edit.notEditable') };
  }
}
