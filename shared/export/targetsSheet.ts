// The layout of the 目标 sheet, shared by the writer and the reader of returned workbooks, so a column
// renamed here is renamed on both sides. Columns are found by header text: a colleague may reorder them.

import type { EditableTargetField, Target } from '../domain/target';

export const TARGETS_SHEET = '目标';

export type TargetColumnKind = 'id' | 'integer' | 'text' | 'number' | 'kind' | 'comparator' | 'qualifier' | 'taskStatus';

export interface TargetColumn {
  key: keyof Target;
  header: string;
  kind: TargetColumnKind;
  /** A colleague may change it; the import diffs only these. */
  editable: boolean;
  /** Column width in characters (CJK counts 2). */
  width: number;
  wrap?: boolean;
}

export const TARGET_COLUMNS: readonly TargetColumn[] = [
  { key: 'id', header: 'ID', kind: 'id', editable: false, width: 7 },
  { key: 'position', header: '序号', kind: 'integer', editable: false, width: 6 },
  { key: 'section', header: '部分', kind: 'text', editable: false, width: 12 },
  { key: 'indicator', header: '指标', kind: 'text', editable: true, width: 26, wrap: true },
  { key: 'kind', header: '类型', kind: 'kind', editable: false, width: 8 },
  { key: 'value', header: '目标值', kind: 'number', editable: true, width: 10 },
  { key: 'valueLow', header: '下限', kind: 'number', editable: true, width: 8 },
  { key: 'valueHigh', header: '上限', kind: 'number', editable: true, width: 8 },
  { key: 'unit', header: '单位', kind: 'text', editable: true, width: 9 },
  { key: 'comparator', header: '比较方式', kind: 'comparator', editable: true, width: 10 },
  { key: 'qualifier', header: '力争/确保', kind: 'qualifier', editable: true, width: 10 },
  { key: 'basis', header: '口径', kind: 'text', editable: true, width: 10 },
  { key: 'tolerance', header: '容差(个百分点)', kind: 'number', editable: true, width: 15 },
  { key: 'taskStatus', header: '进展', kind: 'taskStatus', editable: true, width: 8 },
  { key: 'notes', header: '备注', kind: 'text', editable: true, width: 30, wrap: true },
  { key: 'quote', header: '计划原文', kind: 'text', editable: false, width: 60, wrap: true },
];

export const EDITABLE_TARGET_COLUMNS = TARGET_COLUMNS.filter((c) => c.editable) as readonly (TargetColumn & {
  key: EditableTargetField;
})[];

/** Header text compared loosely: full-width/half-width, spaces and a trailing `*` or `（可编辑）` do not matter. */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\*$/, '')
    .replace(/\(可编辑\)$/, '');
}
