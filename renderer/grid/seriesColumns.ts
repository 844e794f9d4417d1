// Column definitions of the series list and of one series' observations (every vintage, the cell it came from).
import type { ColDef } from 'ag-grid-community';
import { FREQUENCIES, MEASURE_LABELS, type Frequency, type Measure, type Observation, type Series } from '../../shared/domain/series';
import type { Lang } from '../i18n';
import { periodText } from '../import/periodText';

const FREQUENCY_LABELS: Record<Frequency, [string, string]> = { monthly: ['月度', 'Monthly'], quarterly: ['季度', 'Quarterly'], yearly: ['年度', 'Yearly'] };

export function frequencyText(f: Frequency, lang: Lang): string {
  return FREQUENCY_LABELS[f][lang === 'zh' ? 0 : 1];
}

export function seriesColumns(lang: Lang): ColDef<Series>[] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  const period = (p: { data?: Series; value?: unknown }) => (p.data && typeof p.value === 'string' ? periodText(p.value, p.data.measure, lang) : '');
  return [
    { field: 'name', headerName: t('指标', 'Indicator'), width: 170, filter: 'agTextColumnFilter', pinned: 'left' },
    { field: 'label', headerName: t('指标（原文）', 'As written'), flex: 1, minWidth: 220, filter: 'agTextColumnFilter', tooltipField: 'label' },
    { field: 'unit', headerName: t('单位', 'Unit'), width: 110 },
    { field: 'measure', headerName: t('口径', 'Measure'), width: 130, valueFormatter: (p) => (p.value ? MEASURE_LABELS[p.value as Measure][lang] : '') },
    { field: 'frequency', headerName: t('频度', 'Frequency'), width: 96, valueFormatter: (p) => (p.value && FREQUENCIES.includes(p.value as Frequency) ? frequencyText(p.value as Frequency, lang) : '') },
    { field: 'region', headerName: t('地区', 'Region'), width: 120 },
    { field: 'firstPeriod', headerName: t('起始时期', 'First period'), width: 120, valueFormatter: period },
    { field: 'lastPeriod', headerName: t('最新时期', 'Latest period'), width: 120, valueFormatter: period },
    { field: 'observationCount', headerName: t('期数', 'Periods'), width: 80, type: 'rightAligned' },
    { field: 'lastBatchId', headerName: t('来源批次', 'Source batch'), width: 100, type: 'rightAligned' },
  ];
}

export function observationColumns(lang: Lang, measure: Measure): ColDef<Observation>[] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return [
    { field: 'period', headerName: t('时期', 'Period'), width: 120, valueFormatter: (p) => (typeof p.value === 'string' ? periodText(p.value, measure, lang) : '') },
    { field: 'value', headerName: t('数值', 'Value'), width: 90, type: 'rightAligned' },
    {
      field: 'current',
      headerName: t('版本', 'Vintage'),
      width: 110,
      valueFormatter: (p) => (p.data ? (p.data.current ? t(`现行（第${p.data.vintage}版）`, `Current (v${p.data.vintage})`) : t(`早期第${p.data.vintage}版`, `Earlier v${p.data.vintage}`)) : ''),
    },
    { colId: 'file', headerName: t('文件', 'File'), flex: 1, minWidth: 100, valueGetter: (p) => p.data?.source.file ?? '', tooltipValueGetter: (p) => p.data?.source.file ?? '' },
    { colId: 'cell', headerName: t('工作表!单元格', 'Sheet!Cell'), width: 110, valueGetter: (p) => (p.data ? `${p.data.source.sheet}!${p.data.source.cell}` : '') },
    { field: 'batchId', headerName: t('批次', 'Batch'), width: 64, type: 'rightAligned' },
  ];
}
