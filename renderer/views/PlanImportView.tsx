// Import a plan document: its proposed targets in a grid beside the text they were read from. The analyst
// corrects, rejects and accepts rows, then commits them as a new plan or as an update of a stored one.
// Nothing reaches the store before the commit, and the commit is one transaction on the Node side.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { CellEditRequestEvent, GetRowIdParams, RowClassParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { PlanDiff, WorkbenchClient } from '../../shared/contract';
import type { Plan, TargetDraft } from '../../shared/domain/target';
import { checkFieldValue } from '../../shared/domain/targetEdit';
import { ClientError } from '../client/createClient';
import { MessageBar, type Message } from '../components/MessageBar';
import type { AcceptContext } from '../components/planImport/AcceptCell';
import { PlanCommitBar, type CommitMode, type PlanMetaDraft } from '../components/planImport/PlanCommitBar';
import { PlanDiffPanel } from '../components/planImport/PlanDiffPanel';
import { PlanTextPanel } from '../components/planImport/PlanTextPanel';
import { isProposalField, proposalColumns, type ProposalRow } from '../grid/proposalColumns';
import { fileForCall } from '../client/transport';
import { loadReview, saveReview, type ReviewSession } from '../planImport/reviewSession';
import { pickMessage, useI18n } from '../i18n';
import './planImport.css';


const toDraft = ({ no: _no, accepted: _accepted, ...draft }: ProposalRow): TargetDraft => draft;

export function PlanImportView({ client }: { client: WorkbenchClient }) {
  const { t, lang } = useI18n();
  const fileInput = useRef<HTMLInputElement>(null);
  const [saved] = useState(loadReview);
  const [doc, setDoc] = useState<ReviewSession['doc'] | null>(saved?.doc ?? null);
  const [rows, setRows] = useState<ProposalRow[]>(saved?.rows ?? []);
  const [selectedNo, setSelectedNo] = useState<number | null>(null);
  const [meta, setMeta] = useState<PlanMetaDraft>(saved?.meta ?? { year: '', region: '', title: '' });
  const [mode, setMode] = useState<CommitMode>(saved?.mode ?? 'new');
  const [plans, setPlans] = useState<Plan[]>([]);
  const [updatePlanId, setUpdatePlanId] = useState<number | null>(saved?.updatePlanId ?? null);
  const [diff, setDiff] = useState<PlanDiff | null>(null);
  const [units, setUnits] = useState<string[]>([]);
  const [onlyQuantified, setOnlyQuantified] = useState(false);
  const [busy, setBusy] = useState(false);
  const [committed, setCommitted] = useState(saved?.committed ?? false);
  const [message, setMessage] = useState<Message | null>(null);

  const fail = useCallback(
    (e: unknown) => {
      const text = e instanceof ClientError || e instanceof Error ? e.message : String(e);
      setMessage({ kind: 'error', text: pickMessage(text, lang) });
    },
    [lang],
  );

  const loadPlans = useCallback(
    () =>
      client
        .call('listPlans', {})
        .then((list) => {
          setPlans(list);
          setUpdatePlanId((id) => (id !== null && list.some((p) => p.id === id) ? id : (list[0]?.id ?? null)));
        })
        .catch(fail),
    [client, fail],
  );

  useEffect(() => {
    void loadPlans();
    client.call('knownUnits', {}).then(setUnits).catch(fail);
  }, [client, loadPlans, fail]);

  useEffect(() => {
    saveReview(doc ? { doc, rows, meta, mode, updatePlanId, committed } : null);
  }, [doc, rows, meta, mode, updatePlanId, committed]);

  /** Any change to the rows or the target plan makes a shown preview stale. */
  const changeRows = useCallback((update: (prev: ProposalRow[]) => ProposalRow[]) => {
    setRows(update);
    setDiff(null);
    setCommitted(false);
  }, []);

  const openFile = useCallback(
    async (file: File) => {
      setBusy(true);
      setMessage(null);
      try {
        const x = await client.call('extractPlan', { file: await fileForCall(file) });
        setDoc({ fileName: x.fileName, format: x.format, text: x.text });
        setRows(x.targets.map((d, i) => ({ ...d, no: i + 1, accepted: true })));
        setMeta({ year: x.meta.year === null ? '' : String(x.meta.year), region: x.meta.region ?? '', title: x.meta.title ?? '' });
        setSelectedNo(null);
        setDiff(null);
        setCommitted(false);
        const quantified = x.targets.filter((d) => d.kind !== 'task').length;
        setMessage({ kind: 'info', text: t(`已读取“${x.fileName}”：建议 ${x.targets.length} 项目标（量化 ${quantified} 项）。尚未保存。`, `Read "${x.fileName}": ${x.targets.length} proposed targets (${quantified} quantified). Nothing saved yet.`) });
      } catch (e) {
        // The service names the file only in the English half; say which file in both.
        const text = e instanceof Error ? e.message : String(e);
        setMessage({ kind: 'error', text: `“${file.name}”：${pickMessage(text, lang)}` });
      } finally {
        setBusy(false);
        if (fileInput.current) fileInput.current.value = '';
      }
    },
    [client, lang, t],
  );

  const toggleAccepted = useCallback((no: number) => changeRows((prev) => prev.map((r) => (r.no === no ? { ...r, accepted: !r.accepted } : r))), [changeRows]);
  const gridContext = useMemo<AcceptContext>(() => ({ toggleAccepted }), [toggleAccepted]);

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<ProposalRow>) => {
      const field = e.colDef.field;
      if (!e.data || !isProposalField(field)) return;
      const check = checkFieldValue(field, e.newValue === undefined || e.newValue === '' ? null : e.newValue);
      if (!check.ok) {
        setMessage({ kind: 'error', text: pickMessage(`第 ${e.data.no} 项：${check.message.replace(' / ', ` / Proposal ${e.data.no}: `)}`, lang) });
        return;
      }
      const no = e.data.no;
      changeRows((prev) => prev.map((r) => (r.no === no ? { ...r, [field]: check.value } : r)));
    },
    [changeRows, lang],
  );

  const accepted = useMemo(() => rows.filter((r) => r.accepted), [rows]);
  const selected = rows.find((r) => r.no === selectedNo) ?? null;
  const planLabel = (id: number | null) => {
    const plan = plans.find((p) => p.id === id);
    return plan ? `${plan.id} · ${plan.title}` : String(id);
  };

  const preview = useCallback(async () => {
    if (updatePlanId === null) return;
    setBusy(true);
    try {
      setDiff(await client.call('diffPlan', { planId: updatePlanId, targets: accepted.map(toDraft) }));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }, [client, updatePlanId, accepted, fail]);

  const commit = useCallback(async () => {
    if (!doc) return;
    const targets = accepted.map(toDraft);
    const year = Number(meta.year);
    if (mode === 'new' && (!Number.isInteger(year) || year < 1949 || year > 2200 || meta.region.trim() === '' || meta.title.trim() === '')) {
      setMessage({ kind: 'error', text: t('请填写年份（四位数字）、地区和标题', 'Fill in the year (four digits), the region and the title') });
      return;
    }
    setBusy(true);
    try {
      const res =
        mode === 'new'
          ? await client.call('commitPlan', { mode: 'new', year, region: meta.region.trim(), title: meta.title.trim(), fileName: doc.fileName, text: doc.text, targets })
          : await client.call('commitPlan', { mode: 'update', planId: updatePlanId ?? 0, fileName: doc.fileName, text: doc.text, targets });
      setCommitted(true);
      setDiff(null);
      await loadPlans();
      setMessage({
        kind: 'info',
        text:
          mode === 'new'
            ? t(`已导入为新计划 ${res.planId}（${res.added.length} 项目标），可在“计划目标”中查看`, `Imported as plan ${res.planId} (${res.added.length} targets); see it in Targets`)
            : t(`已更新计划 ${res.planId}：新增 ${res.added.length} 项，修改 ${res.changed.length} 处，删除 ${res.removed.length} 项`, `Plan ${res.planId} updated: ${res.added.length} added, ${res.changed.length} field(s) changed, ${res.removed.length} removed`),
      });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }, [doc, accepted, meta, mode, updatePlanId, client, loadPlans, fail, t]);

  const columnDefs = useMemo(() => proposalColumns(lang, units), [lang, units]);
  const getRowId = useCallback((p: GetRowIdParams<ProposalRow>) => String(p.data.no), []);
  const rowClass = useCallback((p: RowClassParams<ProposalRow>) => (p.data && !p.data.accepted ? 'row-rejected' : undefined), []);
  const shownRows = useMemo(() => (onlyQuantified ? rows.filter((r) => r.kind !== 'task') : rows), [rows, onlyQuantified]);
  const quantified = rows.filter((r) => r.kind !== 'task').length;

  return (
    <div className="view plan-import-view">
      <div className="toolbar">
        <input ref={fileInput} type="file" accept=".txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document" hidden onChange={(e) => e.target.files?.[0] && void openFile(e.target.files[0])} data-testid="plan-file" />
        <button type="button" className={doc ? '' : 'primary'} onClick={() => fileInput.current?.click()} disabled={busy}>
          {doc ? t('换一个文件…', 'Another file…') : t('选择计划文件…', 'Choose a plan file…')}
        </button>
        {doc ? (
          <span className="file-name" data-testid="file-name">
            {doc.fileName} <span className="muted">({doc.format})</span>
          </span>
        ) : null}
        {doc ? (
          <>
            <label className="check">
              <input type="checkbox" checked={onlyQuantified} onChange={(e) => setOnlyQuantified(e.target.checked)} />
              {t('只看量化目标', 'Quantified only')}
            </label>
            <button type="button" onClick={() => changeRows((prev) => prev.map((r) => ({ ...r, accepted: true })))}>
              {t('全部接受', 'Accept all')}
            </button>
            <button type="button" onClick={() => changeRows((prev) => prev.map((r) => (r.kind === 'task' ? { ...r, accepted: false } : r)))}>
              {t('拒绝无数字的任务', 'Reject tasks without figures')}
            </button>
          </>
        ) : null}
        <span className="count" data-testid="proposal-count">
          {doc
            ? t(`建议 ${rows.length} 项（量化 ${quantified}）· 接受 ${accepted.length} · 拒绝 ${rows.length - accepted.length}`, `${rows.length} proposed (${quantified} quantified) · ${accepted.length} accepted · ${rows.length - accepted.length} rejected`)
            : ''}
        </span>
      </div>
      <MessageBar message={message} onClose={() => setMessage(null)} />
      {doc ? (
        <>
          <PlanCommitBar
            meta={meta}
            onMeta={setMeta}
            mode={mode}
            onMode={(m) => {
              setMode(m);
              setDiff(null);
              setCommitted(false);
            }}
            plans={plans}
            updatePlanId={updatePlanId}
            onUpdatePlanId={(id) => {
              setUpdatePlanId(id);
              setDiff(null);
              setCommitted(false);
            }}
            accepted={accepted.length}
            busy={busy || committed}
            previewCurrent={diff !== null}
            onPreview={() => void preview()}
            onCommit={() => void commit()}
          />
          {mode === 'update' && diff ? <PlanDiffPanel diff={diff} planLabel={planLabel(updatePlanId)} /> : null}
          <div className="split">
            <div className="grid-host" data-testid="proposals-grid">
              <AgGridReact<ProposalRow>
                rowData={shownRows}
                columnDefs={columnDefs}
                getRowId={getRowId}
                getRowClass={rowClass}
                context={gridContext}
                readOnlyEdit
                onCellEditRequest={onCellEditRequest}
                rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
                onSelectionChanged={(e) => setSelectedNo(e.api.getSelectedNodes()[0]?.data?.no ?? null)}
                localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : undefined}
                defaultColDef={{ resizable: true, sortable: true, cellDataType: false }}
                tooltipShowDelay={400}
                stopEditingWhenCellsLoseFocus
                enterNavigatesVerticallyAfterEdit
              />
            </div>
            <PlanTextPanel text={doc.text} fileName={doc.fileName} quote={selected ? { start: selected.quoteStart, end: selected.quoteEnd } : null} />
          </div>
        </>
      ) : (
        <div className="empty-state" data-testid="plan-import-empty">
          <h2>{t('导入计划文件', 'Import a plan document')}</h2>
          <p>{t('选择年度计划的文本（.txt）、Word（.docx）或带文字层的 PDF。工作台会列出文中的目标供您核对：可修改、拒绝或接受每一项，再导入为新计划或更新现有计划。提交之前不会保存任何内容。', 'Choose the annual plan as text (.txt), Word (.docx) or a PDF with a text layer. The workbench lists the targets it finds for you to check: correct, reject or accept each, then import them as a new plan or as an update of a stored plan. Nothing is saved before you commit.')}</p>
        </div>
      )}
    </div>
  );
}
