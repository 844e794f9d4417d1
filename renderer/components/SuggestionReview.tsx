// 采纳全部建议: the suggested series of every target still without a link, to review and untick, then accepted in
// one step (recorded as 采纳建议). Used by the 执行情况 view and by the monthly update for what was left to decide.
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AutoLinkResult, SuggestionView, WorkbenchClient } from '../../shared/contract';
import { MEASURE_LABELS } from '../../shared/domain/series';
import { pickMessage, useI18n } from '../i18n';

interface Props {
  client: WorkbenchClient;
  /** Called after the accepted links were stored. */
  onAccepted: (result: AutoLinkResult) => void;
  onError: (e: unknown) => void;
  /** Shown as a closable panel (the 执行情况 view) or inline (the monthly update). */
  onClose?: () => void;
  /** Reload when this changes (after an import or a link elsewhere). */
  version?: number;
}

export function SuggestionReview({ client, onAccepted, onError, onClose, version = 0 }: Props) {
  const { t, lang } = useI18n();
  const [items, setItems] = useState<SuggestionView[] | null>(null);
  const [unticked, setUnticked] = useState<Set<number>>(new Set());
  const [saving, setSaving] = useState(false);
  // The callers pass fresh callbacks on every render; the list reloads only when the data may have changed.
  const reportError = useRef(onError);
  reportError.current = onError;

  useEffect(() => {
    let live = true;
    setItems(null);
    client
      .call('suggestLinks', { unlinkedOnly: true })
      .then((s) => {
        if (!live) return;
        setItems(s);
        setUnticked(new Set());
      })
      .catch((e) => reportError.current(e));
    return () => {
      live = false;
    };
  }, [client, version]);

  const ticked = useMemo(() => (items ?? []).filter((s) => !unticked.has(s.targetId)), [items, unticked]);

  const toggle = (targetId: number) =>
    setUnticked((prev) => {
      const next = new Set(prev);
      if (next.has(targetId)) next.delete(targetId);
      else next.add(targetId);
      return next;
    });

  const accept = async () => {
    if (ticked.length === 0) return;
    setSaving(true);
    try {
      const r = await client.call('autoLink', { targetIds: ticked.map((s) => s.targetId) });
      onAccepted(r);
      const s = await client.call('suggestLinks', { unlinkedOnly: true });
      setItems(s);
      setUnticked(new Set());
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="suggestion-review" data-testid="suggestion-review" aria-label={t('采纳建议', 'Accept suggestions')}>
      <header className="suggestion-review-head">
        <h4>{t('待确认的关联建议', 'Suggested links to review')}</h4>
        {items && items.length > 0 && (
          <span className="muted">
            {t(`已勾选 ${ticked.length} / ${items.length} 项，取消勾选的不关联`, `${ticked.length} of ${items.length} ticked; unticked ones stay unlinked`)}
          </span>
        )}
        {onClose && (
          <button type="button" className="button" onClick={onClose} data-testid="suggestion-review-close">
            {t('关闭', 'Close')}
          </button>
        )}
      </header>
      {items === null ? (
        <div className="muted">{t('正在查找建议…', 'Finding suggestions…')}</div>
      ) : items.length === 0 ? (
        <div className="muted" data-testid="no-suggestions">
          {t('没有待确认的建议：未关联的目标可在执行情况中逐个选择序列。', 'No suggestions left to review: link the remaining targets one by one in Variance.')}
        </div>
      ) : (
        <>
          <div className="suggestion-review-tools">
            <button type="button" className="button" onClick={() => setUnticked(new Set())} data-testid="tick-all">
              {t('全选', 'Tick all')}
            </button>
            <button type="button" className="button" onClick={() => setUnticked(new Set(items.map((s) => s.targetId)))} data-testid="untick-all">
              {t('全不选', 'Untick all')}
            </button>
          </div>
          <table className="suggestion-table">
            <thead>
              <tr>
                <th>{t('采纳', 'Accept')}</th>
                <th>{t('目标', 'Target')}</th>
                <th>{t('建议序列', 'Suggested series')}</th>
                <th>{t('匹配度', 'Score')}</th>
                <th>{t('理由', 'Why')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.targetId} data-testid="suggestion-row" data-target-id={s.targetId}>
                  <td>
                    <input
                      type="checkbox"
                      checked={!unticked.has(s.targetId)}
                      onChange={() => toggle(s.targetId)}
                      aria-label={t(`采纳：${s.indicator} → ${s.series.label}`, `Accept: ${s.indicator} → ${s.series.label}`)}
                    />
                  </td>
                  <td>{s.indicator}</td>
                  <td>
                    {s.series.label} <span className="muted">· {MEASURE_LABELS[s.series.measure][lang]}</span>
                  </td>
                  <td className="num">{Math.round(s.score * 100)}</td>
                  <td className="muted">{pickMessage(s.reason, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button primary" disabled={saving || ticked.length === 0} onClick={() => void accept()} data-testid="accept-suggestions">
            {t(`采纳所选建议（${ticked.length}）`, `Accept ticked suggestions (${ticked.length})`)}
          </button>
        </>
      )}
    </section>
  );
}
