// Every plausible series for one target, best first, for the link editor: the same score as suggestLinks
// (0.7 × name similarity + 0.3 × measure fit) but keeping the runners-up instead of the winner alone.

import type { Series } from '../domain/series';
import type { Target } from '../domain/target';
import { type LinkSuggestion, measureFit, nameSimilarity, normalizeIndicatorName } from './suggestLinks';
import { fmtRate } from './wording';

const MIN_NAME_SIMILARITY = 0.25;

/** The normalised name of each series, in list order: what ranking compares (callers may keep it per list). */
export function normalizedSeriesNames(series: readonly Series[]): string[] {
  return series.map((s) => normalizeIndicatorName(s.name || s.label));
}

export function rankCandidates(target: Target, series: readonly Series[], limit = 10, names?: readonly string[]): LinkSuggestion[] {
  if (target.kind === 'task') return [];
  const tName = normalizeIndicatorName(target.indicator);
  const out: LinkSuggestion[] = [];
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    const sName = names?.[i] ?? normalizeIndicatorName(s.name || s.label);
    const sim = nameSimilarity(tName, sName);
    if (sim < MIN_NAME_SIMILARITY) continue;
    const fit = measureFit(target, s);
    if (fit.fit === 0) continue;
    const score = 0.7 * sim + 0.3 * fit.fit;
    out.push({
      targetId: target.id,
      seriesId: s.id,
      score: Number(score.toFixed(3)),
      reason: `名称相似度${fmtRate(sim * 100)}%（${tName}↔${sName}）；${fit.why.zh} / name similarity ${fmtRate(sim * 100)}% (${tName} ↔ ${sName}); ${fit.why.en}`,
    });
  }
  out.sort((a, b) => b.score - a.score || a.seriesId - b.seriesId);
  return out.slice(0, limit);
}
