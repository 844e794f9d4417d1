// `brief FILE.pdf`: the briefing pages (简报) as an A4 PDF, the same pages the briefing view previews.
import type { CliCommand } from '../context';
import { dispatch } from '../../service/service';
import type { BriefPdf, DocxDownload } from '../../../shared/contract/handoffCalls';
import { BRIEF_LAYOUTS, type BriefLayoutKind } from '../../../shared/export/types';
import { cutoffLine } from '../../../shared/format/chinese';
import { logFilePath } from '../../log';
import { checkedMonth, checkedOutputPath, elapsedSeconds, writeOutput } from '../outputFile';

const USAGE = 'brief FILE.pdf|FILE.docx [--as-of YYYY-MM] [--section 一] [--layout standard|charts|table] [--plan ID] [--db PATH]';

export const briefCommand: CliCommand = {
  name: 'brief',
  summary: '生成简报PDF（A4）或Word / Write the briefing pages as an A4 PDF or .docx',
  usage: USAGE,
  valueFlags: ['as-of', 'section', 'layout', 'plan'],
  run: async (ctx) => {
    const start = performance.now();
    const asOf = checkedMonth(ctx.flag('as-of'), 'as-of');
    const layout = ctx.flag('layout');
    if (layout !== undefined && !(BRIEF_LAYOUTS as readonly string[]).includes(layout)) {
      throw new Error(`--layout 应为 ${BRIEF_LAYOUTS.join('、')} 之一，收到“${layout}” / --layout must be one of ${BRIEF_LAYOUTS.join(', ')}, got "${layout}"`);
    }
    const file = checkedOutputPath(ctx.positionals[0], ['.pdf', '.docx'], USAGE);
    const section = ctx.flag('section');
    const plan = ctx.flag('plan');
    const args = {
      ...(asOf ? { asOf } : {}),
      ...(section ? { section } : {}),
      ...(layout ? { layout: layout as BriefLayoutKind } : {}),
      ...(plan !== undefined ? { planId: Number(plan) } : {}),
    };
    if (file.toLowerCase().endsWith('.docx')) {
      const docx = (await dispatch(ctx.service(), 'briefDocx', args)) as DocxDownload;
      writeOutput(file, Buffer.from(docx.dataBase64, 'base64'));
      ctx.out(`已生成简报（Word） / Briefing written: ${file}`);
      ctx.out(`${cutoffLine(docx.asOf)} / as of ${docx.asOf}`);
      ctx.out(`用时 / Elapsed: ${elapsedSeconds(start)} s`);
      return 0;
    }
    const result = (await dispatch(ctx.service(), 'briefPdf', args)) as BriefPdf;
    writeOutput(file, Buffer.from(result.dataBase64, 'base64'));
    ctx.out(`已生成简报 / Briefing written: ${file}`);
    ctx.out(`页数 / Pages: ${result.pages}（A4）· 目标 ${result.targetCount} 项 / ${result.targetCount} targets · ${cutoffLine(result.asOf)} / as of ${result.asOf}`);
    if (result.chartsLeftOut > 0) {
      ctx.err(`注意 / Note: ${result.chartsLeftOut} 幅图无法绘制，已在页面上注明并略去，原因见日志 ${logFilePath()} / ${result.chartsLeftOut} chart(s) could not be drawn and are marked as left out; see the log ${logFilePath()}`);
    }
    ctx.out(`用时 / Elapsed: ${elapsedSeconds(start)} s`);
    return 0;
  },
};
