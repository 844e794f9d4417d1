// The briefing builder (简报): pick a section or targets, the as-of month and a layout; the A4 pages the
// service renders are previewed as they will print. Save as PDF, print, or take a chart out for Word.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { BriefPreview, WorkbenchClient } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { BRIEF_LAYOUTS, type BriefLayoutKind } from '../../shared/export/types';
import { sectionMatches, topSection } from '../../shared/brief/sectionMatch';
import { cutoffLine, formatSectionZh } from '../../shared/format/chinese';
import { MessageBar, type Message } from '../components/MessageBar';
import { briefChartsOf, copyPng, standaloneSvg, svgToPng, type BriefChart } from '../handoff/briefCharts';
import { PDF_MIME, saveBase64, saveBlob } from '../handoff/saveFile';
import { useI18n } from '../i18n';
import { errorMessage } from '../messages';
import './handoff.css';

const LAYOUT_LABELS: Record<BriefLayoutKind, { zh: string; en: string }> = {
  standard: { zh: '标准（图表+走势+表格）', en: 'Standard (charts, trends, table)' },
  charts: { zh: '仅图表', en: 'Charts only' },
  table: { zh: '仅表格', en: 'Table only' },
};

export function BriefingView({ client }: { client: WorkbenchClient }) {
  const { t, lang } = useI18n();
  const [targets, setTargets] = useState<Target[]>([]);
  const [linked, setLinked] = useState<Set<number>>(new Set());
  const [section, setSection] = useState('');
  const [picked, setPicked] = useState<Set<number>>(new Set());
  const [asOf, setAsOf] = useState('');
  const [layout, setLayout] = useState<BriefLayoutKind>('standard');
  const [preview, setPreview] = useState<BriefPreview | null>(null);
  const [loading, setLoading] = useState(false);
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const frameRef = useRef<HTMLIFrameElement>(null);
  const request = useRef(0);

  const fail = useCallback(
    (e: unknown) => {
      setMessage(errorMessage(e, lang));
    },
    [lang],
  );

  useEffect(() => {
    Promise.all([client.call('listTargets', {}), client.call('listLinks', {})])
      .then(([all, links]) => {
        setTargets(all.filter((x) => x.kind !== 'task'));
        setLinked(new Set(links.map((l) => l.targetId)));
      })
      .catch(fail);
  }, [client, fail]);

  const sections = useMemo(() => [...new Set(targets.map((x) => topSection(x.section)))], [targets]);
  const shownTargets = useMemo(() => targets.filter((x) => section === '' || sectionMatches(x.section, section)), [targets, section]);

  const args = useMemo(() => {
    const ids = shownTargets.filter((x) => picked.has(x.id)).map((x) => x.id);
    return {
      ...(section ? { section } : {}),
      ...(ids.length > 0 ? { targetIds: ids } : {}),
      ...(asOf ? { asOf } : {}),
      layout,
    };
  }, [section, picked, shownTargets, asOf, layout]);

  // The preview follows the choices; a slower answer to an older choice is dropped.
  useEffect(() => {
    const n = ++request.current;
    setLoading(true);
    const timer = setTimeout(() => {
      client
        .call('briefHtml', args)
        .then((res) => {
          if (n !== request.current) return;
          setPreview(res);
          setMessage(null);
        })
        .catch((e) => {
          if (n !== request.current) return;
          setPreview(null);
          fail(e);
        })
        .finally(() => n === request.current && setLoading(false));
    }, 250);
    return () => clearTimeout(timer);
  }, [client, args, fail]);

  const charts: BriefChart[] = useMemo(() => {
    if (!preview) return [];
    const names = new Map(targets.map((x) => [x.id, x.indicator]));
    return briefChartsOf(preview.html, (id) => names.get(id));
  }, [preview, targets]);

  const savePdf = async () => {
    setSaving(true);
    try {
      const res = await client.call('briefPdf', args);
      saveBase64(res.fileName, res.dataBase64, PDF_MIME);
      setMessage({ kind: 'info', text: t(`已保存 ${res.fileName}（${res.pages} 页）`, `Saved ${res.fileName} (${res.pages} pages)`) });
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  const print = () => {
    const w = frameRef.current?.contentWindow;
    if (!w) return;
    try {
      w.focus();
      w.print();
    } catch (e) {
      fail(e);
    }
  };

  const fileStem = (chart: BriefChart) => `${chart.title.replace(/[\\/:*?"<>|（）()]/g, ' ').trim().slice(0, 40) || '图表'}_${preview?.asOf ?? ''}`;

  const chartAction = async (chart: BriefChart, action: 'svg' | 'png' | 'copy') => {
    try {
      if (action === 'svg') saveBlob(`${fileStem(chart)}.svg`, new Blob([standaloneSvg(chart.svg)], { type: 'image/svg+xml' }));
      else if (action === 'png') saveBlob(`${fileStem(chart)}.png`, await svgToPng(chart.svg));
      else {
        const copied = await copyPng(svgToPng(chart.svg));
        setMessage(
          copied
            ? { kind: 'info', text: t(`已复制“${chart.title}”，可直接粘贴到 Word`, `Copied "${chart.title}"; paste it into Word`) }
            : { kind: 'error', text: t('此浏览器不支持复制图片，请用“保存PNG”', 'This browser cannot copy images; use Save PNG') },
        );
      }
    } catch (e) {
      // Clipboard access can be refused (no focus, no permission): say so rather than fail silently.
      setMessage({ kind: 'error', text: t(`无法复制图片（${(e as Error).message}），请用“保存PNG”`, `Cannot copy the image (${(e as Error).message}); use Save PNG`) });
    }
  };

  const togglePick = (id: number, on: boolean) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const pickedShown = shownTargets.filter((x) => picked.has(x.id)).length;

  return (
    <div className="view briefing-view">
      <div className="toolbar">
        <label>
          {t('部分', 'Section')}
          <select value={section} onChange={(e) => setSection(e.target.value)} data-testid="brief-section">
            <option value="">{t('全部', 'All')}</option>
            {sections.map((s) => (
              <option key={s} value={s}>
                {/^[一二三四五六七八九十]+$/.test(s) ? `${s}、` : s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('数据截至', 'As of')}
          <input type="month" value={asOf || preview?.asOf || ''} onChange={(e) => setAsOf(e.target.value)} data-testid="brief-asof" />
        </label>
        <label>
          {t('版式', 'Layout')}
          <select value={layout} onChange={(e) => setLayout(e.target.value as BriefLayoutKind)} data-testid="brief-layout">
            {BRIEF_LAYOUTS.map((l) => (
              <option key={l} value={l}>
                {LAYOUT_LABELS[l][lang]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void savePdf()} disabled={saving || !preview} data-testid="brief-save-pdf">
          {saving ? t('生成中…', 'Rendering…') : t('保存PDF', 'Save PDF')}
        </button>
        <button type="button" onClick={print} disabled={!preview} data-testid="brief-print">
          {t('打印', 'Print')}
        </button>
        <span className="count">
          {preview ? t(`${preview.pages} 页 · ${preview.targetCount} 项目标 · ${preview.charts} 张图`, `${preview.pages} pages · ${preview.targetCount} targets · ${preview.charts} charts`) : ''}
        </span>
      </div>
      <MessageBar message={message} onClose={() => setMessage(null)} />
      <div className="briefing-body">
        <div className="briefing-side">
          <div className="briefing-panel briefing-targets" data-testid="brief-targets">
            <h4>
              {t('目标', 'Targets')}
              <span className="muted">{pickedShown > 0 ? t(`已选 ${pickedShown} 项`, `${pickedShown} picked`) : t('未选：取已关联数据的目标', 'none picked: the linked ones')}</span>
              {pickedShown > 0 ? (
                <button type="button" className="button" onClick={() => setPicked(new Set())}>
                  {t('清除', 'Clear')}
                </button>
              ) : null}
            </h4>
            {shownTargets.map((x) => (
              <label key={x.id}>
                <input type="checkbox" checked={picked.has(x.id)} onChange={(e) => togglePick(x.id, e.target.checked)} />
                <span className="section-code">{formatSectionZh(x.section)}</span>
                <span>{x.indicator}</span>
                {linked.has(x.id) ? <span className="tag">{t('已关联', 'linked')}</span> : null}
              </label>
            ))}
          </div>
          <div className="briefing-panel briefing-charts" data-testid="brief-charts">
            <h4>{t('图表（用于Word）', 'Charts (for Word)')}</h4>
            {charts.length === 0 ? <span className="muted">{t('本简报没有图表', 'No charts in this briefing')}</span> : null}
            {charts.map((c) => (
              <div className="briefing-chart" key={c.key} data-testid="brief-chart">
                <span className="chart-title">{c.title}</span>
                <button type="button" onClick={() => void chartAction(c, 'svg')}>
                  {t('保存SVG', 'Save SVG')}
                </button>
                <button type="button" onClick={() => void chartAction(c, 'png')}>
                  {t('保存PNG', 'Save PNG')}
                </button>
                <button type="button" onClick={() => void chartAction(c, 'copy')}>
                  {t('复制图片', 'Copy image')}
                </button>
              </div>
            ))}
          </div>
        </div>
        <div className="briefing-preview">
          <div className="briefing-status" data-testid="brief-status">
            {loading ? t('正在生成预览…', 'Rendering the preview…') : preview ? `${preview.title} · ${cutoffLine(preview.asOf)}${preview.latestPeriod && preview.latestPeriod !== preview.asOf ? t(`（最新数据：${preview.latestPeriod}）`, ` (newest data: ${preview.latestPeriod})`) : ''}` : ''}
          </div>
          {preview ? (
            // No scripts in the pages (charts are SVG from the service): the frame may share the origin so 打印
            // can reach it, and allow-modals lets it open the print dialog; nothing in it can run.
            <iframe ref={frameRef} title={t('简报预览', 'Briefing preview')} srcDoc={preview.html} sandbox="allow-same-origin allow-modals" data-testid="brief-preview" />
          ) : null}
        </div>
      </div>
    </div>
  );
}
