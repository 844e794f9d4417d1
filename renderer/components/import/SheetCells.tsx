// The top-left cells of a sheet with the mapping drawn over them: the header row, the label and unit columns,
// the period columns, the data rows, rows the analyst skips, and problem cells in red (reason on hover).
import { isColumnsMapping, isGridMapping, type CellProblem, type SheetMapping } from '../../../shared/import/mapping';
import { columnLetter } from '../../import/mappingDraft';
import { parseCellAddress } from '../../../shared/sheet/cellAddress';
import { pickMessage, useI18n } from '../../i18n';

function cellIndex(ref: string): [number, number] | null {
  const at = parseCellAddress(ref);
  return at ? [at.row, at.column] : null;
}

export function SheetCells({ rows, mapping, problems }: { rows: string[][]; mapping: SheetMapping | null; problems: CellProblem[] }) {
  const { t, lang } = useI18n();
  const width = Math.max(1, ...rows.map((r) => r.length));
  const problemAt = new Map<string, CellProblem>();
  for (const p of problems) {
    const at = cellIndex(p.cell);
    if (at) problemAt.set(`${at[0]},${at[1]}`, p);
  }
  const grid = mapping && isGridMapping(mapping) ? mapping : null;
  const down = mapping && isColumnsMapping(mapping) ? mapping : null;
  const periodCols = new Set(grid ? grid.periodColumns.map((p) => p.column) : down ? down.seriesColumns.filter((s) => !s.skip).map((s) => s.column) : []);
  const skipped = new Set(grid ? grid.rowOverrides.filter((o) => o.skip).map((o) => o.row) : []);
  const labelCol = mapping ? (mapping.layout === 'long' ? mapping.indicatorColumn : grid ? grid.labelColumn : down!.periodColumn) : -1;
  const unitCol = mapping?.layout === 'long' ? (mapping.unitColumn ?? -1) : grid ? (grid.unitColumn ?? -1) : -1;
  const longCols = mapping?.layout === 'long' ? new Set([mapping.periodColumn, mapping.valueColumn]) : new Set<number>();

  const classFor = (r: number, c: number): string => {
    const cls: string[] = [];
    if (mapping) {
      if (r === mapping.headerRow) cls.push('m-header');
      if (grid && r === grid.yearRow) cls.push('m-year');
      const inData = r >= mapping.firstDataRow && r <= mapping.lastDataRow;
      if (!inData && r > mapping.headerRow) cls.push('m-outside');
      if (inData && skipped.has(r)) cls.push('m-skipped');
      if (c === labelCol && (r === mapping.headerRow || inData)) cls.push('m-label');
      if (c === unitCol && (r === mapping.headerRow || inData)) cls.push('m-unit');
      if ((periodCols.has(c) || longCols.has(c)) && (r === mapping.headerRow || inData)) cls.push('m-period');
    }
    if (problemAt.has(`${r},${c}`)) cls.push('m-problem');
    return cls.join(' ');
  };

  return (
    <div className="sheet-cells" data-testid="sheet-cells">
      <div className="legend">
        <span className="m-header">{t('表头行', 'Header row')}</span>
        <span className="m-label">{t('指标名称列', 'Label column')}</span>
        <span className="m-unit">{t('单位列', 'Unit column')}</span>
        <span className="m-period">{t('时期列', 'Period columns')}</span>
        <span className="m-skipped">{t('跳过的行', 'Skipped rows')}</span>
        <span className="m-problem">{t('有问题的单元格', 'Problem cells')}</span>
      </div>
      <div className="sheet-scroll">
        <table>
          <thead>
            <tr>
              <th />
              {Array.from({ length: width }, (_, c) => (
                <th key={c}>{columnLetter(c)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, r) => (
              <tr key={r}>
                <th>{r + 1}</th>
                {Array.from({ length: width }, (_, c) => {
                  const p = problemAt.get(`${r},${c}`);
                  return (
                    <td key={c} className={classFor(r, c)} title={p ? `${p.cell}: ${pickMessage(p.reason, lang)}` : undefined}>
                      {row[c] ?? ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
