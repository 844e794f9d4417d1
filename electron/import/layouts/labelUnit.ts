// What a row label says (name, measure, unit), with the unit column's word taking precedence when the
// table has one: shared by the grid layouts (wide, analyst) and the long layout.
import { canonicalUnit } from '../../../shared/domain/units';
import { parseIndicatorLabel } from '../../../shared/import/indicatorLabel';
import { cellText } from '../grid';
import type { SheetCell } from '../readWorkbook';

export function readLabelAndUnit(label: string, row: readonly (SheetCell | undefined)[], unitColumn: number | null) {
  const info = parseIndicatorLabel(label);
  let unit = info.unit;
  let unitKnown = info.unitKnown;
  if (unitColumn !== null) {
    const written = cellText(row[unitColumn]);
    if (written !== '') {
      unit = canonicalUnit(written) ?? written;
      unitKnown = canonicalUnit(written) !== null;
    }
  }
  return { info, unit, unitKnown };
}
