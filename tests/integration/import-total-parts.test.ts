// The 合计/其中 check reads the indentation of the label cells, as statistical tables print it: the parts of a total
// are indented under it, a part of a part further still. Labels are trimmed when read, so the indent is kept beside
// them (ParsedSeries.indent); before, an indented part after the first 其中 row was never seen and a part's own part
// was added to the total. Files written here, as .xlsx and as CSV.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../electron/store/openStore';
import { commitImport } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { setHomeRegion } from '../../electron/store/settingsRepo';
import { freshStore, type StorePlace } from '../helpers/stores';
import { csv, workbook, type Cell } from './helpers/layoutFixtures';
import { sha256 } from './helpers/importStore';

const HOME = '内蒙古自治区';
const FULL = '\u3000';

/** Two months; the parts of March add up to the total, February's do not (50 + 44 against 90). */
const ROWS: Cell[][] = [
  [`地区：${HOME}`],
  ['指标', '2025年3月', '2025年2月'],
  ['原煤产量合计当期值(万吨)', 100, 90],
  [`${FULL}${FULL}其中：国有重点煤矿当期值(万吨)`, 60, 50],
  // A part of the part above: not added to the total.
  [`${FULL}${FULL}${FULL}${FULL}其中：露天矿当期值(万吨)`, 30, 20],
  // Indented as far as the first part (four half-width spaces = two full-width): a part, though not labelled 其中.
  ['    地方煤矿当期值(万吨)', 40, 44],
  ['粗钢产量当期值(万吨)', 50, 48],
];

describe('合计 against its indented 其中 rows, through parse and commit', () => {
  let place: StorePlace & { db: Store };
  beforeEach(async () => {
    place = await freshStore('sqlite', 'total_parts');
    setHomeRegion(place.db, HOME);
  });
  afterEach(async () => {
    place.db.close();
    await place.remove();
  });

  const files: [string, Uint8Array][] = [
    ['xlsx', workbook([{ name: '月度', rows: ROWS }], 'xlsx')],
    ['csv', csv(ROWS as (string | number | null)[][])],
  ];
  it.each(files)('reads the indent of each label cell (%s)', async (format, bytes) => {
    const parsed = await parseStatisticsFile(bytes, `parts.${format}`);
    const indents = parsed.sheets[0].series.map((s) => [s.label, s.indent ?? 0]);
    expect(indents).toEqual([
      ['原煤产量合计当期值(万吨)', 0],
      ['其中：国有重点煤矿当期值(万吨)', 4],
      ['其中：露天矿当期值(万吨)', 8],
      ['地方煤矿当期值(万吨)', 4],
      ['粗钢产量当期值(万吨)', 0],
    ]);
  });

  it.each(files)('sums the parts at the first part’s indent, passes over a part’s part, stops at the next indicator (%s)', async (format, bytes) => {
    const parsed = await parseStatisticsFile(bytes, `parts.${format}`);
    const result = commitImport(place.db, parsed, { fileName: `parts.${format}`, fileHash: sha256(bytes), skipInvalid: false });
    const totals = result.checks.filter((c) => c.code === 'total_mismatch');
    expect(totals.map((c) => [c.name, c.period])).toEqual([['原煤产量合计', '2025-02']]);
    expect(totals[0].message).toContain('合计 90 与其中各项（国有重点煤矿、地方煤矿）之和 94 不符');
  });

  it('reads a file that indents nothing by its 其中 labels alone, as before', async () => {
    const flat = ROWS.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.trimStart() : cell)));
    const bytes = workbook([{ name: '月度', rows: flat }], 'xlsx');
    const parsed = await parseStatisticsFile(bytes, 'flat.xlsx');
    expect(parsed.sheets[0].series.every((s) => s.indent === undefined)).toBe(true);
    const result = commitImport(place.db, parsed, { fileName: 'flat.xlsx', fileHash: sha256(bytes), skipInvalid: false });
    // Both 其中 rows are parts (nothing says one is under the other); 地方煤矿 is not labelled 其中 and ends the group.
    const totals = result.checks.filter((c) => c.code === 'total_mismatch');
    expect(totals.map((c) => c.period)).toEqual(['2025-03', '2025-02']);
    expect(totals[0].message).toContain('合计 100 与其中各项（国有重点煤矿、露天矿）之和 90 不符');
  });
});
