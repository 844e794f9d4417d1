// 导出当前视图: any grid's displayed columns (in order, with their headers) and its rows after filtering and
// sorting, written by the service as a formatted one-sheet workbook and downloaded.
import { useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { WorkbenchClient } from '../../../shared/contract';
import { gridViewOf, type GridViewOptions } from '../../handoff/gridView';
import { saveBase64, XLSX_MIME } from '../../handoff/saveFile';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../messages';
import type { Message } from '../MessageBar';

export interface GridViewExportButtonProps<T> extends Omit<GridViewOptions, 'subtitle'> {
  client: WorkbenchClient;
  gridApi: () => GridApi<T> | undefined;
  /** A line under the title (the cut-off, say); the filter in use is added to it. */
  subtitle?: string;
  onMessage: (message: Message) => void;
  disabled?: boolean;
}

export function GridViewExportButton<T>({ client, gridApi, title, subtitle, typeOf, unitOf, cellUnitOf, onMessage, disabled }: GridViewExportButtonProps<T>) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    const api = gridApi();
    if (!api) return;
    setBusy(true);
    try {
      const quick = String(api.getGridOption('quickFilterText') ?? '').trim();
      const filtered = quick !== '' || api.isAnyFilterPresent();
      const filterNote = filtered ? t(`已筛选${quick ? `：“${quick}”` : ''}`, `Filtered${quick ? `: "${quick}"` : ''}`) : '';
      const view = gridViewOf(api, { title, subtitle: [subtitle, filterNote].filter(Boolean).join('　') || undefined, typeOf, unitOf, cellUnitOf });
      const res = await client.call('exportGridView', { view });
      saveBase64(res.fileName, res.dataBase64, XLSX_MIME);
      onMessage({ kind: 'info', text: t(`已导出当前视图：${view.rows.length} 行，${view.columns.length} 列`, `Exported the current view: ${view.rows.length} rows, ${view.columns.length} columns`) });
    } catch (e) {
      onMessage(errorMessage(e, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <button type="button" onClick={() => void run()} disabled={busy || disabled} data-testid="export-view" title={t('按当前的列顺序、筛选和排序导出', 'Columns, filter and sort as shown')}>
      {busy ? t('导出中…', 'Exporting…') : t('导出当前视图', 'Export view')}
    </button>
  );
}
