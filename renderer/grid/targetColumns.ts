// Column definitions of the targets grid: which fields show, in what words, and which are editable.
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import {
  COMPARATOR_LABELS,
  DIRECTION_LABELS,
  KIND_LABELS,
  QUALIFIER_LABELS,
  TARGET_DIRECTIONS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type Target,
  type TargetKind,
} from '../../shared/domain/target';
import { directionOf } from '../../shared/domain/direction';
import { formatSectionZh } from '../../shared/format/chinese';
import type { Lang } from '../i18n';

const EDITABLE = new Set(['indicator', 'value', 'valueLow', 'valueHigh', 'unit', 'comparator', 'qualifier', 'basis', 'notes', 'tolerance', 'taskStatus', 'direction']);

export function isEditableColumn(field: string | undefined): boolean {
  return field !== undefined && EDITABLE.has(field);
}

const numberText = (p: ValueFormatterParams<Target, number | null>) => (p.value === null || p.value === undefined ? '' : String(p.value));

/**
 * `knownUnits` is read when the unit tooltip shows, not when the columns are made: the columns then stay the same
 * object when the known units arrive, and the grid does not rebuild its columns (a second setup of every column and
 * header on the first screen) for a tooltip's text.
 */
export function targetColumns(lang: Lang, knownUnits: () => readonly string[]): ColDef<Target>[] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return [
    { field: 'section', headerName: t('章节', 'Section'), width: 110, filter: 'agTextColumnFilter', pinned: 'left', valueFormatter: (p) => formatSectionZh(String(p.value ?? '')) },
    { field: 'indicator', headerName: t('指标', 'Indicator'), width: 220, editable: true, filter: 'agTextColumnFilter', pinned: 'left' },
    {
      field: 'kind',
      headerName: t('类型', 'Kind'),
      width: 96,
      filter: 'agTextColumnFilter',
      valueFormatter: (p) => (p.value ? KIND_LABELS[p.value as TargetKind][lang] : ''),
      filterValueGetter: (p) => (p.data ? KIND_LABELS[p.data.kind][lang] : ''),
    },
    {
      field: 'taskStatus',
      headerName: t('进展', 'Progress'),
      width: 92,
      editable: true,
      filter: 'agTextColumnFilter',
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...TASK_STATUSES] },
      refData: Object.fromEntries(Object.entries(TASK_STATUS_LABELS).map(([k, v]) => [k, v[lang]])),
      filterValueGetter: (p) => (p.data ? TASK_STATUS_LABELS[p.data.taskStatus][lang] : ''),
      cellClass: (p) => `task-status task-${p.value as string}`,
    },
    { field: 'value', headerName: t('目标值', 'Value'), width: 96, editable: true, type: 'rightAligned', valueFormatter: numberText, cellEditor: 'agTextCellEditor' },
    { field: 'valueLow', headerName: t('下限', 'Low'), width: 80, editable: true, type: 'rightAligned', valueFormatter: numberText, cellEditor: 'agTextCellEditor' },
    { field: 'valueHigh', headerName: t('上限', 'High'), width: 80, editable: true, type: 'rightAligned', valueFormatter: numberText, cellEditor: 'agTextCellEditor' },
    {
      field: 'unit',
      headerName: t('单位', 'Unit'),
      width: 96,
      editable: true,
      cellEditor: 'agTextCellEditor',
      tooltipValueGetter: () => t(`可用单位：${knownUnits().slice(0, 40).join('、')}…`, `Known units: ${knownUnits().slice(0, 40).join(', ')}…`),
    },
    {
      field: 'comparator',
      headerName: t('比较', 'Comparator'),
      width: 96,
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['', 'about', 'at_least', 'at_most', 'reach', 'exceed', 'stable', 'range'] },
      refData: Object.fromEntries(Object.entries(COMPARATOR_LABELS).map(([k, v]) => [k, v[lang]])),
    },
    {
      field: 'qualifier',
      headerName: t('约束', 'Qualifier'),
      width: 84,
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['', 'strive', 'ensure'] },
      refData: Object.fromEntries(Object.entries(QUALIFIER_LABELS).map(([k, v]) => [k, v[lang]])),
    },
    {
      // Which way is good: status and gap colour follow it (an unemployment rate below its target is good news).
      field: 'direction',
      headerName: t('方向', 'Direction'),
      width: 96,
      editable: true,
      filter: 'agTextColumnFilter',
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: [...TARGET_DIRECTIONS] },
      valueGetter: (p) => (p.data ? directionOf(p.data) : null),
      refData: Object.fromEntries(Object.entries(DIRECTION_LABELS).map(([k, v]) => [k, v[lang]])),
      filterValueGetter: (p) => (p.data ? DIRECTION_LABELS[directionOf(p.data)][lang] : ''),
      tooltipValueGetter: () => t('越高越好（下限）、越低越好（上限，如失业率、价格涨幅、单位GDP能耗）、区间', 'Higher is better (a floor), lower is better (a ceiling: unemployment, prices, energy per unit of GDP), band'),
    },
    { field: 'basis', headerName: t('口径', 'Basis'), width: 96, editable: true },
    { field: 'tolerance', headerName: t('容差(个百分点)', 'Tolerance (pp)'), width: 110, editable: true, type: 'rightAligned', valueFormatter: numberText, cellEditor: 'agTextCellEditor' },
    { field: 'notes', headerName: t('备注', 'Notes'), width: 200, editable: true, cellEditor: 'agLargeTextCellEditor', cellEditorPopup: true },
    { field: 'quote', headerName: t('原文', 'Source sentence'), flex: 1, minWidth: 260, tooltipField: 'quote' },
  ];
}
