// `report FILE.docx`: the analysis report draft (分析报告初稿) as a Word document, written by rules from the
// variance as of a month (no model, no network); the analyst edits it in Word or WPS.
import type { CliCommand } from '../context';
import { dispatch } from '../../service/service';
import type { DocxDownload } from '../../../shared/contract/handoffCalls';
import { cutoffLine } from '../../../shared/format/chinese';
import { checkedMonth, checkedOutputPath, elapsedSeconds, writeOutput } from '../outputFile';

const USAGE = 'report FILE.docx [--as-of YYYY-MM] [--plan ID] [--db PATH]';

export const reportCommand: CliCommand = {
  name: 'report',
  summary: '生成分析报告初稿（Word） / Write the analysis report draft (.docx)',
  usage: USAGE,
  valueFlags: ['as-of', 'plan'],
  run: async (ctx) => {
    const start = performance.now();
    const asOf = checkedMonth(ctx.flag('as-of'), 'as-of');
    const file = checkedOutputPath(ctx.positionals[0], '.docx', USAGE);
    const plan = ctx.flag('plan');
    const args = { ...(asOf ? { asOf } : {}), ...(plan !== undefined ? { planId: Number(plan) } : {}) };
    const result = (await dispatch(ctx.service(), 'reportDocx', args)) as DocxDownload;
    writeOutput(file, Buffer.from(result.dataBase64, 'base64'));
    ctx.out(`已生成分析报告初稿 / Report draft written: ${file}`);
    ctx.out(`${cutoffLine(result.asOf)} / as of ${result.asOf}`);
    ctx.out(`用时 / Elapsed: ${elapsedSeconds(start)} s`);
    return 0;
  },
};
