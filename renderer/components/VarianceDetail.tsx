// The selected target in the variance view: its status and the rule behind it, the chart of the year against
// the target, the observations every figure came from (on demand), its link and, for 左右 targets, its tolerance.
import { useEffect, useState } from 'react';
import type { LinkView, VarianceProvenance, VarianceTrend, WorkbenchClient } from '../../shared/contract';
import { formatTimestampZh } from '../../shared/format/chinese';
import { STATUS_LABELS, type VarianceRow } from '../../shared/variance/types';
import type { Target } from '../../shared/domain/target';
import { pickMessage, useI18n } from '../i18n';
import { LinkEditor } from './LinkEditor';
import { VarianceChart } from './VarianceChart';

interface Props {
  client: WorkbenchClient;
  row: VarianceRow | null;
  target: Target | null;
  link: LinkView | null;
  asOf: string | undefined;
  tolerance: number;
  /** Bumped on every recompute, so the chart and provenance follow. */
  version: number;
  onChanged: (text: string) => void;
  onError: (e: unknown) => void;
}

export function VarianceDetail({ client, row, target, link, asOf, tolerance, version, onChanged, onError }: Props) {
  const { t, lang } = useI18n();
  const [trend, setTrend] = useState<VarianceTrend | null>(null);
  const [provenance, setProvenance] = useState<VarianceProvenance | null>(null);
  const [showSources, setShowSources] = useState(false);
  const [ownTolerance, setOwnTolerance] = useState('');
  const targetId = row?.targetId ?? null;

  useEffect(() => {
    setTrend(null);
    if (targetId === null) return;
    let live = true;
    client
      .call('varianceTrend', { targetId, ...(asOf ? { asOf } : {}), tolerance })
      .then((tr) => live && setTrend(tr))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [client, targetId, asOf, tolerance, version, onError]);

  useEffect(() => {
    setProvenance(null);
    if (targetId === null || !showSources) return;
    let live = true;
    client
      .call('varianceProvenance', { targetId, ...(asOf ? { asOf } : {}), tolerance })
      .then((p) => live && setProvenance(p))
      .catch(onError);
    return () => {
      live = false;
    };
  }, [client, targetId, asOf, tolerance, version, showSources, onError]);

  useEffect(() => setOwnTolerance(target?.tolerance == null ? '' : String(target.tolerance)), [target]);

  if (!row) return <aside className="detail variance-detail detail-empty">{t('选择一行查看图表、判定规则和数据来源', 'Select a row to see its chart, rule and sources')}</aside>;

  const saveTolerance = async () => {
    const value = ownTolerance.trim() === '' ? null : Number(ownTolerance);
    try {
      await client.call('editTargets', { edits: [{ targetId: row.targetId, field: 'tolerance', value }], source: 'grid' });
      onChanged(t('容差已保存', 'Tolerance saved'));
    } catch (e) {
      onError(e);
    }
  };
  const about = target?.comparator === 'about' || target?.comparator === 'stable';

  return (
    <aside className="detail variance-detail" data-testid="variance-detail">
      <h3>
        {row.indicator} <span className={`status-badge status-${row.status}`}>{STATUS_LABELS[row.status][lang]}</span>
      </h3>
      {target && <div className="detail-quote">{target.quote}</div>}
      <h4>{t('判定规则', 'Rule')}</h4>
      <p className="rule" data-testid="variance-rule">{pickMessage(row.rule, lang)}</p>
      {trend && trend.points.length > 0 ? (
        <VarianceChart trend={trend} />
      ) : (
        trend?.note && <p className="muted">{pickMessage(trend.note, lang)}</p>
      )}
      {trend?.note && trend.points.length > 0 && <p className="muted">{pickMessage(trend.note, lang)}</p>}
      <details className="sources" open={showSources} onToggle={(e) => setShowSources((e.target as HTMLDetailsElement).open)}>
        <summary>{t('数据来源', 'Provenance')}</summary>
        {provenance === null ? (
          showSources && <p className="muted">{t('读取中…', 'Loading…')}</p>
        ) : provenance.items.length === 0 ? (
          <p className="muted">{t('没有用到观测值', 'No observations used')}</p>
        ) : (
          <ul className="sources-list" data-testid="provenance">
            {provenance.items.map((p, i) => (
              <li key={`${p.seriesId}-${p.period}-${i}`}>
                <div className="source-role">{pickMessage(p.role, lang)}</div>
                <div>
                  <strong>{lang === 'zh' ? p.sourcePeriod : p.period}</strong> {p.value}
                  {p.unit === '%' ? '%' : ` ${p.unit}`} · {p.seriesLabel}
                </div>
                <div className="muted">
                  {p.file} · {t('工作表', 'sheet')} {p.sheet} · {t('单元格', 'cell')} {p.cell} · {t('导入批次', 'batch')} #{p.batchId}
                  {p.importedAt ? `（${formatTimestampZh(p.importedAt)}）` : ''}
                </div>
              </li>
            ))}
          </ul>
        )}
      </details>
      <h4>{t('关联数据序列', 'Linked series')}</h4>
      <LinkEditor client={client} targetId={row.targetId} link={link} onChanged={onChanged} onError={onError} />
      {about && (
        <>
          <h4>{t('本目标容差（左右）', 'Tolerance of this target (about)')}</h4>
          <div className="tolerance-edit">
            ±
            <input type="number" min={0} max={20} step={0.1} value={ownTolerance} placeholder={String(tolerance)} onChange={(e) => setOwnTolerance(e.target.value)} aria-label={t('本目标容差', 'Tolerance of this target')} data-testid="target-tolerance" />
            {t('个百分点', 'pp')}
            <button type="button" className="button" onClick={() => void saveTolerance()}>
              {t('保存', 'Save')}
            </button>
            <span className="muted">{t('留空则用默认容差', 'Empty: the default tolerance')}</span>
          </div>
        </>
      )}
    </aside>
  );
}
