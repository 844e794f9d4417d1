// `import FILE`: imports a statistics file through the service, as one batch. A file with any flagged cell is
// refused whole (the error names the cells) unless --skip-invalid; rows whose measure nothing states are refused
// unless --measure names it. Prints each series (new or continued), the counts of new / unchanged / revised
// observations, every revision (old → new) and the checks' warnings; --json prints the same as JSON.
import fs from 'node:fs';
import path from 'node:path';
import type { CommitImportResult } from '../../../shared/contract/importCalls';
import { MEASURE_LABELS, MEASURES } from '../../../shared/domain/series';
import { WorkbenchError } from '../../../shared/errors';
import { dispatch } from '../../service/service';
import type { CliCommand } from '../context';

/** Refuses a missing file, a folder or one over the importer's limit before the service reads it. */
export function checkImportFile(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new WorkbenchError('not_found', `找不到文件 ${file} / File not found: ${file}`);
  }
  if (!stat.isFile()) throw new WorkbenchError('bad_request', `${file} 不是文件 / ${file} is not a file`);
  if (stat.size > 200 * 1024 * 1024) throw new WorkbenchError('bad_request', `文件超过 200 MB 上限 / The file exceeds the 200 MB limit: ${file}`);
}

const STATUS_TEXT = { new: '新建 / new', continued: '延续 / continues' } as const;

/** A terminal shows this many series, revisions or skipped cells; `--json` carries all of them. */
export const LISTED_IN_TERMINAL = 20;

function more(total: number): string {
  return `  … 另有 ${total - LISTED_IN_TERMINAL} 个，完整列表见 --json / … and ${total - LISTED_IN_TERMINAL} more; --json lists all`;
}

function describe(r: CommitImportResult): string[] {
  const c = r.changes.counts;
  const lines = [
    r.batchId === null
      ? `${r.fileName} 的数值与库中完全相同，未写入任何内容 / ${r.fileName}: every value is already stored; nothing was written`
      : `已导入 ${r.fileName}（批次 ${r.batchId}）/ Imported ${r.fileName} (batch ${r.batchId})`,
  ];
  lines.push(
    `指标序列 ${r.seriesCount} 个（新建 ${c.seriesNew}，延续 ${c.seriesContinued}）；观测值新增 ${c.observationsNew}、未变 ${c.observationsUnchanged}、修订 ${c.observationsRevised} / ` +
      `${r.seriesCount} series (${c.seriesNew} new, ${c.seriesContinued} continued); observations ${c.observationsNew} new, ${c.observationsUnchanged} unchanged, ${c.observationsRevised} revised`,
  );
  if (r.changes.homeRegion) lines.push(`本库所属地区 / home region: ${r.changes.homeRegion}`);
  for (const s of r.changes.series.slice(0, LISTED_IN_TERMINAL)) {
    const o = s.observations;
    lines.push(
      `  ${STATUS_TEXT[s.status]}${s.seriesId !== null ? ` #${s.seriesId}` : ''}  ${s.label}  [${s.region ?? '—'}, ${MEASURE_LABELS[s.measure].zh} / ${s.measure}, ${s.unit || '—'}, ${s.frequency}]  ` +
        `+${o.new} =${o.unchanged} ~${o.revised}`,
    );
  }
  if (r.changes.series.length > LISTED_IN_TERMINAL) lines.push(more(r.changes.series.length));
  if (r.changes.revisionCount > 0) {
    lines.push(`修订 ${r.changes.revisionCount} 个（原值 → 新值，原值作为早期版本保留）/ ${r.changes.revisionCount} revision(s) (old → new; the old vintage is kept):`);
    for (const v of r.changes.revisions.slice(0, LISTED_IN_TERMINAL)) lines.push(`  #${v.seriesId ?? '—'} ${v.label} ${v.sourcePeriod || v.period}: ${v.oldValue} → ${v.newValue}  (${v.sheet}!${v.cell})`);
    if (r.changes.revisions.length > LISTED_IN_TERMINAL) lines.push(more(r.changes.revisions.length));
  }
  if (r.skipped.length > 0) {
    lines.push(`跳过的单元格 ${r.skipped.length} 个 / ${r.skipped.length} skipped cell(s):`);
    for (const p of r.skipped.slice(0, LISTED_IN_TERMINAL)) lines.push(`  ${p.sheet}!${p.cell}${p.value !== undefined ? `「${p.value}」` : ''}  ${p.reason}`);
    if (r.skipped.length > LISTED_IN_TERMINAL) lines.push(more(r.skipped.length));
  }
  if (r.skippedSheets.length > 0) {
    lines.push(`跳过的工作表 / Skipped sheets:`);
    for (const s of r.skippedSheets) lines.push(`  ${s.name}: ${s.reason}`);
  }
  for (const w of r.checks) lines.push(`警告 / Warning${w.cell ? ` ${w.sheet}!${w.cell}` : ''}: ${w.message}`);
  for (const w of r.warnings) lines.push(`提示 / Note: ${w}`);
  return lines;
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: '导入统计数据文件（xlsx/xls/ods/csv）/ Import a statistics file',
  usage: 'import FILE [--sheet NAME] [--measure M] [--skip-invalid] [--json] [--db PATH]',
  valueFlags: ['sheet', 'measure'],
  switches: ['skip-invalid', 'json'],
  run: async (ctx) => {
    if (ctx.positionals.length !== 1) throw new WorkbenchError('bad_request', '请给出一个要导入的文件 / Give exactly one file to import');
    const file = path.resolve(ctx.positionals[0]);
    checkImportFile(file);
    const sheet = ctx.flag('sheet');
    const measure = ctx.flag('measure');
    if (measure !== undefined && !(MEASURES as readonly string[]).includes(measure)) {
      throw new WorkbenchError('bad_request', `口径“${measure}”无效，可选：${MEASURES.join('、')} / Unknown measure "${measure}"; one of ${MEASURES.join(', ')}`);
    }
    const result = (await dispatch(ctx.service(), 'commitImport', {
      // By path: the service reads the file itself (files never travel as base64 in a call).
      file: { fileName: path.basename(file), path: file },
      ...(sheet !== undefined ? { sheet } : {}),
      ...(measure !== undefined ? { measure } : {}),
      skipInvalid: ctx.has('skip-invalid'),
    })) as CommitImportResult;
    if (ctx.has('json')) ctx.out(JSON.stringify(result, null, 2));
    else ctx.out(describe(result).join('\n'));
    return 0;
  },
};
