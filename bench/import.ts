// Import benchmark: 1,000,000 observations (20,000 series × 50 months) in the NBS wide layout, as .xlsx.
// Measures the floors (SheetJS dense read alone; raw better-sqlite3 inserts of the 1M rows in one transaction, one
// row a statement and many, into a store opened as the workbench opens it: bench/insertFloor.ts) and the full
// import as the service makes it (streamed: a parse thread beside the writes, electron/import/streamed/) and the
// classic one (parse, then commit), each in a child process so its peak RSS is its own; then the same file imported
// again (every value unchanged). Beside them, when LibreOffice is installed, the time soffice takes merely to
// convert the same file to CSV.
// The streaming .xlsx reader (electron/import/xlsx) iterating every row, against the SheetJS parse floor
// (target ≤ 0.5×), and its peak RSS in a child beside SheetJS's whole-grid read.
// Targets: full ≤ 1.5 × (parse floor + insert floor); full < soffice → csv (ratio < 1); peak RSS < 600 MB.
// Run: npm run bench -- import

import type { SqliteStore } from '../electron/store/sqliteStore';
import { benchStore } from './benchStore';
import ExcelJS from 'exceljs';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { commitImport, type CommitOptions, type CommitResult } from '../electron/import/commitImport';
import { importStreamedWhereItPays } from '../electron/import/streamed/streamedImport';
import { parseStatisticsFile } from '../electron/import/parseFile';
import { openXlsx, sheetRows } from '../electron/import/xlsx/openXlsx';
import { BENCH_TMP } from './paths';
import { median, peakRssMB } from './report';
import { insertFloor } from './insertFloor';
import { SQLITE_ROWS_PER_STATEMENT } from '../electron/store/bulkInsert';

const TMP = BENCH_TMP;
export const BENCH_SERIES = 20_000;
export const BENCH_PERIODS = 50;
const XLSX_FILE = path.join(TMP, `nbs_wide_${BENCH_SERIES}x${BENCH_PERIODS}.xlsx`);

const MEASURES = ['累计值(万吨)', '当期值(万吨)', '累计增长(%)', '(上年同月=100)'];

/** Newest first, as the portal writes them: 2025年12月, 2025年11月, … */
function periodLabels(): string[] {
  const labels: string[] = [];
  let y = 2025;
  let m = 12;
  for (let i = 0; i < BENCH_PERIODS; i++) {
    labels.push(`${y}年${m}月`);
    if (--m === 0) {
      m = 12;
      y--;
    }
  }
  return labels;
}

async function generateWorkbook(): Promise<void> {
  if (fs.existsSync(XLSX_FILE)) return;
  fs.mkdirSync(TMP, { recursive: true });
  const partial = `${XLSX_FILE}.partial`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['数据库：分省月度数据']).commit();
  ws.addRow(['地区：内蒙古自治区']).commit();
  ws.addRow([`时间：最近${BENCH_PERIODS}个月`]).commit();
  ws.addRow(['指标', ...periodLabels()]).commit();
  for (let s = 0; s < BENCH_SERIES; s++) {
    const row: (string | number | null)[] = [`指标${s}${MEASURES[s % MEASURES.length]}`];
    for (let p = 0; p < BENCH_PERIODS; p++) row.push(Math.round(((s * 7919 + p * 104729) % 1_000_000) / 10) / 10 + 1);
    ws.addRow(row).commit();
  }
  ws.addRow(['注：示例数据，非官方统计。']).commit();
  ws.addRow(['数据来源：基准测试']).commit();
  ws.commit();
  await wb.commit();
  fs.renameSync(partial, XLSX_FILE);
}

/** A new store opened as the workbench opens it (bench/benchStore.ts). */
export function freshStore(file: string): SqliteStore {
  return benchStore(file);
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const result = fn();
  return [result, performance.now() - t0];
}

/** Parse floor: SheetJS reading the file in dense mode, nothing else. */
function parseFloor(bytes: Uint8Array): number {
  const [, ms] = time(() => XLSX.read(bytes, { type: 'array', dense: true, cellFormula: false, cellHTML: false, cellText: false, cellNF: true }));
  return ms;
}

/** The streaming reader: every row of the sheet iterated, nothing kept. */
async function streamRows(bytes: Uint8Array): Promise<{ rows: number; cells: number }> {
  const book = await openXlsx(bytes);
  let rows = 0;
  let cells = 0;
  for (let i = 0; i < book.sheets.length; i++) {
    for await (const batch of sheetRows(book, i)) {
      rows += batch.length;
      for (const row of batch) for (const cell of row.cells) if (cell !== undefined) cells++;
    }
  }
  book.close();
  return { rows, cells };
}

async function streamedRows(bytes: Uint8Array): Promise<{ ms: number; rows: number; cells: number }> {
  const t0 = performance.now();
  const counts = await streamRows(bytes);
  return { ms: performance.now() - t0, ...counts };
}

interface ChildFigures {
  /** The streamed import was used (false: it stopped and the classic import followed, as in the service). */
  streamedUsed: boolean;
  /** Wall time from the file's bytes to the commit's answer. */
  totalMs: number;
  /** Classic only: the parse and the commit apart (the streamed import does both at once). */
  parseMs: number | null;
  commitMs: number | null;
  /** CPU time of the commit (user + system); classic only. */
  commitCpuMs: number | null;
  observations: number;
  /** The same file imported again into the same store (streamed: as the service imports it; classic: parse + commit): every value unchanged, nothing written. */
  reimportMs: number;
  maxRssMB: number;
  /** CPU time of the whole import (user + system, every thread): the work done, whatever the machine's load. */
  cpuMs: number;
  /** Peak RSS when the parse had finished, before the commit began (classic only). */
  parseMaxRssMB: number | null;
  /** SQLite's WAL checkpoint, which runs on the next turn of the event loop after the commit has answered (walCheckpoint.ts). */
  checkpointMs: number;
}

export type ImportMode = 'streamed' | 'classic';

/**
 * The import in `mode`: streamed as the service's commit does it (importHandlers.ts: streamed where it pays, else, or
 * when it stops, parse then commit), or classic (parse, then commit).
 */
async function importAs(mode: ImportMode, db: SqliteStore, bytes: Uint8Array, fileName: string, opts: CommitOptions): Promise<{ result: CommitResult; streamed: boolean }> {
  const got = mode === 'streamed' ? await importStreamedWhereItPays(db, bytes, fileName, {}, opts) : null;
  if (got) return { result: got.result, streamed: true };
  return { result: commitImport(db, await parseStatisticsFile(bytes, fileName), opts), streamed: false };
}

/** The full import, run in this process (the child side of the benchmark). */
async function fullImport(xlsxFile: string, storeFile: string, mode: ImportMode): Promise<ChildFigures> {
  const bytes = new Uint8Array(fs.readFileSync(xlsxFile));
  const fileName = path.basename(xlsxFile);
  const db = freshStore(storeFile);
  const opts: CommitOptions = { fileName, fileHash: createHash('sha256').update(bytes).digest('hex'), skipInvalid: false };
  const all0 = process.cpuUsage();
  const t0 = performance.now();
  let result: CommitResult;
  let streamedUsed = false;
  let split: Pick<ChildFigures, 'parseMs' | 'commitMs' | 'commitCpuMs' | 'parseMaxRssMB'> = { parseMs: null, commitMs: null, commitCpuMs: null, parseMaxRssMB: null };
  if (mode === 'streamed') {
    ({ result, streamed: streamedUsed } = await importAs(mode, db, bytes, fileName, opts));
  } else {
    const parsed = await parseStatisticsFile(bytes, fileName);
    const parseMs = performance.now() - t0;
    const parseMaxRssMB = peakRssMB();
    const cpu0 = process.cpuUsage();
    const [r, commitMs] = time(() => commitImport(db, parsed, opts));
    const cpu = process.cpuUsage(cpu0);
    result = r;
    split = { parseMs, commitMs, commitCpuMs: (cpu.user + cpu.system) / 1000, parseMaxRssMB };
  }
  const totalMs = performance.now() - t0;
  const all = process.cpuUsage(all0);
  const cpuMs = (all.user + all.system) / 1000;
  const maxRssMB = peakRssMB();
  // The commit answers before its WAL checkpoint (store/walCheckpoint.ts), which is queued for the next turn of
  // the event loop: a turn awaited here runs it, and its time is the work that follows the answer.
  const checkpoint0 = performance.now();
  await new Promise<void>((resolve) => setImmediate(resolve));
  const checkpointMs = performance.now() - checkpoint0;
  const r0 = performance.now();
  const again = await importAs(mode, db, bytes, fileName, opts);
  const reimportMs = performance.now() - r0;
  if (again.result.batchId !== null || again.result.unchangedCount !== result.observationCount) throw new Error('the re-import should find every value unchanged');
  db.close();
  return { streamedUsed, totalMs, ...split, cpuMs, reimportMs, observations: result.observationCount, maxRssMB, checkpointMs };
}

function runChild(mode: ImportMode): ChildFigures {
  const store = path.join(TMP, 'full.sqlite');
  fs.rmSync(store, { force: true });
  // The same benchmark program again (build/bench.mjs, or bench/run.ts under tsx with its loader flags).
  const out = spawnSync(process.execPath, [...process.execArgv, process.argv[1], IMPORT_CHILD_FLAG, XLSX_FILE, store, mode], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`child import failed: ${out.stderr}`);
  fs.rmSync(store, { force: true });
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as ChildFigures;
}

function sofficeCsv(): number | null {
  try {
    execFileSync('which', ['soffice'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-soffice-'));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lo-profile-'));
  try {
    const [, ms] = time(() =>
      execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'csv', '--outdir', outDir, XLSX_FILE], { stdio: 'ignore', timeout: 600_000 }),
    );
    return ms;
  } catch {
    return null;
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** `bench --xlsx-read-child MODE FILE`: one read in a process of its own, for its peak RSS. */
export const XLSX_READ_CHILD_FLAG = '--xlsx-read-child';
type ReadMode = 'idle' | 'stream' | 'sheetjs';

export async function xlsxReadChild(args: string[]): Promise<void> {
  const mode = args[0] as ReadMode;
  const bytes = new Uint8Array(fs.readFileSync(args[1]));
  if (mode === 'stream') await streamRows(bytes);
  else if (mode === 'sheetjs') parseFloor(bytes);
  console.log(JSON.stringify({ maxRssMB: peakRssMB() }));
}

function runReadChild(mode: ReadMode): { maxRssMB: number } {
  const out = spawnSync(process.execPath, [...process.execArgv, process.argv[1], XLSX_READ_CHILD_FLAG, mode, XLSX_FILE], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`child read (${mode}) failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as { maxRssMB: number };
}

const RSS_TARGET_MB = 600;
/** How many times the full import and soffice's conversion run, alternated (see benchImport). */
const IMPORT_PAIRS = 3;

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function benchImport(): Promise<void> {
  console.log(`导入基准 / Import benchmark: ${BENCH_SERIES} series × ${BENCH_PERIODS} periods = ${(BENCH_SERIES * BENCH_PERIODS).toLocaleString()} observations`);
  await generateWorkbook();
  const bytes = new Uint8Array(fs.readFileSync(XLSX_FILE));
  console.log(`  file                    ${XLSX_FILE} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB)`);
  const parse = parseFloor(bytes);
  console.log(`  parse floor (SheetJS)   ${s(parse)}`);
  const streamed = await streamedRows(bytes);
  const streamRatio = streamed.ms / parse;
  console.log(
    `  streamed rows (xlsx reader) ${s(streamed.ms)}  (${streamed.rows.toLocaleString()} rows, ${streamed.cells.toLocaleString()} cells; ratio to the parse floor ${streamRatio.toFixed(2)}, target ≤ 0.5) ${streamRatio <= 0.5 ? 'OK' : 'OVER'}`,
  );
  // Peak RSS, each in a child of its own: the file and modules loaded only (the baseline), then the streamed
  // rows, then SheetJS's whole-grid read of the same file.
  const [idleRss, streamRss, sheetJsRss] = (['idle', 'stream', 'sheetjs'] as const).map((mode) => runReadChild(mode).maxRssMB);
  console.log(
    `  peak RSS: loaded ${idleRss.toFixed(0)} MB · streamed rows ${streamRss.toFixed(0)} MB (+${(streamRss - idleRss).toFixed(0)}) · SheetJS read ${sheetJsRss.toFixed(0)} MB (+${(sheetJsRss - idleRss).toFixed(0)})`,
  );
  // One row a statement, as before, and many (the importer's statement size): the faster is the floor.
  const insertOne = insertFloor(1);
  const insertMany = insertFloor(SQLITE_ROWS_PER_STATEMENT);
  // Each the lower of the two: wall time and CPU time can pick different forms on a loaded machine.
  const floor = { ms: Math.min(insertOne.ms, insertMany.ms), cpuMs: Math.min(insertOne.cpuMs, insertMany.cpuMs) };
  const insert = floor.ms;
  console.log(`  insert floor (SQLite)   ${s(insert)}, CPU ${s(floor.cpuMs)}  (raw better-sqlite3: ${s(insertOne.ms)} / CPU ${s(insertOne.cpuMs)} one row a statement, ${s(insertMany.ms)} / CPU ${s(insertMany.cpuMs)} ${SQLITE_ROWS_PER_STATEMENT} rows a statement)`);
  // For the record: the rows as they were before migration 8 (every row carrying its texts), foreign keys on.
  const oldFloor = insertFloor(SQLITE_ROWS_PER_STATEMENT, { schema: 'old', foreignKeys: true });
  console.log(`  old rows' insert floor  ${s(oldFloor.ms)}, CPU ${s(oldFloor.cpuMs)}  (texts on every row, foreign keys on, ${SQLITE_ROWS_PER_STATEMENT} rows a statement; ratio to the floor above ${(oldFloor.ms / insertMany.ms).toFixed(2)}, CPU ${(oldFloor.cpuMs / insertMany.cpuMs).toFixed(2)})`);
  // The import (streamed, as the service imports an .xlsx into SQLite), the classic import (parse, then commit) and
  // soffice's conversion, alternated IMPORT_PAIRS times: on this kind of machine one run of any of them can take a
  // third longer than the next for no reason of its own (2026-12-03: the same build's ratio 0.75–1.16 in four runs),
  // so each ratio is of runs side by side in time, and the verdict is their median.
  const runs: { full: ChildFigures; classic: ChildFigures; lo: number | null }[] = [];
  for (let k = 0; k < IMPORT_PAIRS; k++) {
    const full = runChild('streamed');
    const classic = runChild('classic');
    runs.push({ full, classic, lo: sofficeCsv() });
  }
  const middleOf = (pick: (r: (typeof runs)[number]) => ChildFigures) => [...runs].sort((a, b) => pick(a).totalMs - pick(b).totalMs)[Math.floor(runs.length / 2)];
  const full = middleOf((r) => r.full).full;
  const classic = middleOf((r) => r.classic).classic;
  const total = full.totalMs;
  const used = runs.filter((r) => r.full.streamedUsed).length;
  console.log(`  full import (streamed)  ${s(total)}, the median of ${runs.length} runs: ${runs.map((r) => s(r.full.totalMs)).join(' / ')}; streamed in ${used} of ${runs.length}`);
  console.log(`    that run              ${full.observations.toLocaleString()} rows; CPU ${s(full.cpuMs)}; then the WAL checkpoint after the answer ${s(full.checkpointMs)}`);
  console.log(`  classic import          ${s(classic.totalMs)}, the median of ${runs.map((r) => s(r.classic.totalMs)).join(' / ')}: parse ${s(classic.parseMs!)} + commit ${s(classic.commitMs!)}; CPU ${s(classic.cpuMs)}`);
  console.log(`  ratio streamed / classic = ${median(runs.map((r) => r.full.totalMs / r.classic.totalMs)).toFixed(2)} (median of the pairs; CPU ${(full.cpuMs / classic.cpuMs).toFixed(2)})`);
  console.log(`  ratio classic commit / insert floor = ${(classic.commitMs! / insert).toFixed(2)} (CPU ${(classic.commitCpuMs! / floor.cpuMs).toFixed(2)}); full / insert floor = ${(total / insert).toFixed(2)}`);
  console.log(`  re-import (unchanged)   ${s(full.reimportMs)} as the service makes it, ${s(classic.reimportMs)} classic (parse + commit): ×${median(runs.map((r) => r.full.reimportMs / r.classic.reimportMs)).toFixed(2)} (the store holds the head's series: the classic import follows)`);
  const peak = Math.max(...runs.flatMap((r) => [r.full.maxRssMB, r.classic.maxRssMB]));
  console.log(`  peak RSS (full import)  ${peak.toFixed(0)} MB, the highest of the runs  (target < ${RSS_TARGET_MB} MB) ${peak < RSS_TARGET_MB ? 'OK' : 'OVER'}; streamed ${Math.max(...runs.map((r) => r.full.maxRssMB)).toFixed(0)} MB, classic ${Math.max(...runs.map((r) => r.classic.maxRssMB)).toFixed(0)} MB (${classic.parseMaxRssMB!.toFixed(0)} MB when its parse ended)`);
  const paired = runs.filter((r): r is typeof r & { lo: number } => r.lo !== null);
  if (paired.length === 0) console.log('  soffice → csv           n/a (soffice not installed)');
  else {
    console.log(`  soffice → csv           ${paired.map((r) => s(r.lo)).join(' / ')}, each right after the imports beside it`);
    const ratios = paired.map((r) => r.full.totalMs / r.lo);
    const middle = median(ratios);
    console.log(`  ratio full / (soffice → csv) = ${middle.toFixed(2)}, the median of ${ratios.map((x) => x.toFixed(2)).join(' / ')}  (target < 1) ${middle < 1 ? 'OK' : 'OVER'}`);
    const withCheckpoint = median(paired.map((r) => (r.full.totalMs + r.full.checkpointMs) / r.lo));
    console.log(`  ratio (full + checkpoint after the answer) / (soffice → csv) = ${withCheckpoint.toFixed(2)} (median); classic / (soffice → csv) = ${median(paired.map((r) => r.classic.totalMs / r.lo)).toFixed(2)}`);
  }
  const ratio = total / (parse + insert);
  console.log(`  ratio full / (parse + insert floors) = ${ratio.toFixed(2)}  (target ≤ 1.5) ${ratio <= 1.5 ? 'OK' : 'OVER'}`);
}

/** The child side: `bench --import-child FILE STORE` prints its figures as one JSON line. */
export const IMPORT_CHILD_FLAG = '--import-child';
export async function importChild(args: string[]): Promise<void> {
  console.log(JSON.stringify(await fullImport(args[0], args[1], args[2] === 'classic' ? 'classic' : 'streamed')));
}
