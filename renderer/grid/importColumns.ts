// Column definitions of the import preview (the observations a file will create) and of the import history.
import type { ColDef } from 'ag-grid-community';
import type { PreviewObservation } from '../../shared/contract/importCalls';
import { MEASURE_LABELS, type ImportBatch } from '../../shared/domain/series';
import type { Lang } from '../i18n';
import { periodText } from '../import/periodText';

/** `修订 300 → 301`, `新增`, `未变`: what the value does to the stored series. */
export function changeText(o: PreviewObservation, lang: Lang): string {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  if (o.change === 'revised') return `${t('修订', 'revised')} ${o.oldValue} → ${o.value}`;
  return o.change === 'new' ? t('新增', 'new') : t('未变', 'unchanged');
}

export function previewColumns(lang: Lang): ColDef<PreviewObservation>[] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  // The value and its period come first after the label: on a narrow window they must not scroll out of sight.
  return [
    { field: 'cell', headerName: t('单元格', 'Cell'), width: 100, valueGetter: (p) => (p.data ? `${p.data.sheet}!${p.data.cell}` : ''), pinned: 'left' },
    { field: 'label', headerName: t('指标（原文）', 'Indicator (as written)'), flex: 1, minWidth: 200, filter: 'agTextColumnFilter', tooltipField: 'label' },
    { field: 'period', headerName: t('时期', 'Period'), width: 120, valueFormatter: (p) => (p.data ? periodText(p.data.period, p.data.measure, lang) : '') },
    { field: 'value', headerName: t('数值', 'Value'), width: 100, type: 'rightAligned' },
    {
      field: 'change',
      headerName: t('与库中相比', 'Against the store'),
      width: 150,
      valueFormatter: (p) => (p.data ? changeText(p.data, lang) : ''),
      cellClass: (p) => (p.data ? `change-${p.data.change}` : ''),
      filter: true,
    },
    { field: 'region', headerName: t('地区', 'Region'), width: 110, valueFormatter: (p) => (p.value ? String(p.value) : '—') },
    { field: 'unit', headerName: t('单位', 'Unit'), width: 110 },
    { field: 'measure', headerName: t('口径', 'Measure'), width: 90, valueFormatter: (p) => (p.value ? MEASURE_LABELS[p.value as PreviewObservation['measure']][lang] : '') },
    { field: 'sourcePeriod', headerName: t('原表时期', 'Period as written'), width: 120 },
    { field: 'name', headerName: t('指标', 'Indicator'), width: 150, filter: 'agTextColumnFilter' },
  ];
}

export function batchColumns(lang: Lang): ColDef<ImportBatch>[] {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  return [
    { field: 'id', headerName: t('批次', 'Batch'), width: 80 },
    { field: 'fileName', headerName: t('文件', 'File'), flex: 1, minWidth: 200, tooltipField: 'fileName' },
    { field: 'importedAt', headerName: t('导入时间', 'Imported at'), width: 170, valueFormatter: (p) => (p.value ? new Date(String(p.value)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : '') },
    { field: 'seriesCount', headerName: t('指标序列', 'Series'), width: 100, type: 'rightAligned' },
    { field: 'observationCount', headerName: t('写入数值', 'Values written'), width: 110, type: 'rightAligned' },
    { field: 'skippedCount', headerName: t('跳过单元格', 'Cells skipped'), width: 110, type: 'rightAligned' },
    { field: 'undone', headerName: t('状态', 'State'), width: 100, valueFormatter: (p) => (p.value ? t('已撤销', 'Undone') : t('有效', 'In force')), cellClass: (p) => (p.value ? 'muted' : '') },
  ];
}
