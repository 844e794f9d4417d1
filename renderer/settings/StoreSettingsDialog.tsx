// 数据存储设置 / Store settings (issue 14): which store the desktop app opens — its own file, another file, or a
// team's server — checked as the analyst types with the main process's own rules (shared/settings). The browser
// shell was started with `--db`, so there the dialog only shows the store and the command to change it.
import { useEffect, useRef, useState } from 'react';
import type { AppInfo, WorkbenchClient } from '../../shared/contract';
import { storeFormProblem, type StoreChoice, type StoreSettingsView } from '../../shared/settings/storeLocation';
import { appInfoOf } from '../client/storeAccess';
import { storeSettingsBridge } from '../client/storeSettingsBridge';
import { pickMessage, useI18n } from '../i18n';

/** The store's place as shown: a server URL never with a password (appInfo has none, but be sure). */
export const shownLocation = (storePath: string) => storePath.replace(/(postgres(?:ql)?:\/\/[^:@/]+):[^@/]*@/i, '$1@');

export function StoreSettingsDialog({ client, onClose }: { client: WorkbenchClient; onClose: () => void }) {
  const { t, lang } = useI18n();
  const bridge = useRef(storeSettingsBridge()).current;
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [saved, setSaved] = useState<StoreSettingsView | null>(null);
  const [choice, setChoice] = useState<StoreChoice>('default');
  const [location, setLocation] = useState('');
  const [usePgpass, setUsePgpass] = useState(true);
  const [password, setPassword] = useState('');
  const [status, setStatus] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    appInfoOf(client).then(setInfo, () => undefined);
    bridge?.get().then(
      (view) => {
        setSaved(view);
        setChoice(view.choice);
        setLocation(view.location);
        setUsePgpass(!view.passwordSaved);
      },
      (e: unknown) => setStatus({ kind: 'error', text: (e as Error).message }),
    );
  }, [client, bridge]);
  useEffect(() => {
    // Keyboard users land inside the dialog: on the first choice, or on Close where it is read-only.
    (firstRef.current ?? closeRef.current)?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  // A saved password stays unless the analyst types a new one or switches to PGPASSFILE.
  const keepsSavedPassword = choice === 'server' && !usePgpass && !password && Boolean(saved?.passwordSaved) && saved?.location === location.trim();
  const request = { choice, location: choice === 'default' ? '' : location, ...(choice === 'server' && !keepsSavedPassword ? { password: usePgpass ? '' : password } : {}) };
  const problem = bridge ? storeFormProblem(request, saved?.encryptionAvailable ?? false) : null;
  const needsPassword = choice === 'server' && !usePgpass && !password && !keepsSavedPassword;

  const save = () => {
    if (!bridge || problem || needsPassword) return;
    bridge.set(request).then(
      () => setStatus({ kind: 'done', text: t('已保存。工作台正在重新启动，将打开新的数据存储…', 'Saved. The workbench is restarting on the new store…') }),
      (e: unknown) => setStatus({ kind: 'error', text: (e as Error).message }),
    );
  };

  const current = info && (
    <dl className="store-current" data-testid="store-current">
      <dt>{t('当前存储', 'Current store')}</dt>
      <dd data-testid="store-location">{shownLocation(info.storePath)}</dd>
      <dt>{t('类型', 'Engine')}</dt>
      <dd data-testid="store-engine">{info.engine === 'postgres' ? t('团队服务器（PostgreSQL）', 'Team server (PostgreSQL)') : t('数据文件（SQLite）', 'Store file (SQLite)')}</dd>
      <dt>{t('用户 / 角色', 'User / role')}</dt>
      <dd data-testid="store-role">
        {info.user} · {info.role === 'viewer' ? t('只读', 'viewer') : info.role === 'owner' ? t('负责人', 'owner') : t('分析员', 'analyst')}
      </dd>
    </dl>
  );

  return (
    <div className="modal-backdrop">
      <div className="modal store-settings" role="dialog" aria-modal="true" aria-labelledby="store-settings-title" data-testid="store-settings">
        <h3 id="store-settings-title">{t('数据存储设置', 'Store settings')}</h3>
        {current}
        {!bridge ? (
          <div data-testid="store-readonly">
            <p>{t('浏览器版在启动时指定数据存储，这里不能更改。要换用其他存储，请以如下命令重新启动：', 'The browser shell takes its store when started; it cannot be changed here. To use another store, start it again with:')}</p>
            <pre className="store-command">npm run web -- --db postgres://user@host/db</pre>
            <p className="muted">{t('（或 --db 数据文件路径；服务器密码请放在 PGPASSFILE / ~/.pgpass 中）', '(or --db a store file path; keep a server password in PGPASSFILE / ~/.pgpass)')}</p>
          </div>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <fieldset className="store-choice">
              <legend>{t('打开哪个数据存储', 'Which store to open')}</legend>
              {(
                [
                  ['default', t('本机数据文件（默认）', 'This computer’s store file (default)')],
                  ['file', t('其他数据文件', 'Another store file')],
                  ['server', t('团队服务器', 'Team server')],
                ] as const
              ).map(([value, label], i) => (
                <label key={value}>
                  <input ref={i === 0 ? firstRef : undefined} type="radio" name="store-choice" value={value} checked={choice === value} onChange={() => setChoice(value)} /> {label}
                </label>
              ))}
            </fieldset>
            {choice !== 'default' && (
              <label className="store-field">
                {choice === 'file' ? t('数据文件路径', 'Store file path') : t('服务器地址（postgres://用户@主机/数据库）', 'Server URL (postgres://user@host/database)')}
                <input type="text" value={location} onChange={(e) => setLocation(e.target.value)} spellCheck={false} data-testid="store-location-input" placeholder={choice === 'file' ? 'D:\\规划\\workbench.sqlite' : 'postgres://zhang@db.example/plan'} />
              </label>
            )}
            {choice === 'server' && (
              <fieldset className="store-choice">
                <legend>{t('密码', 'Password')}</legend>
                <label>
                  <input type="radio" name="store-password" checked={usePgpass} onChange={() => setUsePgpass(true)} /> {t('使用 PGPASSFILE / ~/.pgpass', 'Use PGPASSFILE / ~/.pgpass')}
                </label>
                <label>
                  <input type="radio" name="store-password" checked={!usePgpass} onChange={() => setUsePgpass(false)} /> {t('由系统钥匙串加密保存', 'Keep it encrypted by the OS keychain')}
                </label>
                {!usePgpass && (
                  <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" aria-label={t('密码', 'Password')} placeholder={keepsSavedPassword ? t('（已保存，留空则不变）', '(saved; leave empty to keep)') : ''} />
                )}
              </fieldset>
            )}
            {problem && (
              <p className="form-problem" role="alert" data-testid="store-problem">
                {pickMessage(problem, lang)}
              </p>
            )}
            <p className="muted">{t('保存后工作台会重新启动，服务将打开新的数据存储。', 'After saving, the workbench restarts and its service opens the new store.')}</p>
            {status && (
              <p className={status.kind === 'error' ? 'form-problem' : 'form-done'} role="status">
                {pickMessage(status.text, lang)}
              </p>
            )}
            <div className="modal-actions">
              <button type="button" className="button" onClick={onClose}>
                {t('取消', 'Cancel')}
              </button>
              <button type="submit" className="button primary" disabled={Boolean(problem) || needsPassword || status?.kind === 'done'} data-testid="store-save">
                {t('保存并重新启动', 'Save and restart')}
              </button>
            </div>
          </form>
        )}
        {!bridge && (
          <div className="modal-actions">
            <button type="button" className="button" onClick={onClose} ref={closeRef}>
              {t('关闭', 'Close')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
