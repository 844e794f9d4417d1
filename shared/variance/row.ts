// The shape every analysis path fills: one VarianceRow per target, figures null where they do not apply,
// and the rule sentence that says how the status was reached.

import type { Target } from '../domain/target';
import type { SeriesData } from './seriesData';
import { STATUS_LABELS, type Status, type VarianceRow } from './types';
import { type Bilingual, bi, joinBilingual } from './wording';

export function blankRow(target: Target, series: SeriesData | null): VarianceRow {
  return {
    targetId: target.id,
    indicator: target.indicator,
    section: target.section,
    seriesName: series ? series.label : null,
    asOf: null,
    actual: null,
    actualUnit: null,
    target: null,
    gap: null,
    gapUnit: null,
    completionRate: null,
    scheduleCalendar: null,
    scheduleSeasonal: null,
    projectionRunRate: null,
    projectionSeasonal: null,
    required: null,
    requiredGrowth: null,
    status: 'no_data',
    rule: '',
    provenance: [],
    method: null,
    scheduleBasis: null,
    notes: [],
  };
}

/** A row that says why there is nothing to compare (no link, no data, units that cannot be compared). */
export function noDataRow(target: Target, series: SeriesData | null, reason: Bilingual, asOf: string | null = null): VarianceRow {
  const row = blankRow(target, series);
  row.asOf = asOf;
  row.rule = joinBilingual([reason, statusWords('no_data')]);
  return row;
}

/** `→ 符合进度` / `→ on track`, the end of every rule sentence. */
export function statusWords(status: Status): Bilingual {
  const label = STATUS_LABELS[status];
  return bi(`→ ${label.zh}`, `→ ${label.en.toLowerCase()}`);
}

/** The rule: the reasoning, the status, then the caveats; Chinese first, English after. */
export function ruleSentence(reasoning: Bilingual, status: Status, notes: readonly Bilingual[]): string {
  const zh = `${reasoning.zh} ${statusWords(status).zh}${notes.map((n) => `；${n.zh}`).join('')}`;
  const en = `${reasoning.en} ${statusWords(status).en}${notes.map((n) => `; ${n.en}`).join('')}`;
  return `${zh} / ${en}`;
}

export function noteStrings(notes: readonly Bilingual[]): string[] {
  return notes.map((n) => `${n.zh} / ${n.en}`);
}
