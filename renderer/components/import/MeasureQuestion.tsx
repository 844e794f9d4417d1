// The question the wizard asks when rows of the file say nothing of their measure: the analyst names it (no silent
// default), and the preview is made again with that answer.
import { useState } from 'react';
import { MEASURE_LABELS, MEASURES, type Measure } from '../../../shared/domain/series';
import { useI18n } from '../../i18n';

export function MeasureQuestion({ rows, chosen, disabled, onChoose }: { rows: number; chosen: Measure | undefined; disabled: boolean; onChoose: (m: Measure) => void }) {
  const { t, lang } = useI18n();
  const [pick, setPick] = useState<Measure | ''>(chosen ?? '');
  return (
    <div className="measure-question" data-testid="measure-question">
      <label>
        {rows > 0
          ? t(`这些行未说明口径（${rows} 处），请选择：`, `${rows} row(s) do not say which measure they are; choose one: `)
          : t('未说明口径的行按所选口径导入：', 'Rows that state no measure are imported as: ')}
        <select value={pick} onChange={(e) => setPick(e.target.value as Measure | '')} aria-label={t('口径', 'Measure')} disabled={disabled}>
          <option value="">{t('— 请选择 —', '— choose —')}</option>
          {MEASURES.map((m) => (
            <option key={m} value={m}>
              {MEASURE_LABELS[m][lang]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" disabled={disabled || pick === ''} onClick={() => pick !== '' && onChoose(pick)} data-testid="apply-measure">
        {t('按此口径重新预览', 'Preview again with this measure')}
      </button>
    </div>
  );
}
