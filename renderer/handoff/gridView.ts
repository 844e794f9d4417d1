// The grid as the analyst sees it, for 导出当前视图: the displayed columns in their order with their header
// names, and the rows after filtering and sorting. Numbers stay numbers; other cells are the text shown.
import type { Column, GridApi, IRowNode } from 'ag-grid-community';
import type { GridColumnType, GridView } from '../../shared/export/types';

export interface GridViewOptions {
  title: string;
  subtitle?: string;
  /** A column's type when the values alone do not tell (a rate, a gap in pp, a status); default: by the values. */
  typeOf?: (colId: string) => GridColumnType | undefined;
  unitOf?: (colId: string) => string | undefined;
  /**
   * For columns whose unit varies by row (a target's actual in %, the next in 亿吨): the cell's unit, so the
   * number goes out as a number with its unit in the number format rather than as the text shown.
   */
  cellUnitOf?: (colId: string, data: unknown) => string | null | undefined;
}

/** The hidden row field carrying a cell's unit. */
export const unitFieldOf = (colId: string) => `${colId}__unit`;

/** A grid view whose cells are plain values, as the contract carries them. */
export type GridViewData = Omit<GridView, 'rows'> & { rows: Record<string, string | number | boolean | null>[] };

export function gridViewOf<T>(api: GridApi<T>, options: GridViewOptions): GridViewData {
  const columns = api.getAllDisplayedColumns().filter((c) => !c.getColDef().checkboxSelection && c.getColId() !== 'ag-Grid-SelectionColumn');
  const nodes: IRowNode<T>[] = [];
  api.forEachNodeAfterFilterAndSort((n) => {
    if (n.data && !n.group) nodes.push(n);
  });
  const raw = (node: IRowNode<T>, col: Column) => api.getCellValue({ rowNode: node, colKey: col });
  const shown = (node: IRowNode<T>, col: Column) => api.getCellValue({ rowNode: node, colKey: col, useFormatter: true });
  const types = columns.map((col) => {
    const given = options.typeOf?.(col.getColId());
    if (given) return given;
    // Numeric when every value present is a number; otherwise the text the grid shows.
    let numbers = 0;
    let others = 0;
    for (const node of nodes) {
      const v = raw(node, col);
      if (v === null || v === undefined || v === '') continue;
      if (typeof v === 'number') numbers++;
      else others++;
    }
    return numbers > 0 && others === 0 ? 'number' : 'text';
  });
  const perRowUnit = columns.map((col) => options.cellUnitOf !== undefined && nodes.some((n) => options.cellUnitOf!(col.getColId(), n.data) !== undefined));
  const rows = nodes.map((node) => {
    const row: Record<string, string | number | boolean | null> = {};
    columns.forEach((col, i) => {
      if (perRowUnit[i]) row[unitFieldOf(col.getColId())] = options.cellUnitOf!(col.getColId(), node.data) ?? null;
      const numeric = types[i] !== 'text' && types[i] !== 'status' && types[i] !== 'date';
      const v = numeric ? raw(node, col) : types[i] === 'status' ? raw(node, col) : shown(node, col);
      row[col.getColId()] = v === undefined || v === '' ? null : typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
    });
    return row;
  });
  return {
    title: options.title,
    subtitle: options.subtitle,
    columns: columns.map((col, i) => ({
      field: col.getColId(),
      headerName: api.getDisplayNameForColumn(col, 'header') ?? col.getColId(),
      unit: options.unitOf?.(col.getColId()),
      type: types[i],
      ...(perRowUnit[i] ? { unitField: unitFieldOf(col.getColId()) } : {}),
    })),
    rows,
  };
}
