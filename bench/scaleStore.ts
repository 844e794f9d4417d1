// A store at the scale the bureau reaches after a few years of monthly files: many series of many months and
// a plan whose targets are linked to some of them, written straight into SQLite (an import of the same size is
// measured by bench/import.ts; here only the size matters). Deterministic, so runs compare.
import { openStore } from '../electron/store/openStore';
import { recountAllSeries } from '../electron/store/seriesCounts';
import { insertPlan } from '../electron/store/targetsRepo';
import { writeTransaction } from '../electron/store/writeTransaction';
import type { TargetDraft } from '../shared/domain/target';
import { rng, SHAPES } from './varianceWorkload';

export interface ScaleStoreSize {
  series: number;
  /** Months back from 2025-12. */
  months: number;
  /** Targets of the 2025 plan, each linked to one series of a fitting kind. */
  targets: number;
}

// Names as the bureau writes them, numbered so that thousands share a prefix (the picker's worst case).
export const STEMS = ['规模以上工业增加值', '原煤产量', '社会消费品零售总额', '固定资产投资', '居民人均可支配收入'];
/** The monthly shapes only (growth, level, period value, index): every series has a month for every period. */
const MONTHLY = SHAPES.filter((s) => s.frequency === 'monthly');

export const seriesName = (id: number) => `${STEMS[id % STEMS.length]}${id}`;

/** Builds the store at `file` (which must not exist yet) and closes it. */
export function buildScaleStore(file: string, size: ScaleStoreSize): void {
  const db = openStore(file);
  try {
    const rand = rng(7);
    writeTransaction(db, () => {
      db.prepare("INSERT INTO import_batches (id, file_name, file_hash, imported_at) VALUES (1, 'scale.xlsx', 'x', '2025-11-20T00:00:00Z')").run();
      const addSeries = db.prepare('INSERT INTO series (id, name, label, unit, measure, frequency) VALUES (?, ?, ?, ?, ?, ?)');
      // The sheet and label of an indicator row once per series (observation_sources, as an import writes them).
      const addSource = db.prepare("INSERT INTO observation_sources (id, batch_id, sheet, label) VALUES (?, 1, 'Sheet1', ?)");
      const addObs = db.prepare('INSERT INTO observations (series_id, period, value, batch_id, source_id, cell) VALUES (?, ?, ?, 1, ?, ?)');
      for (let id = 1; id <= size.series; id++) {
        const shape = MONTHLY[id % MONTHLY.length];
        const name = seriesName(id);
        addSeries.run(id, name, `${name}(${shape.unit})`, shape.unit, shape.measure, shape.frequency);
        addSource.run(id, `${name}(${shape.unit})`);
        for (let k = 0; k < size.months; k++) {
          const y = 2025 - Math.floor(k / 12);
          const m = 12 - (k % 12);
          const value = shape.measure === 'cumulative' ? 1000 * m + rand() * 100 : 100 + rand() * 10;
          addObs.run(id, `${y}-${m < 10 ? '0' : ''}${m}`, value, id, `B${k + 2}`);
        }
      }
      // The rows went in straight, not through a commit: their counts are kept as the migration keeps an existing store's.
      recountAllSeries(db);
    });
    const drafts: TargetDraft[] = [];
    const seriesOf: number[] = [];
    for (let i = 1; i <= size.targets; i++) {
      // Spread over the whole list, so the linked series are not all at its head.
      const seriesId = ((i * 7919) % size.series) + 1;
      const shape = MONTHLY[seriesId % MONTHLY.length];
      const kind = shape.measure === 'cumulative' ? 'level' : shape.measure === 'monthly' ? 'increment' : 'growth_rate';
      drafts.push({
        section: ['一、', '二、', '三、'][i % 3],
        indicator: seriesName(seriesId),
        kind,
        value: kind === 'level' ? 1.4 : kind === 'increment' ? 1300 : 6,
        valueLow: null,
        valueHigh: null,
        unit: kind === 'level' ? '亿吨' : kind === 'increment' ? '万人' : '%',
        comparator: i % 3 === 0 ? 'about' : 'at_least',
        qualifier: null,
        basis: null,
        quote: '',
        quoteStart: 0,
        quoteEnd: 0,
      });
      seriesOf.push(seriesId);
    }
    const planId = insertPlan(db, { year: 2025, region: '基准省', title: 'scale', sourceFile: 'scale', sourceText: '' }, drafts);
    const ids = db.prepare('SELECT id FROM targets WHERE plan_id = ? ORDER BY position').pluck().all(planId) as number[];
    const link = db.prepare("INSERT INTO links (target_id, series_id, source, created_at) VALUES (?, ?, 'manual', '2025-11-20')");
    writeTransaction(db, () => ids.forEach((id, i) => link.run(id, seriesOf[i])));
  } finally {
    db.close();
  }
}
