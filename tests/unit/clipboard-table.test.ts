import { describe, expect, it } from 'vitest';
import { parseClipboardTable, planPaste } from '../../renderer/grid/clipboardTable';

const isField = (f: string): f is 'value' | 'unit' | 'notes' => ['value', 'unit', 'notes'].includes(f);

describe('parseClipboardTable', () => {
  it('splits Excel rows and cells, dropping the final line break', () => {
    expect(parseClipboardTable('6\t%\r\n7\t%\r\n')).toEqual([
      ['6', '%'],
      ['7', '%'],
    ]);
  });
  it('keeps quoted cells with tabs, quotes and line breaks whole', () => {
    expect(parseClipboardTable('"a\tb"\t"say ""hi"""\n"line1\nline2"\tx')).toEqual([
      ['a\tb', 'say "hi"'],
      ['line1\nline2', 'x'],
    ]);
  });
  it('keeps empty cells', () => {
    expect(parseClipboardTable('\t1\t\n')).toEqual([['', '1', '']]);
  });
});

describe('planPaste', () => {
  const columns = [
    { field: 'indicator', editable: false },
    { field: 'value', editable: true },
    { field: 'unit', editable: true },
  ];
  it('places a block from the anchor onto editable cells', () => {
    const plan = planPaste([['5', '万吨'], ['6', '亿吨']], { rowIndex: 1, colIndex: 1 }, columns, [10, 11, 12], isField);
    expect(plan.edits).toEqual([
      { targetId: 11, field: 'value', value: '5' },
      { targetId: 11, field: 'unit', value: '万吨' },
      { targetId: 12, field: 'value', value: '6' },
      { targetId: 12, field: 'unit', value: '亿吨' },
    ]);
    expect(plan.skipped).toEqual([]);
  });
  it('reports cells on read-only columns and outside the grid', () => {
    const plan = planPaste([['x', '1', '%', 'extra'], ['y', '2', '%', '']], { rowIndex: 2, colIndex: 0 }, columns, [10, 11, 12], isField);
    expect(plan.edits.map((e) => e.targetId)).toEqual([12, 12]);
    expect(plan.skipped.filter((s) => s.reason === 'read_only')).toHaveLength(1);
    expect(plan.skipped.filter((s) => s.reason === 'outside')).toHaveLength(5);
  });
  it('fills one value into every selected row', () => {
    const plan = planPaste([['8']], { rowIndex: 0, colIndex: 1 }, columns, [10, 11, 12], isField, [0, 2]);
    expect(plan.edits).toEqual([
      { targetId: 10, field: 'value', value: '8' },
      { targetId: 12, field: 'value', value: '8' },
    ]);
  });
});
