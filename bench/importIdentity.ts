// Store-side import benchmark: one indicator for 31 regions × 240 months (7,440 observations), the shape of the NBS
// portal's 分省月度数据 export, committed through the series identity and change plan (ParsedFile built here, so
// the figure is the store side alone: identity, classification, checks, writes). Baseline in the same run: raw
// better-sqlite3 inserts of the same rows in one transaction. Also: the same file again (every value unchanged,
// nothing written) and a next month with one revision per region.
// Run: npx tsx bench/importIdentity.ts
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { commitImport } from '../electron/import/commitImport';
import { cellOf, type ParsedFile, type ParsedSeries } from '../shared/import/mapping';
import { freshStore } from './import';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const TMP = path.join(HERE, '.tmp');
const REGIONS = 31;
const MONTHS = 240;
const REPEATS = 5;

function months(last: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < last; i++) out.push(`${2006 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return out;
}

function byRegionFile(monthCount: number, revise: boolean): ParsedFile {
  const periods = months(monthCount);
  const series: ParsedSeries[] = [];
  for (let r = 0; r < REGIONS; r++) {
    series.push({
      name: '居民消费价格指数',
      label: '居民消费价格指数(上年同月=100)',
      unit: '上年同月=100',
      measure: 'index',
      frequency: 'monthly',
      region: `地区${r}`,
      observations: periods.map((period, c) => ({
        period,
        value: 100 + ((r * 31 + c * 7) % 50) / 10 + (revise && c === monthCount - 2 ? 0.1 : 0),
        source: { file: 'cpi.csv', sheet: 'Sheet1', label: `地区${r}` },
        sourcePeriod: period,
        row: r + 4,
        column: c + 1,
      })),
    });
  }
  const mapping = { layout: 'long', headerRow: 3, firstDataRow: 4, lastDataRow: 4 + REGIONS, indicatorColumn: 0, periodColumn: 1, valueColumn: 2, unitColumn: null, regionColumn: 0, region: null, measureColumn: null } as const;
  return { fileName: 'cpi.csv', format: 'csv', encoding: 'utf-8', sheets: [{ name: 'Sheet1', layout: 'long', mapping, series, problems: [], warnings: [] }], skippedSheets: [], problems: [], warnings: [], observationCount: REGIONS * monthCount };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Baseline: the same rows inserted with prepared statements in one transaction, nothing looked up. */
function insertFloor(file: string, parsed: ParsedFile): number {
  const db = freshStore(file);
  const insertSeries = db.prepare('INSERT INTO series (name, label, unit, measure, frequency, region) VALUES (?, ?, ?, ?, ?, ?)');
  // The row's texts once per batch, as the import writes them (observationRows.ts): a source per series row, a period text per column.
  const source = db.prepare('INSERT INTO observation_sources (batch_id, sheet, label) VALUES (1, ?, ?)');
  const periodText = db.prepare('INSERT INTO source_periods (batch_id, text) VALUES (1, ?)');
  const insert = db.prepare('INSERT INTO observations (series_id, period, value, batch_id, source_id, cell, source_period_id) VALUES (?, ?, ?, 1, ?, ?, ?)');
  const ms = timed(() =>
    db.transaction(() => {
      db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('floor', '', '')").run();
      const periodIds = new Map<string, number>();
      // One source per label, as the writer keeps them (the regions' series of one indicator share its label: the
      // table's UNIQUE (batch_id, sheet, label) refused a second, which stopped the whole `npm run bench` here).
      const sourceIds = new Map<string, number>();
      for (const s of parsed.sheets[0].series) {
        const id = Number(insertSeries.run(s.name, s.label, s.unit, s.measure, s.frequency, s.region).lastInsertRowid);
        let sourceId = sourceIds.get(s.label);
        if (sourceId === undefined) sourceIds.set(s.label, (sourceId = Number(source.run(parsed.sheets[0].name, s.label).lastInsertRowid)));
        for (const o of s.observations) {
          let periodId = periodIds.get(o.sourcePeriod);
          if (periodId === undefined) periodIds.set(o.sourcePeriod, (periodId = Number(periodText.run(o.sourcePeriod).lastInsertRowid)));
          insert.run(id, o.period, o.value, sourceId, cellOf(o), periodId);
        }
      }
    })(),
  );
  db.close();
  return ms;
}

export function benchImportIdentity(): void {
  fs.mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, 'identity.sqlite');
  const first = byRegionFile(MONTHS, false);
  const next = byRegionFile(MONTHS + 1, true);
  const floor: number[] = [];
  const full: number[] = [];
  const again: number[] = [];
  const revised: number[] = [];
  let counts = '';
  for (let i = 0; i < REPEATS; i++) {
    floor.push(insertFloor(file, first));
    const db = freshStore(file);
    const opts = { fileName: 'cpi.csv', fileHash: 'h', skipInvalid: false };
    full.push(timed(() => commitImport(db, first, opts)));
    again.push(timed(() => commitImport(db, first, opts)));
    revised.push(
      timed(() => {
        const r = commitImport(db, next, opts);
        counts = `${r.changes.counts.seriesContinued} continued, ${r.changes.counts.observationsNew} new, ${r.changes.counts.observationsRevised} revised, ${r.changes.counts.observationsUnchanged} unchanged`;
      }),
    );
    db.close();
  }
  fs.rmSync(file, { force: true });
  const f = median(floor);
  const line = (name: string, ms: number) => console.log(`  ${name.padEnd(34)} ${ms.toFixed(1).padStart(7)} ms  (${(ms / f).toFixed(2)} × insert floor)`);
  console.log(`序列识别与变化基准 / Store-side import (identity, changes): ${REGIONS} regions × ${MONTHS} months = ${REGIONS * MONTHS} observations (median of ${REPEATS})`);
  line('insert floor (raw SQLite)', f);
  line('commit (identity, plan, checks)', median(full));
  line('same file again (nothing written)', median(again));
  line(`next month + revisions`, median(revised));
  console.log(`  next month: ${counts}`);
}

// Run directly (`npx tsx bench/importIdentity.ts`); bundled into build/bench.mjs, import.meta.url is the bundle's, so compare the file name.
if (process.argv[1]?.endsWith('importIdentity.ts')) benchImportIdentity();
