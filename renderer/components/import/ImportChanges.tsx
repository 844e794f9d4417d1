// What an import changes (before commit) or changed (after): each series continued or new and why, the counts of
// new / unchanged / revised values, every revision (old → new), and the checks' warnings, which never block.
import type { ChangeSummary } from '../../../shared/import/importChanges';
import type { ImportCheck } from '../../../shared/import/checks';
import { MEASURE_LABELS } from '../../../shared/domain/series';
import { pickMessage, useI18n } from '../../i18n';
import { periodText } from '../../import/periodText';

const MAX_SHOWN_SERIES = 200;

export function ImportChanges({ changes, checks, committed }: { changes: ChangeSummary; checks: ImportCheck[]; committed: boolean }) {
  const { t, lang } = useI18n();
  const c = changes.counts;
  const shown = changes.series.slice(0, MAX_SHOWN_SERIES);
  return (
    <section className="import-changes" data-testid={committed ? 'commit-report' : 'import-changes'}>
      <p className="change-counts" data-testid="change-counts">
        {t(
          `${committed ? '已' : '将'}延续序列 ${c.seriesContinued} 个 · 新建序列 ${c.seriesNew} 个 · 新增数值 ${c.observationsNew} · 未变 ${c.observationsUnchanged} · 修订 ${c.observationsRevised}`,
          `${c.seriesContinued} series continued · ${c.seriesNew} new · ${c.observationsNew} new values · ${c.observationsUnchanged} unchanged · ${c.observationsRevised} revised`,
        )}
        {changes.homeRegion && <span className="muted">{t(`（本库所属地区：${changes.homeRegion}）`, ` (home region: ${changes.homeRegion})`)}</span>}
      </p>
      {checks.length > 0 && (
        <details className="notes checks" open data-testid="import-checks">
          <summary>{t(`警告 ${checks.length} 条（不影响导入，请核对）`, `${checks.length} warning(s) (they do not block the import; please check)`)}</summary>
          <ul>
            {checks.map((w, i) => (
              <li key={i}>
                {w.cell && <span className="mono">{w.sheet}!{w.cell} </span>}
                {pickMessage(w.message, lang)}
              </li>
            ))}
          </ul>
        </details>
      )}
      {changes.revisionCount > 0 && (
        <details className="revisions" open data-testid="revisions">
          <summary>{t(`修订 ${changes.revisionCount} 个数值（原值作为早期版本保留）`, `${changes.revisionCount} value(s) revised (the old vintage is kept)`)}</summary>
          <ul>
            {changes.revisions.map((r, i) => (
              <li key={i}>
                <span className="mono">{r.sheet}!{r.cell}</span> {r.label} {r.region ? `（${r.region}）` : ''}
                {periodText(r.period, r.measure, lang)}：<span className="old-value">{r.oldValue}</span> → <strong>{r.newValue}</strong>
              </li>
            ))}
          </ul>
        </details>
      )}
      <details className="series-changes" open={changes.series.length <= 12}>
        <summary>{t(`指标序列 ${changes.series.length} 个`, `${changes.series.length} series`)}</summary>
        <table data-testid="series-changes">
          <thead>
            <tr>
              <th>{t('序列', 'Series')}</th>
              <th>{t('指标（原文）', 'Indicator (as written)')}</th>
              <th>{t('地区', 'Region')}</th>
              <th>{t('口径 · 单位', 'Measure · unit')}</th>
              <th>{t('新增 · 未变 · 修订', 'New · unchanged · revised')}</th>
              <th>{t('依据', 'Why')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((s, i) => (
              <tr key={i} data-status={s.status}>
                <td className={s.status === 'new' ? 'status-new' : 'status-continued'}>
                  {s.status === 'new' ? t('新建', 'New') : t('延续', 'Continues')}
                  {s.seriesId !== null ? ` #${s.seriesId}` : ''}
                </td>
                <td>
                  {s.label}
                  {s.previousLabel && <div className="muted">{t(`原名：${s.previousLabel}`, `was: ${s.previousLabel}`)}</div>}
                </td>
                <td>
                  {s.region ?? '—'}
                  {s.regionSource === 'home' && <span className="muted">{t('（文件未注明）', ' (not in the file)')}</span>}
                </td>
                <td>
                  {MEASURE_LABELS[s.measure][lang]} · {s.unit || '—'}
                </td>
                <td className="mono">
                  {s.observations.new} · {s.observations.unchanged} · {s.observations.revised}
                </td>
                <td className="reason">{pickMessage(s.reason, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {changes.series.length > shown.length && <p className="muted">{t(`另有 ${changes.series.length - shown.length} 个序列未列出`, `${changes.series.length - shown.length} more series not listed`)}</p>}
      </details>
    </section>
  );
}
