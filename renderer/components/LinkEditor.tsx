// The link of one target: what it is now, the ranked suggestions first, any series by typing part of its name,
// and removal. The service refuses a series whose unit or measure cannot measure the target; the message shows.
import { useEffect, useState } from 'react';
import type { LinkCandidates, LinkView, WorkbenchClient } from '../../shared/contract';
import { MEASURE_LABELS } from '../../shared/domain/series';
import { pickMessage, useI18n } from '../i18n';

interface Props {
  client: WorkbenchClient;
  targetId: number;
  link: LinkView | null;
  /** After a change: recompute. */
  onChanged: (text: string) => void;
  onError: (e: unknown) => void;
}

export function LinkEditor({ client, targetId, link, onChanged, onError }: Props) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const [candidates, setCandidates] = useState<LinkCandidates | null>(null);
  const [picked, setPicked] = useState<number | ''>('');
  const [formula, setFormula] = useState(link?.formula ?? '');

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client
        .call('linkCandidates', { targetId, query, limit: 200 })
        .then((c) => live && setCandidates(c))
        .catch(onError);
    }, query ? 200 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, targetId, query, onError]);

  const save = async (seriesId: number | null, withFormula: string | null = null) => {
    try {
      const r = await client.call('setLink', { targetId, seriesId, formula: withFormula });
      const what = r.link?.series?.label ?? r.link?.formula ?? '';
      onChanged(r.link ? t(`已关联：${what}`, `Linked: ${what}`) : t('已取消关联', 'Link removed'));
    } catch (e) {
      onError(e);
    }
  };

  // The `s12` prefix is how a formula names the series.
  const describe = (s: { id: number; label: string; unit: string; measure: keyof typeof MEASURE_LABELS; lastPeriod: string | null }) =>
    `s${s.id} ${s.label} · ${MEASURE_LABELS[s.measure][lang]} · ${s.unit || '—'}${s.lastPeriod ? ` · ${t('至', 'to')} ${s.lastPeriod}` : ''}`;

  return (
    <div className="link-editor" data-testid="link-editor">
      <div className="link-current">
        {link?.series ? (
          <>
            <span>{describe(link.series)}</span>
            <span className="tag">{link.source === 'suggested' ? t('采纳建议', 'suggested') : t('人工', 'manual')}</span>
            <button type="button" className="button" onClick={() => void save(null)} data-testid="unlink">
              {t('取消关联', 'Remove link')}
            </button>
          </>
        ) : link?.formula ? (
          <>
            <span>
              {t('公式', 'Formula')}: {link.formula}
            </span>
            <button type="button" className="button" onClick={() => void save(null)} data-testid="unlink">
              {t('取消关联', 'Remove link')}
            </button>
          </>
        ) : (
          <span className="muted">{t('未关联数据序列', 'No linked series')}</span>
        )}
      </div>
      {candidates && candidates.suggested.length > 0 && (
        <ul className="suggestions">
          {candidates.suggested.slice(0, 5).map((s) => (
            <li key={s.seriesId}>
              <button type="button" className="link-button" disabled={link?.seriesId === s.seriesId} onClick={() => void save(s.seriesId)} title={pickMessage(s.reason, lang)}>
                {describe(s.series)}
              </button>
              <span className="muted score">{Math.round(s.score * 100)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="link-pick">
        <input placeholder={t('按名称查找序列', 'Find a series by name')} value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('查找序列', 'Find series')} />
        <select value={picked} onChange={(e) => setPicked(e.target.value === '' ? '' : Number(e.target.value))} aria-label={t('选择序列', 'Pick a series')} data-testid="series-pick">
          <option value="">{t(`选择序列（${candidates?.totalMatches ?? 0}）`, `Pick a series (${candidates?.totalMatches ?? 0})`)}</option>
          {candidates?.matches.map((m) => (
            <option key={m.series.id} value={m.series.id} disabled={!m.compatible} title={pickMessage(m.why, lang)}>
              {describe(m.series)}
              {m.compatible ? '' : t('（单位或口径不可比）', ' (incompatible)')}
            </option>
          ))}
        </select>
        <button type="button" className="button" disabled={picked === ''} onClick={() => picked !== '' && void save(picked)}>
          {t('关联', 'Link')}
        </button>
      </div>
      {/* A target measured by several series: their ids (s12) combined with + − × ÷, sum() or ratio(). */}
      <div className="link-pick">
        <input
          placeholder={t('公式，如 s12 + s13 或 ratio(s20, s21) * 100', 'Formula, e.g. s12 + s13 or ratio(s20, s21) * 100')}
          value={formula}
          onChange={(e) => setFormula(e.target.value)}
          aria-label={t('按公式关联', 'Link by formula')}
          data-testid="formula-input"
        />
        <button type="button" className="button" disabled={formula.trim() === ''} onClick={() => void save(null, formula.trim())} data-testid="formula-link">
          {t('按公式关联', 'Link by formula')}
        </button>
      </div>
    </div>
  );
}
