// Shown when a save was refused because a colleague changed the same cell since the analyst looked (issue 14):
// who changed it and when, the value stored now beside the one the analyst typed, and the choice to reapply theirs
// (a new save against what is stored now) or keep the colleague's.
import { useEffect, useRef } from 'react';
import type { ConflictDetail } from '../../shared/contract';
import { FIELD_LABELS } from '../../shared/domain/targetEdit';
import { useI18n } from '../i18n';

const shown = (v: unknown, empty: string) => (v === null || v === undefined || v === '' ? empty : String(v));

export function EditConflictDialog({ conflicts, onReapply, onKeepTheirs }: { conflicts: ConflictDetail[] | null; onReapply: () => void; onKeepTheirs: () => void }) {
  const { t, lang } = useI18n();
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!conflicts) return;
    keepRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onKeepTheirs();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [conflicts, onKeepTheirs]);
  if (!conflicts || conflicts.length === 0) return null;
  const empty = t('（空）', '(empty)');
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : t('时间不详', 'time unknown'));
  return (
    <div className="modal-backdrop">
      <div className="modal modal-wide" role="dialog" aria-modal="true" aria-labelledby="conflict-title" data-testid="conflict-dialog">
        <h3 id="conflict-title">{t('未保存：同事刚修改了同一处', 'Not saved: a colleague just changed the same cell')}</h3>
        <p>
          {t(
            `你查看之后，以下 ${conflicts.length} 处已被同事修改。本次修改未保存，同事的值保留在表格中。`,
            `Since you looked, colleagues changed ${conflicts.length} of the cells you edited. Nothing of this edit was saved; their values are in the grid.`,
          )}
        </p>
        <table className="conflict-table">
          <thead>
            <tr>
              <th>{t('指标', 'Indicator')}</th>
              <th>{t('字段', 'Field')}</th>
              <th>{t('修改人', 'Changed by')}</th>
              <th>{t('时间', 'When')}</th>
              <th>{t('现在的值', 'Value now')}</th>
              <th>{t('你的值', 'Your value')}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => (
              <tr key={`${c.targetId}-${c.field}`} data-testid="conflict-row">
                <td>{c.indicator}</td>
                <td>{FIELD_LABELS[c.field][lang]}</td>
                <td className="conflict-who">{c.changedBy ?? t('同事', 'a colleague')}</td>
                <td>{when(c.changedAt)}</td>
                <td className="conflict-theirs">{shown(c.current, empty)}</td>
                <td className="conflict-mine">{shown(c.attempted, empty)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="modal-actions">
          <button type="button" className="button" ref={keepRef} onClick={onKeepTheirs} data-testid="conflict-keep">
            {t('保留同事的值', "Keep the colleague's value")}
          </button>
          <button type="button" className="button primary" onClick={onReapply} data-testid="conflict-reapply">
            {t('仍用我的值保存', 'Save my value anyway')}
          </button>
        </div>
      </div>
    </div>
  );
}
