// The first screen: the plan's targets in a grid. Edits, pastes and undo go through the service,
// so what the grid shows is always what the store holds.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CellEditRequestEvent, ColDef, GetRowIdParams, GridApi, RowSelectionOptions, SelectionChangedEvent } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ConflictDetail, EditRecord, RefusalRecord, WorkbenchClient } from '../../shared/contract';
import type { EditableTargetField, Plan, Target } from '../../shared/domain/target';
import { isEditableField } from '../../shared/domain/targetEdit';
import { parseClipboardTable, planPaste } from '../grid/clipboardTable';
import { isEditableColumn, targetColumns } from '../grid/targetColumns';
import { VanillaGrid } from '../grid/VanillaGrid';
import { MessageBar, type Message } from '../components/MessageBar';
import { TargetDetail } from '../components/TargetDetail';
import { EditConflictDialog } from '../components/EditConflictDialog';
import { ClientError } from '../client/createClient';
import { TargetsHandoffTools } from '../components/handoff/TargetsHandoffTools';
import { useI18n } from '../i18n';
import { readOnlyNote, useStoreAccess } from '../client/storeAccess';
import { useStoreVersion } from '../client/useStoreVersion';
import { useFirstAnswers } from '../client/firstAnswers';
import { errorMessage } from '../messages';

// Options that keep their identity across renders: a changed option is handed to the grid again, and a new
// defaultColDef refreshes every column (the view renders several times while the first screen's answers arrive).
const ROW_SELECTION: RowSelectionOptions<Target> = { mode: 'multiRow', checkboxes: false, headerCheckbox: false, enableClickSelection: true };
const DEFAULT_COL_DEF: ColDef<Target> = { resizable: true, sortable: true, cellDataType: false };

/** One edit as sent; revision/seen are what the grid showed (filled from the row when absent). */
type SentEdit = { targetId: number; field: EditableTargetField; value: string | number | null; revision?: number; seen?: string | number | null };

export function TargetsView({ client }: { client: WorkbenchClient }) {
  const { t, lang } = useI18n();
  const gridApiRef = useRef<GridApi<Target> | null>(null);
  // The first screen's answers that are already in start the view (the same answers its calls below are handed).
  const answered = useFirstAnswers();
  const [rows, setRows] = useState<Target[] | null>(() => answered('listTargets', {})?.value ?? null);
  /** The units the workbench knows, for the unit column's tooltip (read when it shows; see targetColumns). */
  const unitsRef = useRef<string[]>(answered('knownUnits', {})?.value ?? []);
  const [message, setMessage] = useState<Message | null>(null);
  const [selected, setSelected] = useState<Target | null>(null);
  const [history, setHistory] = useState<EditRecord[]>([]);
  const [refusals, setRefusals] = useState<RefusalRecord[]>([]);
  /** A save refused because colleagues changed the same cells (issue 14): shown until the analyst chooses. */
  const [conflicts, setConflicts] = useState<ConflictDetail[] | null>(null);
  const [undoState, setUndoState] = useState(() => answered('undoState', {})?.value ?? { canUndo: false, canRedo: false });
  const [quickFilter, setQuickFilter] = useState('');
  const [plans, setPlans] = useState<Plan[]>(() => answered('listPlans', {})?.value ?? []);
  /** The plan shown; null = the newest, as the service picks it. */
  const [planId, setPlanId] = useState<number | null>(null);
  // A viewer on a server sees the grid read-only (the server refuses their writes anyway); every change to the
  // store — this window's, another window's, a colleague's on the server — reloads what the grid shows.
  const access = useStoreAccess(client);
  const storeVersion = useStoreVersion();
  // The grid is made with its rows when the first screen's answers are already in (at the first start they usually
  // arrive before the app has loaded: the page's entry sent them, client/primedClient.ts), which spares making it
  // empty, with its loading overlay, and filling it a moment later. When they are still on their way the grid is made
  // empty as soon as the view has been drawn, so that work overlaps the wait.
  const [gridWanted, setGridWanted] = useState(false);
  useEffect(() => {
    const soon = setTimeout(() => setGridWanted(true), 0);
    return () => clearTimeout(soon);
  }, []);

  const fail = useCallback((e: unknown) => {
    setMessage(errorMessage(e, lang));
  }, [lang]);

  useEffect(() => {
    // A reload started earlier may answer after a later one (two changes in quick succession): only the latest shows.
    let stale = false;
    Promise.all([client.call('listTargets', planId === null ? {} : { planId }), client.call('knownUnits', {}), client.call('undoState', {}), client.call('listPlans', {})])
      .then(([targets, u, s, p]) => {
        if (stale) return;
        setRows(targets);
        unitsRef.current = u;
        setUndoState(s);
        setPlans(p);
      })
      .catch((e: unknown) => {
        if (!stale) fail(e);
      });
    return () => {
      stale = true;
    };
  }, [client, fail, planId, storeVersion]);

  const refreshHistory = useCallback(
    (target: Target | null) => {
      if (!target) {
        setHistory([]);
        setRefusals([]);
        return;
      }
      client.call('targetHistory', { targetId: target.id }).then(setHistory).catch(fail);
      client.call('targetRefusals', { targetId: target.id }).then(setRefusals).catch(fail);
    },
    [client, fail],
  );

  /** Puts changed targets into the grid and the side panel. */
  const applyTargets = useCallback(
    (changed: Target[]) => {
      const api = gridApiRef.current ?? undefined;
      if (api && changed.length > 0) api.applyTransaction({ update: changed });
      setRows((prev) => prev?.map((r) => changed.find((c) => c.id === r.id) ?? r) ?? prev);
      setSelected((sel) => (sel ? (changed.find((c) => c.id === sel.id) ?? sel) : sel));
    },
    [],
  );

  /** After a refusal: the refused targets as stored now (a colleague's values), into the grid and the panel. */
  const reloadTargets = useCallback(
    async (ids: number[]) => {
      const fresh = await Promise.all([...new Set(ids)].map((targetId) => client.call('getTarget', { targetId })));
      applyTargets(fresh);
      refreshHistory(selectedRef.current ? (fresh.find((f) => f.id === selectedRef.current?.id) ?? selectedRef.current) : null);
    },
    [client, applyTargets, refreshHistory],
  );

  const submitEdits = useCallback(
    async (edits: SentEdit[], source: 'grid' | 'paste', describe: string) => {
      // Each edit says what the grid showed (the target's revision, the cell's value), so a colleague's save in
      // between is refused instead of overwritten.
      const api = gridApiRef.current ?? undefined;
      const sent = edits.map((e) => {
        if (e.revision !== undefined) return e;
        const row = api?.getRowNode(String(e.targetId))?.data;
        return row ? { ...e, revision: row.revision ?? 0, seen: (row[e.field] ?? null) as string | number | null } : e;
      });
      try {
        const res = await client.call('editTargets', { edits: sent, source });
        applyTargets(res.targets);
        setUndoState({ canUndo: res.canUndo, canRedo: res.canRedo });
        if (res.groupId !== null) setMessage({ kind: 'info', text: describe });
        refreshHistory(selectedRef.current);
      } catch (e) {
        const refused = e instanceof ClientError && e.wire.code === 'conflict' ? (e.wire.details as { conflicts?: ConflictDetail[] } | undefined)?.conflicts : undefined;
        if (refused && refused.length > 0) {
          conflictSource.current = source;
          setConflicts(refused);
          await reloadTargets(refused.map((c) => c.targetId)).catch(fail);
        } else fail(e);
      }
    },
    [client, applyTargets, fail, refreshHistory, reloadTargets],
  );
  const conflictSource = useRef<'grid' | 'paste'>('grid');

  /** Reapply: the analyst's values again, now against what is stored (they have seen the colleague's). */
  const reapply = useCallback(() => {
    const refused = conflicts ?? [];
    setConflicts(null);
    const edits: SentEdit[] = refused.map((c) => ({ targetId: c.targetId, field: c.field, value: c.attempted as string | number | null, revision: c.revision, seen: c.current as string | number | null }));
    if (edits.length > 0) void submitEdits(edits, conflictSource.current, t('已用你的值保存', 'Saved with your value'));
  }, [conflicts, submitEdits, t]);

  const keepTheirs = useCallback(() => {
    setConflicts(null);
    setMessage({ kind: 'info', text: t('已保留同事的值，你的修改未保存', "Kept the colleague's value; your edit was not saved") });
  }, [t]);

  const selectedRef = useRef<Target | null>(null);
  selectedRef.current = selected;

  const onCellEditRequest = useCallback(
    (e: CellEditRequestEvent<Target>) => {
      const field = e.colDef.field;
      if (!e.data || !field || !isEditableField(field)) return;
      const value = e.newValue === undefined || e.newValue === '' ? null : (e.newValue as string | number | null);
      void submitEdits([{ targetId: e.data.id, field, value }], 'grid', t('已保存', 'Saved'));
    },
    [submitEdits, t],
  );

  const runUndo = useCallback(
    async (which: 'undo' | 'redo') => {
      try {
        const res = await client.call(which, {});
        applyTargets(res.targets);
        setUndoState({ canUndo: res.canUndo, canRedo: res.canRedo });
        const n = res.edits.length;
        setMessage({
          kind: 'info',
          text: n === 0 ? t(which === 'undo' ? '没有可撤销的修改' : '没有可重做的修改', which === 'undo' ? 'Nothing to undo' : 'Nothing to redo') : t(`${which === 'undo' ? '已撤销' : '已重做'} ${n} 处修改`, `${which === 'undo' ? 'Undid' : 'Redid'} ${n} change(s)`),
        });
        refreshHistory(selectedRef.current);
      } catch (e) {
        fail(e);
        // A refused undo (a colleague changed the field since): show the colleague's value that was kept.
        const refused = e instanceof ClientError && e.wire.code === 'conflict' ? (e.wire.details as { conflicts?: ConflictDetail[] } | undefined)?.conflicts : undefined;
        if (refused) await reloadTargets(refused.map((c) => c.targetId)).catch(() => undefined);
      }
    },
    [client, applyTargets, fail, refreshHistory, reloadTargets, t],
  );

  // Keyboard: Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) undo and redo stored edits, when no cell is being edited.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const api = gridApiRef.current ?? undefined;
      if (!(e.ctrlKey || e.metaKey) || (api && api.getEditingCells().length > 0)) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') && !target.closest('.ag-root')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void runUndo('undo');
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void runUndo('redo');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runUndo]);

  // Paste from Excel/WPS: AG Grid Community has no clipboard module, so the block is placed here.
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const api: GridApi<Target> | undefined = gridApiRef.current ?? undefined;
      if (!api || api.getEditingCells().length > 0 || readOnlyRef.current) return;
      const focused = api.getFocusedCell();
      if (!focused || !(document.activeElement?.closest('.ag-root'))) return;
      const text = e.clipboardData?.getData('text/plain') ?? '';
      if (!text) return;
      e.preventDefault();
      const columns = api.getAllDisplayedColumns().map((c) => ({ field: c.getColDef().field ?? '', editable: isEditableColumn(c.getColDef().field) }));
      const colIndex = api.getAllDisplayedColumns().findIndex((c) => c.getColId() === focused.column.getColId());
      const rowIds: number[] = [];
      api.forEachNodeAfterFilterAndSort((n) => n.data && rowIds.push(n.data.id));
      const selectedIdx = api.getSelectedNodes().map((n) => n.rowIndex).filter((i): i is number => i !== null);
      let block: string[][];
      try {
        block = parseClipboardTable(text);
      } catch (err) {
        // A cell longer than any spreadsheet cell: the message is bilingual (中文 / English).
        const [zh, en] = (err as Error).message.split(' / ');
        setMessage({ kind: 'error', text: t(zh, en ?? zh) });
        return;
      }
      const plan = planPaste(block, { rowIndex: focused.rowIndex, colIndex }, columns, rowIds, isEditableField, selectedIdx);
      if (plan.edits.length === 0) {
        setMessage({ kind: 'error', text: t('粘贴的位置没有可编辑的单元格', 'Nothing editable where the block would go') });
        return;
      }
      const note = plan.skipped.length > 0 ? t(`（${plan.skipped.length} 个单元格在只读列或表格外，未粘贴）`, ` (${plan.skipped.length} cells fell on read-only columns or outside the grid)`) : '';
      void submitEdits(plan.edits, 'paste', t(`已粘贴 ${plan.edits.length} 个单元格`, `Pasted ${plan.edits.length} cells`) + note);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [submitEdits, t]);

  const readOnlyRef = useRef(false);
  readOnlyRef.current = access.readOnly;
  const columnDefs = useMemo(() => {
    const columns = targetColumns(lang, () => unitsRef.current);
    return access.readOnly ? columns.map((c) => ({ ...c, editable: false })) : columns;
  }, [lang, access.readOnly]);
  const getRowId = useCallback((p: GetRowIdParams<Target>) => String(p.data.id), []);
  const onSelectionChanged = useCallback(
    (e: SelectionChangedEvent<Target>) => {
      const node = e.api.getSelectedNodes()[0];
      setSelected(node?.data ?? null);
      refreshHistory(node?.data ?? null);
    },
    [refreshHistory],
  );

  return (
    <div className="view targets-view">
      <div className="toolbar">
        {plans.length > 0 ? (
          <select
            value={planId ?? plans[0].id}
            onChange={(e) => {
              setRows(null);
              setSelected(null);
              setPlanId(Number(e.target.value));
            }}
            aria-label={t('计划', 'Plan')}
            data-testid="plan-select"
          >
            {plans.map((p) => (
              <option key={p.id} value={p.id}>
                {p.id} · {p.title}
              </option>
            ))}
          </select>
        ) : null}
        <input className="search" placeholder={t('筛选（指标、章节、原文）', 'Filter (indicator, section, text)')} value={quickFilter} onChange={(e) => setQuickFilter(e.target.value)} aria-label={t('筛选', 'Filter')} />
        <button type="button" onClick={() => void runUndo('undo')} disabled={!undoState.canUndo || access.readOnly} title="Ctrl+Z">
          {t('撤销', 'Undo')}
        </button>
        <button type="button" onClick={() => void runUndo('redo')} disabled={!undoState.canRedo || access.readOnly} title="Ctrl+Y">
          {t('重做', 'Redo')}
        </button>
        <TargetsHandoffTools
          client={client}
          planId={planId}
          gridApi={() => gridApiRef.current ?? undefined}
          onEdited={(res) => {
            applyTargets(res.targets);
            setUndoState({ canUndo: res.canUndo, canRedo: res.canRedo });
            refreshHistory(selectedRef.current);
          }}
          onMessage={setMessage}
        />
        <span className="muted toolbar-hint">{t('双击或按 Enter 编辑；可从 Excel/WPS 复制粘贴；Ctrl+Z 撤销', 'Double-click or Enter to edit; paste blocks from Excel/WPS; Ctrl+Z to undo')}</span>
        <span className="count" data-testid="target-count">{rows ? t(`共 ${rows.length} 项`, `${rows.length} targets`) : ''}</span>
      </div>
      {access.readOnly ? (
        <div className="message message-info read-only-note" role="note" data-testid="read-only-note">
          {readOnlyNote(t, access.user)}
        </div>
      ) : null}
      <MessageBar message={message} onClose={() => setMessage(null)} />
      <div className="split">
        <div className="grid-host" data-testid="targets-grid">
          {rows !== null || gridWanted ? (
            <VanillaGrid<Target>
              apiRef={gridApiRef}
              options={{
                rowData: rows ?? undefined,
                loading: rows === null,
                columnDefs,
                getRowId,
                readOnlyEdit: true,
                onCellEditRequest,
                quickFilterText: quickFilter,
                rowSelection: ROW_SELECTION,
                onSelectionChanged,
                localeText: lang === 'zh' ? AG_GRID_LOCALE_CN : undefined,
                defaultColDef: DEFAULT_COL_DEF,
                tooltipShowDelay: 400,
                stopEditingWhenCellsLoseFocus: true,
                enterNavigatesVerticallyAfterEdit: true,
              }}
            />
          ) : null}
        </div>
        <TargetDetail target={selected} history={history} refusals={refusals} />
      </div>
      <EditConflictDialog conflicts={conflicts} onReapply={reapply} onKeepTheirs={keepTheirs} />
    </div>
  );
}
