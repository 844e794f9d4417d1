// Pure helpers of the import and series views: how periods read, and how a row correction edits a mapping.
import { describe, expect, it } from 'vitest';
import type { ColumnsMapping, GridMapping } from '../../shared/import/mapping';
import { columnLetter, NO_CORRECTIONS, withHeaderRow, withLayout, withMapping, withoutSheet, withRowOverride, withSeriesColumn } from '../../renderer/import/mappingDraft';
import { periodText } from '../../renderer/import/periodText';

const grid: GridMapping = {
  layout: 'wide', headerRow: 3, yearRow: null, labelColumn: 0, unitColumn: null, firstDataRow: 4, lastDataRow: 8,
  periodColumns: [{ column: 1, label: '2025年6月', period: '2025-06', frequency: 'monthly', cumulative: false }], region: null, rowOverrides: [],
  measureColumn: null, latestColumn: null, indicator: null, regionColumn: null,
};

describe('periodText', () => {
  it('writes cumulative periods as a span from January and others as the month', () => {
    expect(periodText('2025-10', 'cumulative', 'zh')).toBe('2025年1-10月');
    expect(periodText('2025-10', 'yoy_cumulative', 'zh')).toBe('2025年1-10月');
    expect(periodText('2025-10', 'monthly', 'zh')).toBe('2025年10月');
    expect(periodText('2025-10', 'index', 'zh')).toBe('2025年10月');
    expect(periodText('2025-Q3', 'cumulative', 'zh')).toBe('2025年前三季度');
    expect(periodText('2025-10', 'cumulative', 'en')).toBe('Jan-Oct 2025');
    expect(periodText('2025-02', 'monthly', 'en')).toBe('Feb 2025');
    expect(periodText('2025-Q2', 'cumulative', 'en')).toBe('H1 2025');
  });
});

describe('mapping corrections', () => {
  it('sets and clears a row override, dropping it when nothing is left', () => {
    const skipped = withRowOverride(grid, 5, { skip: true });
    expect(skipped.rowOverrides).toEqual([{ row: 5, skip: true }]);
    const both = withRowOverride(skipped, 5, { unit: '亿元' });
    expect(both.rowOverrides).toEqual([{ row: 5, skip: true, unit: '亿元' }]);
    expect(withRowOverride(withRowOverride(both, 5, { skip: false }), 5, { unit: undefined }).rowOverrides).toEqual([]);
    expect(grid.rowOverrides).toEqual([]);
  });

  it('a header row hint and a corrected mapping replace each other for a sheet', () => {
    const hinted = withHeaderRow(withMapping(NO_CORRECTIONS, 'S', grid), 'S', { headerRow: 2, yearRow: null });
    expect(hinted).toEqual({ mappings: {}, headerRows: { S: { headerRow: 2, yearRow: null } }, layouts: {} });
    expect(withMapping(hinted, 'S', grid)).toEqual({ mappings: { S: grid }, headerRows: {}, layouts: {} });
  });

  it('a layout chosen for a sheet drops its corrected mapping and header row, and reset drops the layout', () => {
    const corrected = withHeaderRow(withMapping(NO_CORRECTIONS, 'T', grid), 'S', { headerRow: 2, yearRow: null });
    const chosen = withLayout(withMapping(corrected, 'S', grid), 'S', 'by_region');
    expect(chosen).toEqual({ mappings: { T: grid }, headerRows: {}, layouts: { S: 'by_region' } });
    expect(withoutSheet(chosen, 'S')).toEqual({ mappings: { T: grid }, headerRows: {}, layouts: {} });
  });

  it('skips a series column or gives it a measure, and clears both again', () => {
    const down: ColumnsMapping = {
      layout: 'periods_down', headerRow: 2, periodColumn: 0, firstDataRow: 3, lastDataRow: 9, indicator: null, region: '全国',
      seriesColumns: [{ column: 1, label: 'M2期末值(亿元)', region: '全国', unit: null, frequency: null }, { column: 2, label: 'x', region: null, unit: null, frequency: null }],
    };
    const skipped = withSeriesColumn(withSeriesColumn(down, 2, { skip: true }), 1, { measure: 'stock' });
    expect(skipped.seriesColumns.map((s) => [s.column, s.skip ?? false, s.measure ?? null])).toEqual([[1, false, 'stock'], [2, true, null]]);
    const cleared = withSeriesColumn(withSeriesColumn(skipped, 2, { skip: false }), 1, { measure: undefined });
    expect(cleared.seriesColumns).toEqual(down.seriesColumns);
  });

  it('names columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
