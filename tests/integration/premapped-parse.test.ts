// The streamed import's worker maps the data rows as they are read, with the mapping detected on the head rows, and
// the whole-file parse then finishes that very mapper instead of mapping every row again (parseFile.ts
// PremappedSheet, layouts/gridTable.ts GridRowMapper). Whatever the file, the parse must be the classic parse, field
// for field: where the head's mapping is the whole file's, through the finished mapper; where it is not, or where the
// mapper went past the data's end, the premapped rows are ignored and every row is mapped again.
import { describe, expect, it } from 'vitest';
import type { ParsedFile, ParsedSeries } from '../../shared/import/mapping';
import { isGridMapping } from '../../shared/import/mapping';
import { detectLayout } from '../../electron/import/detectLayout';
import { applyGridMapping, GridRowMapper } from '../../electron/import/layouts/gridTable';
import { parseStatisticsFile, parseWorkbook, type ParseOptions, type PremappedSheet } from '../../electron/import/parseFile';
import { readWorkbook, readWorkbookSteps, type ReadWorkbook } from '../../electron/import/readWorkbook';
import { SpeculativeSheet } from '../../electron/import/streamed/speculativeSheet';
import { monthHeadersNewestFirst, workbook, type Cell } from './helpers/layoutFixtures';

const SUFFIXES = ['累计值(亿元)', '当期值(万吨)', '累计增长(%)', '(上年同月=100)', ''];

/** The file read once with the guess watching (as the worker reads it), then parsed with and without its mapper. */
async function readGuessing(bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<{ book: ReadWorkbook; guess: SpeculativeSheet; sent: ParsedSeries[][] }> {
  const sent: ParsedSeries[][] = [];
  const guess = new SpeculativeSheet(fileName, { measure: options.measure }, (series) => {
    sent.push(series);
    return true;
  });
  const steps = readWorkbookSteps(bytes, fileName, guess);
  let step = await steps.next();
  while (!step.done) step = await steps.next();
  return { book: step.value, guess, sent };
}

async function expectClassicParse(bytes: Uint8Array, options: ParseOptions = {}, expectContinued = true, sentIsParse = expectContinued): Promise<ParsedFile> {
  const fileName = 'premapped.xlsx';
  const classic = await parseStatisticsFile(bytes, fileName, options);
  const { book, guess, sent } = await readGuessing(bytes, fileName, options);
  const premapped = guess.premapped();
  const parsed = parseWorkbook(book, fileName, options, premapped);
  expect(parsed).toEqual(classic);
  // The mapper was finished by the parse (its rows mapped once), or left alone when it was not the file's.
  expect(premapped?.mapper.finished ?? false).toBe(expectContinued);
  // What went out batch by batch is the parse's series, in order (unless the whole-file rules changed them).
  if (sentIsParse) expect(sent.flat()).toEqual(parsed.sheets[0].series);
  return parsed;
}

function wide(rows: number, periods: number, o: { label?: (s: number) => string; value?: (s: number, p: number) => Cell; edit?: (data: Cell[][]) => void; after?: Cell[][]; header?: Cell[] } = {}): Uint8Array {
  const label = o.label ?? ((s) => `示例指标${s}${SUFFIXES[s % 4]}`);
  const value = o.value ?? ((s, p) => ((s + p) % 9 === 4 ? null : Math.round((s * 3.7 + p * 1.3) * 10) / 10));
  const data: Cell[][] = [];
  for (let s = 0; s < rows; s++) data.push([label(s), ...Array.from({ length: periods }, (_, p) => value(s, p))]);
  o.edit?.(data);
  const sheetRows: Cell[][] = [['数据库：分省月度数据'], ['地区：示例省'], [`时间：最近${periods}个月`], o.header ?? ['指标', ...monthHeadersNewestFirst(periods, 2025, 12)], ...data, ['注：示例数据。'], ['数据来源：测试'], ...(o.after ?? [])];
  return workbook([{ name: 'Sheet1', rows: sheetRows }], 'xlsx');
}

describe('GridRowMapper: rows mapped in batches are the rows mapped at once', () => {
  it('gives applyGridMapping\'s result whatever the batch boundaries', async () => {
    const bytes = wide(900, 6, {
      edit: (d) => {
        d[10] = ['合计', 1, 2, 3, 4, 5, 6];
        d[20] = [null, 5, null, null, null, null, null];
        d[30] = ['无单位指标当期值', 1, '约5', 3, 1e309, 5, 6];
        d[40] = [`${'很长的指标名称'.repeat(40)}当期值`, 1, 2, 3, 4, 5, 6];
        d[50] = ['没有口径的指标', 1, 2, 3, 4, 5, 6];
        d[60] = [];
      },
    });
    const book = await readWorkbook(bytes, 'x.xlsx');
    const sheet = book.sheets[0];
    const mapping = detectLayout(sheet).mapping!;
    expect(isGridMapping(mapping)).toBe(true);
    if (!isGridMapping(mapping)) return;
    const whole = applyGridMapping(sheet, mapping, 'x.xlsx', { measure: 'monthly' });
    expect(whole.problems.length).toBeGreaterThan(2);
    expect(whole.warnings.length).toBeGreaterThan(1);
    for (const step of [1, 7, 333, 5000]) {
      const mapper = new GridRowMapper(sheet, mapping, 'x.xlsx', { measure: 'monthly' });
      for (let last = mapping.firstDataRow - 1; last < mapping.lastDataRow; ) {
        last = Math.min(mapping.lastDataRow, last + step);
        mapper.mapRows(last);
      }
      expect(mapper.finish()).toEqual(whole);
      expect(() => mapper.mapRows(mapping.lastDataRow)).toThrow();
    }
  });
});

describe('the whole-file parse finishing the mapper of the rows read (PremappedSheet)', () => {
  it('an NBS wide export with gaps, a second table below the notes: the classic parse', async () => {
    await expectClassicParse(wide(2300, 5, { after: [[], ['附表', '2025年1月'], ['另一指标当期值', 3]] }));
  });

  it('problems, totals, blank and unlabelled rows, implausible values down the file, the measure given: the classic parse', async () => {
    const parsed = await expectClassicParse(
      wide(1500, 4, {
        label: (s) => (s % 5 === 4 ? `无口径指标${s}` : `示例指标${s}${SUFFIXES[s % 4]}`),
        edit: (d) => {
          d[700] = ['合计', 1, 2, 3, 4];
          d[800] = [null, 5, null, null, null];
          d[900][2] = '约5';
          d[1000][3] = 1e309;
          d[1100] = [];
          d[1200] = [`${'很长'.repeat(120)}当期值`, 1, 2, 3, 4];
        },
      }),
      { measure: 'monthly' },
    );
    expect(parsed.problems.map((p) => p.code).sort()).toEqual(['error_cell', 'label_too_long', 'text', 'unlabelled']);
  });

  it('an indicator given twice far below the head, equal and conflicting: the classic parse (the whole-file rules on the finished mapper)', async () => {
    await expectClassicParse(wide(1300, 3, { edit: (d) => d.push([...d[40]], [d[41][0], 99999, ...d[41].slice(2)]) }), {}, true, false);
  });

  it('blank rows before the notes and a note in the first column beside a names column further right: the classic parse', async () => {
    const file = workbook(
      [
        {
          name: '数据',
          rows: [
            ['某省主要经济指标'],
            [],
            [null, '指标', '单位', ...monthHeadersNewestFirst(4, 2025, 12)],
            ...Array.from({ length: 1200 }, (_, s): Cell[] => [s % 50 === 0 ? s : null, `分项指标${s}${s % 2 ? '当期值' : '累计值'}`, s % 3 ? '亿元' : '万吨', ...Array.from({ length: 4 }, (_, p) => ((s + p) % 9 === 4 ? null : s * 0.5 + p))]),
            [],
            [],
            ['注：本表为示例。', '不是指标', '亿元', 1, 2],
            ['另一指标当期值', null, '亿元', 3],
          ],
        },
      ],
      'xlsx',
    );
    await expectClassicParse(file);
  });

  it('months and quarters side by side (two series a row): the classic parse', async () => {
    const header: Cell[] = ['指标', '2025年12月', '2025年11月', '2025年第四季度', '2025年第三季度'];
    await expectClassicParse(wide(1100, 4, { header, label: (s) => `示例指标${s}当期值(亿元)` }));
  });

  it('a head the rest of the file belies (a control character far below, stripped after the read): the mapper is left alone', async () => {
    await expectClassicParse(wide(1300, 3, { edit: (d) => (d[1200][0] = `示例指标1200\u0007累计值(亿元)`) }), {}, false);
  });

  it('a mapper that went past the data\'s end, or one of another file name, sheet or measure: left alone', async () => {
    const bytes = wide(1100, 3);
    const fileName = 'premapped.xlsx';
    const classic = await parseStatisticsFile(bytes, fileName, { measure: 'monthly' });
    const variants: ((p: PremappedSheet) => PremappedSheet)[] = [
      (p) => ({ ...p, fileName: 'other.xlsx' }),
      (p) => ({ ...p, sheetName: 'Sheet2' }),
      (p) => ({ ...p, measure: 'stock' }),
      (p) => ({ ...p, rows: [...p.rows] }),
      (p) => {
        p.mapper.mapRows(p.rows.length + 5);
        // The mapper stops at the notes; pretend it went beyond the data's end.
        p.mapper.next = p.rows.length + 5;
        return p;
      },
    ];
    for (const variant of variants) {
      const { book, guess } = await readGuessing(bytes, fileName, { measure: 'monthly' });
      const premapped = variant(guess.premapped()!);
      expect(parseWorkbook(book, fileName, { measure: 'monthly' }, premapped)).toEqual(classic);
      expect(premapped.mapper.finished).toBe(false);
    }
  });
});
