// 本月更新: the month's cycle in one place. Choose the bureau's file (one file dialog) → preview → commit (new
// series linked where the suggestion is confident, the rest listed for a decision) → the variance at the new
// month → the hand-on files. Each step's action takes the focus when it is ready, so Enter walks the flow.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { WorkbenchClient } from '../../shared/contract';
import type { HandOnKind } from '../../shared/contract/handoffCalls';
import { cutoffLine, formatPeriodZh } from '../../shared/format/chinese';
import { STATUS_LABELS } from '../../shared/variance/types';
import { SuggestionReview } from '../components/SuggestionReview';
import { ImportChanges } from '../components/import/ImportChanges';
import { MessageBar, type Message } from '../components/MessageBar';
import { planTargetText } from '../grid/planTargetText';
import { STATUS_ORDER, amountText, gapText, sinceLastMonthText } from '../grid/varianceColumns';
import { useI18n } from '../i18n';
import { errorMessage, wireText } from '../messages';
import { saveHandOnFile } from '../monthlyUpdate/handOnFiles';
import { canCommit, newestPeriod, type MonthlyStep } from '../monthlyUpdate/monthlyUpdateState';
import { useMonthlyUpdate } from '../monthlyUpdate/useMonthlyUpdate';
import './variance.css';
import './monthlyUpdate.css';

const STEPS: { steps: MonthlyStep[]; zh: string; en: string }[] = [
  { steps: ['choose', 'previewing'], zh: '选择文件', en: 'Choose file' },
  { steps: ['preview', 'committing'], zh: '预览', en: 'Preview' },
  { steps: ['committed', 'handingOn'], zh: '导入、关联与执行情况', en: 'Import, links and variance' },
  { steps: ['handedOn'], zh: '交付文件', en: 'Hand-on files' },
];

const KIND_LABELS: Record<HandOnKind, { zh: string; en: string }> = {
  workbook: { zh: 'Excel工作簿', en: 'Workbook' },
  briefing: { zh: '简报PDF', en: 'Briefing PDF' },
  report: { zh: '分析报告初稿（Word）', en: 'Analysis report draft (Word)' },
};

/** Measures whose periods run from January (`2025年1-9月`). */
const CUMULATIVE = new Set<string>(['cumulative', 'yoy_cumulative']);

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`;

export function MonthlyUpdateView({ client }: { client: WorkbenchClient }) {
  const { t, lang } = useI18n();
  const flow = useMonthlyUpdate(client);
  const { state } = flow;
  const fileInput = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);
  const commitButton = useRef<HTMLButtonElement>(null);
  const handOnButton = useRef<HTMLButtonElement>(null);
  const restartButton = useRef<HTMLButtonElement>(null);
  const [note, setNote] = useState<Message | null>(null);

  // The next action takes the focus as soon as it is possible.
  useEffect(() => {
    const next = { choose: chooseButton, preview: commitButton, committed: handOnButton, handedOn: restartButton }[state.step as 'choose'];
    next?.current?.focus();
  }, [state.step]);

  const error = state.error === null ? null : typeof state.error === 'string' ? state.error : wireText(state.error, lang);
  const period = (p: string, cumulative = false) => (lang === 'zh' ? formatPeriodZh(p, cumulative) : p);
  const preview = state.preview;
  const newest = preview ? newestPeriod(preview) : null;
  const variance = state.variance;
  const shownRows = useMemo(
    () => (variance?.rows ?? []).filter((r) => r.seriesName !== null).sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)),
    [variance],
  );
  const unlinked = (variance?.rows ?? []).filter((r) => r.seriesName === null).length;
  const counts = useMemo(() => {
    const c = new Map<string, number>();
    for (const r of variance?.rows ?? []) c.set(r.status, (c.get(r.status) ?? 0) + 1);
    return c;
  }, [variance]);
  const download = async (kind: HandOnKind) => {
    if (!state.handOn) return;
    try {
      const name = await saveHandOnFile(client, kind, state.handOn.asOf);
      setNote({ kind: 'info', text: t(`已下载 ${name}`, `Downloaded ${name}`) });
    } catch (e) {
      setNote(errorMessage(e, lang));
    }
  };
  const busy = state.step === 'previewing' || state.step === 'committing' || state.step === 'handingOn';

  return (
    <div className="view monthly-view" data-testid="monthly-update" aria-busy={busy}>
      <div className="toolbar">
        <ol className="monthly-steps" aria-label={t('步骤', 'Steps')}>
          {STEPS.map((s, i) => (
            <li key={s.zh} className={s.steps.includes(state.step) ? 'current' : ''} aria-current={s.steps.includes(state.step) ? 'step' : undefined}>
              {i + 1}. {t(s.zh, s.en)}
            </li>
          ))}
        </ol>
        <input ref={fileInput} type="file" accept=".xlsx,.xls,.ods,.csv" hidden data-testid="monthly-file" onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void flow.choose(f);
        }} />
        <button ref={chooseButton} type="button" className={state.step === 'choose' ? 'primary' : ''} disabled={busy} onClick={() => fileInput.current?.click()} data-testid="monthly-choose">
          {t('选择统计局文件…', 'Choose the bureau’s file…')}
        </button>
        {state.fileName && <span className="muted" data-testid="monthly-file-name">{state.fileName}</span>}
      </div>
      {error && <MessageBar message={{ kind: 'error', text: error }} onClose={flow.restart} />}
      <MessageBar message={note} onClose={() => setNote(null)} />

      {state.step === 'choose' && !error && (
        <p className="muted monthly-intro">
          {t(
            '每月一次：选择统计局发来的文件，看清新增和修订的数据后导入；已关联的目标自动更新，再写出Excel工作簿和简报PDF。',
            'Once a month: choose the bureau’s file, check what is new or revised, import it; linked targets update, then the Excel workbook and the briefing PDF are written.',
          )}
        </p>
      )}
      {state.step === 'previewing' && <p className="muted">{t('正在读取文件…', 'Reading the file…')}</p>}

      {preview && (state.step === 'preview' || state.step === 'committing') && (
        <section className="monthly-panel" data-testid="monthly-preview" aria-label={t('预览', 'Preview')}>
          <h3>{t('文件内容（尚未导入）', 'What the file holds (not imported yet)')}</h3>
          <p data-testid="monthly-preview-summary">
            {t(
              `${preview.totals.seriesCount} 个序列，${preview.totals.observationCount} 个数值${newest ? `，最新到${period(newest)}` : ''}；问题单元格 ${preview.totals.problemCount} 个。`,
              `${preview.totals.seriesCount} series, ${preview.totals.observationCount} values${newest ? `, newest ${newest}` : ''}; ${preview.totals.problemCount} problem cells.`,
            )}
          </p>
          {/* What the file changes against the store: series continued or new, values new / unchanged / revised (old → new). */}
          <ImportChanges changes={preview.changes} checks={preview.checks} committed={false} />
          {preview.warnings.length + preview.sheets.reduce((n, s) => n + s.warnings.length, 0) > 0 && (
            <ul className="monthly-warnings" data-testid="monthly-warnings">
              {[...preview.warnings, ...preview.sheets.flatMap((s) => s.warnings)].slice(0, 8).map((w, i) => (
                <li key={i}>{wireText({ code: 'bad_request', message: w }, lang)}</li>
              ))}
            </ul>
          )}
          {preview.problems.length > 0 && (
            <>
              <ul className="monthly-warnings problems" data-testid="monthly-problems">
                {preview.problems.slice(0, 5).map((p, i) => (
                  <li key={i}>
                    {p.sheet}!{p.cell}: {wireText({ code: 'bad_request', message: p.reason }, lang)}
                  </li>
                ))}
              </ul>
              <label className="monthly-skip">
                <input type="checkbox" checked={state.skipInvalid} onChange={(e) => flow.setSkipInvalid(e.target.checked)} data-testid="monthly-skip-invalid" />
                {t(`跳过这 ${preview.totals.problemCount} 个问题单元格，导入其余数值`, `Skip these ${preview.totals.problemCount} problem cells and import the rest`)}
              </label>
            </>
          )}
          <table className="monthly-table">
            <thead>
              <tr>
                <th>{t('序列', 'Series')}</th>
                <th>{t('单位', 'Unit')}</th>
                <th>{t('期间', 'Periods')}</th>
                <th className="num">{t('数值个数', 'Values')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.sheets.flatMap((sh) => sh.series).slice(0, 30).map((s, i) => (
                <tr key={i}>
                  <td>{s.label}</td>
                  <td>{s.unit || '—'}</td>
                  <td>{s.firstPeriod && s.lastPeriod ? `${period(s.firstPeriod, CUMULATIVE.has(s.measure))} … ${period(s.lastPeriod, CUMULATIVE.has(s.measure))}` : '—'}</td>
                  <td className="num">{s.observationCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button ref={commitButton} type="button" className="button primary" disabled={!canCommit(state) || state.step === 'committing'} onClick={() => void flow.commit(state.skipInvalid)} data-testid="monthly-commit">
            {state.step === 'committing' ? t('正在导入…', 'Importing…') : t('导入并更新执行情况', 'Import and update the variance')}
          </button>
        </section>
      )}

      {state.commit && variance && (state.step === 'committed' || state.step === 'handingOn' || state.step === 'handedOn') && (
        <>
          <section className="monthly-panel" data-testid="monthly-committed" aria-label={t('导入结果', 'Import result')}>
            <h3>{t('已导入', 'Imported')}</h3>
            <p data-testid="monthly-commit-summary">
              {t(
                `${state.commit.fileName}：${state.commit.seriesCount} 个序列，写入 ${state.commit.observationCount} 个新增或修订的数值，${state.commit.unchangedCount} 个数值与已有相同（未重复写入）。`,
                `${state.commit.fileName}: ${state.commit.seriesCount} series; ${state.commit.observationCount} new or revised values written, ${state.commit.unchangedCount} equal to those stored (not written again).`,
              )}
            </p>
            <ImportChanges changes={state.commit.changes} checks={state.commit.checks} committed />
            {state.autoLinked.length > 0 && (
              <details className="monthly-autolinked" open data-testid="monthly-autolinked">
                <summary>{t(`自动关联 ${state.autoLinked.length} 项（采纳建议，匹配度≥90）`, `${state.autoLinked.length} linked automatically (suggestions scoring ≥ 90)`)}</summary>
                <ul>
                  {state.autoLinked.map((s) => (
                    <li key={s.targetId}>
                      {s.indicator} → {s.series.label}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            <SuggestionReview
              client={client}
              version={state.commit.batchId ?? 0}
              onError={(e) => setNote(errorMessage(e, lang))}
              onAccepted={(r) => {
                setNote({ kind: 'info', text: t(`已采纳 ${r.linked.length} 项建议`, `Accepted ${r.linked.length} suggestions`) });
                void flow.reanalyse();
              }}
            />
            {unlinked > 0 && (
              <p className="muted" data-testid="monthly-unlinked">
                {t(`共 ${unlinked} 项目标尚未关联数据序列，可在“执行情况”中逐个选择。`, `${unlinked} targets have no linked series yet; link them one by one in Variance.`)}
              </p>
            )}
          </section>
          <section className="monthly-panel" data-testid="monthly-variance" aria-label={t('执行情况', 'Variance')}>
            <h3>
              {t('执行情况', 'Variance')} <span className="muted">{variance.asOf ? (lang === 'zh' ? cutoffLine(variance.asOf) : `data to ${variance.asOf}`) : t('暂无数据', 'no data yet')}</span>
            </h3>
            <p className="status-filter" data-testid="monthly-status-counts">
              {STATUS_ORDER.map((s) => (
                <span key={s} className={`status-chip status-${s}`}>
                  {STATUS_LABELS[s][lang]} {counts.get(s) ?? 0}
                </span>
              ))}
            </p>
            <table className="monthly-table" data-testid="monthly-variance-table">
              <thead>
                <tr>
                  <th>{t('指标', 'Indicator')}</th>
                  <th>{t('数据期', 'Period')}</th>
                  <th className="num">{t('实际', 'Actual')}</th>
                  <th className="num">{t('目标', 'Target')}</th>
                  <th className="num">{t('差距', 'Gap')}</th>
                  <th>{t('状态', 'Status')}</th>
                  <th>{t('较上月', 'Since last month')}</th>
                </tr>
              </thead>
              <tbody>
                {shownRows.map((r) => {
                  const target = flow.targets.get(r.targetId);
                  return (
                    <tr key={r.targetId} data-target-id={r.targetId}>
                      <td>{r.indicator}</td>
                      <td>{r.asOf ? period(r.asOf, r.method !== 'latest') : '—'}</td>
                      <td className="num">{amountText(r.actual, r.actualUnit)}</td>
                      <td className="num">{target ? planTargetText(target, lang) : amountText(r.target, r.actualUnit)}</td>
                      <td className="num">{gapText(r, lang)}</td>
                      <td>
                        <span className={`status-badge status-${r.status}`} title={r.rule}>
                          {STATUS_LABELS[r.status][lang]}
                        </span>
                      </td>
                      <td data-testid="monthly-since">{sinceLastMonthText(r, lang)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {state.step !== 'handedOn' && (
              <button ref={handOnButton} type="button" className="button primary" disabled={!variance.asOf || state.step === 'handingOn'} onClick={() => variance.asOf && void flow.handOn(variance.asOf)} data-testid="monthly-hand-on">
                {state.step === 'handingOn' ? t('正在生成…', 'Writing…') : t(`写出交付文件（Excel工作簿、简报PDF、分析报告，${variance.asOf ? period(variance.asOf) : ''}）`, `Write the hand-on files (workbook, briefing PDF, report, ${variance.asOf ?? ''})`)}
              </button>
            )}
          </section>
        </>
      )}

      {state.handOn && state.step === 'handedOn' && (
        <section className="monthly-panel" data-testid="monthly-hand-on-files" aria-label={t('交付文件', 'Hand-on files')}>
          <h3>{t('交付文件', 'Hand-on files')}</h3>
          <p data-testid="monthly-hand-on-dir">
            {t('已写入文件夹：', 'Written to the folder: ')}
            <code>{state.handOn.dir}</code>
          </p>
          <ul className="monthly-files">
            {state.handOn.files.map((f) => (
              <li key={f.fileName} data-testid="monthly-hand-on-file" data-kind={f.kind}>
                <span className="file-kind">{t(KIND_LABELS[f.kind].zh, KIND_LABELS[f.kind].en)}</span>
                <code className="file-name">{f.path}</code>
                <span className="muted">{kb(f.bytes)}</span>
                <button type="button" className="button" onClick={() => void download(f.kind)} data-testid={`monthly-download-${f.kind}`}>
                  {t('下载', 'Download')}
                </button>
              </li>
            ))}
          </ul>
          <button ref={restartButton} type="button" className="button" onClick={flow.restart} data-testid="monthly-restart">
            {t('完成', 'Done')}
          </button>
        </section>
      )}
    </div>
  );
}
