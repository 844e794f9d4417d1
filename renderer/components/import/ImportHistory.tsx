// The import history: every batch with its counts, and "undo this import" (after a confirmation) for those in force.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { WorkbenchClient } from '../../../shared/contract';
import type { ImportBatch } from '../../../shared/domain/series';
import { batchColumns } from '../../grid/importColumns';
import { useI18n } from '../../i18n';
import { ConfirmDialog, type ConfirmRequest } from '../ConfirmDialog';

interface Props {
  client: WorkbenchClient;
  /** Bumped by the parent after an import, to reload. */
  reloadKey: number;
  onMessage: (kind: 'info' | 'error', text: string | unknown) => void;
}

export function ImportHistory({ client, reloadKey, onMessage }: Props) {
  const { t, lang } = useI18n();
  const [batches, setBatches] = useState<ImportBatch[] | null>(null);
  const [asking, setAsking] = useState<{ batch: ImportBatch; request: ConfirmRequest } | null>(null);

  const load = useCallback(() => {
    client.call('listBatches', {}).then(setBatches).catch((e: unknown) => onMessage('error', e));
  }, [client, onMessage]);
  useEffect(load, [load, reloadKey]);

  const askUndo = useCallback(
    (batch: ImportBatch) =>
      setAsking({
        batch,
        request: {
          title: t(`撤销导入批次 ${batch.id}？`, `Undo import batch ${batch.id}?`),
          body: t(
            `将删除「${batch.fileName}」导入的 ${batch.observationCount} 个数值；被它替换的早期数值恢复为现行值。`,
            `The ${batch.observationCount} values imported from "${batch.fileName}" are removed; the earlier values they replaced become current again.`,
          ),
          confirmLabel: t('撤销此次导入', 'Undo this import'),
        },
      }),
    [t],
  );

  const answer = useCallback(
    async (yes: boolean) => {
      const batch = asking?.batch;
      setAsking(null);
      if (!yes || !batch) return;
      try {
        const r = await client.call('undoBatch', { batchId: batch.id });
        onMessage('info', t(`已撤销批次 ${r.batchId}：删除 ${r.removedObservations} 个数值、${r.removedSeries} 个指标序列`, `Undid batch ${r.batchId}: ${r.removedObservations} values and ${r.removedSeries} series removed`));
      } catch (e) {
        onMessage('error', e);
      }
      load();
    },
    [asking, client, load, onMessage, t],
  );

  const columns = useMemo<ColDef<ImportBatch>[]>(
    () => [
      ...batchColumns(lang),
      {
        colId: 'undo',
        headerName: '',
        width: 130,
        sortable: false,
        cellRenderer: (p: ICellRendererParams<ImportBatch>) =>
          p.data && !p.data.undone ? (
            <button type="button" className="grid-button" data-testid={`undo-batch-${p.data.id}`} onClick={() => p.data && askUndo(p.data)}>
              {t('撤销此次导入', 'Undo this import')}
            </button>
          ) : null,
      },
    ],
    [lang, askUndo, t],
  );

  return (
    <div className="grid-host history-grid" data-testid="import-history">
      <AgGridReact<ImportBatch>
        rowData={batches ?? undefined}
        loading={batches === null}
        columnDefs={columns}
        getRowId={(p) => String(p.data.id)}
        rowClassRules={{ 'row-undone': (p) => p.data?.undone === true }}
        localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : undefined}
        overlayNoRowsTemplate={t('尚无导入记录', 'No imports yet')}
        defaultColDef={{ resizable: true, sortable: true, cellDataType: false }}
      />
      <ConfirmDialog request={asking?.request ?? null} onAnswer={(yes) => void answer(yes)} />
    </div>
  );
}
