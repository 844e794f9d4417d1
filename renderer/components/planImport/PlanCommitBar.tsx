// The plan's year, region and title (read from the document, editable), whether the accepted targets make a new
// plan or update a stored one, and the button that commits them. An update is previewed before it is confirmed.
import type { Plan } from '../../../shared/domain/target';
import { useI18n } from '../../i18n';

export interface PlanMetaDraft {
  year: string;
  region: string;
  title: string;
}

export type CommitMode = 'new' | 'update';

interface Props {
  meta: PlanMetaDraft;
  onMeta: (meta: PlanMetaDraft) => void;
  mode: CommitMode;
  onMode: (mode: CommitMode) => void;
  plans: Plan[];
  updatePlanId: number | null;
  onUpdatePlanId: (id: number) => void;
  accepted: number;
  busy: boolean;
  /** In update mode, whether the preview shown is for the rows as they are now. */
  previewCurrent: boolean;
  onPreview: () => void;
  onCommit: () => void;
}

export function PlanCommitBar(p: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<PlanMetaDraft>) => p.onMeta({ ...p.meta, ...patch });
  const needsPreview = p.mode === 'update' && !p.previewCurrent;
  return (
    <div className="toolbar commit-bar" data-testid="commit-bar">
      <label className="field">
        {t('年份', 'Year')}
        <input className="field-year" inputMode="numeric" value={p.meta.year} onChange={(e) => set({ year: e.target.value })} disabled={p.mode === 'update'} aria-label={t('年份', 'Year')} />
      </label>
      <label className="field">
        {t('地区', 'Region')}
        <input className="field-region" value={p.meta.region} onChange={(e) => set({ region: e.target.value })} disabled={p.mode === 'update'} aria-label={t('地区', 'Region')} />
      </label>
      <label className="field field-grow">
        {t('标题', 'Title')}
        <input className="field-title" value={p.meta.title} onChange={(e) => set({ title: e.target.value })} disabled={p.mode === 'update'} aria-label={t('标题', 'Title')} />
      </label>
      <span className="mode-choice" role="radiogroup" aria-label={t('导入方式', 'Import as')}>
        <label>
          <input type="radio" name="plan-mode" checked={p.mode === 'new'} onChange={() => p.onMode('new')} data-testid="mode-new" />
          {t('新计划', 'New plan')}
        </label>
        <label>
          <input type="radio" name="plan-mode" checked={p.mode === 'update'} onChange={() => p.onMode('update')} disabled={p.plans.length === 0} data-testid="mode-update" />
          {t('更新现有计划', 'Update plan')}
        </label>
        <select
          value={p.updatePlanId ?? ''}
          onChange={(e) => p.onUpdatePlanId(Number(e.target.value))}
          disabled={p.mode !== 'update'}
          aria-label={t('要更新的计划', 'Plan to update')}
          data-testid="update-plan"
        >
          {p.plans.map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.id} · {plan.title}
            </option>
          ))}
        </select>
      </span>
      {needsPreview ? (
        <button type="button" className="primary" onClick={p.onPreview} disabled={p.busy || p.accepted === 0 || p.updatePlanId === null} data-testid="preview-update">
          {t('预览变更', 'Preview changes')}
        </button>
      ) : (
        <button type="button" className="primary" onClick={p.onCommit} disabled={p.busy || p.accepted === 0} data-testid="commit-plan">
          {p.mode === 'new' ? t(`导入为新计划（${p.accepted} 项）`, `Import as new plan (${p.accepted})`) : t(`确认更新计划 ${p.updatePlanId}`, `Confirm update of plan ${p.updatePlanId}`)}
        </button>
      )}
    </div>
  );
}
