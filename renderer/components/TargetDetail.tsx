// The side panel of the targets view: where the selected target stands in the plan, and its edit history.
import type { EditRecord } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { FIELD_LABELS } from '../../shared/domain/targetEdit';
import { formatSectionZh } from '../../shared/format/chinese';
import { useI18n } from '../i18n';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  return String(v);
}

export function TargetDetail({ target, history }: { target: Target | null; history: EditRecord[] }) {
  const { t, lang } = useI18n();
  if (!target) return <aside className="detail detail-empty">{t('选择一行查看原文和修改记录', 'Select a row to see its source sentence and edit history')}</aside>;
  return (
    <aside className="detail" data-testid="target-detail">
      <h3>{target.indicator}</h3>
      <div className="detail-section">
        {t('章节', 'Section')}：{formatSectionZh(target.section)}
      </div>
      <blockquote className="detail-quote">{target.quote}</blockquote>
      {(target.alsoStatedAt ?? []).map((s) => (
        <div key={s.quoteStart} className="detail-also" data-testid="also-stated">
          <div className="detail-section">
            {t('另见', 'Also stated at')}：{s.section}
          </div>
          <blockquote className="detail-quote">{s.quote}</blockquote>
          {s.differences.length > 0 ? (
            <p className="muted">
              {t('两处不同，取较严格的表述：', 'The statements differ; the stricter reading is kept: ')}
              {s.differences.join(lang === 'zh' ? '；' : '; ')}
            </p>
          ) : null}
        </div>
      ))}
      <h4>{t('修改记录', 'Edit history')}</h4>
      {history.length === 0 ? (
        <p className="muted">{t('尚无修改', 'No edits yet')}</p>
      ) : (
        <ul className="history" data-testid="history">
          {history.map((h) => (
            <li key={h.id} className={h.undone ? 'undone' : ''}>
              <span className="history-when">{new Date(h.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</span>
              <span className="history-who">{h.user}</span>
              <span>
                {FIELD_LABELS[h.field][lang]}：{show(h.oldValue)} → {show(h.newValue)}
              </span>
              {h.undone ? <span className="tag">{t('已撤销', 'undone')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
