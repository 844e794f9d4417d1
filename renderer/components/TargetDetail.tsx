// The side panel of the targets view: where the selected target stands in the plan, and its edit history.
import type { EditRecord, RefusalRecord } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { FIELD_LABELS } from '../../shared/domain/targetEdit';
import { formatSectionZh } from '../../shared/format/chinese';
import { useI18n } from '../i18n';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  return String(v);
}

type Entry = { kind: 'edit'; at: string; edit: EditRecord } | { kind: 'refusal'; at: string; refusal: RefusalRecord };

/** Edits and refused attempts in one list, newest first: the history holds both attempts' authors. */
function entries(history: EditRecord[], refusals: RefusalRecord[]): Entry[] {
  const all: Entry[] = [...history.map((edit) => ({ kind: 'edit' as const, at: edit.at, edit })), ...refusals.map((refusal) => ({ kind: 'refusal' as const, at: refusal.at, refusal }))];
  return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

export function TargetDetail({ target, history, refusals = [] }: { target: Target | null; history: EditRecord[]; refusals?: RefusalRecord[] }) {
  const { t, lang } = useI18n();
  const time = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');
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
      {target.updatedBy ? (
        <p className="muted history-revision" data-testid="last-change">
          {t(`修订 ${target.revision ?? 0}，最后由 ${target.updatedBy} 于 ${target.updatedAt ? time(target.updatedAt) : '—'} 修改`, `Revision ${target.revision ?? 0}, last changed by ${target.updatedBy} at ${target.updatedAt ? time(target.updatedAt) : '—'}`)}
        </p>
      ) : null}
      {history.length === 0 && refusals.length === 0 ? (
        <p className="muted">{t('尚无修改', 'No edits yet')}</p>
      ) : (
        <ul className="history" data-testid="history">
          {entries(history, refusals).map((entry) =>
            entry.kind === 'edit' ? (
              <li key={`e${entry.edit.id}`} className={entry.edit.undone ? 'undone' : ''}>
                <span className="history-when">{time(entry.edit.at)}</span>
                <span className="history-who">{entry.edit.user}</span>
                <span>
                  {FIELD_LABELS[entry.edit.field][lang]}：{show(entry.edit.oldValue)} → {show(entry.edit.newValue)}
                </span>
                {entry.edit.undone ? <span className="tag">{entry.edit.undoneBy ? t(`已由 ${entry.edit.undoneBy} 撤销`, `undone by ${entry.edit.undoneBy}`) : t('已撤销', 'undone')}</span> : null}
              </li>
            ) : (
              <li key={`r${entry.refusal.id}`} className="refused" data-testid="history-refusal">
                <span className="history-when">{time(entry.refusal.at)}</span>
                <span className="history-who">{entry.refusal.user}</span>
                <span>
                  {entry.refusal.source === 'undo' || entry.refusal.source === 'redo'
                    ? t(`${entry.refusal.source === 'undo' ? '撤销' : '重做'}未执行：${FIELD_LABELS[entry.refusal.field].zh}`, `${entry.refusal.source} refused: ${FIELD_LABELS[entry.refusal.field].en}`)
                    : t(`未保存：${FIELD_LABELS[entry.refusal.field].zh} → ${show(entry.refusal.attemptedValue)}`, `Not saved: ${FIELD_LABELS[entry.refusal.field].en} → ${show(entry.refusal.attemptedValue)}`)}
                  {t(
                    `（${entry.refusal.changedBy ?? '同事'} 已改为 ${show(entry.refusal.currentValue)}）`,
                    ` (${entry.refusal.changedBy ?? 'a colleague'} had set ${show(entry.refusal.currentValue)})`,
                  )}
                </span>
              </li>
            ),
          )}
        </ul>
      )}
    </aside>
  );
}
