// The link of one target: what it is now, the ranked suggestions first, any series by typing part of its name,
// and removal. The service refuses a series whose unit or measure cannot measure the target; the message shows.
// Candidates are keyed by target: while the selected target's are loading, nothing of another target shows and
// the buttons wait.
import { useEffect, useReducer, useRef, useState } from 'react';
import type { LinkView, WorkbenchClient } from '../../shared/contract';
import type { LinkSource } from '../../shared/contract/varianceCalls';
import { MEASURE_LABELS } from '../../shared/domain/series';
import { pickMessage, useI18n } from '../i18n';
import { candidatesFor, initialLinkCandidates, linkCandidatesReducer, truncationNote } from '../link/linkCandidatesState';

interface Props {
  client: WorkbenchClient;
  targetId: number;
  link: LinkView | null;
  /** After a change: recompute. */
  onChanged: (text: string) => void;
  onError: (e: unknown) => void;
}

const MATCH_LIMIT = 200;

export function LinkEditor({ client, targetId, link, onChanged, onError }: Props) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [state, dispatch] = useReducer(linkCandidatesReducer, targetId, initialLinkCandidates);
  const [picked, setPicked] = useState<number | ''>('');
  const [formula, setFormula] = useState(link?.formula ?? '');
  const [saving, setSaving] = useState(false);
  const seq = useRef(0);
  const [shownFor, setShownFor] = useState(targetId);

  // A new target starts clean: its own query, pick and formula, not the previous target's (React's
  // "adjust state when a prop changes" pattern: set during render, before anything is shown).
  if (shownFor !== targetId) {
    setShownFor(targetId);
    setQuery('');
    setPicked('');
    setFormula(link?.formula ?? '');
  }

  useEffect(() => {
    const mine = ++seq.current;
    dispatch({ type: 'request', seq: mine, targetId, query });
    const timer = setTimeout(() => {
      client
        .call('linkCandidates', { targetId, query, limit: MATCH_LIMIT })
        .then((result) => dispatch({ type: 'answer', seq: mine, targetId, result }))
        .catch((e) => {
          dispatch({ type: 'failed', seq: mine });
          if (mine === seq.current) onError(e);
        });
    }, query ? 200 : 0);
    return () => clearTimeout(timer);
  }, [client, targetId, query, onError]);

  const candidates = candidatesFor(state, targetId);
  const waiting = state.loading || saving || candidates === null;

  const save = async (seriesId: number | null, withFormula: string | null = null, source: LinkSource = 'manual') => {
    setSaving(true);
    try {
      const r = await client.call('setLink', { targetId, seriesId, formula: withFormula, ...(seriesId !== null ? { source } : {}) });
      const what = r.link?.series?.label ?? r.link?.formula ?? '';
      onChanged(r.link ? t(`已关联：${what}`, `Linked: ${what}`) : t('已取消关联', 'Link removed'));
    } catch (e) {
      onError(e);
    } finally {
      setSaving(false);
    }
  };

  // The `s12` prefix is how a formula names the series.
  const describe = (s: { id: number; label: string; unit: string; measure: keyof typeof MEASURE_LABELS; lastPeriod: string | null }) =>
    `s${s.id} ${s.label} · ${MEASURE_LABELS[s.measure][lang]} · ${s.unit || '—'}${s.lastPeriod ? ` · ${t('至', 'to')} ${s.lastPeriod}` : ''}`;
  const note = truncationNote(candidates, lang);

  return (
    <div className="link-editor" data-testid="link-editor" data-target-id={targetId} aria-busy={waiting}>
      <div className="link-current">
        {link?.series ? (
          <>
            <span>{describe(link.series)}</span>
            <span className="tag" data-testid="link-source">{link.source === 'suggested' ? t('采纳建议', 'suggested') : t('人工', 'manual')}</span>
            <button type="button" className="button" disabled={saving} onClick={() => void save(null)} data-testid="unlink">
              {t('取消关联', 'Remove link')}
            </button>
          </>
        ) : link?.formula ? (
          <>
            <span>
              {t('公式', 'Formula')}: {link.formula}
            </span>
            <button type="button" className="button" disabled={saving} onClick={() => void save(null)} data-testid="unlink">
              {t('取消关联', 'Remove link')}
            </button>
          </>
        ) : (
          <span className="muted">{t('未关联数据序列', 'No linked series')}</span>
        )}
      </div>
      {candidates === null && <div className="muted" data-testid="candidates-loading">{t('正在查找建议…', 'Finding suggestions…')}</div>}
      {candidates && candidates.suggested.length > 0 && (
        <ul className="suggestions" data-testid="suggestions">
          {candidates.suggested.slice(0, 5).map((s) => (
            <li key={s.seriesId}>
              <button
                type="button"
                className="link-button"
                disabled={waiting || link?.seriesId === s.seriesId}
                onClick={() => void save(s.seriesId, null, 'suggested')}
                title={pickMessage(s.reason, lang)}
                data-testid="suggestion"
                data-series-id={s.seriesId}
              >
                {describe(s.series)}
              </button>
              <span className="muted score">{Math.round(s.score * 100)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="link-pick">
        <input placeholder={t('按名称查找序列', 'Find a series by name')} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('查找序列', 'Find series')} data-testid="series-query" />
        <select value={picked} onChange={(e) => setPicked(e.target.value === '' ? '' : Number(e.target.value))} aria-label={t('选择序列', 'Pick a series')} data-testid="series-pick" disabled={candidates === null}>
          <option value="">{t(`选择序列（${candidates?.totalMatches ?? 0}）`, `Pick a series (${candidates?.totalMatches ?? 0})`)}</option>
          {candidates?.matches.map((m) => (
            <option key={m.series.id} value={m.series.id} disabled={!m.compatible} title={pickMessage(m.why, lang)}>
              {describe(m.series)}
              {m.compatible ? '' : t('（单位或口径不可比）', ' (incompatible)')}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={waiting || picked === ''} onClick={() => picked !== '' && void save(picked)} data-testid="link-picked">
          {t('关联', 'Link')}
        </button>
      </div>
      {note && (
        <div className="muted truncation" data-testid="matches-truncated">
          {note}
        </div>
      )}
      {/* A target measured by several series: their ids (s12) combined with + − × ÷, sum() or ratio(). */}
      <div className="link-pick">
        <input
          placeholder={t('公式，如 s12 + s13 或 ratio(s20, s21) * 100', 'Formula, e.g. s12 + s13 or ratio(s20, s21) * 100')}
          value={formula}
          onChange={(e) => setFormula(e.target.value)}
          aria-label={t('按公式关联', 'Link by formula')}
          data-testid="formula-input"
        />
        <button type="button" className="button" disabled={saving || formula.trim() === ''} onClick={() => void save(null, formula.trim())} data-testid="formula-link">
          {t('按公式关联', 'Link by formula')}
        </button>
      </div>
    </div>
  );
}
