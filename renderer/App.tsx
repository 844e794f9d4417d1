// The workbench window: a title bar with the views and the language switch, and the active view.
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import type { WorkbenchClient } from '../shared/contract';
import { I18nContext, makeI18n, type Lang } from './i18n';
import { TargetsView } from './views/TargetsView';
import { ColleagueNotice } from './components/ColleagueNotice';

// The first screen is the targets grid; the other views (and ECharts with them) load when first opened.
const ImportView = lazy(() => import('./views/ImportView').then((m) => ({ default: m.ImportView })));
const SeriesView = lazy(() => import('./views/SeriesView').then((m) => ({ default: m.SeriesView })));
const PlanImportView = lazy(() => import('./views/PlanImportView').then((m) => ({ default: m.PlanImportView })));
const VarianceView = lazy(() => import('./views/VarianceView').then((m) => ({ default: m.VarianceView })));
const MonthlyUpdateView = lazy(() => import('./views/MonthlyUpdateView').then((m) => ({ default: m.MonthlyUpdateView })));
// The store settings dialog (and the schema library its form checks with) loads when first opened.
const StoreSettingsDialog = lazy(() => import('./settings/StoreSettingsDialog').then((m) => ({ default: m.StoreSettingsDialog })));
const BriefingView = lazy(() => import('./views/BriefingView').then((m) => ({ default: m.BriefingView })));

export interface ViewEntry {
  id: string;
  zh: string;
  en: string;
  render: (client: WorkbenchClient) => ReactNode;
}

export const VIEWS: ViewEntry[] = [
  { id: 'targets', zh: '计划目标', en: 'Targets', render: (c) => <TargetsView client={c} /> },
  { id: 'monthly', zh: '本月更新', en: 'Monthly update', render: (c) => <MonthlyUpdateView client={c} /> },
  { id: 'plan-import', zh: '导入计划', en: 'Import plan', render: (c) => <PlanImportView client={c} /> },
  { id: 'import', zh: '导入数据', en: 'Import data', render: (c) => <ImportView client={c} /> },
  { id: 'series', zh: '数据', en: 'Series', render: (c) => <SeriesView client={c} /> },
  { id: 'variance', zh: '执行情况', en: 'Variance', render: (c) => <VarianceView client={c} /> },
  { id: 'briefing', zh: '简报', en: 'Briefing', render: (c) => <BriefingView client={c} /> },
];

export function App({ client }: { client: WorkbenchClient }) {
  const [lang, setLang] = useState<Lang>(() => (localStorage.getItem('workbench-lang') === 'en' ? 'en' : 'zh'));
  const [viewId, setViewId] = useState(VIEWS[0].id);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const i18n = useMemo(
    () =>
      makeI18n(lang, (l) => {
        localStorage.setItem('workbench-lang', l);
        document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
        setLang(l);
      }),
    [lang],
  );
  const view = VIEWS.find((v) => v.id === viewId) ?? VIEWS[0];
  return (
    <I18nContext.Provider value={i18n}>
      <div className="app">
        <header className="titlebar">
          <h1>{i18n.t('计划执行分析工作台', 'Plan Workbench')}</h1>
          <nav className="tabs" role="tablist">
            {VIEWS.map((v) => (
              <button key={v.id} role="tab" aria-selected={v.id === view.id} className={v.id === view.id ? 'tab active' : 'tab'} onClick={() => setViewId(v.id)}>
                {lang === 'zh' ? v.zh : v.en}
              </button>
            ))}
          </nav>
          <ColleagueNotice />
          <button type="button" className="lang-switch" onClick={() => setSettingsOpen(true)} data-testid="store-settings-open" aria-haspopup="dialog">
            {i18n.t('数据存储', 'Store')}
          </button>
          <button type="button" className="lang-switch" onClick={() => i18n.setLang(lang === 'zh' ? 'en' : 'zh')} data-testid="lang-switch">
            {lang === 'zh' ? 'English' : '中文'}
          </button>
        </header>
        <main className="content">
          <Suspense fallback={<div className="muted">{i18n.t('正在加载…', 'Loading…')}</div>}>{view.render(client)}</Suspense>
        </main>
        {settingsOpen && (
          <Suspense fallback={null}>
            <StoreSettingsDialog client={client} onClose={() => setSettingsOpen(false)} />
          </Suspense>
        )}
      </div>
    </I18nContext.Provider>
  );
}
