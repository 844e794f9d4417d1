// `batches` lists the import history; `undo-import BATCH_ID` undoes one import (its values go, earlier ones return).
import type { UndoBatchResult } from '../../../shared/contract/importCalls';
import type { ImportBatch } from '../../../shared/domain/series';
import { WorkbenchError } from '../../../shared/errors';
import { dispatch } from '../../service/service';
import type { CliCommand } from '../context';

export const batchesCommand: CliCommand = {
  name: 'batches',
  summary: '列出导入记录 / List the import history',
  usage: 'batches [--json] [--db PATH]',
  switches: ['json'],
  run: async (ctx) => {
    const batches = (await dispatch(ctx.service(), 'listBatches', {})) as ImportBatch[];
    if (ctx.has('json')) {
      ctx.out(JSON.stringify(batches, null, 2));
      return 0;
    }
    for (const b of batches) {
      const state = b.undone ? `已撤销 / undone${b.undoneBy ? ` ${b.undoneBy}` : ''}` : '';
      ctx.out(`${String(b.id).padStart(4)}  ${b.importedAt}  ${b.importedBy ? `${b.importedBy}  ` : ''}${b.fileName}  序列 ${b.seriesCount}  观测值 ${b.observationCount}  跳过 ${b.skippedCount}  ${state}`.trimEnd());
    }
    ctx.out(`共 ${batches.length} 次导入 / ${batches.length} import(s)`);
    return 0;
  },
};

export const undoImportCommand: CliCommand = {
  name: 'undo-import',
  summary: '撤销一次导入 / Undo one import batch',
  usage: 'undo-import BATCH_ID [--json] [--db PATH]',
  switches: ['json'],
  run: async (ctx) => {
    const raw = ctx.positionals[0];
    if (ctx.positionals.length !== 1 || !/^\d{1,15}$/.test(raw) || Number(raw) < 1) {
      throw new WorkbenchError('bad_request', '请给出一个导入批次编号（见 batches）/ Give one import batch id (see batches)');
    }
    const r = (await dispatch(ctx.service(), 'undoBatch', { batchId: Number(raw) })) as UndoBatchResult;
    if (ctx.has('json')) ctx.out(JSON.stringify(r, null, 2));
    else ctx.out(`已撤销导入批次 ${r.batchId}：删除观测值 ${r.removedObservations} 个、指标序列 ${r.removedSeries} 个 / Undid import batch ${r.batchId}: ${r.removedObservations} observations and ${r.removedSeries} series removed`);
    return 0;
  },
};
