// Importing a statistics file: pick it, choose the sheet, check (and correct) the detected mapping over the sheet's
// cells, see every observation it will create and every problem cell, then commit — with progress and cancel for
// large files. The second tab is the import history, where an import can be undone.
import { useCallback, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { WorkbenchClient } from '../../shared/contract';
import type { ImportPreview, PreviewObservation } from '../../shared/contract/importCalls';
import type { SheetMapping } from '../../shared/import/mapping';
import { ClientError } from '../client/createClient';
import { JobProgress } from '../components/JobProgress';
import { MessageBar, type Message } from '../components/MessageBar';
import { ImportHistory } from '../components/import/ImportHistory';
import { MappingEditor } from '../components/import/MappingEditor';
import { ProblemList } from '../components/import/ProblemList';
import { SheetCells } from '../components/import/SheetCells';
import { previewColumns } from '../grid/importColumns';
import { NO_CORRECTIONS, withHeaderRow, withMapping, withoutSheet, type Corrections, type HeaderRowHint } from '../import/mappingDraft';
import { fileForCall } from '../client/transport';
import type { FileInput } from '../../shared/contract';
import { useImportJob } from '../import/useImportJob';
import { pickMessage, useI18n } from '../i18n';

interface PickedFile {
  fileName: string;
  /** The file as a reference (uploaded once, named again by preview and commit). */
  input: FileInput;
  size: number;
}

const ALL_SHEETS = '';

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The mapping as the editor shows it: a header row the analyst typed shows at once, before it is applied. */
function shownMapping(mapping: SheetMapping, hint: HeaderRowHint | undefined): SheetMapping {
  return hint && mapping.layout !== 'long' ? { ...mapping, headerRow: hint.headerRow, yearRow: hint.yearRow } : mapping;
}

export function ImportView({ client }: { client: WorkbenchClient }) {
  const { t, lang } = useI18n();
  const [tab, setTab] = useState<'import' | 'history'>('import');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [sheet, setSheet] = useState(ALL_SHEETS);
  const [sheetNames, setSheetNames] = useState<string[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  /** The corrections the shown preview was made with (what a commit sends), and the ones being edited. */
  const [applied, setApplied] = useState<Corrections>(NO_CORRECTIONS);
  const [draft, setDraft] = useState<Corrections>(NO_CORRECTIONS);
  const [editSheet, setEditSheet] = useState<string | null>(null);
  const [pane, setPane] = useState<'observations' | 'cells'>('observations');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);
  const job = useImportJob(client);

  const showError = useCallback((e: unknown) => {
    const text = e instanceof ClientError || e instanceof Error ? e.message : String(e);
    setMessage({ kind: 'error', text: pickMessage(text, lang) });
  }, [lang]);
  const onHistoryMessage = useCallback((kind: 'info' | 'error', text: unknown) => (kind === 'error' ? showError(text) : setMessage({ kind, text: String(text) })), [showError]);

  const runPreview = useCallback(
    async (picked: PickedFile, sheetName: string, corrections: Corrections) => {
      try {
        const result = await job.run({
          action: 'preview',
          file: picked.input,
          ...(sheetName !== ALL_SHEETS ? { sheet: sheetName } : {}),
          mappings: corrections.mappings,
          headerRows: corrections.headerRows,
        });
        if (!result) {
          setMessage({ kind: 'info', text: t('已取消', 'Cancelled') });
          return;
        }
        if (result.action !== 'preview') return;
        const p = result.preview;
        setPreview(p);
        setApplied(corrections);
        setDraft(corrections);
        if (sheetName === ALL_SHEETS) setSheetNames(p.heads.map((h) => h.name));
        setEditSheet((cur) => (cur && p.sheets.some((s) => s.name === cur) ? cur : (p.sheets[0]?.name ?? null)));
        setSkipInvalid(false);
      } catch (e) {
        setPreview(null);
        showError(e);
      }
    },
    [job, showError, t],
  );

  const onPick = useCallback(
    async (list: FileList | null) => {
      const f = list?.[0];
      if (!f) return;
      setMessage(null);
      setPreview(null);
      try {
        const picked = { fileName: f.name, input: await fileForCall(f), size: f.size };
        setFile(picked);
        setSheet(ALL_SHEETS);
        setSheetNames([]);
        await runPreview(picked, ALL_SHEETS, NO_CORRECTIONS);
      } catch (e) {
        showError(e);
      }
    },
    [runPreview, showError],
  );

  const commit = useCallback(async () => {
    if (!file || !preview) return;
    try {
      const result = await job.run({
        action: 'commit',
        file: file.input,
        ...(sheet !== ALL_SHEETS ? { sheet } : {}),
        mappings: applied.mappings,
        headerRows: applied.headerRows,
        skipInvalid,
      });
      if (!result) {
        setMessage({ kind: 'info', text: t('已取消，数据库未作任何改动', 'Cancelled; the store was not changed') });
        return;
      }
      if (result.action !== 'commit') return;
      const r = result.commit;
      setMessage({
        kind: 'info',
        text: t(
          `已导入「${r.fileName}」（批次 ${r.batchId}）：${r.seriesCount} 个指标序列，新写入 ${r.observationCount} 个数值，${r.unchangedCount} 个与现有值相同${r.skipped.length ? `，跳过 ${r.skipped.length} 个单元格` : ''}`,
          `Imported "${r.fileName}" (batch ${r.batchId}): ${r.seriesCount} series, ${r.observationCount} values written, ${r.unchangedCount} unchanged${r.skipped.length ? `, ${r.skipped.length} cells skipped` : ''}`,
        ),
      });
      setPreview(null);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      setHistoryKey((k) => k + 1);
    } catch (e) {
      showError(e);
    }
  }, [file, preview, job, sheet, applied, skipInvalid, showError, t]);

  const columnDefs = useMemo(() => previewColumns(lang), [lang]);
  const dirty = JSON.stringify(draft) !== JSON.stringify(applied);
  const edited = preview?.sheets.find((s) => s.name === editSheet) ?? null;
  const editedMapping = edited ? shownMapping(draft.mappings[edited.name] ?? edited.mapping, draft.headerRows[edited.name]) : null;
  const head = preview?.heads.find((h) => h.name === (edited?.name ?? preview.heads[0]?.name))?.rows ?? [];
  const problems = preview?.problems ?? [];
  const blocked = problems.length > 0 && !skipInvalid;

  return (
    <div className="view import-view">
      <div className="toolbar">
        <div className="subtabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'import'} className={tab === 'import' ? 'subtab active' : 'subtab'} onClick={() => setTab('import')}>
            {t('导入文件', 'Import a file')}
          </button>
          <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'subtab active' : 'subtab'} onClick={() => setTab('history')} data-testid="history-tab">
            {t('导入记录', 'Import history')}
          </button>
        </div>
        {tab === 'import' && (
          <>
            <label className="button primary file-button">
              {t('选择文件…', 'Choose a file…')}
              <input ref={fileInput} type="file" accept=".xlsx,.xls,.ods,.csv" data-testid="file-input" disabled={job.running} onChange={(e) => void onPick(e.target.files)} />
            </label>
            {file && (
              <span className="file-name" data-testid="file-name">
                {file.fileName} <span className="muted">({sizeText(file.size)})</span>
              </span>
            )}
            {file && sheetNames.length > 1 && (
              <select
                aria-label={t('工作表', 'Sheet')}
                value={sheet}
                disabled={job.running}
                onChange={(e) => {
                  setSheet(e.target.value);
                  void runPreview(file, e.target.value, applied);
                }}
              >
                <option value={ALL_SHEETS}>{t('全部工作表', 'All sheets')}</option>
                {sheetNames.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
            {preview && (
              <span className="count" data-testid="preview-summary">
                {t(
                  `${preview.totals.sheetCount} 个工作表 · ${preview.totals.seriesCount} 个指标序列 · ${preview.totals.observationCount} 个数值 · ${preview.totals.problemCount} 个问题单元格`,
                  `${preview.totals.sheetCount} sheet(s) · ${preview.totals.seriesCount} series · ${preview.totals.observationCount} values · ${preview.totals.problemCount} problem cell(s)`,
                )}
              </span>
            )}
          </>
        )}
      </div>
      {job.status && <JobProgress status={job.status} onCancel={() => void job.cancel().catch(showError)} />}
      <MessageBar message={message} onClose={() => setMessage(null)} />
      {tab === 'history' ? (
        <ImportHistory client={client} reloadKey={historyKey} onMessage={onHistoryMessage} />
      ) : !preview ? (
        <div className="empty-state">
          <p>{t('选择一个统计数据文件（Excel .xlsx/.xls、WPS/LibreOffice .ods 或 CSV）。导入前会先显示识别结果和将要写入的全部数值。', 'Choose a statistics file (Excel .xlsx/.xls, .ods or CSV). Before anything is written you see how it was read and every value it will create.')}</p>
          <p className="muted">{t('支持国家统计局数据库导出的宽表、分析人员的两行表头表格、每行一个数值的长表。', 'Supported: the NBS portal wide export, analysts’ tables with a two-row header, long tables with one value per row.')}</p>
        </div>
      ) : (
        <div className="split import-split">
          <div className="import-main">
            {(preview.skippedSheets.length > 0 || preview.warnings.length > 0) && (
              <details className="notes" data-testid="import-notes">
                <summary>
                  {t(`提示 ${preview.warnings.length} 条，跳过的工作表 ${preview.skippedSheets.length} 个`, `${preview.warnings.length} note(s), ${preview.skippedSheets.length} sheet(s) skipped`)}
                </summary>
                <ul>
                  {preview.skippedSheets.map((s) => (
                    <li key={`s-${s.name}`}>
                      {t('跳过工作表', 'Skipped sheet')}「{s.name}」：{pickMessage(s.reason, lang)}
                    </li>
                  ))}
                  {preview.warnings.map((w, i) => (
                    <li key={`w-${i}`}>{pickMessage(w, lang)}</li>
                  ))}
                </ul>
              </details>
            )}
            <ProblemList problems={problems} />
            <div className="subtabs pane-tabs" role="tablist">
              <button type="button" role="tab" aria-selected={pane === 'observations'} className={pane === 'observations' ? 'subtab active' : 'subtab'} onClick={() => setPane('observations')}>
                {t(`将导入的数值（${preview.totals.observationCount}）`, `Values to import (${preview.totals.observationCount})`)}
              </button>
              <button type="button" role="tab" aria-selected={pane === 'cells'} className={pane === 'cells' ? 'subtab active' : 'subtab'} onClick={() => setPane('cells')} data-testid="cells-tab">
                {t('原表单元格', 'Sheet cells')}
              </button>
              {preview.totals.shownObservations < preview.totals.observationCount && (
                <span className="muted">{t(`仅显示前 ${preview.totals.shownObservations} 个`, `first ${preview.totals.shownObservations} shown`)}</span>
              )}
            </div>
            {pane === 'observations' ? (
              <div className="grid-host" data-testid="preview-grid">
                <AgGridReact<PreviewObservation>
                  rowData={preview.observations}
                  columnDefs={columnDefs}
                  localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : undefined}
                  defaultColDef={{ resizable: true, sortable: true, cellDataType: false }}
                  tooltipShowDelay={400}
                />
              </div>
            ) : (
              <SheetCells rows={head} mapping={editedMapping} problems={problems.filter((p) => p.sheet === (edited?.name ?? ''))} />
            )}
            <div className="commit-bar">
              {problems.length > 0 && (
                <label className="skip-invalid">
                  <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} data-testid="skip-invalid" />
                  {t(`跳过 ${problems.length} 个有问题的单元格，导入其余数值`, `Skip the ${problems.length} problem cell(s) and import the rest`)}
                </label>
              )}
              {dirty && <span className="warn-text">{t('映射已修改，请先“应用更正”', 'The mapping was changed: apply the corrections first')}</span>}
              <button type="button" className="button primary" disabled={job.running || dirty || blocked || preview.totals.observationCount === 0} onClick={() => void commit()} data-testid="commit-import">
                {t(`导入 ${preview.totals.observationCount} 个数值`, `Import ${preview.totals.observationCount} values`)}
              </button>
            </div>
          </div>
          <aside className="detail mapping-panel">
            {preview.sheets.length > 1 && (
              <select aria-label={t('查看工作表', 'Sheet to check')} value={editSheet ?? ''} onChange={(e) => setEditSheet(e.target.value)}>
                {preview.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}（{s.observationCount}）
                  </option>
                ))}
              </select>
            )}
            {edited && editedMapping && (
              <MappingEditor
                key={edited.name}
                sheet={edited}
                mapping={editedMapping}
                head={head}
                onChange={(m) => setDraft((d) => withMapping(d, edited.name, m))}
                onHeaderRow={(hint) => setDraft((d) => withHeaderRow(d, edited.name, hint))}
                onReset={() => setDraft((d) => withoutSheet(d, edited.name))}
                headerPending={draft.headerRows[edited.name] !== undefined && JSON.stringify(draft.headerRows[edited.name]) !== JSON.stringify(applied.headerRows[edited.name])}
              />
            )}
            {draft.headerRows[edited?.name ?? ''] && (
              <p className="muted" data-testid="header-hint">
                {t(`将按第 ${draft.headerRows[edited!.name].headerRow + 1} 行重新识别`, `Will read again from row ${draft.headerRows[edited!.name].headerRow + 1}`)}
              </p>
            )}
            <div className="mapping-actions">
              <button type="button" className="button primary" disabled={!dirty || job.running || !file} onClick={() => file && void runPreview(file, sheet, draft)} data-testid="apply-mapping">
                {t('应用更正并重新预览', 'Apply and preview again')}
              </button>
              <button type="button" className="button" disabled={!dirty} onClick={() => setDraft(applied)}>
                {t('放弃修改', 'Discard changes')}
              </button>
            </div>
          </aside>
        </div>
      )}
    </div>
  );
}
