// The insert floor of the import benchmark: the 1,000,000 observation rows of the benchmark file written with raw
// better-sqlite3 into a store opened as the workbench opens it (WAL, synchronous NORMAL, every index), in one
// transaction, with nothing else: no plan, no checks, no row objects; in the rows' current shape and with foreign
// keys as the import has them (off while it writes), the shapes before migrations 10 and 8 for the record.
// `rowsPerStatement` 1 is one statement per row; more puts that many rows in each INSERT (the rest one by one). The
// fastest of these is the honest floor.
// `npm run -s bench -- insert-floor` compares statement sizes (the choice of SQLITE_ROWS_PER_STATEMENT).
import fs from 'node:fs';
import path from 'node:path';
import { multiRowInsertSql, singleRowInsertSql } from '../electron/store/bulkInsert';
import { BENCH_TMP } from './paths';
import { OBSERVATION_INDEXES_SQL, observationsBeforeV8Sql } from '../electron/store/migrations';
import { benchStore } from './benchStore';
import Database from 'better-sqlite3';
import { openStore } from '../electron/store/openStore';
import type { SqliteStore } from '../electron/store/sqliteStore';

export const FLOOR_SERIES = 20_000;
export const FLOOR_PERIODS = 50;

/**
 * The rows' shape: `current` as the import writes them since migration 8 (the sheet and label once per series row
 * in observation_sources, the period as printed once per column in source_periods, the row holding their ids and
 * its cell); `old` the table before it, every row carrying its sheet, label and period texts (for the record: the
 * scratch store's observations table is re-created in that shape, indexes included).
 */
export type FloorSchema = 'current' | 'old';

const COLUMNS: Record<FloorSchema, string[]> = {
  current: ['series_id', 'period', 'value', 'batch_id', 'source_id', 'cell', 'source_period_id'],
  old: ['series_id', 'period', 'value', 'batch_id', 'sheet', 'cell', 'label', 'source_period'],
};

const OLD_OBSERVATIONS = `DROP TABLE observations;${observationsBeforeV8Sql('observations')}${OBSERVATION_INDEXES_SQL}`;

export interface FloorFigures {
  /** Wall time to write the rows (series rows included, one statement each: 20,000 of them). */
  ms: number;
  /** CPU time of this process meanwhile (user + system): steadier than wall time when other work shares the cores. */
  cpuMs: number;
}

export interface FloorOptions {
  schema?: FloorSchema;
  /**
   * SQLite's foreign-key enforcement during the insert; default as the import writes (off: electron/store/foreignKeys.ts).
   */
  foreignKeys?: boolean;
  /** The index on observations(batch_id) the store had before migration 10 (for the record: what it cost). */
  batchIndex?: boolean;
  /** The store's page size; default a new store's (openStore.ts NEW_STORE_PAGE_SIZE); 4,096 as stores made before. */
  pageSize?: number;
}

/** A new store opened as the workbench opens it, its file first created with `pageSize` when one is given. */
function floorStore(file: string, pageSize: number | undefined): SqliteStore {
  if (pageSize === undefined) return benchStore(file);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  const raw = new Database(file);
  raw.pragma(`page_size = ${pageSize}`);
  raw.pragma('journal_mode = WAL');
  raw.close();
  return openStore(file);
}

export function insertFloor(rowsPerStatement: number, options: FloorOptions = {}): FloorFigures {
  const schema = options.schema ?? 'current';
  const file = path.join(BENCH_TMP, `floor-${schema}-${rowsPerStatement}.sqlite`);
  const store = floorStore(file, options.pageSize);
  const db = store.sqlite;
  if (schema === 'old') db.exec(OLD_OBSERVATIONS);
  else if (options.batchIndex === true) db.exec('CREATE INDEX observations_batch ON observations(batch_id)');
  db.pragma(`foreign_keys = ${options.foreignKeys === true ? 'ON' : 'OFF'}`);
  db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('floor', '', '')").run();
  const insertSeries = db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES (?, ?, '万吨', 'cumulative', 'monthly', '')");
  const insertSource = db.prepare("INSERT INTO observation_sources (batch_id, sheet, label) VALUES (1, 'Sheet1', ?)");
  const insertPeriod = db.prepare('INSERT INTO source_periods (batch_id, text) VALUES (1, ?)');
  const keys: string[] = [];
  const sourcePeriods: string[] = [];
  for (let p = 0; p < FLOOR_PERIODS; p++) {
    const y = 2025 - Math.floor(p / 12);
    const m = 12 - (p % 12);
    keys.push(`${y}-${String(m).padStart(2, '0')}`);
    sourcePeriods.push(`${y}年${m}月`);
  }
  const columns = COLUMNS[schema];
  const width = columns.length;
  const many = rowsPerStatement > 1 ? db.prepare(multiRowInsertSql('observations', columns, rowsPerStatement)) : null;
  const one = db.prepare(singleRowInsertSql('observations', columns));
  const pending: unknown[] = new Array(width * rowsPerStatement);
  let buffered = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  db.transaction(() => {
    const periodIds = schema === 'current' ? sourcePeriods.map((text) => Number(insertPeriod.run(text).lastInsertRowid)) : [];
    for (let s = 0; s < FLOOR_SERIES; s++) {
      const label = `指标${s}累计值(万吨)`;
      const id = Number(insertSeries.run(`指标${s}`, label).lastInsertRowid);
      const sourceId = schema === 'current' ? Number(insertSource.run(label).lastInsertRowid) : 0;
      const cellRow = s + 5;
      for (let p = 0; p < FLOOR_PERIODS; p++) {
        const at = buffered * width;
        pending[at] = id;
        pending[at + 1] = keys[p];
        pending[at + 2] = s + p / 10;
        pending[at + 3] = 1;
        if (schema === 'current') {
          pending[at + 4] = sourceId;
          pending[at + 5] = `${String.fromCharCode(66 + (p % 26))}${cellRow}`;
          pending[at + 6] = periodIds[p];
        } else {
          pending[at + 4] = 'Sheet1';
          pending[at + 5] = `${String.fromCharCode(66 + (p % 26))}${cellRow}`;
          pending[at + 6] = label;
          pending[at + 7] = sourcePeriods[p];
        }
        if (++buffered === rowsPerStatement) {
          // Spread, as the importer binds them (bulkInsert.ts): the cheaper of better-sqlite3's two forms.
          if (many) many.run(...pending);
          else one.run(...pending);
          buffered = 0;
        }
      }
    }
    for (let i = 0; i < buffered; i++) one.run(...pending.slice(i * width, (i + 1) * width));
  }).immediate();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  db.pragma('foreign_keys = ON');
  store.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Statement sizes side by side, each against one row a statement measured in the same run; then the schemas. */
export function benchInsertFloor(): void {
  console.log(`插入下限 / Insert floor: ${(FLOOR_SERIES * FLOOR_PERIODS).toLocaleString()} observation rows, raw better-sqlite3, one transaction`);
  const base = insertFloor(1);
  console.log(`  1 row a statement       ${s(base.ms)} (CPU ${s(base.cpuMs)})  (baseline)`);
  for (const rows of [20, 50, 100, 200, 500]) {
    const f = insertFloor(rows);
    console.log(`  ${String(rows).padStart(3)} rows a statement    ${s(f.ms)} (CPU ${s(f.cpuMs)})  ratio ${(f.ms / base.ms).toFixed(2)}, CPU ratio ${(f.cpuMs / base.cpuMs).toFixed(2)}`);
  }
  // The rows' shape and foreign-key enforcement at the importer's statement size, against the current floor.
  const rows = 500;
  const current = insertFloor(rows);
  console.log(`  ${rows} rows a statement, the store's rows (texts once per batch), foreign keys off  ${s(current.ms)} (CPU ${s(current.cpuMs)})  (baseline)`);
  const variants: [string, FloorOptions][] = [
    ['the same, foreign keys on', { foreignKeys: true }],
    ['the same with the batch index (before migration 10)', { batchIndex: true }],
    ['the same with 4 KiB pages (a store made before 16 KiB pages)', { pageSize: 4096 }],
    ['4 KiB pages and the batch index (the store before this round)', { pageSize: 4096, batchIndex: true }],
    ['the rows before migration 8 (texts on every row), foreign keys off', { schema: 'old' }],
    ['the rows before migration 8, foreign keys on (the old import)', { schema: 'old', foreignKeys: true }],
  ];
  for (const [name, options] of variants) {
    const f = insertFloor(rows, options);
    console.log(`  ${name}  ${s(f.ms)} (CPU ${s(f.cpuMs)})  ratio ${(f.ms / current.ms).toFixed(2)}, CPU ratio ${(f.cpuMs / current.cpuMs).toFixed(2)}`);
  }
}
