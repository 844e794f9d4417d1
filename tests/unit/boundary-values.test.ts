// The one boundary definition (plausible numbers, control characters) and where it is applied in-process:
// contract schemas, grid field checks, the shared delimited-text parser, the statistics parse and the plan reader.
import { describe, expect, it } from 'vitest';
import { controlCharMessage, isPlausibleNumber, stripControlChars } from '../../shared/boundary/safeValues';
import { targetCalls } from '../../shared/contract/targetCalls';
import { targetDraftSchema } from '../../shared/contract/targetDraft';
import { fileSchema } from '../../shared/contract/call';
import { checkFieldValue } from '../../shared/domain/targetEdit';
import { DelimitedTextError, MAX_FIELD_CHARS, parseDelimited } from '../../shared/import/delimitedText';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { decodePlanText } from '../../electron/plan/readPlanFile';

const draft = { section: '一、', indicator: '地区生产总值', kind: 'growth_rate', value: 5, valueLow: null, valueHigh: null, unit: '%', comparator: 'about', qualifier: null, basis: null, quote: '增长5%左右', quoteStart: 0, quoteEnd: 6 };

describe('plausible numbers', () => {
  it('accepts statistics and refuses NaN, ±Infinity and magnitudes beyond 1e15', () => {
    for (const v of [0, -3.5, 5.5, 1.3e14, -1e15, 1e15]) expect(isPlausibleNumber(v)).toBe(true);
    for (const v of [Number.NaN, Infinity, -Infinity, 1e308, -1e16, '5' as unknown]) expect(isPlausibleNumber(v)).toBe(false);
  });
  it('a growth-rate target of 1e308 is refused by the contract and by the grid check', () => {
    expect(targetDraftSchema.safeParse(draft).success).toBe(true);
    expect(targetDraftSchema.safeParse({ ...draft, value: 1e308 }).success).toBe(false);
    const args = targetCalls.editTargets.args;
    expect(args.safeParse({ edits: [{ targetId: 1, field: 'value', value: 1e308 }] }).success).toBe(false);
    expect(args.safeParse({ edits: [{ targetId: 1, field: 'value', value: 6.5 }] }).success).toBe(true);
    const typed = checkFieldValue('value', '1e308');
    expect(typed.ok).toBe(false);
    expect(!typed.ok && typed.message).toMatch(/目标值.*\/ Value.*1e15/);
    expect(checkFieldValue('value', '1e309').ok).toBe(false);
    expect(checkFieldValue('value', '6.5')).toEqual({ ok: true, value: 6.5 });
  });
});

describe('control characters', () => {
  it('are stripped from file text and named when refused in typed text', () => {
    expect(stripControlChars('原煤\u0000产量\u0007')).toBe('原煤产量');
    expect(stripControlChars('第一页\f第二页\t列\r\n')).toBe('第一页\n第二页\t列\r\n');
    expect(stripControlChars('地区\u202e生产总值')).toBe('地区生产总值');
    expect(controlCharMessage('ab\u0000c')).toMatch(/U\+0000（第 3 个字符）.*\/ .*U\+0000 \(character 3\)/);
  });
  it('are refused in notes and names, by the grid check and by the contract', () => {
    const notes = checkFieldValue('notes', '说明\u0000');
    expect(notes.ok).toBe(false);
    expect(!notes.ok && notes.message).toMatch(/备注含控制字符 U\+0000.*\/ Notes contains the control character/);
    expect(targetCalls.editTargets.args.safeParse({ edits: [{ targetId: 1, field: 'notes', value: 'a\u0000b' }] }).success).toBe(false);
    expect(targetDraftSchema.safeParse({ ...draft, indicator: '地区\u0001生产总值' }).success).toBe(false);
    expect(fileSchema.safeParse({ fileName: 'a\u0000.csv', dataBase64: '' }).success).toBe(false);
  });
  it('a NUL after the first kilobyte of a CSV never reaches a series name', async () => {
    const filler = Array.from({ length: 100 }, (_, i) => `填充指标${i}产量当期值(万吨),${i}`).join('\n');
    const csv = `指标,2025年3月\n${filler}\n原煤\u0000产量当期值(万吨),5\n`;
    expect(Buffer.byteLength(csv.slice(0, csv.indexOf('\u0000')))).toBeGreaterThan(1024);
    const parsed = (await parseStatisticsFile(new TextEncoder().encode(csv), 'nul.csv'));
    const labels = parsed.sheets.flatMap((s) => s.series.map((x) => x.label));
    expect(labels).toContain('原煤产量当期值(万吨)');
    expect(labels.some((l) => l.includes('\u0000'))).toBe(false);
    expect(parsed.warnings.join(' ')).toMatch(/控制字符.*Control characters/);
  });
  it('are removed from a plan text file, which is decoded by the standard GB18030 decoder', () => {
    const gb = new Uint8Array([0xc8, 0xab, 0xc4, 0xea, 0x0c, 0xd4, 0xf6, 0xb3, 0xa4]); // 全年\f增长 in GB18030
    expect(decodePlanText(gb)).toBe('全年\n增长');
  });
});

describe('the shared delimited-text parser', () => {
  it('parses quoted fields, doubled quotes and line breaks as Excel writes them', () => {
    expect(parseDelimited('a,"b,c","say ""hi"""\r\n"x\ny",2\n', { delimiter: ',' })).toEqual([
      ['a', 'b,c', 'say "hi"'],
      ['x\ny', '2'],
    ]);
  });
  it('refuses a field longer than any spreadsheet cell, naming line and column', () => {
    const long = 'x'.repeat(MAX_FIELD_CHARS + 1);
    expect(() => parseDelimited(`a,b\nc,${long}\n`, { delimiter: ',' })).toThrow(DelimitedTextError);
    expect(() => parseDelimited(`a,b\nc,${long}\n`, { delimiter: ',' })).toThrow(/第 2 行第 2 列.*\/ A cell is too long at line 2, column 2/);
  });
});

describe('returned workbooks', () => {
  it('refuse a value beyond any statistic and a note with a control character, naming the row', async () => {
    const { parseReturnedTargets } = await import('../../shared/export/returnedTargets');
    const cell = (value: string | number | null) => ({ value });
    const grid = [
      [cell('ID'), cell('指标'), cell('目标值'), cell('备注')],
      [cell(1), cell('地区生产总值'), cell(1e308), cell('正常')],
      [cell(2), cell('一般公共预算收入'), cell('1e309'), cell('')],
      [cell(3), cell('城镇新增就业'), cell(18), cell('说明\u0000')],
      [cell(4), cell('粮食产量'), cell(6.5), cell('好')],
    ];
    const result = parseReturnedTargets(grid, [1, 2, 3, 4]);
    const errors = result.problems.filter((p) => p.severity === 'error').map((p) => `${p.rowNumber} ${p.column} ${p.message}`);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^2 目标值 .*不是有效数字.*not a valid number/);
    expect(errors[1]).toMatch(/^3 目标值 /);
    expect(errors[2]).toMatch(/^4 备注 .*控制字符 U\+0000/);
    expect(result.rows.find((r) => r.id === 4)).toMatchObject({ value: 6.5, notes: '好' });
    expect(result.rows.find((r) => r.id === 1)?.value).toBeUndefined();
  });
});

describe('exports', () => {
  it('never write a non-finite or implausible number into a sheet', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const { styleBodyCell } = await import('../../electron/export/sheetStyle');
    const XLSX = await import('xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('完成情况');
    [Infinity, -Infinity, Number.NaN, 1e308, 97.5].forEach((v, i) => {
      const c = sheet.getCell(i + 1, 1);
      c.value = v;
      styleBodyCell(c);
    });
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const back = XLSX.read(bytes, { type: 'array' });
    const csv = XLSX.utils.sheet_to_csv(back.Sheets['完成情况']);
    expect(csv.split('\n').map((l) => l.trim())).toEqual(['', '', '', '', '97.5']);
  });
});
