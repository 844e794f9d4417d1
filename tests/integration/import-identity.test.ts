// Series identity in a real store: a series is its indicator name + region + unit + measure + frequency, a file
// without a region continues the home region's series, files of different indicators never write into each other,
// a re-import changes nothing, a revision keeps both vintages and is listed, and an old store migrates intact.
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchDetails, commitImport, listSeries, seriesObservations } from '../../electron/import/commitImport';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/store/migrations';
import { openStore } from '../../electron/store/openStore';
import { dispatch, type Service } from '../../electron/service/service';
import type { CommitImportResult, ImportPreview } from '../../shared/contract/importCalls';
import type { StoreSettings } from '../../shared/contract/settingsCalls';
import type { Measure } from '../../shared/domain/series';
import { cellOf, type ParsedFile, type ParsedSeries } from '../../shared/import/mapping';
import { storeDump } from './helpers/importStore';
import { ENGINES, freshServiceEachTest } from '../helpers/stores';

// On both engines: a seeded SQLite file, and a seeded database on the PostgreSQL test server (tests/helpers/stores.ts).
describe.each(ENGINES)('on %s', (engine) => {
  let dir: string;
  let service: Service;
  freshServiceEachTest(engine, 'web', 'i14copy_import_identity', (fresh) => ({ dir, service } = fresh));

  const call = <T>(name: string, args: unknown) => dispatch(service, name, args) as Promise<T>;
  const csv = (fileName: string, text: string) => ({ fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });
  const importCsv = (fileName: string, text: string) => call<CommitImportResult>('commitImport', { file: csv(fileName, text) });

  /** A by-region file as the layouts read it: one series per region, the indicator and unit from the title row. */
  function byRegionFile(fileName: string, name: string, unit: string, measure: Measure, values: Record<string, Record<string, number>>): ParsedFile {
    const label = `${name}(${unit})`;
    const series: ParsedSeries[] = Object.entries(values).map(([region, byPeriod], r) => ({
      name,
      label,
      unit,
      measure,
      frequency: 'monthly',
      region,
      observations: Object.entries(byPeriod).map(([period, value], c) => ({
        period,
        value,
        // Cell B5 for the first region's first period, C5 for its second, B6 for the second region's first.
        source: { file: fileName, sheet: 'Sheet1', label: region },
        sourcePeriod: period,
        row: 4 + r,
        column: 1 + c,
      })),
    }));
    const mapping = { layout: 'long', headerRow: 3, firstDataRow: 4, lastDataRow: 4 + series.length, indicatorColumn: 0, periodColumn: 1, valueColumn: 2, unitColumn: null, regionColumn: 0, region: null, measureColumn: null } as const;
    const observationCount = series.reduce((n, s) => n + s.observations.length, 0);
    return { fileName, format: 'csv', encoding: 'utf-8', sheets: [{ name: 'Sheet1', layout: 'long', mapping, series, problems: [], warnings: [] }], skippedSheets: [], problems: [], warnings: [], observationCount };
  }

  const commitParsed = (parsed: ParsedFile) => commitImport(service.ctx.db, parsed, { fileName: parsed.fileName, fileHash: parsed.fileName, skipInvalid: false });

  const GROWTH = '规模以上工业增加值累计增长(%)';

  describe('a file that names no region continues the home region’s series', () => {
    it('continues the series of 内蒙古自治区, so links and variance move on to the new month', async () => {
      const first = await importCsv('9月.csv', `地区：内蒙古自治区\n指标,2025年9月,2025年8月\n${GROWTH},7.1,7.0\n`);
      expect(first.changes.counts).toMatchObject({ seriesNew: 1, seriesContinued: 0, observationsNew: 2 });
      const [series] = listSeries(service.ctx.db);
      expect(series.region).toBe('内蒙古自治区');
      const db = service.ctx.db;
      const targetId = db.prepare("SELECT id FROM targets WHERE indicator = '规模以上工业增加值' AND kind = 'growth_rate' LIMIT 1").pluck().get() as number;
      await call('setLink', { targetId, seriesId: series.id });

      // The next month's file has no 地区 row: the store's home region (the plan's province) decides.
      const preview = await call<ImportPreview>('previewImport', { file: csv('10月.csv', `指标,2025年10月,2025年9月\n${GROWTH},7.3,7.1\n`) });
      expect(preview.changes.series).toEqual([
        expect.objectContaining({ status: 'continued', seriesId: series.id, region: '内蒙古自治区', regionSource: 'home', observations: { new: 1, unchanged: 1, revised: 0 } }),
      ]);
      expect(preview.changes.series[0].reason).toContain('内蒙古自治区');
      expect(preview.observations.map((o) => [o.period, o.change])).toEqual([['2025-10', 'new'], ['2025-09', 'unchanged']]);
      expect(preview.checks.filter((c) => c.code === 'second_series')).toEqual([]);

      const next = await importCsv('10月.csv', `指标,2025年10月,2025年9月\n${GROWTH},7.3,7.1\n`);
      expect(next.changes.counts).toEqual({ seriesNew: 0, seriesContinued: 1, observationsNew: 1, observationsUnchanged: 1, observationsRevised: 0 });
      expect(listSeries(db)).toHaveLength(1);
      const variance = (await call('variance', {})) as { asOf: string | null; rows: { targetId: number; actual?: number | null }[] };
      expect(variance.asOf).toBe('2025-10');
    });

    it('without a home region, says that the file starts a second series beside the stored one', async () => {
      const db = service.ctx.db;
      db.prepare('DELETE FROM plans').run();
      await importCsv('a.csv', `地区：内蒙古自治区\n指标,2025年9月\n${GROWTH},7.1\n`);
      const stored = listSeries(db)[0];
      const settings = await call<StoreSettings>('getSettings', {});
      expect(settings).toEqual({ homeRegion: null, homeRegionSource: 'none' });
      const r = await importCsv('b.csv', `指标,2025年10月\n${GROWTH},7.3\n`);
      expect(r.changes.series[0]).toMatchObject({ status: 'new', region: null, regionSource: 'none' });
      const notice = r.checks.find((c) => c.code === 'second_series');
      expect(notice?.message).toContain(`#${stored.id}`);
      expect(notice?.message).toContain('内蒙古自治区');
      expect(r.changes.series[0].reason).toContain(`#${stored.id}`);

      // Setting the home region makes the next file continue the region's series.
      expect(await call<StoreSettings>('setHomeRegion', { region: '内蒙古自治区' })).toEqual({ homeRegion: '内蒙古自治区', homeRegionSource: 'setting' });
      const c = await importCsv('c.csv', `指标,2025年11月\n${GROWTH},7.4\n`);
      expect(c.changes.series[0]).toMatchObject({ status: 'continued', seriesId: stored.id });
      await expect(call('setHomeRegion', { region: '  ' })).rejects.toThrow(/不能为空.*must not be empty/);
    });
  });

  describe('files of different indicators never write into each other', () => {
    it('keeps every value of two by-region files of different indicators', () => {
      const cpi = byRegionFile('cpi.csv', '居民消费价格指数', '上年同月=100', 'index', { 北京市: { '2020-02': 104.5, '2020-01': 105.2 }, 天津市: { '2020-02': 104.8, '2020-01': 105.1 } });
      const food = byRegionFile('food.csv', '食品烟酒类居民消费价格指数', '上年同月=100', 'index', { 北京市: { '2020-02': 117.3, '2020-01': 116.0 }, 天津市: { '2020-02': 118.2, '2020-01': 117.5 } });
      expect(commitParsed(cpi).changes.counts).toMatchObject({ seriesNew: 2, observationsNew: 4 });
      expect(commitParsed(food).changes.counts).toMatchObject({ seriesNew: 2, seriesContinued: 0, observationsNew: 4, observationsRevised: 0 });
      const db = service.ctx.db;
      const values = listSeries(db)
        .map((s) => [s.name, s.region, Object.fromEntries(seriesObservations(db, s.id).map((o) => [o.period, o.value]))])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(values).toEqual([
        ['居民消费价格指数', '北京市', { '2020-01': 105.2, '2020-02': 104.5 }],
        ['居民消费价格指数', '天津市', { '2020-01': 105.1, '2020-02': 104.8 }],
        ['食品烟酒类居民消费价格指数', '北京市', { '2020-01': 116.0, '2020-02': 117.3 }],
        ['食品烟酒类居民消费价格指数', '天津市', { '2020-01': 117.5, '2020-02': 118.2 }],
      ]);
    });

    it('files one indicator printed two ways (`其中：` kept in the label) as one series, showing the newest label', () => {
      const a = byRegionFile('a.csv', '出口总额', '亿元', 'cumulative', { 内蒙古自治区: { '2025-03': 50, '2025-02': 30 } });
      a.sheets[0].series[0].label = '其中：出口总额(亿元)';
      const b = byRegionFile('b.csv', '出口总额', '亿元', 'cumulative', { 内蒙古自治区: { '2025-04': 70, '2025-03': 50 } });
      commitParsed(a);
      const r = commitParsed(b);
      expect(r.changes.series[0]).toMatchObject({ status: 'continued', previousLabel: '其中：出口总额(亿元)', label: '出口总额(亿元)' });
      expect(listSeries(service.ctx.db).map((s) => [s.name, s.label])).toEqual([['出口总额', '出口总额(亿元)']]);
    });

    it('refuses two rows that fold into one series with different values for a period, naming both cells', () => {
      const a = byRegionFile('a.csv', '出口总额', '亿元', 'cumulative', { 内蒙古自治区: { '2025-03': 50 } });
      const twin = byRegionFile('a.csv', '出口总额', '亿元', 'cumulative', { 内蒙古自治区: { '2025-03': 51 } }).sheets[0].series[0];
      twin.label = '其中：出口总额(亿元)';
      twin.observations[0].row = 8; // B9
      expect(cellOf(twin.observations[0])).toBe('B9');
      a.sheets[0].series.push(twin);
      const before = storeDump(service.ctx.db);
      expect(() => commitParsed(a)).toThrow(/2 处单元格.*Sheet1!B5「50」.*Sheet1!B9「51」/s);
      expect(storeDump(service.ctx.db)).toBe(before);
    });
  });

  describe('real files through the layouts', () => {
    const byRegion = (indicator: string, rows: string[]) => `数据库：分省月度数据\n指标：${indicator}\n时间：2020\n地区,2020年3月,2020年2月,2020年1月\n${rows.join('\n')}\n`;

    it('two by-region files of different indicators keep every value of both', async () => {
      await importCsv('cpi.csv', byRegion('居民消费价格指数(上年同月=100)', ['北京市,,104.5,105.2', '天津市,104.1,104.8,105.1']));
      const food = await importCsv('food.csv', byRegion('食品烟酒类居民消费价格指数(上年同月=100)', ['北京市,116.2,117.3,116.0', '天津市,117.9,118.2,117.5']));
      expect(food.changes.counts).toMatchObject({ seriesNew: 2, seriesContinued: 0, observationsRevised: 0 });
      const list = await call<{ name: string; region: string | null; unit: string; values: { period: string; value: number }[] }[]>('listSeriesValues', {});
      const flat = list.flatMap((s) => s.values.map((v) => `${s.name}|${s.region}|${s.unit}|${v.period}=${v.value}`)).sort();
      expect(flat).toEqual(
        [
          '居民消费价格指数|北京市|上年同月=100|2020-01=105.2',
          '居民消费价格指数|北京市|上年同月=100|2020-02=104.5',
          '居民消费价格指数|天津市|上年同月=100|2020-01=105.1',
          '居民消费价格指数|天津市|上年同月=100|2020-02=104.8',
          '居民消费价格指数|天津市|上年同月=100|2020-03=104.1',
          '食品烟酒类居民消费价格指数|北京市|上年同月=100|2020-01=116',
          '食品烟酒类居民消费价格指数|北京市|上年同月=100|2020-02=117.3',
          '食品烟酒类居民消费价格指数|北京市|上年同月=100|2020-03=116.2',
          '食品烟酒类居民消费价格指数|天津市|上年同月=100|2020-01=117.5',
          '食品烟酒类居民消费价格指数|天津市|上年同月=100|2020-02=118.2',
          '食品烟酒类居民消费价格指数|天津市|上年同月=100|2020-03=117.9',
        ].sort(),
      );
    });

    it('rows that state no measure are refused unless the measure is given, and the preview says which', async () => {
      const text = '指标,2025年10月,2025年9月\n原煤产量(万吨),103000,93000\n';
      const before = storeDump(service.ctx.db);
      await expect(importCsv('m.csv', text)).rejects.toThrow(/没有说明口径/);
      expect(storeDump(service.ctx.db)).toBe(before);
      const asked = await call<ImportPreview>('previewImport', { file: csv('m.csv', text) });
      expect(asked.problems.map((p) => p.code)).toEqual(['measure_unknown']);
      const r = await call<CommitImportResult>('commitImport', { file: csv('m.csv', text), measure: 'cumulative' });
      expect(r.changes.series).toEqual([expect.objectContaining({ name: '原煤产量', measure: 'cumulative', status: 'new' })]);
    });
  });

  describe('nothing changes unseen', () => {
    const OCT = `指标,2025年10月,2025年9月\n原煤产量累计值(万吨),103000,93000\n粗钢产量累计值(万吨),2600,2350\n`;

    it('re-importing the same file finds every value unchanged and writes nothing', async () => {
      await importCsv('10月.csv', OCT);
      const before = storeDump(service.ctx.db);
      const again = await importCsv('10月.csv', OCT);
      expect(again.batchId).toBeNull();
      expect(again.changes.counts).toEqual({ seriesNew: 0, seriesContinued: 2, observationsNew: 0, observationsUnchanged: 4, observationsRevised: 0 });
      expect(storeDump(service.ctx.db)).toBe(before);
    });

    it('a revision keeps both vintages and is listed in the preview, the commit and the batch', async () => {
      await importCsv('10月.csv', OCT);
      const revised = `指标,2025年11月,2025年10月\n原煤产量累计值(万吨),112000,103500\n粗钢产量累计值(万吨),2850,2600\n`;
      const preview = await call<ImportPreview>('previewImport', { file: csv('11月.csv', revised) });
      expect(preview.changes.revisions.map((v) => [v.name, v.period, v.oldValue, v.newValue, v.cell])).toEqual([['原煤产量', '2025-10', 103000, 103500, 'C2']]);
      expect(preview.observations.find((o) => o.cell === 'C2')).toMatchObject({ change: 'revised', oldValue: 103000, value: 103500 });
      const r = await importCsv('11月.csv', revised);
      expect(r.changes.counts).toEqual({ seriesNew: 0, seriesContinued: 2, observationsNew: 2, observationsUnchanged: 1, observationsRevised: 1 });
      expect(r.changes.revisions).toEqual([expect.objectContaining({ name: '原煤产量', period: '2025-10', oldValue: 103000, newValue: 103500, sourcePeriod: '2025年10月' })]);
      expect(r.changes.revisions[0].seriesId).toBe(r.changes.series[0].seriesId);
      const coal = listSeries(service.ctx.db).find((s) => s.name === '原煤产量')!;
      const vintages = seriesObservations(service.ctx.db, coal.id, { allVintages: true }).filter((o) => o.period === '2025-10');
      expect(vintages.map((o) => [o.value, o.current, o.source.file])).toEqual([[103000, false, '10月.csv'], [103500, true, '11月.csv']]);
      expect(batchDetails(service.ctx.db, r.batchId!)).toMatchObject({ revisionCount: 1, revisions: [expect.objectContaining({ oldValue: 103000, newValue: 103500 })] });
    });
  });

  describe('series --json shape', () => {
    it('lists region beside id, name, label, unit, measure, frequency and the current values', async () => {
      await importCsv('a.csv', `地区：内蒙古自治区\n指标,2025年10月,2025年9月\n原煤产量累计值(万吨),103000,93000\n`);
      await importCsv('b.csv', `地区：内蒙古自治区\n指标,2025年10月\n原煤产量累计值(万吨),103500\n`);
      const list = await call<{ id: number; name: string; region: string | null; values: { period: string; value: number }[] }[]>('listSeriesValues', {});
      expect(list.map((s) => [s.name, s.region, s.values])).toEqual([['原煤产量', '内蒙古自治区', [{ period: '2025-09', value: 93000 }, { period: '2025-10', value: 103500 }]]]);
    });
  });

  describe('migration of an existing store', () => {
    it('keeps every series, observation and link, widens the measures, and files unstated regions under the plan’s', () => {
      const file = path.join(dir, 'old.sqlite');
      const old = new Database(file);
      old.exec(MIGRATIONS[0]);
      old.exec(MIGRATIONS[1]);
      old.pragma('user_version = 2');
      old.exec(`
        INSERT INTO plans (id, year, region, title, source_file, source_text, created_at) VALUES (1, 2025, '内蒙古自治区', 'p', 'p.txt', '', '2025-01-01');
        INSERT INTO targets (id, plan_id, position, section, indicator, kind, quote, quote_start, quote_end) VALUES (1, 1, 0, '', '原煤产量', 'level', 'q', 0, 1);
        INSERT INTO import_batches (id, file_name, file_hash, imported_at) VALUES (1, 'a.csv', 'h', '2025-01-01');
        INSERT INTO series (id, name, label, unit, measure, frequency, region) VALUES
          (1, '原煤产量', '原煤产量累计值(万吨)', '万吨', 'cumulative', 'monthly', ''),
          (2, '原煤产量', '原煤产量累计(万吨)', '万吨', 'cumulative', 'monthly', ''),
          (3, '原煤产量', '原煤产量累计值(万吨)', '万吨', 'cumulative', 'monthly', '内蒙古自治区'),
          (4, '粗钢产量', '粗钢产量累计值(万吨)', '万吨', 'cumulative', 'monthly', '');
        INSERT INTO observations (series_id, period, value, batch_id) VALUES (1, '2025-03', 300, 1), (2, '2025-03', 301, 1), (3, '2025-03', 302, 1), (4, '2025-03', 30, 1);
        INSERT INTO links (target_id, series_id, created_at) VALUES (1, 1, '2025-01-01');
      `);
      old.close();
      const db = openStore(file);
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(db.prepare('SELECT id, name, label, region FROM series ORDER BY id').all()).toEqual([
          // 1 and 2 shared a name under one identity: they stay apart, the later one named by its label. 1 stays
          // unstated because 3 is already the region's series of that identity.
          { id: 1, name: '原煤产量', label: '原煤产量累计值(万吨)', region: '' },
          { id: 2, name: '原煤产量累计(万吨)', label: '原煤产量累计(万吨)', region: '内蒙古自治区' },
          { id: 3, name: '原煤产量', label: '原煤产量累计值(万吨)', region: '内蒙古自治区' },
          { id: 4, name: '粗钢产量', label: '粗钢产量累计值(万吨)', region: '内蒙古自治区' },
        ]);
        expect(db.prepare('SELECT series_id, value FROM observations ORDER BY series_id').raw().all()).toEqual([[1, 300], [2, 301], [3, 302], [4, 30]]);
        expect(db.prepare('SELECT target_id, series_id FROM links').raw().all()).toEqual([[1, 1]]);
        db.prepare("INSERT INTO series (name, label, unit, measure, frequency) VALUES ('M2', 'M2期末值(亿元)', '亿元', 'stock', 'monthly')").run();
        expect(() => db.prepare("INSERT INTO series (name, label, unit, measure, frequency) VALUES ('x', 'x', '', 'bogus', 'monthly')").run()).toThrow(/CHECK/);
      } finally {
        db.close();
      }
    });
  });
});
