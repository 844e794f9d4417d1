// The differences a returned 目标 sheet brings, target by target, each with a checkbox: only what the
// analyst ticks is applied (as recorded, undoable edits). Problems in the file are listed beneath.
import { useMemo, useState } from 'react';
import type { ReturnedWorkbook } from '../../../shared/contract';
import { COMPARATOR_LABELS, QUALIFIER_LABELS, type Comparator, type Qualifier } from '../../../shared/domain/target';
import { changeKey, type TargetChange, type TargetFieldValue } from '../../../shared/export/targetsDiff';
import { useI18n } from '../../i18n';

export interface ReturnedReview extends ReturnedWorkbook {
  fileName: string;
}

function shownValue(change: TargetChange, value: TargetFieldValue, lang: 'zh' | 'en'): string {
  if (value === null || value === '') return '（空）';
  if (change.field === 'comparator') return COMPARATOR_LABELS[value as Comparator]?.[lang] ?? String(value);
  if (change.field === 'qualifier') return QUALIFIER_LABELS[value as Qualifier]?.[lang] ?? String(value);
  return String(value);
}

export function ReturnedChangesDialog({ review, busy, onApply, onCancel }: { review: ReturnedReview; busy: boolean; onApply: (keys: string[]) => void; onCancel: () => void }) {
  const { t, lang } = useI18n();
  const [accepted, setAccepted] = useState<Set<string>>(() => new Set(review.changes.map(changeKey)));
  // Grouped by target, in the plan's order (diffTargets already sorts the changes that way).
  const groups = useMemo(() => {
    const out: { targetId: number; indicator: string; section: string; changes: TargetChange[] }[] = [];
    for (const c of review.changes) {
      const last = out[out.length - 1];
      if (last && last.targetId === c.targetId) last.changes.push(c);
      else out.push({ targetId: c.targetId, indicator: c.indicator, section: c.section, changes: [c] });
    }
    return out;
  }, [review.changes]);
  const toggle = (keys: string[], on: boolean) =>
    setAccepted((prev) => {
      const next = new Set(prev);
      for (const k of keys) (on ? next.add(k) : next.delete(k));
      return next;
    });
  const errors = review.problems.filter((p) => p.severity === 'error');
  const warnings = review.problems.filter((p) => p.severity === 'warning');

  return (
    <div className="modal-backdrop">
      <div className="modal handoff-modal" role="dialog" aria-modal="true" aria-labelledby="returned-title" data-testid="returned-dialog">
        <h3 id="returned-title">{t('回传文件中的修改', 'Changes in the returned workbook')}</h3>
        <p className="muted">
          {t(
            `${review.fileName}：读取 ${review.rowCount} 行，${groups.length} 个目标共 ${review.changes.length} 处修改。勾选要采纳的修改；采纳后记入修改历史，可用 Ctrl+Z 撤销。`,
            `${review.fileName}: ${review.rowCount} rows read, ${review.changes.length} changes in ${groups.length} targets. Tick the changes to accept; they are recorded in the history and Ctrl+Z undoes them.`,
          )}
        </p>
        {review.changes.length > 0 ? (
          <div className="handoff-changes">
            <table>
              <thead>
                <tr>
                  <th>
                    <input
                      type="checkbox"
                      aria-label={t('全选', 'Select all')}
                      checked={accepted.size === review.changes.length}
                      onChange={(e) => toggle(review.changes.map(changeKey), e.target.checked)}
                    />
                  </th>
                  <th>{t('字段', 'Field')}</th>
                  <th>{t('原值', 'Before')}</th>
                  <th>{t('回传值', 'Returned')}</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => {
                  const keys = g.changes.map(changeKey);
                  return [
                    <tr key={`t${g.targetId}`} className="handoff-target-row">
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t(`采纳“${g.indicator}”的全部修改`, `Accept all changes of "${g.indicator}"`)}
                          checked={keys.every((k) => accepted.has(k))}
                          onChange={(e) => toggle(keys, e.target.checked)}
                        />
                      </td>
                      <td colSpan={3}>
                        <strong>{g.indicator}</strong> <span className="muted">{g.section} · ID {g.targetId}</span>
                      </td>
                    </tr>,
                    ...g.changes.map((c) => (
                      <tr key={changeKey(c)} data-testid="returned-change">
                        <td>
                          <input
                            type="checkbox"
                            aria-label={t(`采纳 ${g.indicator} ${c.fieldLabel}`, `Accept ${g.indicator} ${c.fieldLabel}`)}
                            checked={accepted.has(changeKey(c))}
                            onChange={(e) => toggle([changeKey(c)], e.target.checked)}
                          />
                        </td>
                        <td>{c.fieldLabel}</td>
                        <td className="handoff-before">{shownValue(c, c.before, lang)}</td>
                        <td className="handoff-after">{shownValue(c, c.after, lang)}</td>
                      </tr>
                    )),
                  ];
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('与当前目标相比没有修改。', 'No differences from the current targets.')}</p>
        )}
        {errors.length + warnings.length > 0 ? (
          <ul className="handoff-problems" data-testid="returned-problems">
            {[...errors, ...warnings].slice(0, 50).map((p, i) => (
              <li key={i} className={p.severity === 'error' ? 'error' : 'warning'}>
                {p.rowNumber !== null ? t(`第${p.rowNumber}行：`, `Row ${p.rowNumber}: `) : ''}
                {p.message}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="modal-actions">
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            {t('取消', 'Cancel')}
          </button>
          <button type="button" className="button primary" disabled={busy || accepted.size === 0} onClick={() => onApply([...accepted])} data-testid="returned-apply">
            {t(`采纳所选（${accepted.size}）`, `Accept selected (${accepted.size})`)}
          </button>
        </div>
      </div>
    </div>
  );
}
