// The unit of each figure of a variance row, for 导出当前视图: actual, target, projections and the amount
// still required are in the row's unit (`%`, `亿吨`); the gap in its own (`个百分点`, or the unit for levels
// measured in it). Cells of other columns have no per-row unit (undefined).
import type { VarianceRow } from '../../shared/variance/types';

const IN_ACTUAL_UNIT = new Set(['actual', 'target', 'projectionRunRate', 'projectionSeasonal', 'required']);

export function varianceCellUnit(colId: string, data: unknown): string | null | undefined {
  const row = data as VarianceRow | undefined;
  if (!row) return undefined;
  if (colId === 'gap') return row.gapUnit;
  if (IN_ACTUAL_UNIT.has(colId)) return row.actualUnit;
  return undefined;
}
