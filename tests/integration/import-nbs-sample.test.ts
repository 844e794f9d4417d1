// The NBS sample against its ground truth, as .xls and as re-saved .xlsx, .ods and CSV, parsed and stored.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commitImport, listSeries, seriesObservations } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { FIXTURES, openTestStore, sha256, tempDir } from './helpers/importStore';
import { cellOf } from '../../shared/import/mapping';

interface TruthObservation {
  name: string;
  unit: string;
  unit_label: string;
  measure: string;
  period: string;
  value: number;
  label: string;
  source_period: string;
  cell: string;
  sheet: string;
}
const truth = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'nbs_sample.xls.truth.json'), 'utf8')) as {
  region: string;
  observations: TruthObservation[];
  missing: { label: string; cell: string }[];
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe.each(['nbs_sample.xls', 'nbs_sample.xlsx', 'nbs_sample.ods', 'nbs_sample.csv'])('%s', async (file) => {
  const bytes = fs.readFileSync(path.join(FIXTURES, file));
  const parsed = (await parseStatisticsFile(bytes, file));
  // CSV sheets are named after the file; spreadsheets keep their sheet name.
  const sheetName = file.endsWith('.csv') ? 'nbs_sample' : truth.observations[0].sheet;
  const all = parsed.sheets.flatMap((s) => s.series.flatMap((series) => series.observations.map((o) => ({ series, o }))));

  it('detects the wide layout with its region and no problems', () => {
    expect(parsed.sheets).toHaveLength(1);
    expect(parsed.sheets[0].layout).toBe('wide');
    expect(parsed.problems).toEqual([]);
    expect(parsed.sheets[0].series.every((s) => s.region === truth.region)).toBe(true);
  });

  it('reads every truth observation with its period, measure, unit, value and cell', () => {
    for (const t of truth.observations) {
      const hit = all.find(({ o }) => cellOf(o) === t.cell);
      expect(hit, t.cell).toBeDefined();
      const { series, o } = hit!;
      expect({ name: series.name, unit: series.unit, measure: series.measure, frequency: series.frequency, period: o.period, label: o.source.label, sourcePeriod: o.sourcePeriod, sheet: o.source.sheet }).toEqual({
        name: t.name, unit: t.unit, measure: t.measure, frequency: 'monthly', period: t.period, label: t.label, sourcePeriod: t.source_period, sheet: sheetName,
      });
      expect(Math.abs(o.value - t.value)).toBeLessThanOrEqual(1e-6);
      expect(o.source.file).toBe(file);
    }
  });

  it('invents nothing and imports no missing cell', () => {
    expect(all).toHaveLength(truth.observations.length);
    const cells = new Set(all.map(({ o }) => cellOf(o)));
    for (const m of truth.missing) expect(cells.has(m.cell), m.cell).toBe(false);
  });

  it('stores the same observations, traceable to their cells', () => {
    const dir = tempDir('import-sample');
    dirs.push(dir);
    const db = openTestStore(dir);
    const result = commitImport(db, parsed, { fileName: file, fileHash: sha256(bytes), skipInvalid: false });
    expect(result).toMatchObject({ seriesCount: 5, observationCount: truth.observations.length, unchangedCount: 0, skipped: [] });
    const stored = listSeries(db).flatMap((s) => seriesObservations(db, s.id).map((o) => ({ s, o })));
    expect(stored).toHaveLength(truth.observations.length);
    for (const t of truth.observations) {
      const hit = stored.find(({ o }) => o.source.cell === t.cell)!;
      expect([hit.s.name, hit.s.unit, hit.s.measure, hit.o.period, hit.o.source.label, hit.o.source.sourcePeriod, hit.o.source.file]).toEqual([t.name, t.unit, t.measure, t.period, t.label, t.source_period, file]);
      expect(Math.abs(hit.o.value - t.value)).toBeLessThanOrEqual(1e-6);
    }
    db.close();
  });
});
