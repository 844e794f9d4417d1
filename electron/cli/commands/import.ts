// `import FILE`: imports a statistics file through the service, as one batch. A file with any flagged cell is
// refused whole (the error names the cells) unless --skip-invalid; prints what was imported and what was skipped.
import fs from 'node:fs';
import path from 'node:path';
import type { CommitImportResult } from '../../../shared/contract/importCalls';
import { MEASURE_LABELS } from '../../../shared/domain/series';
import { WorkbenchError } from '../../../shared/errors';
import { dispatch } from '../../service/service';
import type { CliCommand } from '../context';

/** The file's bytes, refusing a missing file, a folder or one over the importer's limit before reading it all. */
export function readImportFile(file: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new WorkbenchError('not_found', `找不到文件 ${file} / File not found: ${file}`);
  }
  if (!stat.isFile()) throw new WorkbenchError('bad_request', `${file} 不是文件 / ${file} is not a file`);
  if (stat.size > 200 * 1024 * 1024) throw new WorkbenchError('bad_request', `文件超过 200 MB 上限 / The file exceeds the 200 MB limit: ${file}`);
  return fs.readFileSync(file);
}

/** A terminal shows this many series or skipped cells; `--json` carries all of them. */
export const LISTED_IN_TERMINAL = 20;

function more(total: number): string {
  return `  … 另有 ${total - LISTED_IN_TERMINAL} 个，完整列表见 --json / … and ${total - LISTED_IN_TERMINAL} more; --json lists all`;
}

function describe(r: CommitImportResult): string[] {
  const lines = [`已导入 ${r.fileName}（批次 ${r.batchId}）/ Imported ${r.fileName} (batch ${r.batchId})`];
  lines.push(`指标序列 ${r.seriesCount} 个；新写入观测值 ${r.observationCount} 个，与现有值相同未重复写入 ${r.unchangedCount} 个 / ${r.seriesCount} series; ${r.observationCount} observations written, ${r.unchangedCount} unchanged`);
  for (const s of r.series.slice(0, LISTED_IN_TERMINAL)) {
    lines.push(`  ${s.label}  [${MEASURE_LABELS[s.measure].zh} / ${s.measure}, ${s.unit || '—'}, ${s.frequency}]  ${s.observationCount}`);
  }
  if (r.series.length > LISTED_IN_TERMINAL) lines.push(more(r.series.length));
  if (r.skipped.length > 0) {
    lines.push(`跳过的单元格 ${r.skipped.length} 个 / ${r.skipped.length} skipped cell(s):`);
    for (const p of r.skipped.slice(0, LISTED_IN_TERMINAL)) lines.push(`  ${p.sheet}!${p.cell}${p.value !== undefined ? `「${p.value}」` : ''}  ${p.reason}`);
    if (r.skipped.length > LISTED_IN_TERMINAL) lines.push(more(r.skipped.length));
  }
  if (r.skippedSheets.length > 0) {
    lines.push(`跳过的工作表 / Skipped sheets:`);
    for (const s of r.skippedSheets) lines.push(`  ${s.name}: ${s.reason}`);
  }
  for (const w of r.warnings) lines.push(`提示 / Note: ${w}`);
  return lines;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: '导入统计数据文件（xlsx/xls/ods/csv）/ Import a statistics file',
  usage: 'import FILE [--sheet NAME] [--skip-invalid] [--json] [--db PATH]',
  valueFlags: ['sheet'],
  switches: ['skip-invalid', 'json'],
  run: async (ctx) => {
    if (ctx.positionals.length !== 1) throw new WorkbenchError('bad_request', '请给出一个要导入的文件 / Give exactly one file to import');
    const file = path.resolve(ctx.positionals[0]);
    const bytes = readImportFile(file);
    const sheet = ctx.flag('sheet');
    const result = (await dispatch(ctx.service(), 'commitImport', {
      file: { fileName: path.basename(file), dataBase64: bytes.toString('base64') },
      ...(sheet !== undefined ? { sheet } : {}),
      skipInvalid: ctx.has('skip-invalid'),
    })) as CommitImportResult;
    if (ctx.has('json')) ctx.out(JSON.stringify(result, null, 2));
    else ctx.out(describe(result).join('\n'));
    return 0;
  },
};
