// The analysis report draft (分析报告初稿) as a list of blocks (pure): the overview, one part per plan
// section, the targets that need attention with what the remaining months require, the briefing's table
// and charts, and the data cut-off and sources. The .docx writer only lays these blocks out.

import type { Target } from '../domain/target';
import type { BriefTrend, ExportPlan } from '../export/types';
import { briefTableRows } from '../brief/briefTable';
import { isCompletionRow, isGrowthRow } from '../brief/chartOptions';
import { cutoffLine, formatPeriodZh, formatTimestampZh } from '../format/chinese';
import type { Status, VarianceRow } from '../variance/types';
import { areaWord, monthOnMonthSentence, noDataSentence, overviewSentence, remainingMonths, requirementSentence, targetSentence } from './sentences';
import { chineseNumeral, splitSection } from './sectionTitles';

export type ReportBlock =
  | { kind: 'heading1'; text: string }
  | { kind: 'heading2'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; caption: string; header: string[]; rows: string[][]; statuses: Status[] }
  | { kind: 'chart'; chart: 'growth' | 'completion'; rows: VarianceRow[]; caption: string }
  | { kind: 'trend'; trend: BriefTrend; caption: string };

export interface ReportDoc {
  title: string;
  /** `（初稿）`: the analyst edits it before it goes out. */
  subtitle: string;
  /** `内蒙古自治区发展和改革委员会`. */
  issuer: string;
  /** `数据截至2025年10月`. */
  cutoff: string;
  blocks: ReportBlock[];
}

export interface ReportSource {
  fileName: string;
  importedAt: string;
}

export interface ReportInput {
  plan: ExportPlan;
  asOf: string;
  /** Every analysed target (tasks excluded), in the plan's order. */
  rows: VarianceRow[];
  targets: Target[];
  /** Section code → heading (see sectionTitles). */
  sectionTitles: ReadonlyMap<string, string>;
  /** The briefing's rows (its table and charts) and trend charts. */
  briefRows: VarianceRow[];
  trends: BriefTrend[];
  /** The import files the figures were read from. */
  sources: ReportSource[];
}

/** The part of the plan's opening paragraph, and any section without a heading in the text. */
function firstLevelHeading(code: string, titles: ReadonlyMap<string, string>): string {
  if (code === '总体目标') return '主要预期目标';
  return titles.get(code) ?? `计划第${code.replace(/、$/, '')}部分`;
}

/** Sentences of one paragraph: the period and area are said once, again only where a figure's period differs. */
function paragraphOf(rows: readonly VarianceRow[], kinds: ReadonlyMap<number, string>, area: string): string | null {
  const sentences: string[] = [];
  let period: string | null = null;
  for (const row of rows) {
    const s = targetSentence(row, { area, omitPeriod: period !== null && row.asOf === period, kind: kinds.get(row.targetId) });
    if (!s) continue;
    sentences.push(s);
    period ??= row.asOf;
  }
  const missing = rows.filter((r) => r.status === 'no_data' || r.actual === null).map((r) => r.indicator);
  const none = noDataSentence(missing);
  if (none && sentences.length > 0) sentences.push(`此外，${none}`);
  return sentences.length > 0 ? sentences.join('') : null;
}

function sectionParts(input: ReportInput, kinds: ReadonlyMap<number, string>, area: string): { heading: string; paragraphs: { heading: string | null; text: string }[] }[] {
  const groups = new Map<string, Map<string | null, VarianceRow[]>>();
  for (const row of input.rows) {
    const { first, second } = splitSection(row.section);
    if (!groups.has(first)) groups.set(first, new Map());
    const inner = groups.get(first)!;
    if (!inner.has(second)) inner.set(second, []);
    inner.get(second)!.push(row);
  }
  const parts: { heading: string; paragraphs: { heading: string | null; text: string }[] }[] = [];
  for (const [first, inner] of groups) {
    const paragraphs: { heading: string | null; text: string }[] = [];
    let n = 0;
    for (const [second, rows] of inner) {
      const text = paragraphOf(rows, kinds, area);
      if (!text) continue;
      const title = second ? (input.sectionTitles.get(second) ?? null) : null;
      paragraphs.push({ heading: second ? `（${chineseNumeral(++n)}）${title ?? `计划${second.replace('、', '').replace(/[()]/g, '')}部分`}` : null, text });
    }
    if (paragraphs.length > 0) parts.push({ heading: firstLevelHeading(first, input.sectionTitles), paragraphs });
  }
  return parts;
}

/** Why no requirement is given, so the analyst does not look for one. */
function missingRequirement(row: VarianceRow): string {
  const months = remainingMonths(row.asOf);
  if (months === null || months <= 0) return '';
  if (row.completionRate === null && row.requiredGrowth === null) return '因缺少总量数据，未测算其余月份所需增速。';
  return '';
}

/** The report, block by block. */
export function buildReport(input: ReportInput): ReportDoc {
  const area = areaWord(input.plan.region);
  const kinds = new Map(input.targets.map((t) => [t.id, t.kind]));
  const period = formatPeriodZh(input.asOf, true);
  const blocks: ReportBlock[] = [];
  let part = 0;
  const heading1 = (text: string) => blocks.push({ kind: 'heading1', text: `${chineseNumeral(++part)}、${text}` });
  const paragraph = (text: string) => blocks.push({ kind: 'paragraph', text });

  heading1('总体情况');
  const withData = input.rows.filter((r) => r.status !== 'no_data' && r.actual !== null);
  const overview = [overviewSentence(input.rows, input.asOf)];
  if (withData.length === 0) overview.push('各项指标尚无可比数据，请先导入统计数据并关联指标。');
  paragraph(overview.join(''));
  const mom = monthOnMonthSentence(input.rows);
  if (mom) paragraph(mom);

  for (const p of sectionParts(input, kinds, area)) {
    heading1(p.heading);
    for (const para of p.paragraphs) {
      if (para.heading) blocks.push({ kind: 'heading2', text: para.heading });
      paragraph(para.text);
    }
  }

  heading1('需要关注的指标');
  const watch = input.rows.filter((r) => r.status === 'at_risk' || r.status === 'off_track');
  if (watch.length === 0) paragraph(withData.length === 0 ? '暂无可比数据。' : '各项有数据的指标均已完成或符合进度，暂无需要特别关注的指标。');
  const said = new Set<string>();
  for (const row of watch) {
    const sentence = targetSentence(row, { area, kind: kinds.get(row.targetId) });
    // A target the plan states twice (in the opening and in its section) is one concern, said once.
    if (!sentence || said.has(sentence)) continue;
    said.add(sentence);
    paragraph(`${sentence}${requirementSentence(row) ?? missingRequirement(row)}`);
  }

  // A target the plan states twice (same indicator, same figures): one row of the table, one bar of a chart.
  const seen = new Set<string>();
  const briefRows = input.briefRows.filter((r) => {
    const key = `${r.indicator}\u0000${r.target}\u0000${r.actual}\u0000${r.seriesName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (briefRows.length > 0) {
    heading1('主要指标执行情况表');
    const table = briefTableRows(briefRows, input.targets);
    const since = new Map(briefRows.map((r) => [r.targetId, r.sincePrevious ?? '—']));
    blocks.push({
      kind: 'table',
      caption: `表1　${period}主要指标执行情况`,
      header: ['序号', '指标', '年度目标', '实际', '差距 / 完成率', '序时进度', '状态', '较上月'],
      rows: table.map((r, i) => [String(i + 1), r.indicator, r.target, r.actual, r.assessment, r.schedule, r.statusText, since.get(r.targetId) ?? '—']),
      statuses: table.map((r) => r.status),
    });
    let figure = 0;
    const growth = briefRows.filter(isGrowthRow);
    const completion = briefRows.filter(isCompletionRow);
    if (growth.length) blocks.push({ kind: 'chart', chart: 'growth', rows: growth, caption: `图${++figure}　${period}主要增速指标累计增速与目标` });
    if (completion.length) blocks.push({ kind: 'chart', chart: 'completion', rows: completion, caption: `图${++figure}　主要总量指标完成进度与序时进度` });
    for (const trend of input.trends) blocks.push({ kind: 'trend', trend, caption: `图${++figure}　${trend.title ?? ''}走势` });
  }

  heading1('数据截止时间和来源');
  const files = [...new Map(input.sources.map((s) => [s.fileName, s])).values()];
  const sourceText =
    files.length === 0 ? '尚未导入统计数据' : files.map((s) => `${s.fileName}（${formatTimestampZh(s.importedAt)}导入）`).join('、');
  paragraph(`本报告数据截至${formatPeriodZh(input.asOf, false)}。统计数据来源：${sourceText}。计划目标来源：${input.plan.title}。`);
  paragraph('本报告为计划执行分析工作台按规则根据上述数据生成的初稿，数字均取自所列文件和计划文本，请核改后使用。');

  return {
    title: `${input.plan.year}年${period.replace(/^\d{4}年/, '')}${area}国民经济和社会发展计划执行情况分析`,
    subtitle: '（初稿）',
    issuer: `${input.plan.region}发展和改革委员会`,
    cutoff: cutoffLine(input.asOf),
    blocks,
  };
}
