// What a parsed file would import, shaped for the contract: per sheet its layout, mapping and series, the first
// observations as rows (each new, unchanged or revised against the store), every problem cell, what the import would
// change and the checks' warnings, and the totals. Pure: a ParsedFile and its import plan in, a plain object out.
import { PREVIEW_OBSERVATION_LIMIT, type ImportPreview, type PreviewObservation, type PreviewSeries, type PreviewSheet } from '../../shared/contract/importCalls';
import { cellOf, type ParsedFile, type ParsedSeries, type ParsedSheet } from '../../shared/import/mapping';
import type { ImportCheck } from '../../shared/import/checks';
import { plannedObservations, summariseChanges, type ImportPlan, type PlannedObservation, type PlannedSeries } from '../../shared/import/importChanges';
import { identityKey, seriesIdentity } from '../../shared/import/seriesIdentity';

function periodRange(s: ParsedSeries): { firstPeriod: string | null; lastPeriod: string | null } {
  let first: string | null = null;
  let last: string | null = null;
  for (const o of s.observations) {
    if (first === null || o.period < first) first = o.period;
    if (last === null || o.period > last) last = o.period;
  }
  return { firstPeriod: first, lastPeriod: last };
}

function previewSeries(sheet: ParsedSheet, s: ParsedSeries): PreviewSeries {
  // In a grid layout a series is one row of the sheet; the long layout spreads a series over many rows.
  const row = sheet.layout === 'long' || s.observations.length === 0 ? null : s.observations[0].row;
  return {
    name: s.name,
    label: s.label,
    unit: s.unit,
    measure: s.measure,
    frequency: s.frequency,
    region: s.region,
    row,
    observationCount: s.observations.length,
    ...periodRange(s),
  };
}

const plannedOf = (p: PlannedSeries | undefined): PlannedObservation[] => (p ? plannedObservations(p) : []);

export function buildPreview(parsed: ParsedFile, plan: ImportPlan, checks: ImportCheck[], limit = PREVIEW_OBSERVATION_LIMIT): ImportPreview {
  const observations: PreviewObservation[] = [];
  // Each shown value's classification, looked up by series and period; built only for the series shown.
  const planned = new Map(plan.series.map((p) => [p.key, p]));
  const byPeriod = new Map<string, Map<string, PlannedObservation>>();
  const classified = (s: ParsedSeries, period: string): PlannedObservation | undefined => {
    const key = identityKey(seriesIdentity(s, plan.homeRegion));
    let periods = byPeriod.get(key);
    if (!periods) byPeriod.set(key, (periods = new Map(plannedOf(planned.get(key)).map((o) => [o.period, o]))));
    return periods.get(period);
  };
  const sheets: PreviewSheet[] = parsed.sheets.map((sheet) => {
    let count = 0;
    for (const s of sheet.series) {
      for (const o of s.observations) {
        count++;
        if (observations.length < limit) {
          const change = classified(s, o.period);
          observations.push({
            region: seriesIdentity(s, plan.homeRegion).region || null,
            change: change?.status ?? 'new',
            oldValue: change?.oldValue ?? null,
            name: s.name,
            label: s.label,
            unit: s.unit,
            measure: s.measure,
            frequency: s.frequency,
            period: o.period,
            sourcePeriod: o.sourcePeriod,
            value: o.value,
            sheet: o.source.sheet,
            cell: cellOf(o),
          });
        }
      }
    }
    return {
      name: sheet.name,
      layout: sheet.layout,
      mapping: sheet.mapping,
      series: sheet.series.map((s) => previewSeries(sheet, s)),
      observationCount: count,
      problemCount: sheet.problems.length,
      warnings: sheet.warnings,
    };
  });
  return {
    fileName: parsed.fileName,
    format: parsed.format,
    encoding: parsed.encoding,
    sheets,
    skippedSheets: parsed.skippedSheets,
    // Conflicts found once rows fold into series by name are refusals like the file's own problem cells.
    problems: [...parsed.problems, ...plan.conflicts],
    warnings: parsed.warnings,
    observations,
    heads: parsed.heads ?? [],
    totals: {
      sheetCount: sheets.length,
      // The same series on two sheets is one series in the store.
      seriesCount: new Set(parsed.sheets.flatMap((s) => s.series.map((x) => identityKey(seriesIdentity(x, plan.homeRegion))))).size,
      observationCount: parsed.observationCount,
      problemCount: parsed.problems.length + plan.conflicts.length,
      shownObservations: observations.length,
    },
    changes: summariseChanges(plan),
    checks,
  };
}
