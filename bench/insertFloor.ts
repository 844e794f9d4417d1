// The insert floor of the import benchmark: the 1,000,000 observation rows of the benchmark file written with raw
// better-sqlite3 into a store opened as the workbench opens it (WAL, synchronous NORMAL, every index), in one
// transaction, with nothing else: no plan, no checks, no row objects. `rowsPerStatement` 1 is one statement per
// row; more puts that many rows in each INSERT (the rest one by one). The fastest of these is the honest floor.
// `npm run -s bench -- insert-floor` compares statement sizes (the choice of SQLITE_ROWS_PER_STATEMENT).
import fs from 'node:fs';
import path from 'node:path';
import { multiRowInsertSql, singleRowInsertSql } from '../electron/store/bulkInsert';
import { BENCH_TMP } from './paths';
import { benchStore } from './benchStore';

export const FLOOR_SERIES = 20_000;
export const FLOOR_PERIODS = 50;
const COLUMNS = ['series_id', 'period', 'value', 'batch_id', 'sheet', 'cell', 'label', 'source_period'];

export interface FloorFigures {
  /** Wall time to write the rows (series rows included, one statement each: 20,000 of them). */
  ms: number;
  /** CPU time of this process meanwhile (user + system): steadier than wall time when other work shares the cores. */
  cpuMs: number;
}

export function insertFloor(rowsPerStatement: number): FloorFigures {
  const file = path.join(BENCH_TMP, `floor-${rowsPerStatement}.sqlite`);
  const store = benchStore(file);
  const db = store.sqlite;
  db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('floor', '', '')").run();
  const insertSeries = db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES (?, ?, '万吨', 'cumulative', 'monthly', '')");
  const keys: string[] = [];
  const sourcePeriods: string[] = [];
  for (let p = 0; p < FLOOR_PERIODS; p++) {
    const y = 2025 - Math.floor(p / 12);
    const m = 12 - (p % 12);
    keys.push(`${y}-${String(m).padStart(2, '0')}`);
    sourcePeriods.push(`${y}年${m}月`);
  }
  const width = COLUMNS.length;
  const many = rowsPerStatement > 1 ? db.prepare(multiRowInsertSql('observations', COLUMNS, rowsPerStatement)) : null;
  const one = db.prepare(singleRowInsertSql('observations', COLUMNS));
  const pending: unknown[] = new Array(width * rowsPerStatement);
  let buffered = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  db.transaction(() => {
    for (let s = 0; s < FLOOR_SERIES; s++) {
      const label = `指标${s}累计值(万吨)`;
      const id = Number(insertSeries.run(`指标${s}`, label).lastInsertRowid);
      const cellRow = s + 5;
      for (let p = 0; p < FLOOR_PERIODS; p++) {
        const at = buffered * width;
        pending[at] = id;
        pending[at + 1] = keys[p];
        pending[at + 2] = s + p / 10;
        pending[at + 3] = 1;
        pending[at + 4] = 'Sheet1';
        pending[at + 5] = `${String.fromCharCode(66 + (p % 26))}${cellRow}`;
        pending[at + 6] = label;
        pending[at + 7] = sourcePeriods[p];
        if (++buffered === rowsPerStatement) {
          if (many) many.run(pending);
          else one.run(pending);
          buffered = 0;
        }
      }
    }
    for (let i = 0; i < buffered; i++) one.run(pending.slice(i * width, (i + 1) * width));
  }).immediate();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  store.close();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** Statement sizes side by side, each against one row a statement measured in the same run. */
export function benchInsertFloor(): void {
  console.log(`插入下限 / Insert floor: ${(FLOOR_SERIES * FLOOR_PERIODS).toLocaleString()} observation rows, raw better-sqlite3, one transaction`);
  const base = insertFloor(1);
  console.log(`  1 row a statement       ${s(base.ms)} (CPU ${s(base.cpuMs)})  (baseline)`);
  for (const rows of [20, 50, 100, 200, 500]) {
    const f = insertFloor(rows);
    console.log(`  ${String(rows).padStart(3)} rows a statement    ${s(f.ms)} (CPU ${s(f.cpuMs)})  ratio ${(f.ms / base.ms).toFixed(2)}, CPU ratio ${(f.cpuMs / base.cpuMs).toFixed(2)}`);
  }
}
