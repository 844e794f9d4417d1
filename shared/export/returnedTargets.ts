// Reads the rows of a 目标 sheet that came back from a colleague: finds the columns by header, checks each
// cell (ids must exist, numbers must be numbers, formulas are refused), and never evaluates any text.

import { controlCharMessage, hasControlChars, isPlausibleNumber } from '../boundary/safeValues';
import {
  COMPARATOR_LABELS,
  COMPARATORS,
  QUALIFIER_LABELS,
  QUALIFIERS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type TaskStatus,
  type Comparator,
  type EditableTargetField,
  type Qualifier,
  type Target,
} from '../domain/target';
import { EDITABLE_TARGET_COLUMNS, normaliseHeader, TARGET_COLUMNS, type TargetColumn } from './targetsSheet';

/** One cell as the spreadsheet reader saw it: its stored value, and whether it held a formula. */
export interface SheetCell {
  value: string | number | boolean | null;
  formula?: boolean;
}

/** The editable fields of one returned row; a field is present only when its column was in the sheet. */
export type ReturnedTarget = Partial<Pick<Target, EditableTargetField>> & {
  id: number;
  /** 1-based row number in the returned sheet, for messages. */
  rowNumber: number;
};

export interface ReturnProblem {
  severity: 'error' | 'warning';
  rowNumber: number | null;
  column: string | null;
  message: string;
}

export interface ReturnedTargets {
  rows: ReturnedTarget[];
  problems: ReturnProblem[];
}

const MISSING_MARKS = new Set(['', '—', '－', '-', '…', '...', '——']);
const STRICT_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parse the grid of a returned 目标 sheet. `knownIds` are the ids of the plan's targets: a row with any
 * other id is reported and dropped (a colleague cannot add targets through the sheet).
 */
export function parseReturnedTargets(grid: (SheetCell | null | undefined)[][], knownIds: Iterable<number>): ReturnedTargets {
  const problems: ReturnProblem[] = [];
  const header = findHeader(grid);
  if (!header) {
    problems.push({ severity: 'error', rowNumber: null, column: null, message: '未找到表头（需要含“ID”和“指标”两列）' });
    return { rows: [], problems };
  }
  const known = new Set(knownIds);
  const seen = new Set<number>();
  const rows: ReturnedTarget[] = [];
  const idColumn = header.columns.get('id')!;
  for (const column of EDITABLE_TARGET_COLUMNS) {
    if (!header.columns.has(column.key)) {
      problems.push({ severity: 'warning', rowNumber: null, column: column.header, message: `缺少“${column.header}”列，该项不比对` });
    }
  }

  for (let r = header.rowIndex + 1; r < grid.length; r++) {
    const line = grid[r] ?? [];
    const rowNumber = r + 1;
    if (line.every((c) => c == null || c.value == null || String(c.value).trim() === '')) continue;
    const idCell = line[idColumn];
    const id = parseId(idCell);
    if (id === null) {
      problems.push({ severity: 'error', rowNumber, column: 'ID', message: `ID 无效：${describe(idCell)}，此行未导入` });
      continue;
    }
    if (!known.has(id)) {
      problems.push({ severity: 'error', rowNumber, column: 'ID', message: `ID ${id} 不是本计划的目标，此行未导入` });
      continue;
    }
    if (seen.has(id)) {
      problems.push({ severity: 'error', rowNumber, column: 'ID', message: `ID ${id} 重复出现，只采用第一次出现的行` });
      continue;
    }
    seen.add(id);
    const row: ReturnedTarget = { id, rowNumber };
    for (const column of EDITABLE_TARGET_COLUMNS) {
      const index = header.columns.get(column.key);
      if (index === undefined) continue;
      const parsed = parseField(column, line[index]);
      if ('error' in parsed) {
        problems.push({ severity: 'error', rowNumber, column: column.header, message: parsed.error });
        continue;
      }
      (row as Record<string, unknown>)[column.key] = parsed.value;
    }
    rows.push(row);
  }
  return { rows, problems };
}

function findHeader(grid: (SheetCell | null | undefined)[][]): { rowIndex: number; columns: Map<keyof Target, number> } | null {
  const byHeader = new Map(TARGET_COLUMNS.map((c) => [normaliseHeader(c.header), c.key]));
  for (let r = 0; r < Math.min(grid.length, 20); r++) {
    const columns = new Map<keyof Target, number>();
    (grid[r] ?? []).forEach((cell, c) => {
      if (cell == null || typeof cell.value !== 'string') return;
      const key = byHeader.get(normaliseHeader(cell.value));
      if (key !== undefined && !columns.has(key)) columns.set(key, c);
    });
    if (columns.has('id') && columns.has('indicator')) return { rowIndex: r, columns };
  }
  return null;
}

function parseId(cell: SheetCell | null | undefined): number | null {
  if (cell == null || cell.formula) return null;
  const n = typeof cell.value === 'number' ? cell.value : typeof cell.value === 'string' ? strictNumber(cell.value) : null;
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

type Parsed = { value: unknown } | { error: string };

function parseField(column: TargetColumn, cell: SheetCell | null | undefined): Parsed {
  // A formula is refused rather than trusted: its cached result may be stale, and text is never evaluated.
  if (cell?.formula) return { error: `“${column.header}”是公式，未导入；请填写数值或文字` };
  const raw = cell?.value ?? null;
  switch (column.kind) {
    case 'number': {
      if (typeof raw === 'number') return isPlausibleNumber(raw) ? { value: raw } : { error: `“${column.header}”不是有效数字（非有限数或超出合理范围：${clip(String(raw))}） / not a valid number (not finite or beyond any statistic)` };
      if (raw === null) return { value: null };
      if (typeof raw === 'boolean') return { error: `“${column.header}”不是数字：${String(raw)}` };
      const text = raw.normalize('NFKC').trim();
      if (MISSING_MARKS.has(text)) return { value: null };
      const n = strictNumber(text);
      if (n !== null && !isPlausibleNumber(n)) return { error: `“${column.header}”不是有效数字（非有限数或超出合理范围：${clip(raw)}） / not a valid number (not finite or beyond any statistic)` };
      return n === null ? { error: `“${column.header}”不是数字：${clip(raw)}` } : { value: n };
    }
    case 'comparator':
      return parseLabel(column, raw, COMPARATORS, COMPARATOR_LABELS);
    case 'qualifier':
      return parseLabel(column, raw, QUALIFIERS, QUALIFIER_LABELS);
    case 'taskStatus': {
      const parsed = parseLabel(column, raw, TASK_STATUSES, TASK_STATUS_LABELS);
      // An emptied progress cell means "not started", not "no value".
      return 'value' in parsed && parsed.value === null ? { value: 'open' } : parsed;
    }
    default: {
      const text = raw === null ? '' : typeof raw === 'string' ? raw.trim() : String(raw);
      if (hasControlChars(text)) return { error: `“${column.header}”${controlCharMessage(text, { zh: '', en: 'The cell' })}` };
      if (column.key === 'notes') return { value: text };
      if (column.key === 'indicator' && text === '') return { error: '“指标”不能为空' };
      return { value: text === '' ? null : text };
    }
  }
}

function parseLabel<K extends Comparator | Qualifier | TaskStatus>(
  column: TargetColumn,
  raw: string | number | boolean | null,
  keys: readonly K[],
  labels: Record<K, { zh: string; en: string }>,
): Parsed {
  if (raw === null || (typeof raw === 'string' && raw.trim() === '')) return { value: null };
  const text = String(raw).normalize('NFKC').trim();
  const key = keys.find((k) => labels[k].zh === text || k === text || labels[k].en === text);
  if (key === undefined) {
    return { error: `“${column.header}”无法识别：${clip(text)}（可填：${keys.map((k) => labels[k].zh).join('、')}）` };
  }
  return { value: key };
}

function strictNumber(text: string): number | null {
  const cleaned = text.normalize('NFKC').trim().replace(/,/g, '');
  if (!STRICT_NUMBER.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : null;
}

function describe(cell: SheetCell | null | undefined): string {
  if (cell == null || cell.value === null) return '空';
  return cell.formula ? '公式' : clip(String(cell.value));
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
