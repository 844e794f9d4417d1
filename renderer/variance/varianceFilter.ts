// Which rows of the 执行情况 grid are shown, and the counts beside the status chips: both follow the section and
// the search text, so a chip's number is what a click on it will show.
import type { Status, VarianceRow } from '../../shared/variance/types';

export interface VarianceFilter {
  section: string;
  statuses: ReadonlySet<Status>;
  /** Part of the indicator or of the linked series' name; full-width and half-width alike. */
  search: string;
}

const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

function matchesText(row: VarianceRow, search: string): boolean {
  const q = fold(search);
  if (q === '') return true;
  return fold(row.indicator).includes(q) || (row.seriesName !== null && fold(row.seriesName).includes(q));
}

const inScope = (row: VarianceRow, f: VarianceFilter) => (f.section === '' || row.section === f.section) && matchesText(row, f.search);

export function filterVarianceRows(rows: readonly VarianceRow[], f: VarianceFilter): VarianceRow[] {
  return rows.filter((r) => inScope(r, f) && (f.statuses.size === 0 || f.statuses.has(r.status)));
}

/** Per status, the rows the section and search leave (the status filter itself does not change them). */
export function statusCounts(rows: readonly VarianceRow[], f: VarianceFilter): Map<Status, number> {
  const c = new Map<Status, number>();
  for (const r of rows) if (inScope(r, f)) c.set(r.status, (c.get(r.status) ?? 0) + 1);
  return c;
}
