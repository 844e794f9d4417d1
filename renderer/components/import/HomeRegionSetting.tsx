// The store's home region, shown beside the import wizard and editable there: a file that names no region is filed
// under it, so next month's file continues the same series.
import { useCallback, useEffect, useState } from 'react';
import type { StoreSettings, WorkbenchClient } from '../../../shared/contract';
import { useI18n } from '../../i18n';

export function HomeRegionSetting({ client, onChanged, onError }: { client: WorkbenchClient; onChanged: () => void; onError: (e: unknown) => void }) {
  const { t } = useI18n();
  const [settings, setSettings] = useState<StoreSettings | null>(null);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');

  useEffect(() => {
    client.call('getSettings', {}).then(setSettings, onError);
  }, [client, onError]);

  const save = useCallback(
    async (region: string | null) => {
      try {
        setSettings(await client.call('setHomeRegion', { region }));
        setEditing(false);
        onChanged();
      } catch (e) {
        onError(e);
      }
    },
    [client, onChanged, onError],
  );

  if (!settings) return null;
  const source = settings.homeRegionSource === 'plan' ? t('（取自计划）', ' (from the plan)') : settings.homeRegionSource === 'none' ? t('（未设置）', ' (not set)') : '';
  return (
    <span className="home-region" data-testid="home-region">
      {t('本库所属地区：', 'Home region: ')}
      {editing ? (
        <>
          <input value={text} onChange={(e) => setText(e.target.value)} aria-label={t('所属地区', 'Home region')} maxLength={100} />
          <button type="button" className="button" disabled={text.trim() === ''} onClick={() => void save(text)}>
            {t('保存', 'Save')}
          </button>
          {settings.homeRegionSource === 'setting' && (
            <button type="button" className="button" onClick={() => void save(null)}>
              {t('改回计划的地区', 'Back to the plan’s')}
            </button>
          )}
          <button type="button" className="button" onClick={() => setEditing(false)}>
            {t('取消', 'Cancel')}
          </button>
        </>
      ) : (
        <>
          <strong>{settings.homeRegion ?? '—'}</strong>
          <span className="muted">{source}</span>{' '}
          <button
            type="button"
            className="link-button"
            title={t('文件未注明地区时，数据归入该地区', 'Files that name no region are filed under it')}
            onClick={() => {
              setText(settings.homeRegion ?? '');
              setEditing(true);
            }}
          >
            {t('修改', 'Change')}
          </button>
        </>
      )}
    </span>
  );
}
