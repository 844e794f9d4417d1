// A sheet that holds only notes or metadata (a 中经网 指标说明 sheet, a 说明 page): said so, never read as data.
import { parseValueText } from '../../../shared/import/cellValue';
import { cellText } from '../grid';
import { isDateFormat, type WorkbookSheet } from '../readWorkbook';

/** The reason to skip the sheet when none of its cells is a statistic (a number that is not a date); else null. */
export function metadataOnlyReason(sheet: WorkbookSheet): string | null {
  let texts = 0;
  for (const row of sheet.rows) {
    if (!row) continue;
    for (const cell of row) {
      if (!cell) continue;
      if (cell.t === 'n' && !isDateFormat(cell.z)) return null;
      const t = cellText(cell);
      if (t === '') continue;
      const v = parseValueText(t);
      // Years and codes written alone are metadata too; only a number among text rows would be a value.
      if (v.kind === 'number' && !/^\d{4}([-/.]\d{1,2}){0,2}$/.test(t) && !/^\d{6,}$/.test(t)) return null;
      texts++;
    }
  }
  if (texts === 0) return null;
  return '只有说明或元数据（指标名称、频度、单位、来源等），没有数值，未作为数据读取 / Holds only notes or metadata (names, frequency, unit, source), no values; not read as data';
}
