// One value cell of a sheet read as a number, as missing (never 0), or as a problem: shared by every layout so a
// cell reads the same whichever way the table runs. Percent formats (0.081 shown as 8.1%) come back in percent.
import { fractionToPercent, parseValueText } from '../../../shared/import/cellValue';
import { cellText } from '../grid';
import { isPercentFormat, type SheetCell } from '../readWorkbook';
import type { ProblemCode } from './problems';

export type ReadValue =
  | { kind: 'missing' }
  | { kind: 'number'; value: number; percent: boolean }
  | { kind: 'problem'; code: ProblemCode; text: string; reason?: string };

const MISSING: ReadValue = { kind: 'missing' };

/** Number formats repeat across a sheet: remember which are percent formats. */
export function percentFormatCache(): (z: string | number | undefined) => boolean {
  const known = new Map<string, boolean>();
  return (z) => {
    if (z === undefined || z === 'General') return false;
    const key = String(z);
    let hit = known.get(key);
    if (hit === undefined) known.set(key, (hit = isPercentFormat(z)));
    return hit;
  };
}

/**
 * The common cell, a finite number in a format that is not a percent: its value, which readValueCell gives as
 * `{ kind: 'number', value, percent: false }`; undefined for any other cell. Without an answer object, for the hot
 * loop of a grid (a million cells in the benchmark, each object an allocation the GC then chases).
 */
export function plainNumberCell(cell: SheetCell, isPercent: (z: string | number | undefined) => boolean): number | undefined {
  const v = cell.v;
  return cell.t === 'n' && typeof v === 'number' && Number.isFinite(v) && !isPercent(cell.z) ? v : undefined;
}

export function readValueCell(cell: SheetCell | undefined, isPercent: (z: string | number | undefined) => boolean): ReadValue {
  if (cell === undefined) return MISSING;
  const plain = plainNumberCell(cell, isPercent);
  if (plain !== undefined) return { kind: 'number', value: plain, percent: false };
  if (cell.t === 'n' && typeof cell.v === 'number') {
    if (!Number.isFinite(cell.v)) return { kind: 'problem', code: 'not_finite', text: String(cell.v) };
    return { kind: 'number', value: fractionToPercent(cell.v), percent: true };
  }
  if (cell.t === 's' && typeof cell.v === 'string') {
    const parsed = parseValueText(cell.v);
    if (parsed.kind === 'missing') return MISSING;
    if (parsed.kind === 'flagged') return { kind: 'problem', code: parsed.code, text: cell.v, reason: parsed.reason };
    return { kind: 'number', value: parsed.value, percent: parsed.percent };
  }
  if (cell.t === 'z' || cell.v === undefined || cell.v === null) return MISSING;
  if (cell.t === 'e') return { kind: 'problem', code: 'error_cell', text: cellText(cell) };
  return { kind: 'problem', code: cell.t === 'b' ? 'boolean' : 'text', text: cellText(cell) };
}
