// The briefing (简报) as a document of blocks (pure), so its pages can also be saved as .docx: the same
// summary, charts, trend charts and table as the PDF, with the month-on-month column, then the source line.

import { briefSummaryText, briefTableRows } from '../brief/briefTable';
import { isCompletionRow, isGrowthRow } from '../brief/chartOptions';
import type { BriefInput } from '../export/types';
import { cutoffLine, formatPeriodZh } from '../format/chinese';
import type { ReportBlock, ReportDoc } from './reportModel';
import { chineseNumeral } from './sectionTitles';
import { monthOnMonthSentence } from './sentences';

export function buildBriefDoc(input: BriefInput): ReportDoc {
  const period = formatPeriodZh(input.asOf, true);
  const layout = input.layout ?? 'standard';
  const blocks: ReportBlock[] = [];
  let part = 0;
  const heading = (text: string) => blocks.push({ kind: 'heading1', text: `${chineseNumeral(++part)}、${text}` });
  heading('总体情况');
  blocks.push({ kind: 'paragraph', text: briefSummaryText(input.rows, input.asOf) });
  const mom = monthOnMonthSentence(input.rows);
  if (mom) blocks.push({ kind: 'paragraph', text: mom });
  let figure = 0;
  if (layout !== 'table') {
    const growth = input.rows.filter(isGrowthRow);
    const completion = input.rows.filter(isCompletionRow);
    if (growth.length) {
      heading(`主要增速指标：${period}累计增速与目标`);
      blocks.push({ kind: 'chart', chart: 'growth', rows: growth, caption: `图${++figure}　主要增速指标累计增速与目标` });
    }
    if (completion.length) {
      heading('主要总量指标：完成进度与序时进度');
      blocks.push({ kind: 'chart', chart: 'completion', rows: completion, caption: `图${++figure}　主要总量指标完成进度与序时进度` });
    }
    if (input.trends.length) {
      heading('重点指标走势');
      for (const trend of input.trends) blocks.push({ kind: 'trend', trend, caption: `图${++figure}　${trend.title ?? ''}` });
    }
  }
  if (layout !== 'charts' && input.rows.length) {
    heading('主要指标执行情况表');
    const table = briefTableRows(input.rows, input.targets);
    const since = new Map(input.rows.map((r) => [r.targetId, r.sincePrevious ?? '—']));
    blocks.push({
      kind: 'table',
      caption: `表1　${period}主要指标执行情况`,
      header: ['序号', '指标', '年度目标', `${period.replace(/^\d{4}年/, '')}实际`, '差距 / 完成率', '序时进度', '状态', '较上月'],
      rows: table.map((r, i) => [String(i + 1), r.indicator, r.target, r.actual, r.assessment, r.schedule, r.statusText, since.get(r.targetId) ?? '—']),
      statuses: table.map((r) => r.status),
    });
  }
  blocks.push({ kind: 'paragraph', text: input.sourceLine });
  return { title: input.title, subtitle: '（简报）', issuer: input.issuer ?? '', cutoff: cutoffLine(input.asOf), blocks };
}
