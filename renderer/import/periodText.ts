// How a period key reads in the UI: `2025年1-10月` for a cumulative value, `2025年10月` otherwise; in English
// `Jan-Oct 2025` / `Oct 2025`. A cumulative measure's key names the month it runs to.
import type { Measure } from '../../shared/domain/series';
import { formatPeriodZh } from '../../shared/format/chinese';
import type { Lang } from '../i18n';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CUMULATIVE_QUARTERS_EN = ['Q1', 'H1', 'Q1-Q3', 'Full year'];

export function isCumulativeMeasure(measure: Measure): boolean {
  return measure === 'cumulative' || measure === 'yoy_cumulative';
}

export function periodText(period: string, measure: Measure, lang: Lang): string {
  const cumulative = isCumulativeMeasure(measure);
  if (lang === 'zh') return formatPeriodZh(period, cumulative);
  let m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m) {
    const month = Number(m[2]);
    return cumulative && month > 1 ? `Jan-${MONTHS_EN[month - 1]} ${m[1]}` : `${MONTHS_EN[month - 1]} ${m[1]}`;
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) return cumulative ? `${CUMULATIVE_QUARTERS_EN[Number(m[2]) - 1]} ${m[1]}` : `Q${m[2]} ${m[1]}`;
  return period;
}
