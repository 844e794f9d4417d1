// What a parsed file would import, shaped for the contract: per sheet its layout, mapping and series, the first
// observations as rows, every problem cell, and the totals. Pure: a ParsedFile in, a plain object out.
import { PREVIEW_OBSERVATION_LIMIT, type ImportPreview, type PreviewObservation, type PreviewSeries, type PreviewSheet } from '../../shared/contract/importCalls';
import type { ParsedFile, ParsedSeries, ParsedSheet } from '../../shared/import/mapping';
import { seriesKeyString } from '../import/seriesKey';
import { seriesDescription } from '../../shared/domain/series';

/** 0-based row of an A1 reference (`B12` → 11); null for anything else. */
export function rowOfCell(ref: string): number | null {
  const m = /^[A-Z]{1,3}(\d{1,7})$/.exec(ref);
  return m ? Number(m[1]) - 1 : null;
}

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
  const row = sheet.layout === 'long' || s.observations.length === 0 ? null : rowOfCell(s.observations[0].source.cell);
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

export function buildPreview(parsed: ParsedFile, limit = PREVIEW_OBSERVATION_LIMIT): ImportPreview {
  const observations: PreviewObservation[] = [];
  const sheets: PreviewSheet[] = parsed.sheets.map((sheet) => {
    let count = 0;
    for (const s of sheet.series) {
      for (const o of s.observations) {
        count++;
        if (observations.length < limit) {
          observations.push({
            ...seriesDescription(s),
            period: o.period,
            sourcePeriod: o.source.sourcePeriod,
            value: o.value,
            sheet: o.source.sheet,
            cell: o.source.cell,
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
    problems: parsed.problems,
    warnings: parsed.warnings,
    observations,
    heads: parsed.heads ?? [],
    totals: {
      sheetCount: sheets.length,
      // The same series on two sheets is one series in the store.
      seriesCount: new Set(parsed.sheets.flatMap((s) => s.series.map(seriesKeyString))).size,
      observationCount: parsed.observationCount,
      problemCount: parsed.problems.length,
      shownObservations: observations.length,
    },
  };
}
