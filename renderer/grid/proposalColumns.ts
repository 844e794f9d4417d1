// Column definitions of the proposed-targets grid in the plan import view: an accept box, the proposal number,
// the editable fields (checked like the targets grid), and the source sentence.
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { COMPARATOR_LABELS, KIND_LABELS, PLAN_SCOPE_LABELS, QUALIFIER_LABELS, type TargetDraft, type TargetKind } from '../../shared/domain/target';
import type { EditableTargetField } from '../../shared/domain/target';
import type { Lang } from '../i18n';
import { AcceptCell } from '../components/planImport/AcceptCell';

/** A proposal under review: the draft, its 1-based number in document order, and the analyst's verdict. */
export interface ProposalRow extends TargetDraft {
  no: number;
  accepted: boolean;
}

/** The fields the analyst may correct before committing (notes and tolerance come later, in the targets view). */
export const PROPOSAL_EDITABLE = ['indicator', 'value', 'valueLow', 'valueHigh', 'unit', 'comparator', 'qualifier', 'basis'] as const satisfies readonly EditableTargetField[];
export type ProposalField = (typeof PROPOSAL_EDITABLE)[number];

export function isProposalField(field: string | undefined): field is ProposalField {
  return (PROPOSAL_EDITABLE as readonly string[]).includes(field ?? '');
}

/** `本年目标`, `回顾 2025`, `远景 →2030`: the part of the document a row is from. */
export function scopeText(row: Pick<TargetDraft, 'scope' | 'year' | 'endYear'>, lang: Lang): string {
  const scope = row.scope ?? 'plan_year';
  const label = PLAN_SCOPE_LABELS[scope][lang];
  if (scope === 'review') return row.year ? `${label} ${row.year}` : label;
  if (scope === 'outlook') return row.endYear ? `${label} →${row.endYear}` : label;
  return label;
}

/** Where else the plan states the same target, with how each statement differs. */
export function alsoStatedText(row: Pick<TargetDraft, 'alsoStatedAt'>, lang: Lang): string {
  return (row.alsoStatedAt ?? [])
    .map((s) => {
      const diff = s.differences.length > 0 ? (lang === 'zh' ? `（不同：${s.differences.join('；')}）` : ` (differs: ${s.differences.join('; ')})`) : '';
      return `${s.section}：${s.quote}${diff}`;
    })
    .join('\n');
}

const numberText = (p: ValueFormatterParams<ProposalRow, number | null>) => (p.value === null || p.value === undefined ? '' : String(p.value));

export function proposalColumns(lang: Lang, units: string[]): ColDef<ProposalRow>[] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  /** English words are wider than their Chinese labels. */
  const w = (zh: number, en: number) => (lang === 'zh' ? zh : en);
  const number = (field: 'value' | 'valueLow' | 'valueHigh', zh: string, en: string, width: number): ColDef<ProposalRow> => ({
    field,
    headerName: t(zh, en),
    width,
    editable: true,
    type: 'rightAligned',
    valueFormatter: numberText,
    cellEditor: 'agTextCellEditor',
  });
  return [
    { field: 'accepted', headerName: t('接受', 'Accept'), width: w(60, 76), pinned: 'left', cellRenderer: AcceptCell, sortable: true },
    { field: 'no', headerName: '#', width: 56, pinned: 'left', type: 'rightAligned' },
    { field: 'section', headerName: t('章节', 'Section'), width: 88, filter: 'agTextColumnFilter' },
    {
      colId: 'scope',
      headerName: t('部分', 'Part'),
      width: w(118, 150),
      valueGetter: (p) => (p.data ? scopeText(p.data, lang) : ''),
      headerTooltip: t('本年目标才导入；回顾为往年实绩，远景为多年目标，仅供参考', 'Only plan-year targets are imported; review items are past results, outlook items multi-year goals, shown for context'),
    },
    { field: 'indicator', headerName: t('指标', 'Indicator'), width: 190, editable: true, filter: 'agTextColumnFilter', tooltipField: 'indicator' },
    {
      field: 'kind',
      headerName: t('类型', 'Kind'),
      width: w(76, 104),
      valueFormatter: (p) => (p.value ? KIND_LABELS[p.value as TargetKind][lang] : ''),
      filterValueGetter: (p) => (p.data ? KIND_LABELS[p.data.kind][lang] : ''),
    },
    number('value', '目标值', 'Value', 80),
    number('valueLow', '下限', 'Low', 60),
    number('valueHigh', '上限', 'High', 60),
    {
      field: 'unit',
      headerName: t('单位', 'Unit'),
      width: 76,
      editable: true,
      cellEditor: 'agTextCellEditor',
      tooltipValueGetter: () => t(`可用单位：${units.slice(0, 40).join('、')}…`, `Known units: ${units.slice(0, 40).join(', ')}…`),
    },
    {
      field: 'comparator',
      headerName: t('比较', 'Comparator'),
      width: w(76, 100),
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['', 'about', 'at_least', 'at_most', 'reach', 'exceed', 'stable', 'range'] },
      refData: Object.fromEntries(Object.entries(COMPARATOR_LABELS).map(([k, v]) => [k, v[lang]])),
    },
    {
      field: 'qualifier',
      headerName: t('约束', 'Qualifier'),
      width: w(70, 88),
      editable: true,
      cellEditor: 'agSelectCellEditor',
      cellEditorParams: { values: ['', 'strive', 'ensure'] },
      refData: Object.fromEntries(Object.entries(QUALIFIER_LABELS).map(([k, v]) => [k, v[lang]])),
    },
    { field: 'basis', headerName: t('口径', 'Basis'), width: 84, editable: true },
    {
      colId: 'alsoStatedAt',
      headerName: t('另见', 'Also at'),
      width: w(80, 90),
      valueGetter: (p) => (p.data?.alsoStatedAt ?? []).map((s) => s.section).join('、'),
      tooltipValueGetter: (p) => (p.data ? alsoStatedText(p.data, lang) : ''),
      headerTooltip: t('同一目标在计划中再次出现的位置；两处不同时取较严格的表述', 'Where the plan states the same target again; where they differ the stricter reading is kept'),
    },
    { field: 'quote', headerName: t('原文', 'Source sentence'), flex: 1, minWidth: 240, tooltipField: 'quote' },
  ];
}
