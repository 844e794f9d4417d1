// What the series list and `series --json` gave when they read every observation row by row: the reference the
// faster paths are held to, byte for byte (tests of the series list and of series --json).
import { seriesJson } from '../../electron/cli/commands/series';
import { compareSeries } from '../../electron/import/commitImport';
import type { Store } from '../../electron/store/openStore';
import type { Frequency, Measure, Series } from '../../shared/domain/series';

/** The list as it was read before: a LEFT JOIN of series and observations grouped per series, then sorted. */
export function listBefore(db: Store): Series[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.name, s.label, s.unit, s.measure, s.frequency, s.region,
              MIN(o.period) AS first_period, MAX(o.period) AS last_period,
              COUNT(DISTINCT o.period) AS observation_count, MAX(o.batch_id) AS last_batch_id
       FROM series s LEFT JOIN observations o ON o.series_id = s.id
       GROUP BY s.id`,
    )
    .all() as {
    id: number;
    name: string;
    label: string;
    unit: string;
    measure: Measure;
    frequency: Frequency;
    region: string;
    first_period: string | null;
    last_period: string | null;
    observation_count: number;
    last_batch_id: number | null;
  }[];
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      label: r.label,
      unit: r.unit,
      measure: r.measure,
      frequency: r.frequency,
      region: r.region === '' ? null : r.region,
      firstPeriod: r.first_period,
      lastPeriod: r.last_period,
      observationCount: r.observation_count,
      lastBatchId: r.last_batch_id,
    }))
    .sort(compareSeries);
}

/** `series --json` as it was written before: every row in (series, period, batch) order, the last of a period current. */
export function seriesJsonBefore(db: Store): string {
  const current = new Map<number, Map<string, number>>();
  const rows = db.prepare('SELECT series_id, period, value FROM observations ORDER BY series_id, period, batch_id').raw().all() as [number, string, number][];
  for (const [id, period, value] of rows) {
    if (!current.has(id)) current.set(id, new Map());
    current.get(id)!.set(period, value);
  }
  const list = listBefore(db).map((s) => seriesJson(s, [...(current.get(s.id) ?? new Map<string, number>())].map(([period, value]) => ({ period, value }))));
  return `${JSON.stringify(list, null, 2)}\n`;
}

