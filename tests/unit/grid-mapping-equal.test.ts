// The grid mapping and the parse after the cells are read, against verbatim copies of the code as it was before
// they were made faster (tests/helpers/old*.ts): over many generated sheets, hostile and odd ones among them, every
// series, observation, source, problem, warning and their order must be the same (deep-equal and key order).
import { describe, expect, it } from 'vitest';
import { applyGridMapping, GridRowMapper } from '../../electron/import/layouts/gridTable';
import { parseWorkbook } from '../../electron/import/parseFile';
import type { ReadWorkbook, SheetCell, WorkbookSheet } from '../../electron/import/readWorkbook';
import { FREQUENCIES, MEASURES, type Frequency, type Measure } from '../../shared/domain/series';
import type { GridMapping, PeriodColumn, RowOverride, SheetMapping } from '../../shared/import/mapping';
import { applyGridMapping as oldApplyGridMapping, GridRowMapper as OldGridRowMapper } from '../helpers/oldGridTable';
import { parseWorkbook as oldParseWorkbook } from '../helpers/oldParseFile';
import { oldShape, withOldSeries } from '../helpers/oldParsedShape';
import { chance, pick, seededRandom as rng, type Rng } from '../helpers/seededRandom';

const LABELS = [
  '工业增加值',
  '社会消费品零售总额(亿元)',
  '原煤产量累计值(万吨)',
  '发电量当期值(亿千瓦时)',
  '居民消费价格指数(上年同月=100)',
  '固定资产投资累计增长(%)',
  '出口额同比增长',
  '规模以上工业增加值增速',
  '期末余额(亿元)',
  '合计',
  '总计',
  ' total ',
  '注：本表为示例',
  '数据来源：基准',
  '北京市',
  '内蒙古自治区',
  '  其中：轻工业',
  '\u3000\u3000重工业(亿元)',
  '\t制造业',
  '指标(万吨/吨)',
  '收入(美元)',
  '未知单位指标(箩筐)',
  'x'.repeat(300),
  '产量(%)',
  '当季值(亿元)',
  '',
  '   ',
];
const UNITS = ['', '亿元', '万吨', '%', '箩筐', '个', '元/吨', '  万元  '];
const MEASURE_WORDS = ['', '当期值', '累计值', '同比', '累计同比', '环比', '期末值', '口径不明', '当季值'];
const FORMATS: (string | number | undefined)[] = [undefined, undefined, undefined, 'General', '0.0%', '0.00%', '#,##0.0', 10, 9, 'yyyy-mm'];

function valueCell(rand: Rng): SheetCell | undefined {
  const x = rand();
  if (x < 0.55) return { t: 'n', v: Math.round((rand() - 0.3) * 100000) / 100 };
  if (x < 0.62) return { t: 'n', v: Math.round(rand() * 1000) / 1000, z: pick(rand, FORMATS) };
  if (x < 0.66) return undefined;
  if (x < 0.72) return { t: 's', v: pick(rand, ['12.5', ' 8.1% ', '…', '-', '', '—', 'abc', '1,234.5', '(3.2)', '1e400', '12.3*', '0', '--', 'NaN', '5%']) };
  if (x < 0.74) return { t: 'n', v: pick(rand, [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e20, -1e16, 1e15]) };
  if (x < 0.76) return { t: 'b', v: rand() < 0.5 };
  if (x < 0.78) return { t: 'e', v: '#N/A' };
  if (x < 0.8) return { t: 'z' };
  if (x < 0.81) return { t: 'n' };
  if (x < 0.82) return { t: 'd', v: new Date(Date.UTC(2024, 5, 1)) };
  if (x < 0.83) return { t: 's', v: 5 } as SheetCell;
  return { t: 'n', v: Math.round(rand() * 10000) / 10 };
}

function periodColumn(rand: Rng, column: number, frequency: Frequency): PeriodColumn {
  const year = 2020 + Math.floor(rand() * 6);
  if (frequency === 'monthly') {
    const m = 1 + Math.floor(rand() * 12);
    const cumulative = chance(rand, 0.3);
    return { column, label: cumulative ? `${year}年1-${m}月` : `${year}年${m}月`, period: `${year}-${String(m).padStart(2, '0')}`, frequency, cumulative };
  }
  if (frequency === 'quarterly') {
    const q = 1 + Math.floor(rand() * 4);
    const cumulative = chance(rand, 0.4);
    return { column, label: `${year}年${['一', '二', '三', '四'][q - 1]}季度`, period: `${year}-Q${q}`, frequency, cumulative };
  }
  return { column, label: `${year}年`, period: String(year), frequency, cumulative: chance(rand, 0.5) };
}

interface Generated {
  sheet: WorkbookSheet;
  mapping: GridMapping;
  measure: Measure | undefined;
}

function generate(seed: number): Generated {
  const rand = rng(seed);
  let c = 0;
  const labelColumn = c++;
  const unitColumn = chance(rand, 0.35) ? c++ : null;
  const measureColumn = chance(rand, 0.25) ? c++ : null;
  const regionColumn = chance(rand, 0.15) ? c++ : null;
  const nPeriods = Math.floor(rand() * 14);
  const freqMix: Frequency[] = chance(rand, 0.6) ? [pick(rand, ['monthly', 'quarterly', 'yearly'] as Frequency[])] : ['monthly', 'quarterly', 'yearly'];
  const periodColumns: PeriodColumn[] = [];
  for (let i = 0; i < nPeriods; i++) {
    if (chance(rand, 0.1)) c++; // a gap column
    periodColumns.push(periodColumn(rand, c++, pick(rand, freqMix)));
  }
  if (chance(rand, 0.2) && periodColumns.length > 1) periodColumns.push({ ...periodColumns[0], column: c++ }); // a period twice
  if (chance(rand, 0.3)) periodColumns.sort((a, b) => (a.period < b.period ? 1 : -1)); // newest first, columns shuffled
  const latestColumn = chance(rand, 0.25) ? c++ : null;
  const headerRow = Math.floor(rand() * 3);
  const firstDataRow = headerRow + 1;
  const nRows = Math.floor(rand() * 30);
  const rows: (SheetCell | undefined)[][] = [];
  for (let r = 0; r < headerRow; r++) rows.push([{ t: 's', v: pick(rand, ['地区：内蒙古自治区', '数据库：月度数据', '指标：原煤产量(万吨)', '时间：最近']) }]);
  const header: (SheetCell | undefined)[] = [];
  header[labelColumn] = { t: 's', v: '指标' };
  for (const p of periodColumns) header[p.column] = { t: 's', v: p.label };
  if (latestColumn !== null) header[latestColumn] = { t: 's', v: pick(rand, ['累计同比（最新）', '最新累计增长', '']) };
  rows.push(header);
  const repeated: string[] = [];
  for (let i = 0; i < nRows; i++) {
    if (chance(rand, 0.05)) {
      rows.push(undefined as unknown as (SheetCell | undefined)[]); // a row the file does not have
      continue;
    }
    const row: (SheetCell | undefined)[] = [];
    let label = pick(rand, LABELS);
    if (chance(rand, 0.15) && repeated.length > 0) label = pick(rand, repeated); // the same indicator again
    else repeated.push(label);
    if (label !== '' || chance(rand, 0.5)) row[labelColumn] = chance(rand, 0.05) ? { t: 'n', v: 7 } : { t: 's', v: label };
    if (unitColumn !== null && chance(rand, 0.8)) row[unitColumn] = { t: 's', v: pick(rand, UNITS) };
    if (measureColumn !== null && chance(rand, 0.8)) row[measureColumn] = { t: 's', v: pick(rand, MEASURE_WORDS) };
    if (regionColumn !== null && chance(rand, 0.8)) row[regionColumn] = { t: 's', v: pick(rand, ['北京市', '', '上海', '河北省']) };
    for (const p of periodColumns) if (chance(rand, 0.9)) row[p.column] = valueCell(rand);
    if (latestColumn !== null && chance(rand, 0.8)) row[latestColumn] = valueCell(rand);
    if (chance(rand, 0.1)) row.length = Math.floor(rand() * row.length); // a short row
    rows.push(row);
  }
  if (chance(rand, 0.3)) rows.push([{ t: 's', v: '注：示例' }], [{ t: 'n', v: 5 }]);
  const lastDataRow = chance(rand, 0.2) ? firstDataRow + Math.floor(rand() * (nRows + 3)) : rows.length - 1;
  const rowOverrides: RowOverride[] = [];
  for (let r = firstDataRow; r < rows.length; r++) {
    if (!chance(rand, 0.12)) continue;
    const o: RowOverride = { row: r };
    if (chance(rand, 0.3)) o.skip = true;
    if (chance(rand, 0.4)) o.measure = pick(rand, MEASURES);
    if (chance(rand, 0.3)) o.unit = pick(rand, UNITS);
    if (chance(rand, 0.3)) o.name = pick(rand, ['改名', '']);
    rowOverrides.push(o);
  }
  const layout = pick(rand, ['wide', 'analyst', 'by_region'] as const);
  const mapping: GridMapping = {
    layout,
    headerRow,
    yearRow: chance(rand, 0.2) && headerRow > 0 ? headerRow - 1 : null,
    labelColumn,
    unitColumn,
    firstDataRow,
    lastDataRow,
    periodColumns,
    region: pick(rand, [null, '全国', '内蒙古自治区']),
    rowOverrides,
    measureColumn,
    latestColumn,
    indicator: layout === 'by_region' || chance(rand, 0.1) ? pick(rand, [null, '居民消费价格指数(上年同月=100)', '原煤产量(万吨)', '增加值']) : null,
    regionColumn,
  };
  const sheet: WorkbookSheet = { name: pick(rand, ['Sheet1', '表 1', '__proto__']), rows, merges: [], csv: chance(rand, 0.1) };
  return { sheet, mapping, measure: pick(rand, [undefined, undefined, 'level', 'cumulative', 'yoy'] as (Measure | undefined)[]) };
}

function same(actual: unknown, expected: unknown): void {
  expect(actual).toEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

const SEEDS = 1500;

describe('grid mapping: the same result as the code before (verbatim copy)', () => {
  it('applyGridMapping over generated sheets, every layout and odd cell, rows released or not', () => {
    let series = 0;
    let problems = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const { sheet, mapping, measure } = generate(seed);
      const releaseRows = seed % 2 === 0;
      const a = structuredClone(sheet);
      const b = structuredClone(sheet);
      let expected: unknown;
      let expectedError: unknown = null;
      try {
        expected = oldApplyGridMapping(a, mapping, 'f.xlsx', { measure, releaseRows });
      } catch (e) {
        expectedError = e;
      }
      if (expectedError) {
        expect(() => applyGridMapping(b, mapping, 'f.xlsx', { measure, releaseRows }), `seed ${seed}`).toThrow((expectedError as Error).message);
        continue;
      }
      const actual = applyGridMapping(b, mapping, 'f.xlsx', { measure, releaseRows });
      // Compared in the older shape of the values (each its own CellSource: tests/helpers/oldParsedShape.ts).
      same(withOldSeries(actual), expected);
      same(b.rows, a.rows);
      const r = expected as { series: unknown[]; problems: unknown[] };
      series += r.series.length;
      problems += r.problems.length;
    }
    // The generator reaches what it is meant to: series and problems, not only empty results.
    expect(series).toBeGreaterThan(SEEDS * 3);
    expect(problems).toBeGreaterThan(SEEDS);
  });

  it('GridRowMapper mapping rows in chunks', () => {
    for (let seed = 1; seed <= 400; seed++) {
      const { sheet, mapping, measure } = generate(seed + 100_000);
      const rand = rng(seed);
      const a = new OldGridRowMapper(structuredClone(sheet), mapping, 'g.xls', { measure });
      const b = new GridRowMapper(structuredClone(sheet), mapping, 'g.xls', { measure });
      const last = Math.min(mapping.lastDataRow, sheet.rows.length - 1);
      for (let at = mapping.firstDataRow; at <= last + 1; at += 1 + Math.floor(rand() * 4)) {
        a.mapRows(Math.min(at, last));
        b.mapRows(Math.min(at, last));
        expect(b.next).toBe(a.next);
        expect(b.ended).toBe(a.ended);
      }
      same(withOldSeries(b.finish()), a.finish());
    }
  });

  it('parseWorkbook (mapping, screening, quarter folding, duplicates) over generated workbooks', () => {
    let compared = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const rand = rng(seed + 7);
      const n = 1 + Math.floor(rand() * 3);
      const sheets: WorkbookSheet[] = [];
      const mappings: Record<string, SheetMapping> = {};
      for (let i = 0; i < n; i++) {
        // Sheets of one workbook drawn from seeds close together share labels and periods: duplicates across sheets.
        const g = generate(seed * 3 + i);
        g.sheet.name = `S${i}${g.sheet.name}`;
        sheets.push(g.sheet);
        if (chance(rand, 0.7)) mappings[g.sheet.name] = g.mapping;
      }
      if (chance(rand, 0.3)) {
        // A copy of a sheet: every indicator and period twice, equal values.
        const copy = structuredClone(sheets[0]);
        copy.name = `${sheets[0].name} copy`;
        if (chance(rand, 0.5)) {
          for (const row of copy.rows) for (const cell of row ?? []) if (cell && typeof cell.v === 'number' && chance(rand, 0.2)) cell.v += 1; // some conflicting
        }
        sheets.push(copy);
        if (mappings[sheets[0].name]) mappings[copy.name] = mappings[sheets[0].name];
      }
      const book = (): ReadWorkbook => ({ format: 'xlsx', encoding: null, sheets: structuredClone(sheets), warnings: ['w'] });
      const options = { mappings, measure: pick(rand, [undefined, 'level', 'cumulative'] as (Measure | undefined)[]), head: chance(rand, 0.3) ? { rows: 5, columns: 4 } : undefined };
      let expected: unknown;
      let expectedError: Error | null = null;
      try {
        expected = oldParseWorkbook(book(), 'w.xlsx', options);
      } catch (e) {
        expectedError = e as Error;
      }
      if (expectedError) {
        expect(() => parseWorkbook(book(), 'w.xlsx', options), `seed ${seed}`).toThrow(expectedError.message);
        continue;
      }
      same(oldShape(parseWorkbook(book(), 'w.xlsx', options)), expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('the FREQUENCIES the generator draws from exist', () => {
    expect(FREQUENCIES).toEqual(expect.arrayContaining(['monthly', 'quarterly', 'yearly']));
  });
});
