// Reading a returned 目标 sheet (as a grid of cells) and listing the differences target by target.

import { describe, expect, it } from 'vitest';
import { parseReturnedTargets, type SheetCell } from '../../shared/export/returnedTargets';
import { acceptedEdits, changeKey, diffTargets } from '../../shared/export/targetsDiff';
import { TARGET_COLUMNS } from '../../shared/export/targetsSheet';
import { COMPARATOR_LABELS } from '../../shared/domain/target';
import { sampleExportInput } from '../fixtures/exportSample';

const targets = sampleExportInput().targets;
const ids = targets.map((t) => t.id);

/** The sheet as exported: title rows, header, one row per target; `edit` changes cells by header. */
function sheetGrid(edit: (header: string, row: number) => SheetCell | undefined = () => undefined): SheetCell[][] {
  const title: SheetCell[] = [{ value: '2025年计划 · 目标清单' }];
  const header = TARGET_COLUMNS.map((c) => ({ value: c.header }));
  const body = targets.map((t, i) =>
    TARGET_COLUMNS.map((c) => {
      const edited = edit(c.header, i);
      if (edited) return edited;
      const v = t[c.key];
      if (c.key === 'comparator') return { value: t.comparator ? COMPARATOR_LABELS[t.comparator].zh : null };
      return { value: typeof v === 'number' || typeof v === 'string' ? v : null };
    }),
  );
  return [title, [{ value: '说明' }], header, ...body];
}

describe('parseReturnedTargets', () => {
  it('reads an unchanged sheet into rows with every editable field, and no differences', () => {
    const read = parseReturnedTargets(sheetGrid(), ids);
    expect(read.problems).toEqual([]);
    expect(read.rows.map((r) => r.id)).toEqual(ids);
    expect(read.rows[0].rowNumber).toBe(4);
    expect(diffTargets(targets, read.rows)).toEqual([]);
  });

  it('finds columns by header even when a colleague reorders them', () => {
    const grid = sheetGrid((h, i) => (h === '目标值' && i === 1 ? { value: 7.5 } : undefined)).map((row) => [...row].reverse());
    const read = parseReturnedTargets(grid, ids);
    const changes = diffTargets(targets, read.rows);
    expect(changes).toEqual([
      { targetId: targets[1].id, indicator: targets[1].indicator, section: targets[1].section, field: 'value', fieldLabel: '目标值', before: targets[1].value, after: 7.5, rowNumber: 5 },
    ]);
  });

  it('rejects unknown and duplicate ids, and keeps the first of a duplicate', () => {
    const grid = sheetGrid();
    grid.push(TARGET_COLUMNS.map((c) => ({ value: c.key === 'id' ? 99999 : c.key === 'indicator' ? '新增指标' : null })));
    grid.push(grid[3].map((cell, i) => (TARGET_COLUMNS[i].key === 'value' ? { value: 1234 } : cell)));
    const read = parseReturnedTargets(grid, ids);
    expect(read.problems.map((p) => [p.severity, p.rowNumber, p.column])).toEqual([
      ['error', grid.length - 1, 'ID'],
      ['error', grid.length, 'ID'],
    ]);
    expect(read.rows).toHaveLength(targets.length);
    expect(diffTargets(targets, read.rows)).toEqual([]);
  });

  it('requires numbers to be numbers; numeric text is accepted, other text and formulas are refused', () => {
    const grid = sheetGrid((h, i) => {
      if (h === '目标值' && i === 0) return { value: '６.２' };
      if (h === '目标值' && i === 1) return { value: '=7+1' };
      if (h === '下限' && i === 2) return { value: 3, formula: true };
      if (h === '容差(个百分点)' && i === 3) return { value: '—' };
      return undefined;
    });
    const read = parseReturnedTargets(grid, ids);
    expect(read.problems.map((p) => [p.rowNumber, p.column])).toEqual([
      [5, '目标值'],
      [6, '下限'],
    ]);
    const byId = new Map(read.rows.map((r) => [r.id, r]));
    expect(byId.get(ids[0])!.value).toBe(6.2);
    // Refused fields are absent, so they are not compared (no change is invented).
    expect('value' in byId.get(ids[1])!).toBe(false);
    expect('valueLow' in byId.get(ids[2])!).toBe(false);
    expect(byId.get(ids[3])!.tolerance).toBeNull();
    expect(diffTargets(targets, read.rows).map((c) => [c.targetId, c.field, c.after])).toEqual([[ids[0], 'value', 6.2]]);
  });

  it('keeps text as text, never evaluated, and maps comparator labels back to keys', () => {
    const grid = sheetGrid((h, i) => {
      if (h === '备注' && i === 0) return { value: '=HYPERLINK("x","y")' };
      if (h === '比较方式' && i === 0) return { value: '以上' };
      if (h === '比较方式' && i === 1) return { value: '大约' };
      return undefined;
    });
    const read = parseReturnedTargets(grid, ids);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0].message).toContain('大约');
    const changes = diffTargets(targets, read.rows);
    expect(changes.map((c) => [c.field, c.after])).toEqual([
      ['comparator', 'at_least'],
      ['notes', '=HYPERLINK("x","y")'],
    ]);
  });

  it('reports a sheet without the ID header', () => {
    const read = parseReturnedTargets([[{ value: '指标' }, { value: '目标值' }]], ids);
    expect(read.rows).toEqual([]);
    expect(read.problems[0].severity).toBe('error');
  });

  it('reports a missing editable column as a warning and does not compare it', () => {
    const without = TARGET_COLUMNS.findIndex((c) => c.header === '备注');
    const grid = sheetGrid((h, i) => (h === '目标值' && i === 0 ? { value: 9 } : undefined)).map((row) => row.filter((_, c) => c !== without));
    const read = parseReturnedTargets(grid, ids);
    expect(read.problems).toEqual([expect.objectContaining({ severity: 'warning', column: '备注' })]);
    expect(diffTargets(targets, read.rows).map((c) => c.field)).toEqual(['value']);
  });
});

describe('diffTargets and acceptedEdits', () => {
  it('treats blank and null as the same, compares numbers without binary noise', () => {
    const changes = diffTargets(targets, [
      { id: targets[0].id, rowNumber: 4, unit: targets[0].unit, notes: '  ', value: (targets[0].value ?? 0) + 1e-13, basis: '' },
    ]);
    expect(changes).toEqual([]);
  });

  it('turns only the accepted changes into edits', () => {
    const changes = diffTargets(targets, [
      { id: targets[0].id, rowNumber: 4, value: 6.5, notes: '改为6.5' },
      { id: targets[1].id, rowNumber: 5, unit: '%', indicator: '规上工业增加值' },
    ]);
    expect(changes.map(changeKey)).toEqual([`${targets[0].id}:value`, `${targets[0].id}:notes`, `${targets[1].id}:indicator`]);
    const edits = acceptedEdits(changes, [changeKey(changes[0]), changeKey(changes[2])]);
    expect(edits).toEqual([
      // `seen`: the stored value the review showed, so a colleague's change since refuses the edit (issue 14).
      { targetId: targets[0].id, field: 'value', value: 6.5, seen: targets[0].value },
      { targetId: targets[1].id, field: 'indicator', value: '规上工业增加值', seen: targets[1].indicator },
    ]);
  });
});
