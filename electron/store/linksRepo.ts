// Links between targets and the series that measure them: one per target, a series or a formula, with
// an optional level series beside a growth series, and whether the analyst set it or accepted a suggestion.
import type { LinkSource } from '../../shared/contract/varianceCalls';
import { writeTransaction } from './writeTransaction';
import type { Store } from './openStore';

export interface StoredLink {
  targetId: number;
  seriesId: number | null;
  formula: string | null;
  levelSeriesId: number | null;
  source: LinkSource;
  createdAt: string;
  /** Who set the link (issue 14); '' in stores from before. */
  createdBy: string;
}

interface LinkRow {
  target_id: number;
  series_id: number | null;
  formula: string | null;
  level_series_id: number | null;
  source: string;
  created_at: string;
  created_by: string | null;
}

const toLink = (r: LinkRow): StoredLink => ({
  targetId: r.target_id,
  seriesId: r.series_id,
  formula: r.formula,
  levelSeriesId: r.level_series_id,
  // Stores before issue 11 wrote `auto` for an accepted suggestion: the same decision, one name for it now.
  source: r.source === 'manual' ? 'manual' : 'suggested',
  createdAt: r.created_at,
  createdBy: r.created_by ?? '',
});

const COLUMNS = 'l.target_id, l.series_id, l.formula, l.level_series_id, l.source, l.created_at, l.created_by';

/** The links of one plan's targets, in document order. */
export function listLinks(db: Store, planId: number): StoredLink[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM links l JOIN targets t ON t.id = l.target_id WHERE t.plan_id = ? ORDER BY t.position, t.id`)
    .all(planId) as LinkRow[];
  return rows.map(toLink);
}

export function getLink(db: Store, targetId: number): StoredLink | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM links l WHERE l.target_id = ?`).get(targetId) as LinkRow | undefined;
  return row ? toLink(row) : null;
}

export interface NewLink {
  targetId: number;
  seriesId: number | null;
  formula: string | null;
  levelSeriesId: number | null;
  source: LinkSource;
  /** The analyst who set it (ServiceContext.user). */
  createdBy?: string;
}

/** Sets a target's link, replacing the one it had. */
export function saveLink(db: Store, link: NewLink, now = new Date()): StoredLink {
  db.prepare(
    `INSERT INTO links (target_id, series_id, formula, level_series_id, source, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(target_id) DO UPDATE SET series_id = excluded.series_id, formula = excluded.formula,
       level_series_id = excluded.level_series_id, source = excluded.source, created_at = excluded.created_at, created_by = excluded.created_by`,
  ).run(link.targetId, link.seriesId, link.formula, link.levelSeriesId, link.source, now.toISOString(), link.createdBy ?? '');
  return getLink(db, link.targetId)!;
}

/** Saves many links in one transaction (accepting suggestions). */
export function saveLinks(db: Store, links: readonly NewLink[], now = new Date()): void {
  writeTransaction(db, () => {
    for (const l of links) saveLink(db, l, now);
  });
}

export function deleteLink(db: Store, targetId: number): boolean {
  return db.prepare('DELETE FROM links WHERE target_id = ?').run(targetId).changes > 0;
}
