// The variance analysis, as pure functions: the service feeds it series and links, the CLI and the
// variance view print its rows.

export { analyzeTarget, type AnalyzeOptions } from './analyzeTarget';
export { analyzeAll, latestPeriodWithData, type AnalyzeAllOptions, type TargetLink } from './analyzeAll';
export { type SeriesData, type SeriesPoint, type LinkInput, toSeriesData, provenanceOf } from './seriesData';
export { type StatusThresholds, type StatusBands, DEFAULT_STATUS_THRESHOLDS, bandsFor } from './thresholds';
export { requiredGrowthForRestOfYear } from './growthVariance';
export { levelCompanions } from './levelCompanion';
export { scheduleFigures, type ScheduleFigures } from './levelVariance';
export { readGrowth, readLevels, readLatest } from './readings';
export { suggestLinks, normalizeIndicatorName, nameSimilarity, type LinkSuggestion, type SuggestOptions } from './suggestLinks';
export { parseFormula, parseFormulaSpec, evaluateFormula, evaluateFormulaText, type FormulaSpec, type FormulaNode } from './formula';
export * from './types';
