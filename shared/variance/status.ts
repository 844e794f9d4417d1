// From a figure and its threshold to a status, with the words that say which threshold decided it.
// Two questions: is a rate (or latest value) inside its acceptable zone, and is a level's completion
// keeping pace with the schedule (序时进度)?

import type { Status } from './types';
import type { StatusBands } from './thresholds';
import { COMPARISON_EPSILON as EPS, type Direction, type Zone, distanceOutside, describeZone, inZone } from './zone';
import { type Bilingual, bi, fmtAmount, fmtRate } from './wording';

export interface Judgement {
  status: Status;
  verdict: Bilingual;
}

/**
 * A rate or a latest value against its zone. Inside: on_track (met once the figure covers the whole year).
 * Outside by at most `atRiskBand` (in the actual's unit): at_risk; further: off_track. A full-year
 * figure outside the zone is final: off_track.
 */
export function judgeAgainstZone(actual: number, zone: Zone, atRiskBand: number, final: boolean, unit: string): Judgement {
  const z = describeZone(zone, unit);
  const pts = unit === '%' ? bi('个百分点', ' pp') : bi(unit, ` ${unit}`);
  const finalWords = final ? bi('全年数据，', 'full-year figure, ') : bi('', '');
  if (inZone(actual, zone)) {
    return { status: final ? 'met' : 'on_track', verdict: bi(`达标区间${z.zh}：${finalWords.zh}在区间内`, `acceptable ${z.en}: ${finalWords.en}within`) };
  }
  const d = distanceOutside(actual, zone);
  const side = actual < zone.low || (actual === zone.low && zone.lowOpen) ? bi('低于', 'below') : bi('高于', 'above');
  const band = `${fmtAmount(atRiskBand)}${pts.zh}`;
  const bandEn = `${fmtAmount(atRiskBand)}${pts.en}`;
  const off = `${side.zh}区间${fmtAmount(d)}${pts.zh}`;
  const offEn = `${fmtAmount(d)}${pts.en} ${side.en}`;
  if (final) {
    return { status: 'off_track', verdict: bi(`达标区间${z.zh}：${finalWords.zh}${off}，未达标`, `acceptable ${z.en}: ${finalWords.en}${offEn}, missed`) };
  }
  if (d <= atRiskBand + EPS) {
    return { status: 'at_risk', verdict: bi(`达标区间${z.zh}：${off}，在风险带${band}内`, `acceptable ${z.en}: ${offEn}, within the at-risk band of ${bandEn}`) };
  }
  return { status: 'off_track', verdict: bi(`达标区间${z.zh}：${off}，超出风险带${band}`, `acceptable ${z.en}: ${offEn}, beyond the at-risk band of ${bandEn}`) };
}

export interface ScheduleInput {
  /** Completion rate, % of the annual target. */
  completion: number;
  /** Schedule progress, % of the year's expected total by now. */
  schedule: number;
  scheduleName: Bilingual;
  /** up: the total must reach the target (以上, 达到); down: it must stay under it (以内, a cap). */
  direction: Direction;
  /** `突破`: strictly above the target. */
  strict: boolean;
  /** The figure covers the whole year. */
  final: boolean;
}

/**
 * A level or increment: met once the year-to-date reaches the target (a cap: breached once it exceeds it);
 * otherwise the lag behind the schedule decides: ≤ scheduleOnTrack points on_track, up to
 * scheduleOnTrack + scheduleAtRisk at_risk, beyond that off_track. A full-year figure is final.
 */
export function judgeSchedule(input: ScheduleInput, bands: StatusBands): Judgement {
  const { completion, schedule, direction, final } = input;
  const ahead = direction === 'down' ? schedule - completion : completion - schedule;
  const lag = -ahead;
  const onTrack = bands.scheduleOnTrack;
  const atRisk = bands.scheduleOnTrack + bands.scheduleAtRisk;
  const pace =
    ahead >= 0
      ? bi(`${direction === 'down' ? '低于' : '快于'}${input.scheduleName.zh}${fmtRate(ahead)}个百分点`, `${fmtRate(ahead)} pp ${direction === 'down' ? 'under' : 'ahead of'} the ${input.scheduleName.en}`)
      : bi(`${direction === 'down' ? '超出' : '落后'}${input.scheduleName.zh}${fmtRate(lag)}个百分点`, `${fmtRate(lag)} pp ${direction === 'down' ? 'over' : 'behind'} the ${input.scheduleName.en}`);
  const behind = direction === 'down' ? '超出' : '落后';
  // A zero on-track band reads `不落后于序时进度`, never `落后不超过0个百分点`.
  const bandsText = bi(
    onTrack > 0
      ? `（${behind}不超过${fmtAmount(onTrack)}个百分点为符合进度，不超过${fmtAmount(atRisk)}个百分点为有风险）`
      : `（${direction === 'down' ? '不超出' : '不落后于'}序时进度为符合进度，${behind}不超过${fmtAmount(atRisk)}个百分点为有风险）`,
    onTrack > 0 ? ` (on track within ${fmtAmount(onTrack)} pp, at risk within ${fmtAmount(atRisk)} pp)` : ` (on track at or ahead of schedule, at risk within ${fmtAmount(atRisk)} pp)`,
  );
  const withPace = (status: Status, zh: string, en: string): Judgement => ({
    status,
    verdict: bi(`${zh}${pace.zh}${bandsText.zh}`, `${en}${pace.en}${bandsText.en}`),
  });

  if (direction === 'down') {
    if (completion > 100 + EPS) return { status: 'off_track', verdict: bi('累计已超过上限', 'the year to date already exceeds the cap') };
    if (final) return { status: 'met', verdict: bi('全年未超过上限', 'the full year stayed within the cap') };
  } else {
    const reached = input.strict ? completion > 100 + EPS : completion >= 100 - EPS;
    if (reached) return { status: 'met', verdict: bi(`完成率${input.strict ? '超过' : '达到'}100%，全年目标已完成`, `completion ${input.strict ? 'above' : 'at'} 100%: the annual target is met`) };
    if (final) return { status: 'off_track', verdict: bi('全年数据，完成率不足100%，未达标', 'full-year figure below 100% of target: missed') };
  }
  if (lag <= onTrack + EPS) return withPace('on_track', '', '');
  if (lag <= atRisk + EPS) return withPace('at_risk', '', '');
  return withPace('off_track', '', '');
}
