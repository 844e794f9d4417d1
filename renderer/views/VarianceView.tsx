// 执行情况: every target against its linked series as of a month. The as-of month, the default tolerance, a
// target's own tolerance and its link all recompute at once; the grid keeps row identity so it updates in place.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { GetRowIdParams } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { LinkView, VarianceResult, WorkbenchClient } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { formatPeriodZh } from '../../shared/format/chinese';
import { STATUS_LABELS, type Status, type VarianceRow } from '../../shared/variance/types';
import { ClientError } from '../client/createClient';
import { useStoreVersion } from '../client/useStoreVersion';
import { MessageBar, type Message } from '../components/MessageBar';
import { VarianceDetail } from '../components/VarianceDetail';
import { GridViewExportButton } from '../components/handoff/GridViewExportButton';
import { cutoffLine } from '../../shared/format/chinese';
import { STATUS_ORDER, varianceColumns } from '../grid/varianceColumns';
import { pickMessage, useI18n } from '../i18n';
import './variance.css';

/** The months the picker offers: January of the plan year up to the newest month with data. */
function monthsUpTo(latest: string | null, planYear: number | null): string[] {
  const year = planYear ?? (latest ? Number(latest.slice(0, 4)) : null);
  if (year === null) return [];
  const last = latest && Number(latest.slice(0, 4)) === year ? Number(latest.slice(5, 7)) : 12;
  return Array.from({ length: last }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`).reverse();
}

export function VarianceView({ client }: { client: WorkbenchClient }) {
  const { t, lang } = useI18n();
  const [result, setResult] = useState<VarianceResult | null>(null);
  const [targets, setTargets] = useState<Map<number, Target>>(new Map());
  const [links, setLinks] = useState<Map<number, LinkView>>(new Map());
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const [toleranceText, setToleranceText] = useState('0.5');
  const [section, setSection] = useState('');
  const [statuses, setStatuses] = useState<Set<Status>>(new Set());
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const request = useRef(0);
  const gridRef = useRef<AgGridReact<VarianceRow>>(null);

  const tolerance = Number.isFinite(Number(toleranceText)) && Number(toleranceText) >= 0 && toleranceText.trim() !== '' ? Math.min(Number(toleranceText), 20) : 0.5;

  const fail = useCallback((e: unknown) => {
    const text = e instanceof ClientError || e instanceof Error ? e.message : String(e);
    setMessage({ kind: 'error', text: pickMessage(text, lang) });
  }, [lang]);

  // An import, a link or an edit elsewhere (another view, another window) recomputes too.
  const storeVersion = useStoreVersion();
  // Recompute: only the newest request's answer is shown, so fast changes never show a stale analysis.
  useEffect(() => {
    const mine = ++request.current;
    setBusy(true);
    Promise.all([client.call('variance', { ...(asOf ? { asOf } : {}), tolerance }), client.call('listLinks', {}), client.call('listTargets', {})])
      .then(([r, l, ts]) => {
        if (mine !== request.current) return;
        setResult(r);
        setLinks(new Map(l.map((x) => [x.targetId, x])));
        setTargets(new Map(ts.map((x) => [x.id, x])));
      })
      .catch(fail)
      .finally(() => mine === request.current && setBusy(false));
  }, [client, asOf, tolerance, version, storeVersion, fail]);

  const changed = useCallback((text: string) => {
    setMessage({ kind: 'info', text });
    setVersion((v) => v + 1);
  }, []);

  const rows = result?.rows ?? null;
  const sections = useMemo(() => [...new Set((rows ?? []).map((r) => r.section))], [rows]);
  const shown = useMemo(
    () => (rows ?? []).filter((r) => (section === '' || r.section === section) && (statuses.size === 0 || statuses.has(r.status))),
    [rows, section, statuses],
  );
  const counts = useMemo(() => {
    const c = new Map<Status, number>();
    for (const r of rows ?? []) c.set(r.status, (c.get(r.status) ?? 0) + 1);
    return c;
  }, [rows]);
  const selected = useMemo(() => rows?.find((r) => r.targetId === selectedId) ?? null, [rows, selectedId]);
  const months = useMemo(() => monthsUpTo(result?.latestPeriod ?? null, result?.planYear ?? null), [result?.latestPeriod, result?.planYear]);
  const columnDefs = useMemo(() => varianceColumns(lang), [lang]);
  const getRowId = useCallback((p: GetRowIdParams<VarianceRow>) => String(p.data.targetId), []);

  const toggleStatus = (s: Status) =>
    setStatuses((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  const monthLabel = (m: string) => (lang === 'zh' ? `${formatPeriodZh(m, false)}${m === result?.latestPeriod ? '（最新）' : ''}` : `${m}${m === result?.latestPeriod ? ' (latest)' : ''}`);

  return (
    <div className="view variance-view">
      <div className="toolbar">
        <label>
          {t('数据截至', 'As of')}{' '}
          <select value={asOf ?? ''} onChange={(e) => setAsOf(e.target.value || undefined)} data-testid="as-of" aria-label={t('数据截至', 'As of')}>
            <option value="">{result?.latestPeriod ? t(`最新（${formatPeriodZh(result.latestPeriod, false)}）`, `Latest (${result.latestPeriod})`) : t('最新', 'Latest')}</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {monthLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label title={t('“左右”目标的默认容差；目标自己设了容差的以目标为准', 'Default band of "about" targets; a target’s own tolerance wins')}>
          {t('默认容差 ±', 'Default tolerance ±')}
          <input type="number" className="narrow" min={0} max={20} step={0.1} value={toleranceText} onChange={(e) => setToleranceText(e.target.value)} data-testid="tolerance" aria-label={t('默认容差', 'Default tolerance')} />
          {t('个百分点', 'pp')}
        </label>
        <select value={section} onChange={(e) => setSection(e.target.value)} aria-label={t('章节', 'Section')} data-testid="section-filter">
          <option value="">{t('全部章节', 'All sections')}</option>
          {sections.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <div className="status-filter" role="group" aria-label={t('按状态筛选', 'Filter by status')}>
          {STATUS_ORDER.map((s) => (
            <button key={s} type="button" className={`status-chip status-${s}${statuses.has(s) ? ' on' : ''}`} aria-pressed={statuses.has(s)} onClick={() => toggleStatus(s)} data-testid={`status-chip-${s}`}>
              {STATUS_LABELS[s][lang]} {counts.get(s) ?? 0}
            </button>
          ))}
        </div>
        <GridViewExportButton
          client={client}
          gridApi={() => gridRef.current?.api}
          title={t('执行情况（当前视图）', 'Variance (current view)')}
          subtitle={[result?.asOf ? cutoffLine(result.asOf) : '', section ? t(`章节：${section}`, `Section: ${section}`) : '', statuses.size > 0 ? t(`状态：${[...statuses].map((x) => STATUS_LABELS[x].zh).join('、')}`, `Status: ${[...statuses].map((x) => STATUS_LABELS[x].en).join(', ')}`) : ''].filter(Boolean).join('　')}
          // Rates are numbers in %; amounts carry their own units row by row, so they go out as shown.
          typeOf={(col) => (col === 'status' ? 'status' : ['completionRate', 'scheduleCalendar', 'scheduleSeasonal', 'requiredGrowth'].includes(col) ? 'percent' : ['actual', 'target', 'gap', 'projectionRunRate', 'projectionSeasonal', 'required'].includes(col) ? 'text' : undefined)}
          onMessage={setMessage}
          disabled={!result}
        />
        <span className="count" data-testid="variance-count">
          {busy ? t('计算中…', 'Computing…') : rows ? t(`显示 ${shown.length} / ${rows.length} 项`, `${shown.length} of ${rows.length} targets`) : ''}
        </span>
      </div>
      <MessageBar message={message} onClose={() => setMessage(null)} />
      <div className="split">
        <div className="grid-host" data-testid="variance-grid">
          <AgGridReact<VarianceRow>
            ref={gridRef}
            rowData={rows === null ? undefined : shown}
            loading={rows === null}
            columnDefs={columnDefs}
            getRowId={getRowId}
            rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
            onSelectionChanged={(e) => {
              const node = e.api.getSelectedNodes()[0];
              if (node?.data) setSelectedId(node.data.targetId);
            }}
            localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : undefined}
            defaultColDef={{ resizable: true, sortable: true, cellDataType: false }}
            tooltipShowDelay={400}
          />
        </div>
        <VarianceDetail
          client={client}
          row={selected}
          target={selectedId !== null ? (targets.get(selectedId) ?? null) : null}
          link={selectedId !== null ? (links.get(selectedId) ?? null) : null}
          asOf={asOf}
          tolerance={tolerance}
          version={version}
          onChanged={changed}
          onError={fail}
        />
      </div>
    </div>
  );
}
