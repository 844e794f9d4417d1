// Renders a briefing (简报) as one self-contained HTML document of A4 pages: header with the title and the
// data cut-off, charts as inline SVG from ECharts on the server, the short table, the source line and page
// numbers. The same HTML previews on screen and prints to PDF.

import type { EChartsOption } from 'echarts';
import type { BriefInput, BriefTrend } from '../../shared/export/types';
import type { Target } from '../../shared/domain/target';
import { cutoffLine, formatPeriodZh } from '../../shared/format/chinese';
import { completionVsScheduleOption, growthVsTargetOption, CHART_FONT, trendOption } from '../../shared/brief/chartOptions';
import { FIRST_HEADER_MM, FOOTER_MM, MAIN_PADDING_MM, PAGE, paginateBrief, RUNNING_HEADER_MM, SIZES, type BriefBlock, type BriefPage } from '../../shared/brief/layout';
import { briefSummaryText, briefTableRows, hasAnyData } from '../../shared/brief/briefTable';
import { GAP_TONE_COLOR, gapTone, STATUS_TABLE_STYLE } from '../../shared/brief/statusStyle';
import { chartSvg } from './chartSvg';
import { errorText, logError } from '../log';

const PX_PER_MM = 96 / 25.4;
const HEADING_MM = 8;
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The pages a briefing will print on (the same pagination renderBriefHtml uses). */
export function briefPages(input: BriefInput): BriefPage[] {
  return paginateBrief(input);
}

export function renderBriefHtml(input: BriefInput): string {
  const pages = briefPages(input);
  const headings = sectionHeadings(pages, input.asOf);
  const targets = new Map(input.targets.map((t) => [t.id, t]));
  // The charts numbered in the document's order: the same briefing gives the same bytes in any thread, cold or warm.
  let charts = 0;
  const draw: DrawChart = (option, width, height) => chartSvg(option, width, height, `c${++charts}`);
  const body = pages.map((page, i) => renderPage(page, i, pages.length, input, headings, targets, draw)).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>`;
}

/** Section headings numbered in the order their blocks first appear: 一、总体情况 … */
function sectionHeadings(pages: BriefPage[], asOf: string): Map<BriefBlock['kind'], string> {
  const period = formatPeriodZh(asOf, true);
  const titles: Record<BriefBlock['kind'], string> = {
    summary: '总体情况',
    // Growth rates (1-N月 cumulative) and rates read at a month (unemployment) share the chart: both are in %.
    growthChart: `主要增速及比率指标：${period}与目标`,
    completionChart: '主要总量指标：完成进度与序时进度',
    trends: '重点指标走势',
    table: '主要指标执行情况表',
  };
  const headings = new Map<BriefBlock['kind'], string>();
  for (const block of pages.flatMap((p) => p.blocks)) {
    if (!headings.has(block.kind)) headings.set(block.kind, `${NUMERALS[headings.size] ?? headings.size + 1}、${titles[block.kind]}`);
  }
  return headings;
}

/** One chart of the document as SVG (chartSvg, with the document's next chart id). */
type DrawChart = (option: EChartsOption, width: number, height: number) => string;

function renderPage(page: BriefPage, index: number, total: number, input: BriefInput, headings: Map<BriefBlock['kind'], string>, targets: Map<number, Target>, draw: DrawChart): string {
  const header =
    index === 0
      ? `<header class="first" style="height:${FIRST_HEADER_MM}mm">
  <h1>${escapeHtml(input.title)}</h1>
  <div class="cutoff">${escapeHtml(cutoffLine(input.asOf, hasAnyData(input.rows)))}${input.issuer ? `<span class="issuer">${escapeHtml(input.issuer)}</span>` : ''}</div>
</header>`
      : `<header class="running" style="height:${RUNNING_HEADER_MM}mm"><span>${escapeHtml(input.title)}</span><span>${escapeHtml(cutoffLine(input.asOf, hasAnyData(input.rows)))}</span></header>`;
  const blocks = page.blocks.map((b) => renderBlock(b, input, headings, targets, draw)).join('\n');
  return `<section class="page" data-page="${page.number}">
${header}
<main>
${blocks}
</main>
<footer style="height:${FOOTER_MM}mm"><span>${escapeHtml(input.sourceLine)}</span><span class="page-number">第 ${page.number} 页 / 共 ${total} 页</span></footer>
</section>`;
}

function heading(text: string, continued: boolean): string {
  return `<h2 style="height:${HEADING_MM}mm">${escapeHtml(text)}${continued ? '（续）' : ''}</h2>`;
}

function renderBlock(block: BriefBlock, input: BriefInput, headings: Map<BriefBlock['kind'], string>, targets: Map<number, Target>, draw: DrawChart): string {
  const title = headings.get(block.kind) ?? '';
  switch (block.kind) {
    case 'summary':
      return `<div class="block" style="height:${block.heightMm}mm">${heading(title, false)}<p class="summary">${escapeHtml(briefSummaryText(input.rows, input.asOf))}</p></div>`;
    case 'growthChart':
    case 'completionChart': {
      const option = block.kind === 'growthChart' ? growthVsTargetOption(block.rows) : completionVsScheduleOption(block.rows);
      const chartMm = block.heightMm - HEADING_MM;
      const svg = drawnOrNote(() => draw(option, PAGE.widthMm * PX_PER_MM, chartMm * PX_PER_MM), block.kind === 'growthChart' ? '增速图' : '完成进度图');
      return `<div class="block chart" data-chart="${block.kind}" style="height:${block.heightMm}mm">${heading(title, block.part > 0)}<div class="svg" style="height:${chartMm}mm">${svg}</div></div>`;
    }
    case 'trends': {
      const cells = block.trends.map((t) => renderTrend(t, targets, draw)).join('');
      return `<div class="block" style="height:${block.heightMm}mm">${heading(title, block.continued)}<div class="trends">${cells}</div></div>`;
    }
    case 'table':
      return `<div class="block" style="height:${block.heightMm}mm">${heading(title, block.continued)}${renderTable(block.rows, input)}</div>`;
  }
}

function renderTrend(trend: BriefTrend, targets: Map<number, Target>, draw: DrawChart): string {
  const widthMm = (PAGE.widthMm - 4) / SIZES.trendsPerRow;
  const heightMm = SIZES.trendCellMm - 3;
  const title = trend.title ?? targets.get(trend.targetId)?.indicator ?? `目标 ${trend.targetId}`;
  const svg = drawnOrNote(() => draw(trendOption(trend, title), widthMm * PX_PER_MM, heightMm * PX_PER_MM), `${title}走势图`);
  return `<div class="trend" data-target-id="${trend.targetId}" style="width:${widthMm}mm;height:${heightMm}mm">${svg}</div>`;
}

/**
 * A chart that cannot be drawn is left out with a visible note in its place (and the cause in the log):
 * one bad series must never take the whole briefing down.
 */
export function drawnOrNote(draw: () => string, what: string): string {
  try {
    return draw();
  } catch (e) {
    logError(`brief chart ${what}`, e);
    return `<div class="chart-missing" data-chart-missing="true"><p>${escapeHtml(`${what}无法绘制，已略去（原因已记入日志） / This chart could not be drawn and is left out (cause logged)`)}</p><p class="why">${escapeHtml(errorText(e))}</p></div>`;
  }
}

function renderTable(rows: BriefInput['rows'], input: BriefInput): string {
  const tableRows = briefTableRows(rows, input.targets);
  const first = input.rows.indexOf(rows[0]);
  const period = formatPeriodZh(input.asOf, true);
  const body = tableRows
    .map((r, i) => {
      const style = STATUS_TABLE_STYLE[r.status];
      return `<tr style="height:${SIZES.tableRowMm}mm"><td class="num">${first + i + 1}</td><td class="indicator">${escapeHtml(r.indicator)}</td><td>${escapeHtml(r.target)}</td><td class="num">${escapeHtml(r.actual)}</td><td style="color:${GAP_TONE_COLOR[gapTone(r.status)]}">${escapeHtml(r.assessment)}</td><td class="num">${escapeHtml(r.schedule)}</td><td class="status" style="background:${style.background};color:${style.color}">${escapeHtml(r.statusText)}</td></tr>`;
    })
    .join('\n');
  return `<table class="figures">
<colgroup><col style="width:10mm"><col style="width:44mm"><col style="width:30mm"><col style="width:24mm"><col style="width:40mm"><col style="width:15mm"><col style="width:17mm"></colgroup>
<thead><tr><th>序号</th><th>指标</th><th>年度目标</th><th>${escapeHtml(period.replace(/^\d{4}年/, ''))}实际</th><th>差距 / 完成率</th><th>序时进度</th><th>状态</th></tr></thead>
<tbody>
${body}
</tbody>
</table>`;
}

const STYLE = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${CHART_FONT}; color: #222; font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.page { width: ${PAGE.widthMm}mm; height: ${PAGE.heightMm}mm; position: relative; overflow: hidden; break-after: page; page-break-after: always; display: flex; flex-direction: column; }
.page:last-of-type { break-after: auto; page-break-after: auto; }
@media screen {
  body { background: #e8e8e8; }
  .page { box-sizing: content-box; padding: 15mm; margin: 8mm auto; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,0.25); }
}
header.first { border-bottom: 3px double #b00000; display: flex; flex-direction: column; justify-content: flex-end; padding-bottom: 2mm; }
header.first h1 { font-family: 'Noto Serif CJK SC', 'Source Han Serif SC', serif; font-weight: 900; font-size: 20pt; letter-spacing: 1pt; text-align: center; margin: 0 0 3mm 0; color: #000; }
header.first .cutoff { display: flex; justify-content: space-between; font-size: 10.5pt; }
header.first .issuer { color: #444; }
header.running { display: flex; justify-content: space-between; align-items: flex-start; font-size: 9pt; color: #555; border-bottom: 0.5pt solid #999; }
main { flex: 1 1 auto; padding-top: ${MAIN_PADDING_MM}mm; overflow: hidden; }
.block { margin-bottom: ${SIZES.gapMm}mm; overflow: hidden; }
.block:last-child { margin-bottom: 0; }
h2 { font-size: 12pt; font-weight: 700; margin: 0; display: flex; align-items: center; border-left: 3pt solid #1f4e79; padding-left: 2mm; }
.summary { margin: 1mm 0 0 0; line-height: 1.7; text-indent: 2em; }
.svg svg, .trend svg { display: block; }
.trends { display: flex; flex-wrap: wrap; justify-content: space-between; row-gap: 3mm; }
.trend { overflow: hidden; }
.chart-missing { height: 100%; border: 0.75pt dashed #7f7f7f; display: flex; flex-direction: column; justify-content: center; align-items: center; color: #444; font-size: 9.5pt; padding: 2mm; text-align: center; }
.chart-missing p { margin: 0.5mm 0; }
.chart-missing .why { font-size: 8pt; color: #777; }
table.figures { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: 9pt; }
table.figures th { background: #1f4e79; color: #fff; font-weight: 700; height: 8mm; border: 0.5pt solid #1f4e79; padding: 0 1mm; white-space: nowrap; }
table.figures td { border: 0.5pt solid #a6a6a6; padding: 0 1.5mm; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.figures td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.figures td.status { text-align: center; font-weight: 700; }
table.figures tbody tr:nth-child(even) td:not(.status) { background: #f7f7f7; }
footer { display: flex; justify-content: space-between; align-items: flex-end; font-size: 9pt; color: #444; border-top: 0.5pt solid #999; padding-top: 1mm; }
`;
