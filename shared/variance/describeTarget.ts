// A target restated in the rule sentence as the plan says it (`力争增长6%左右`), so the analyst can check
// the analysis read the right comparator and qualifier.

import { COMPARATOR_LABELS, QUALIFIER_LABELS, type Target } from '../domain/target';
import { headlineValue } from './zone';
import { type Bilingual, bi, fmtAmount } from './wording';

const PREFIX_ZH: Partial<Record<string, string>> = { reach: '达到', exceed: '突破', stable: '稳定在' };
const SUFFIX_ZH: Partial<Record<string, string>> = { about: '左右', at_least: '以上', at_most: '以内' };

export function describeTarget(target: Target, unit: string, tolerance: number | null): Bilingual {
  const number =
    target.valueLow !== null && target.valueHigh !== null && (target.value === null || target.comparator === 'range')
      ? `${fmtAmount(target.valueLow)}—${fmtAmount(target.valueHigh)}`
      : fmtAmount(headlineValue(target) ?? NaN);
  const verb = target.kind === 'growth_rate' ? bi('增长', 'growth ') : target.kind === 'reduction' ? bi('下降', 'reduction ') : bi('', '');
  const qual = target.qualifier ? QUALIFIER_LABELS[target.qualifier] : null;
  const comp = target.comparator ? COMPARATOR_LABELS[target.comparator] : null;
  const c = target.comparator ?? '';
  const tolUnit = unit === '%' ? bi('个百分点', ' pp') : bi(unit, ` ${unit}`);
  const tol = tolerance !== null && (c === 'about' || c === 'stable') ? bi(`（±${fmtAmount(tolerance)}${tolUnit.zh}）`, ` (±${fmtAmount(tolerance)}${tolUnit.en})`) : bi('', '');
  return bi(
    `${qual?.zh ?? ''}${verb.zh}${PREFIX_ZH[c] ?? ''}${number}${unit}${SUFFIX_ZH[c] ?? ''}${tol.zh}`,
    `${qual ? `${qual.en}: ` : ''}${verb.en}${comp && c !== 'range' ? `${comp.en} ` : ''}${number}${unit === '%' ? '%' : ` ${unit}`}${tol.en}`,
  );
}
