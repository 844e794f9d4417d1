// The targets grid hands AG Grid only the options that changed between renders (renderer/grid/VanillaGrid.tsx):
// what changed by reference is passed, with its new value; what kept its identity is not; an option dropped from the
// options is passed as undefined, so the grid forgets it; and the unit tooltip reads the known units when it shows,
// so the columns need not be made again when the units arrive.
import { describe, expect, it } from 'vitest';
import type { ColDef, GridOptions, ITooltipParams } from 'ag-grid-community';
import { changedGridOptions } from '../../renderer/grid/changedGridOptions';
import { targetColumns } from '../../renderer/grid/targetColumns';
import type { Target } from '../../shared/domain/target';

type Row = { id: number };

describe('changedGridOptions', () => {
  const rowSelection = { mode: 'multiRow' } as const;
  const defaultColDef = { sortable: true };
  const getRowId = () => '1';

  it('passes nothing when every option kept its identity', () => {
    const rows: Row[] = [{ id: 1 }];
    const a: GridOptions<Row> = { rowData: rows, rowSelection, defaultColDef, getRowId, loading: false };
    expect(changedGridOptions(a, { ...a })).toBeNull();
  });

  it('passes the options that changed, with their new values, and only those', () => {
    const before: GridOptions<Row> = { rowData: undefined, loading: true, rowSelection, defaultColDef, getRowId, quickFilterText: '' };
    const rows: Row[] = [{ id: 1 }, { id: 2 }];
    const now: GridOptions<Row> = { rowData: rows, loading: false, rowSelection, defaultColDef, getRowId, quickFilterText: '' };
    expect(changedGridOptions(before, now)).toEqual({ rowData: rows, loading: false });
    expect(changedGridOptions(before, now)?.rowData).toBe(rows);
  });

  it('counts an equal object made afresh as changed, as AG Grid’s React wrapper does', () => {
    const before: GridOptions<Row> = { defaultColDef: { sortable: true } };
    const now: GridOptions<Row> = { defaultColDef: { sortable: true } };
    expect(changedGridOptions(before, now)).toEqual({ defaultColDef: { sortable: true } });
  });

  it('passes an option left out as undefined', () => {
    const before: GridOptions<Row> = { localeText: { noRowsToShow: '无数据' }, tooltipShowDelay: 400 };
    const now: GridOptions<Row> = { tooltipShowDelay: 400 };
    const changed = changedGridOptions(before, now)!;
    expect(Object.keys(changed)).toEqual(['localeText']);
    expect(changed.localeText).toBeUndefined();
  });
});

describe('the targets grid’s unit tooltip', () => {
  const unitTooltip = (columns: ColDef<Target>[]) => columns.find((c) => c.field === 'unit')!.tooltipValueGetter!({} as ITooltipParams<Target>);

  it('reads the known units when it shows, in either language', () => {
    let known: string[] = [];
    const zh = targetColumns('zh', () => known);
    const en = targetColumns('en', () => known);
    expect(unitTooltip(zh)).toBe('可用单位：…');
    known = ['%', '亿元'];
    expect(unitTooltip(zh)).toBe('可用单位：%、亿元…');
    expect(unitTooltip(en)).toBe('Known units: %, 亿元…');
  });

  it('names at most 40 units', () => {
    const known = Array.from({ length: 45 }, (_, i) => `u${i}`);
    const text = unitTooltip(targetColumns('en', () => known)) as string;
    expect(text.split(', ')).toHaveLength(40);
    expect(text.endsWith('u39…')).toBe(true);
  });
});
