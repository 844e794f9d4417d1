// A series named on the command line: an id, the indicator exactly as written in the imported file
// (`原煤产量累计值(万吨)`), the same without its bracketed unit (`原煤产量累计值`), or the bare indicator name
// (`原煤产量`). The most exact form that matches wins; two series at that level are refused, listing both.
import type { Series } from '../../shared/domain/series';
import { MEASURE_LABELS } from '../../shared/domain/series';
import { WorkbenchError } from '../../shared/errors';

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** `原煤产量累计值(万吨)` → `原煤产量累计值`: the trailing bracket holds the unit. */
const withoutUnit = (label: string) => norm(label).replace(/\([^()]*\)$/, '');

export function describeSeries(s: Series): string {
  return `#${s.id} ${s.label}（${MEASURE_LABELS[s.measure].zh}，${s.unit || '—'}，${s.frequency}${s.region ? `，${s.region}` : ''}）`;
}

function candidateList(list: Series[]): string {
  return list.slice(0, 12).map((s) => `  ${describeSeries(s)}`).join('\n') + (list.length > 12 ? `\n  …共 ${list.length} 个 / ${list.length} in all` : '');
}

export function resolveSeriesRef(all: readonly Series[], text: string): Series {
  const ref = norm(text);
  if (/^#?\d+$/.test(ref)) {
    const id = Number(ref.replace('#', ''));
    const s = all.find((x) => x.id === id);
    if (!s) throw new WorkbenchError('not_found', `序列 ${id} 不存在 / Series ${id} does not exist`);
    return s;
  }
  const levels: Array<(s: Series) => boolean> = [
    (s) => norm(s.label) === ref,
    (s) => withoutUnit(s.label) === ref,
    (s) => norm(s.name) === ref,
  ];
  for (const matches of levels) {
    const hits = all.filter(matches);
    if (hits.length === 1) return hits[0];
    if (hits.length > 1) {
      throw new WorkbenchError(
        'bad_request',
        `“${text}”对应多个序列，请用序列编号或完整名称 / "${text}" matches several series; give the id or the full label:\n${candidateList(hits)}`,
        { candidates: hits.map((s) => s.id) },
      );
    }
  }
  const near = all.filter((s) => norm(s.label).includes(ref) || (s.name.length >= 2 && ref.includes(norm(s.name))));
  throw new WorkbenchError(
    'not_found',
    `找不到序列“${text}” / No series "${text}"` + (near.length ? `；相近的有 / similar:\n${candidateList(near)}` : '；请先导入数据（import）/ import data first'),
    { candidates: near.map((s) => s.id) },
  );
}
