// The store's settings (one row per key). Today one: the home region, the region a statistics file belongs to when
// it names none. Unset, it is the region of the newest plan (the plan's province), so a fresh store needs no setup.
import type { Store } from './openStore';

const HOME_REGION = 'home_region';

export interface HomeRegion {
  /** The region files without one are filed under; null when neither a setting nor a plan gives one. */
  region: string | null;
  /** Where it came from: the analyst's setting, the newest plan, or nowhere. */
  source: 'setting' | 'plan' | 'none';
}

export function homeRegion(db: Store): HomeRegion {
  const set = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(HOME_REGION) as string | undefined;
  if (set !== undefined && set !== '') return { region: set, source: 'setting' };
  const plan = db.prepare("SELECT region FROM plans WHERE region <> '' ORDER BY id DESC LIMIT 1").pluck().get() as string | undefined;
  return plan !== undefined ? { region: plan, source: 'plan' } : { region: null, source: 'none' };
}

/** Sets (or, with null, clears) the home region. Series already stored keep their region. */
export function setHomeRegion(db: Store, region: string | null): HomeRegion {
  if (region === null) db.prepare('DELETE FROM settings WHERE key = ?').run(HOME_REGION);
  else db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(HOME_REGION, region);
  return homeRegion(db);
}
