// Handlers for links and the variance analysis: links are checked before they are stored (a unit that cannot
// measure the target is refused), and every analysis reads targets and links afresh while series points come
// from a cache kept until an import changes them, so a new as-of month, tolerance or link recomputes at once.
import type { LinkView, ProvenanceItem, SeriesBrief, SuggestionView } from '../../shared/contract/varianceCalls';
import type { PeriodKey, Series } from '../../shared/domain/series';
import type { Plan, Target } from '../../shared/domain/target';
import { messageError } from '../../shared/errors';
import { analyzeAll, latestPeriodWithData, type TargetLink } from '../../shared/variance/analyzeAll';
import { evaluateFormulaText, parseFormula, referencedSeries } from '../../shared/variance/formula';
import { linkFit, type SeriesShape } from '../../shared/variance/linkFit';
import { provenanceRole } from '../../shared/variance/provenanceRole';
import { normalizedSeriesNames, rankCandidates } from '../../shared/variance/rankCandidates';
import type { SeriesData } from '../../shared/variance/seriesData';
import { suggestLinks } from '../../shared/variance/suggestLinks';
import { DEFAULT_STATUS_THRESHOLDS, type StatusThresholds } from '../../shared/variance/thresholds';
import { varianceTrend } from '../../shared/variance/trend';
import type { VarianceRow } from '../../shared/variance/types';
import * as linksRepo from '../store/linksRepo';
import { observationSource, storeChangeKey } from '../store/seriesDataRepo';
import * as targetsRepo from '../store/targetsRepo';
import type { Handlers, ServiceContext } from './service';
import { planTargets } from './planTargets';
import { varianceDataFor } from './varianceData';

type VarianceHandlerNames = 'suggestLinks' | 'linkCandidates' | 'listLinks' | 'setLink' | 'autoLink' | 'variance' | 'varianceTrend' | 'varianceProvenance';

const DEFAULT_CANDIDATES = 10;
const DEFAULT_MATCHES = 200;

export function seriesBrief(s: Series): SeriesBrief {
  return {
    id: s.id,
    name: s.name,
    label: s.label,
    unit: s.unit,
    measure: s.measure,
    frequency: s.frequency,
    region: s.region,
    lastPeriod: s.lastPeriod,
    observationCount: s.observationCount,
  };
}

function thresholdsWith(tolerance: number | undefined): StatusThresholds {
  return tolerance === undefined ? DEFAULT_STATUS_THRESHOLDS : { ...DEFAULT_STATUS_THRESHOLDS, defaultTolerance: tolerance };
}

/** The series a formula refers to (empty when it does not parse: evaluation then says why). */
function formulaRefs(formula: string): number[] {
  const parsed = parseFormula(formula.trim().startsWith('{') ? ((JSON.parse(formula) as { expr?: string }).expr ?? '') : formula);
  return parsed.ok ? [...referencedSeries(parsed.value)] : [];
}

function safeFormulaRefs(formula: string): number[] {
  try {
    return formulaRefs(formula);
  } catch {
    return [];
  }
}

/**
 * What the link picker recomputes on every keystroke otherwise: the ranked suggestions (they depend on the
 * target and the series list, not on the query) and each series' searchable text. Both are kept for the
 * current series list (the variance data hands out the same array until the store's series change).
 */
function createPickerCache() {
  let list: readonly Series[] | null = null;
  let texts: string[] = [];
  let names: string[] | null = null;
  const ranked = new Map<string, SuggestionView[]>();
  const forList = (series: readonly Series[]) => {
    if (series === list) return;
    list = series;
    texts = series.map((s) => `${s.label}\u0000${s.name}\u0000${s.id}`.toLowerCase());
    names = null;
    ranked.clear();
  };
  return {
    haystack(series: readonly Series[]): string[] {
      forList(series);
      return texts;
    },
    /** The normalised names ranking compares, computed once per list (most of ranking's cost). */
    names(series: readonly Series[]): string[] {
      forList(series);
      return (names ??= normalizedSeriesNames(series));
    },
    suggested(target: Target, series: readonly Series[], rank: () => SuggestionView[]): SuggestionView[] {
      forList(series);
      // Keyed by the whole target: an edit to its indicator, unit or kind ranks again.
      const key = JSON.stringify(target);
      let views = ranked.get(key);
      if (!views) ranked.set(key, (views = rank()));
      return views;
    },
  };
}

export function varianceHandlers(ctx: ServiceContext): Pick<Handlers, VarianceHandlerNames> {
  const { db } = ctx;
  const pickerCache = createPickerCache();
  const data = varianceDataFor(db);

  const planOf = (planId: number | undefined): Plan | null => {
    const id = planId ?? targetsRepo.defaultPlanId(db);
    if (id === null) return null;
    const plan = targetsRepo.listPlans(db).find((p) => p.id === id);
    if (!plan) throw messageError('not_found', 'plan.notFound', { id });
    return plan;
  };

  // Targets and links of the last plan analysed, kept until the store changes: a new as-of month or tolerance
  // then recomputes without reading SQLite at all.
  let planCache: { key: string; planId: number; targets: Target[]; links: Map<number, TargetLink> } | null = null;

  const planInputs = (planId: number) => {
    const key = storeChangeKey(db);
    if (planCache && planCache.key === key && planCache.planId === planId) return planCache;
    const companions = data.companions();
    const links = new Map<number, TargetLink>();
    for (const l of linksRepo.listLinks(db, planId)) {
      // A growth series carries its level companion, so required growth works without the analyst pairing them.
      const levelSeriesId = l.levelSeriesId ?? (l.seriesId !== null ? (companions.get(l.seriesId) ?? null) : null);
      links.set(l.targetId, { seriesId: l.seriesId, formula: l.formula, levelSeriesId });
    }
    const targets = planTargets(db, planId).filter((t) => t.kind !== 'task');
    planCache = { key: storeChangeKey(db), planId, targets, links };
    return planCache;
  };

  const analysable = (planId: number) => planInputs(planId).targets;

  const neededSeries = (links: Iterable<TargetLink>) => {
    const reading = new Set<number>();
    const all = new Set<number>();
    for (const l of links) {
      if (l.formula) for (const id of safeFormulaRefs(l.formula)) reading.add(id);
      else if (l.seriesId !== null) reading.add(l.seriesId);
      if (l.levelSeriesId != null) all.add(l.levelSeriesId);
    }
    for (const id of reading) all.add(id);
    return { reading, all };
  };

  /** The analysis of a plan as of a month (default: the newest month with data among the linked series, within the plan's year). */
  const analyse = (plan: Plan, targets: Target[], asOf: PeriodKey | undefined, tolerance: number | undefined) => {
    const { links } = planInputs(plan.id);
    const needed = neededSeries(links.values());
    const seriesById = data.seriesData(needed.all);
    const readingSeries: SeriesData[] = [];
    for (const id of needed.reading) {
      const s = seriesById.get(id);
      if (s) readingSeries.push(s);
    }
    const latest = latestPeriodWithData(readingSeries, { year: plan.year });
    const month = asOf ?? latest;
    const rows = analyzeAll(targets, links, seriesById, month, { thresholds: thresholdsWith(tolerance), planYear: plan.year });
    return { rows, asOf: month, latest, links, seriesById };
  };

  /** One target's row and the series its figures were read from (for the chart and the provenance). */
  const analyseOne = (targetId: number, asOf: PeriodKey | undefined, tolerance: number | undefined) => {
    const target = targetsRepo.getTarget(db, targetId);
    const plan = planOf(target.planId)!;
    const all = analyse(plan, [target], asOf, tolerance);
    const row = all.rows[0];
    const link = all.links.get(targetId) ?? null;
    let series: SeriesData | null = null;
    let levels: SeriesData | null = null;
    if (link) {
      if (link.formula) {
        const r = evaluateFormulaText(link.formula, all.seriesById);
        series = r.ok ? r.series : null;
      } else if (link.seriesId !== null) series = all.seriesById.get(link.seriesId) ?? null;
      if (link.levelSeriesId != null) levels = all.seriesById.get(link.levelSeriesId) ?? null;
    }
    return { target, row, asOf: all.asOf, series, levels };
  };

  const linkView = (target: Target, l: linksRepo.StoredLink): LinkView => {
    const companion = l.seriesId !== null ? (data.companions().get(l.seriesId) ?? null) : null;
    const meta = l.seriesId !== null ? data.seriesMeta(l.seriesId) : undefined;
    return {
      targetId: l.targetId,
      indicator: target.indicator,
      seriesId: l.seriesId,
      formula: l.formula,
      levelSeriesId: l.levelSeriesId ?? companion,
      levelSource: l.levelSeriesId !== null ? 'stored' : companion !== null ? 'companion' : null,
      source: l.source,
      createdAt: l.createdAt,
      createdBy: l.createdBy,
      series: meta ? seriesBrief(meta) : null,
    };
  };

  const suggestionView = (target: Target, s: { seriesId: number; score: number; reason: string }): SuggestionView | null => {
    const meta = data.seriesMeta(s.seriesId);
    return meta ? { targetId: target.id, indicator: target.indicator, seriesId: s.seriesId, score: s.score, reason: s.reason, series: seriesBrief(meta) } : null;
  };

  /** What a link would measure the target with: the series, or the series a formula yields. */
  const shapeOf = (seriesId: number | null, formula: string | null): SeriesShape => {
    if (formula) {
      const refs = safeFormulaRefs(formula);
      const r = evaluateFormulaText(formula, data.seriesData(refs));
      if (!r.ok) throw messageError('bad_request', 'link.formulaUnusable', { why: r.reason });
      return r.series;
    }
    const meta = seriesId !== null ? data.seriesMeta(seriesId) : undefined;
    if (!meta) throw messageError('not_found', 'series.notFound', { id: String(seriesId) });
    return meta;
  };

  /** The best suggestion per target that a link would accept: what the review list shows and autoLink stores. */
  const acceptableSuggestions = (targets: Target[]): SuggestionView[] => {
    const byId = new Map(targets.map((t) => [t.id, t]));
    const out: SuggestionView[] = [];
    for (const s of suggestLinks(targets, data.series())) {
      const target = byId.get(s.targetId)!;
      const meta = data.seriesMeta(s.seriesId);
      // The suggestion weighs units already; the same check as a manual link keeps both paths honest.
      if (!meta || !linkFit(target, meta).ok) continue;
      const view = suggestionView(target, s);
      if (view) out.push(view);
    }
    return out;
  };

  const varianceRowsFor = (plan: Plan | null, asOf: PeriodKey | undefined, tolerance: number | undefined) => {
    if (!plan) return { planId: null, planYear: null, asOf: asOf ?? null, latestPeriod: null, rows: [] as VarianceRow[] };
    const r = analyse(plan, analysable(plan.id), asOf, tolerance);
    return { planId: plan.id, planYear: plan.year, asOf: r.asOf, latestPeriod: r.latest, rows: r.rows };
  };

  return {
    suggestLinks: ({ planId, unlinkedOnly }) => {
      const plan = planOf(planId);
      if (!plan) return [];
      const linked = unlinkedOnly ? new Set(linksRepo.listLinks(db, plan.id).map((l) => l.targetId)) : new Set<number>();
      return acceptableSuggestions(analysable(plan.id).filter((t) => !linked.has(t.id)));
    },

    linkCandidates: ({ targetId, query, limit }) => {
      const target = targetsRepo.getTarget(db, targetId);
      const series = data.series();
      const suggested = pickerCache.suggested(target, series, () =>
        rankCandidates(target, series, DEFAULT_CANDIDATES, pickerCache.names(series))
          .map((s) => suggestionView(target, s))
          .filter((s): s is SuggestionView => s !== null),
      );
      const q = (query ?? '').normalize('NFKC').trim().toLowerCase();
      const haystack = pickerCache.haystack(series);
      const hits = q === '' ? series : series.filter((_s, i) => haystack[i].includes(q));
      const matches = hits.slice(0, limit ?? DEFAULT_MATCHES).map((s) => {
        const fit = linkFit(target, s);
        return { series: seriesBrief(s), compatible: fit.ok, why: `${fit.why.zh} / ${fit.why.en}` };
      });
      return { suggested, matches, totalMatches: hits.length };
    },

    listLinks: ({ planId }) => {
      const plan = planOf(planId);
      if (!plan) return [];
      const byId = new Map(planTargets(db, plan.id).map((t) => [t.id, t]));
      return linksRepo.listLinks(db, plan.id).map((l) => linkView(byId.get(l.targetId)!, l));
    },

    setLink: ({ targetId, seriesId, formula, levelSeriesId, source }) => {
      const target = targetsRepo.getTarget(db, targetId);
      const f = formula?.trim() ? formula.trim() : null;
      if (seriesId === null && f === null) {
        linksRepo.deleteLink(db, targetId);
        return { link: null };
      }
      if (seriesId !== null && f !== null) throw messageError('bad_request', 'link.seriesOrFormula');
      const shape = shapeOf(seriesId, f);
      const fit = linkFit(target, shape);
      if (!fit.ok) throw messageError('bad_request', 'link.incompatible', { indicator: target.indicator, series: shape.label, why: fit.why });
      if (levelSeriesId != null) {
        const lv = data.seriesMeta(levelSeriesId);
        if (!lv) throw messageError('not_found', 'series.notFound', { id: levelSeriesId });
        if (lv.measure !== 'cumulative' && lv.measure !== 'monthly') {
          throw messageError('bad_request', 'link.levelNotCumulative', { series: lv.label });
        }
      }
      // 采纳建议 is a claim about the suggestion list: hold the renderer to it rather than record it on trust.
      if (source === 'suggested' && (seriesId === null || !rankCandidates(target, data.series(), DEFAULT_CANDIDATES).some((c) => c.seriesId === seriesId))) {
        throw messageError('bad_request', 'link.notSuggested', { series: seriesId ?? '—', indicator: target.indicator });
      }
      const saved = linksRepo.saveLink(db, { targetId, seriesId, formula: f, levelSeriesId: levelSeriesId ?? null, source: source ?? 'manual', createdBy: ctx.user });
      return { link: linkView(target, saved) };
    },

    autoLink: ({ planId, targetIds }) => {
      const plan = planOf(planId);
      if (!plan) return { linked: [], keptExisting: 0, unmatched: [] };
      const targets = analysable(plan.id);
      if (targetIds) {
        const known = new Set(targets.map((t) => t.id));
        const stray = targetIds.filter((id) => !known.has(id));
        if (stray.length > 0) throw messageError('bad_request', 'link.strayTargets', { ids: { zh: stray.join('、'), en: stray.join(', ') }, plan: plan.id });
      }
      const chosen = targetIds ? new Set(targetIds) : null;
      const existing = new Set(linksRepo.listLinks(db, plan.id).map((l) => l.targetId));
      const open = targets.filter((t) => !existing.has(t.id) && (chosen === null || chosen.has(t.id)));
      const accepted = acceptableSuggestions(open);
      linksRepo.saveLinks(db, accepted.map((s) => ({ targetId: s.targetId, seriesId: s.seriesId, formula: null, levelSeriesId: null, source: 'suggested' as const, createdBy: ctx.user })));
      const linkedIds = new Set(accepted.map((s) => s.targetId));
      return {
        linked: accepted,
        keptExisting: targets.filter((t) => existing.has(t.id) && (chosen === null || chosen.has(t.id))).length,
        unmatched: open.filter((t) => !linkedIds.has(t.id)).map((t) => ({ targetId: t.id, indicator: t.indicator })),
      };
    },

    variance: ({ planId, asOf, tolerance }) => varianceRowsFor(planOf(planId), asOf, tolerance),

    varianceTrend: ({ targetId, asOf, tolerance }) => {
      const one = analyseOne(targetId, asOf, tolerance);
      const isLevelTarget = one.target.kind === 'level' || one.target.kind === 'increment';
      const chartSeries =
        isLevelTarget && one.series && one.series.measure !== 'cumulative' && one.series.measure !== 'monthly' ? (one.levels ?? one.series) : one.series;
      const month = one.row.asOf ?? one.asOf;
      const year = month ? Number(month.slice(0, 4)) : null;
      return { targetId, asOf: one.asOf, ...varianceTrend(one.target, one.row, chartSeries, year) };
    },

    varianceProvenance: ({ targetId, asOf, tolerance }) => {
      const one = analyseOne(targetId, asOf, tolerance);
      const reading = one.row.provenance[0]?.seriesId ?? null;
      const items: ProvenanceItem[] = one.row.provenance.map((p) => {
        const meta = data.seriesMeta(p.seriesId);
        const src = observationSource(db, p.seriesId, p.period, p.batchId);
        const role = provenanceRole(p, one.row, reading);
        return {
          role: `${role.zh} / ${role.en}`,
          seriesId: p.seriesId,
          seriesLabel: meta?.label ?? src?.label ?? `#${p.seriesId}`,
          unit: meta?.unit ?? '',
          period: p.period,
          sourcePeriod: src?.sourcePeriod ?? p.period,
          value: p.value,
          batchId: p.batchId,
          file: p.file,
          sheet: p.sheet,
          cell: p.cell,
          importedAt: src?.importedAt ?? null,
        };
      });
      return { targetId, asOf: one.row.asOf ?? one.asOf, items };
    },
  };
}
