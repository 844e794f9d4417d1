// The targets toolbar's hand-on buttons: 导出Excel (the analysis workbook), 导出当前视图 (the grid as shown) and
// 导入回传文件 (a colleague's edited 目标 sheet: review the differences, apply the accepted ones as edits).
import { useRef, useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { EditResult, WorkbenchClient } from '../../../shared/contract';
import { acceptedEdits } from '../../../shared/export/targetsDiff';
import type { Target } from '../../../shared/domain/target';
import { ClientError } from '../../client/createClient';
import { fileForCall } from '../../client/transport';
import { saveBase64, XLSX_MIME } from '../../handoff/saveFile';
import { pickMessage, useI18n } from '../../i18n';
import type { Message } from '../MessageBar';
import { GridViewExportButton } from './GridViewExportButton';
import { ReturnedChangesDialog, type ReturnedReview } from './ReturnedChangesDialog';
import '../../views/handoff.css';

export interface TargetsHandoffToolsProps {
  client: WorkbenchClient;
  /** The plan shown; null = the newest. */
  planId: number | null;
  gridApi: () => GridApi<Target> | undefined;
  /** After accepted changes were saved: put them into the grid, the undo state and the history. */
  onEdited: (result: EditResult) => void;
  onMessage: (message: Message) => void;
}

export function TargetsHandoffTools({ client, planId, gridApi, onEdited, onMessage }: TargetsHandoffToolsProps) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<null | 'workbook' | 'returned' | 'apply'>(null);
  const [review, setReview] = useState<ReturnedReview | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const plan = planId === null ? {} : { planId };

  const fail = (e: unknown) => {
    const text = e instanceof ClientError || e instanceof Error ? e.message : String(e);
    onMessage({ kind: 'error', text: pickMessage(text, lang) });
  };

  const run = async (what: NonNullable<typeof busy>, work: () => Promise<void>) => {
    setBusy(what);
    try {
      await work();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(null);
    }
  };

  const exportWorkbook = () =>
    run('workbook', async () => {
      const res = await client.call('exportWorkbook', plan);
      saveBase64(res.fileName, res.dataBase64, XLSX_MIME);
      onMessage({ kind: 'info', text: t(`已导出 ${res.fileName}（${res.sheets.join('、')}）`, `Exported ${res.fileName} (${res.sheets.join(', ')})`) });
    });

  const readReturned = (file: File) =>
    run('returned', async () => {
      const input = await fileForCall(file);
      const res = await client.call('readReturnedWorkbook', { file: input, ...plan });
      setReview({ ...res, fileName: file.name });
    });

  const apply = (keys: string[]) =>
    run('apply', async () => {
      if (!review) return;
      const edits = acceptedEdits(review.changes, keys);
      if (edits.length === 0) return;
      const res = await client.call('editTargets', { edits, source: 'workbook' });
      setReview(null);
      onEdited(res);
      onMessage({ kind: 'info', text: t(`已采纳 ${edits.length} 处修改（Ctrl+Z 可撤销）`, `Accepted ${edits.length} changes (Ctrl+Z undoes them)`) });
    });

  return (
    <>
      <button type="button" onClick={() => void exportWorkbook()} disabled={busy !== null} data-testid="export-workbook" title={t('目标、执行情况、数据和说明四个工作表', 'Sheets: notes, targets, variance, data')}>
        {busy === 'workbook' ? t('导出中…', 'Exporting…') : t('导出Excel', 'Export Excel')}
      </button>
      <GridViewExportButton client={client} gridApi={gridApi} title={t('计划目标（当前视图）', 'Targets (current view)')} onMessage={onMessage} disabled={busy !== null} />
      <button type="button" onClick={() => fileRef.current?.click()} disabled={busy !== null} data-testid="import-returned" title={t('导入同事修改后发回的工作簿，逐项确认修改', 'Read a workbook sent back and review its changes')}>
        {busy === 'returned' ? t('读取中…', 'Reading…') : t('导入回传文件', 'Import returned file')}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".xlsx,.xls,.ods,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        hidden
        data-testid="returned-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void readReturned(file);
        }}
      />
      {review ? <ReturnedChangesDialog review={review} busy={busy === 'apply'} onApply={(keys) => void apply(keys)} onCancel={() => setReview(null)} /> : null}
    </>
  );
}
