// By-region import benchmark: an NBS 分省月度数据 CSV of 31 regions × 240 months (7,440 observations), parsed and
// committed through the importer, against floors measured in the same run: decoding and splitting the same CSV
// (the tabular floor) plus a raw better-sqlite3 insert of the same number of rows in one transaction.
// Run: npx tsx bench/importByRegion.ts (or `npm run bench -- import-by-region`).

import Database from 'better-sqlite3';
import { SqliteStore } from '../electron/store/sqliteStore';
import { createHash } from 'node:crypto';
import { commitImport } from '../electron/import/commitImport';
import { decodeText, parseCsv } from '../electron/import/csvText';
import { parseStatisticsFile } from '../electron/import/parseFile';
import { MIGRATIONS } from '../electron/store/migrations';
import { median, printFigure, printHeading } from './report';

const REGIONS = [
  '北京市', '天津市', '河北省', '山西省', '内蒙古自治区', '辽宁省', '吉林省', '黑龙江省', '上海市', '江苏省', '浙江省',
  '安徽省', '福建省', '江西省', '山东省', '河南省', '湖北省', '湖南省', '广东省', '广西壮族自治区', '海南省', '重庆市',
  '四川省', '贵州省', '云南省', '西藏自治区', '陕西省', '甘肃省', '青海省', '宁夏回族自治区', '新疆维吾尔自治区',
];
const MONTHS = 240;
const RUNS = 5;

/** The export as the portal writes it: title rows, 地区 × months newest first, footer. Illustrative numbers. */
function byRegionCsv(): Uint8Array {
  const header = ['地区'];
  for (let i = 0; i < MONTHS; i++) {
    const k = 2025 * 12 + 11 - i;
    header.push(`${Math.floor(k / 12)}年${(k % 12) + 1}月`);
  }
  const lines = ['数据库：分省月度数据', '指标：居民消费价格指数(上年同月=100)', `时间：最近${MONTHS}个月`, header.join(',')];
  REGIONS.forEach((region, r) => {
    const row = [region];
    for (let m = 0; m < MONTHS; m++) row.push((100 + (((r * 31 + m * 7) % 60) - 30) / 10).toFixed(1));
    lines.push(row.join(','));
  });
  lines.push('注：示例数据，非官方统计。', '数据来源：基准测试');
  return new TextEncoder().encode(lines.join('\r\n'));
}

function freshStore(): SqliteStore {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS) db.exec(m);
  return new SqliteStore(db, ':memory:');
}

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/** Floor: the same CSV decoded and split into cells, nothing else. */
function tabularFloor(bytes: Uint8Array): number {
  return timed(() => parseCsv(decodeText(bytes).text));
}

/** Floor: as many observation rows inserted with one prepared statement in one transaction. */
function insertFloor(rows: number): number {
  const db = freshStore();
  db.prepare("INSERT INTO import_batches (file_name, file_hash, imported_at) VALUES ('floor', '', '')").run();
  const series = db.prepare("INSERT INTO series (name, label, unit, measure, frequency, region) VALUES (?, ?, '上年同月=100', 'index', 'monthly', ?)");
  // The row's texts once per batch, as the import writes them (observationRows.ts): a source per region's row, a period text per month.
  const source = db.prepare("INSERT INTO observation_sources (batch_id, sheet, label) VALUES (1, 'S', ?)");
  const periodText = db.prepare('INSERT INTO source_periods (batch_id, text) VALUES (1, ?)');
  const insert = db.prepare('INSERT INTO observations (series_id, period, value, batch_id, source_id, cell, source_period_id) VALUES (?, ?, ?, 1, ?, ?, ?)');
  const ms = timed(() =>
    db.transaction(() => {
      const periodIds = Array.from({ length: rows / REGIONS.length }, (_, m) => Number(periodText.run(`m${m}`).lastInsertRowid));
      for (let r = 0; r < REGIONS.length; r++) {
        const id = Number(series.run('居民消费价格指数', '居民消费价格指数(上年同月=100)', REGIONS[r]).lastInsertRowid);
        const sourceId = Number(source.run(`x${r}`).lastInsertRowid);
        for (let m = 0; m < rows / REGIONS.length; m++) insert.run(id, `${2025 - Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, 100 + m / 10, sourceId, `B${r + 5}`, periodIds[m]);
      }
    })(),
  );
  db.close();
  return ms;
}

export async function benchImportByRegion(): Promise<void> {
  printHeading(`分地区导入 / By-region import: ${REGIONS.length} regions × ${MONTHS} months = ${REGIONS.length * MONTHS} observations (CSV)`);
  const bytes = byRegionCsv();
  const hash = createHash('sha256').update(bytes).digest('hex');
  const floors: number[] = [];
  const parses: number[] = [];
  const fulls: number[] = [];
  let observations = 0;
  for (let i = 0; i < RUNS; i++) {
    floors.push(tabularFloor(bytes) + insertFloor(REGIONS.length * MONTHS));
    const db = freshStore();
    const t0 = performance.now();
    const parsed = await parseStatisticsFile(bytes, 'by_region.csv');
    const parseMs = performance.now() - t0;
    const commitMs = timed(() => (observations = commitImport(db, parsed, { fileName: 'by_region.csv', fileHash: hash, skipInvalid: false }).observationCount));
    db.close();
    parses.push(parseMs);
    fulls.push(parseMs + commitMs);
  }
  if (observations !== REGIONS.length * MONTHS) throw new Error(`expected ${REGIONS.length * MONTHS} observations, committed ${observations}`);
  const floor = median(floors);
  printFigure('floors: CSV split + raw insert (median)', floor);
  printFigure('parse by-region file (median)', median(parses), floor, 'floors');
  printFigure('parse + commit by-region file (median)', median(fulls), floor, 'floors');
}

// Run directly (`npx tsx bench/importByRegion.ts`); bundled into build/bench.mjs, import.meta.url is the bundle's, so compare the file name.
if (process.argv[1]?.endsWith('importByRegion.ts')) benchImportByRegion();
