// The AG Grid modules the views use, and no others: AllCommunityModule registers some forty, most unused here, and
// every one adds code the page must evaluate and services each grid starts. A grid option, column property or API
// call whose module is missing is reported by AG Grid as console error #200 and leaves the feature dead;
// tests/e2e/startup.e2e.test.ts opens every view and fails on any AG Grid console error.
import {
  CellApiModule,
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  LargeTextEditorModule,
  LocaleModule,
  ModuleRegistry,
  QuickFilterModule,
  RowApiModule,
  RowSelectionModule,
  RowStyleModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
  TooltipModule,
  type Module,
} from 'ag-grid-community';

export const GRID_MODULES: readonly Module[] = [
  ClientSideRowModelModule,
  // applyTransaction (targets after an edit), forEachNodeAfterFilterAndSort (paste, 导出当前视图).
  ClientSideRowModelApiModule,
  // getRowNode, getSelectedNodes's neighbours; getAllDisplayedColumns, getDisplayNameForColumn; getCellValue.
  RowApiModule,
  ColumnApiModule,
  CellApiModule,
  // filter: 'agTextColumnFilter' on the targets, series, plan-import and import-history columns; the search boxes.
  TextFilterModule,
  QuickFilterModule,
  // The targets and plan-import grids' editors: text, the comparator/qualifier/progress/direction lists, notes.
  TextEditorModule,
  SelectEditorModule,
  LargeTextEditorModule,
  RowSelectionModule,
  // cellClass/cellClassRules (status colours), rowClassRules/getRowClass (earlier revisions, undone batches).
  CellStyleModule,
  RowStyleModule,
  TooltipModule,
  // localeText: AG_GRID_LOCALE_CN.
  LocaleModule,
];

export function registerGridModules(): void {
  ModuleRegistry.registerModules([...GRID_MODULES]);
}
