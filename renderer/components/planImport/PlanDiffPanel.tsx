// What an update would do to the stored plan, shown before the analyst confirms it: targets added, fields
// changed (before → after), and targets removed with their notes, link and history.
import type { PlanDiff } from '../../../shared/contract';
import { KIND_LABELS } from '../../../shared/domain/target';
import { FIELD_LABELS } from '../../../shared/domain/targetEdit';
import { useI18n } from '../../i18n';

const show = (v: string | number | null) => (v === null || v === '' ? '—' : String(v));

export function PlanDiffPanel({ diff, planLabel }: { diff: PlanDiff; planLabel: string }) {
  const { t, lang } = useI18n();
  const none = diff.added.length + diff.changed.length + diff.removed.length === 0;
  return (
    <section className="plan-diff" data-testid="plan-diff" aria-label={t('更新预览', 'Update preview')}>
      <h3>
        {t(`更新“${planLabel}”将：`, `Updating "${planLabel}" will:`)}{' '}
        <span className="diff-add">{t(`新增 ${diff.added.length} 项`, `add ${diff.added.length}`)}</span>
        {' · '}
        <span className="diff-change">{t(`修改 ${diff.changed.length} 处`, `change ${diff.changed.length} field(s)`)}</span>
        {' · '}
        <span className="diff-remove">{t(`删除 ${diff.removed.length} 项`, `remove ${diff.removed.length}`)}</span>
      </h3>
      {none ? <p className="muted">{t('没有差异：计划与所选目标一致。', 'No differences: the plan already matches the accepted targets.')}</p> : null}
      <ul>
        {diff.added.map((a) => (
          <li key={`a${a.draftIndex}`} className="diff-add">
            + {a.section} {a.indicator}（{KIND_LABELS[a.kind][lang]}）
          </li>
        ))}
        {diff.changed.map((c) => (
          <li key={`c${c.targetId}-${c.field}`} className="diff-change">
            ~ {c.section} {c.indicator} · {FIELD_LABELS[c.field][lang]}：{show(c.before)} → {show(c.after)}
          </li>
        ))}
        {diff.removed.map((r) => (
          <li key={`r${r.targetId}`} className="diff-remove">
            − {r.section} {r.indicator}（{KIND_LABELS[r.kind][lang]}）
          </li>
        ))}
      </ul>
      {diff.removed.length > 0 ? (
        <p className="muted diff-note">{t('删除的目标连同其备注、数据关联和修改记录一并删除；修改的字段记入修改记录，可在“计划目标”中撤销。', 'Removed targets go with their notes, series links and edit history; changed fields are recorded and can be undone in the Targets view.')}</p>
      ) : null}
    </section>
  );
}
