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
  type Comparator,
  type EditableTargetField,
  type Qualifier,
  type TaskStatus,
} from './target';
import { canonicalUnit } from './units';
import { IMPLAUSIBLE_NUMBER_MESSAGE, MAX_PLAUSIBLE_MAGNITUDE, controlCharMessage, hasControlChars } from '../boundary/safeValues';

export type FieldValue = number | string | null;
export type FieldCheck = { ok: true; value: FieldValue } | { ok: false; message: string };

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
    if (field === 'indicator') return { ok: false, message: `指标名称不能为空 / The indicator name cannot be empty` };
    if (field === 'taskStatus') return { ok: true, value: 'open' };
    return { ok: true, value: field === 'notes' ? '' : null };
  }
  if (NUMERIC_FIELDS.has(field)) {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseLooseNumber(raw) : Number.NaN;
    if (n === null) return { ok: true, value: null };
    if (!Number.isFinite(n)) {
      return { ok: false, message: `${label.zh}必须是数字，收到“${String(raw).slice(0, 40)}” / ${label.en} must be a number, got "${String(raw).slice(0, 40)}"` };
    }
    if (Math.abs(n) > MAX_PLAUSIBLE_MAGNITUDE) return { ok: false, message: `${label.zh}：${IMPLAUSIBLE_NUMBER_MESSAGE.split(' / ')[0]} / ${label.en}: ${IMPLAUSIBLE_NUMBER_MESSAGE.split(' / ')[1]}` };
    if (field === 'tolerance' && n < 0) return { ok: false, message: `容差不能为负 / Tolerance cannot be negative` };
    return { ok: true, value: n };
  }
  if (typeof raw !== 'string') return { ok: false, message: `${label.zh}必须是文本 / ${label.en} must be text` };
  if (hasControlChars(raw)) return { ok: false, message: controlCharMessage(raw, label) };
  const text = raw.trim();
  switch (field) {
    case 'unit': {
      const u = canonicalUnit(text);
      if (!u) return { ok: false, message: `未知单位“${text.slice(0, 20)}” / Unknown unit "${text.slice(0, 20)}"` };
      return { ok: true, value: u };
    }
    case 'comparator': {
      const c = COMPARATOR_WORDS[text];
      if (!c) return { ok: false, message: `无法识别的比较方式“${text.slice(0, 20)}”（可用：左右、以上、以内、达到、突破、稳定在、区间） / Unknown comparator "${text.slice(0, 20)}"` };
      return { ok: true, value: c };
    }
    case 'qualifier': {
      const q = QUALIFIER_WORDS[text];
      if (!q) return { ok: false, message: `约束只能是“力争”或“确保” / Qualifier must be 力争 (strive) or 确保 (ensure)` };
      return { ok: true, value: q };
    }
    case 'taskStatus': {
      const status = TASK_STATUS_WORDS[text];
      if (!status) return { ok: false, message: `无法识别的进展“${text.slice(0, 20)}”（可用：未开始、推进中、已完成、受阻） / Unknown progress "${text.slice(0, 20)}"` };
      return { ok: true, value: status };
    }
    case 'notes':
      if (text.length > 2000) return { ok: false, message: `备注过长（最多2000字） / Notes too long (2000 characters at most)` };
      return { ok: true, value: text };
    case 'indicator':
    case 'basis':
      if (text.length > 200) return { ok: false, message: `${label.zh}过长（最多200字） / ${label.en} too long (200 characters at most)` };
      return { ok: true, value: text };
    default:
      return { ok: false, message: `字段不可编辑 / Field is not editable` };
  }
}
