// `export FILE.xlsx`: the analysis workbook (说明, 目标, 执行情况, 数据) as of a month, the same file the
// 导出Excel button downloads.
import type { CliCommand } from '../context';
import { dispatch } from '../../service/service';
import type { WorkbookExport } from '../../../shared/contract/handoffCalls';
import { cutoffLine } from '../../../shared/format/chinese';
import { checkedMonth, checkedOutputPath, elapsedSeconds, writeOutput } from '../outputFile';

const USAGE = 'export FILE.xlsx [--as-of YYYY-MM] [--plan ID] [--db PATH]';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: '导出分析工作簿（Excel） / Export the analysis workbook (Excel)',
  usage: USAGE,
  valueFlags: ['as-of', 'plan'],
  run: async (ctx) => {
    const start = performance.now();
    const asOf = checkedMonth(ctx.flag('as-of'), 'as-of');
    const file = checkedOutputPath(ctx.positionals[0], '.xlsx', USAGE);
    const plan = ctx.flag('plan');
    const args = { ...(asOf ? { asOf } : {}), ...(plan !== undefined ? { planId: Number(plan) } : {}) };
    const result = (await dispatch(ctx.service(), 'exportWorkbook', args)) as WorkbookExport;
    writeOutput(file, Buffer.from(result.dataBase64, 'base64'));
    ctx.out(`已导出 / Exported: ${file}`);
    ctx.out(`工作表 / Sheets: ${result.sheets.join(', ')}（公式 ${result.formulaCells} 个 / ${result.formulaCells} formulas）`);
    ctx.out(`${cutoffLine(result.asOf)} / as of ${result.asOf}: 目标 ${result.targetCount} 项, 序列 ${result.seriesCount} 个, 数值 ${result.observationCount} 个`);
    ctx.out(`用时 / Elapsed: ${elapsedSeconds(start)} s`);
    return 0;
  },
};
