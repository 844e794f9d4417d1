// The words for a colleague's change pushed by the service (issue 14: another workbench on the same server
// committed), e.g. "李四 刚修改了计划目标", from the tables the change touched.
import type { ServiceEvent } from '../../shared/contract';

type Changed = Extract<ServiceEvent, { type: 'changed' }>;

const AREAS: { tables: string[]; zh: string; en: string }[] = [
  { tables: ['plans'], zh: '计划', en: 'the plans' },
  { tables: ['targets', 'edits'], zh: '计划目标', en: 'the targets' },
  { tables: ['import_batches', 'series', 'observations'], zh: '数据', en: 'the data' },
  { tables: ['links'], zh: '关联', en: 'the links' },
  { tables: ['settings'], zh: '设置', en: 'the settings' },
];

export function isColleagueChange(event: ServiceEvent): event is Changed {
  return event.type === 'changed' && event.by === 'colleague';
}

/** A colleague's change touched series data (imports, their undo). */
export function touchesSeries(event: ServiceEvent): boolean {
  return isColleagueChange(event) && (event.tables ?? []).some((t) => t === 'series' || t === 'observations' || t === 'import_batches');
}

export function colleagueNotice(event: Changed, t: (zh: string, en: string) => string): string {
  const tables = new Set(event.tables ?? []);
  const areas = AREAS.filter((a) => a.tables.some((x) => tables.has(x)));
  const who = (event.colleagues ?? []).join('、');
  const zhWhat = areas.length > 0 ? areas.map((a) => a.zh).join('、') : '数据';
  const enWhat = areas.length > 0 ? areas.map((a) => a.en).join(', ') : 'the store';
  return t(`${who || '同事'} 刚修改了${zhWhat}，已刷新`, `${who || 'A colleague'} just changed ${enWhat}; refreshed`);
}
