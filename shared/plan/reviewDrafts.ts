// Checks drafts the analyst reviewed before they are stored: each must name its indicator, use a known unit,
// keep a sensible range and quote its sentence exactly where the document text has it (the highlight and the
// provenance depend on that). Units are returned in their canonical spelling.
import type { TargetDraft } from '../domain/target';
import { checkFieldValue } from '../domain/targetEdit';
import { canonicalUnit } from '../domain/units';

export interface DraftReview {
  drafts: TargetDraft[];
  /** One bilingual line per problem (`中文 / English`); empty when all drafts are fine. */
  problems: string[];
}

export function reviewDrafts(drafts: readonly TargetDraft[], text: string): DraftReview {
  const problems: string[] = [];
  const clean = drafts.map((d, i) => {
    const where = `第 ${i + 1} 项（${d.indicator.slice(0, 20)}）`;
    const whereEn = `#${i + 1} (${d.indicator.slice(0, 20)})`;
    const say = (message: string) => {
      const [zh, en = zh] = message.split(' / ');
      problems.push(`${where}：${zh} / ${whereEn}: ${en}`);
    };
    const indicator = checkFieldValue('indicator', d.indicator);
    if (!indicator.ok) say(indicator.message);
    // Stored as printed (`亿度` stays `亿度`), only unified in width (`％` → `%`) and checked against the registry.
    const unit = d.unit === null ? null : d.unit.normalize('NFKC').trim();
    if (d.unit !== null) {
      if (canonicalUnit(d.unit) === null) say(`未知单位“${d.unit.slice(0, 20)}” / unknown unit "${d.unit.slice(0, 20)}"`);
    }
    if (d.valueLow !== null && d.valueHigh !== null && d.valueLow > d.valueHigh) {
      say('下限大于上限 / the low value is above the high value');
    }
    if (d.quoteEnd < d.quoteStart || d.quoteEnd > text.length || text.slice(d.quoteStart, d.quoteEnd) !== d.quote) {
      say('原文位置与文件文字不符 / the quote is not at its offsets in the document text');
    }
    for (const other of d.alsoStatedAt ?? []) {
      if (other.quoteEnd < other.quoteStart || other.quoteEnd > text.length || text.slice(other.quoteStart, other.quoteEnd) !== other.quote) {
        say('另一处原文位置与文件文字不符 / a restatement\'s quote is not at its offsets in the document text');
      }
    }
    return { ...d, indicator: indicator.ok ? String(indicator.value) : d.indicator, unit };
  });
  return { drafts: clean, problems };
}
