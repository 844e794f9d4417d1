// The briefing's first preview through the service threads (issue 12): the heavy thread prepares it as soon as the
// analyst leaves the first screen, with a warm chart renderer and its own reads, and answers the view from what it
// prepared. Whatever it prepared or kept must be byte for byte what a cold workbench builds from the store as it is
// then: right after start, after an edit through the shell and by another connection, after an import through the
// shell and after its undo, on both engines. The charts are numbered per document, so the bytes do not depend on
// how many charts a thread drew before. The statistics file is written here; its figures are made up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { startThreadedBackend, type ThreadedBackend } from '../../electron/service/host/threadedBackend';
import { dispatch, type Service } from '../../electron/service/service';
import { FIRST_BRIEF_ARGS } from '../../electron/service/warmUp';
import type { BriefPreview } from '../../shared/contract/handoffCalls';
import type { CommitImportResult } from '../../shared/contract/importCalls';
import type { Target } from '../../shared/domain/target';
import { ENGINES, freshPlace, type StorePlace } from '../helpers/stores';
import { makeTmpDir, removeDir } from '../helpers/tmp';

/** Growth rates, a rate read at a month, an index and level figures: every kind of chart the briefing draws. */
const MONTHS = ['2025年9月', '2025年8月', '2025年7月', '2025年6月', '2025年5月', '2025年4月'];
const bureauFile = (rows: [label: string, values: number[]][]) =>
  ['数据库：分省月度数据', '地区：内蒙古自治区', `时间：最近${MONTHS.length}个月`, ['指标', ...MONTHS].join(','), ...rows.map(([label, values]) => [label, ...values].join(',')), '数据来源：测试'].join('\n');
const FIRST_FILE = bureauFile([
  ['地区生产总值累计增长(%)', [5.8, 5.7, 5.6, 5.5, 5.4, 5.3]],
  ['规模以上工业增加值累计增长(%)', [7.4, 7.2, 7.5, 7.1, 6.9, 7.3]],
  ['固定资产投资累计增长(%)', [-1.2, 0.4, 1.8, 2.6, 3.1, 4.0]],
  ['一般公共预算收入累计增长(%)', [3.6, 3.9, 4.1, 4.4, 4.2, 4.5]],
  ['城镇调查失业率当期值(%)', [5.2, 5.3, 5.4, 5.3, 5.5, 5.6]],
  ['居民消费价格指数(上年同期=100)', [100.4, 100.3, 100.2, 100.1, 100.3, 100.2]],
  ['原油产量累计值(万吨)', [231, 205, 180, 154, 128, 103]],
  ['天然气产量累计值(亿立方米)', [241, 213, 186, 160, 133, 106]],
]);
/** The next month, and September's growth revised: the briefing's cut-off and figures move. */
const SECOND_FILE = [
  '数据库：分省月度数据',
  '地区：内蒙古自治区',
  '时间：最近2个月',
  '指标,2025年10月,2025年9月',
  '地区生产总值累计增长(%),5.9,5.9',
  '规模以上工业增加值累计增长(%),7.6,7.5',
  '原油产量累计值(万吨),257,231',
  '数据来源：测试',
].join('\n');
const csvFile = (fileName: string, text: string) => ({ fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });

describe.each(ENGINES)('the first briefing preview from the heavy thread (%s)', (engine) => {
  let place: StorePlace;
  let uploads: string;
  let backend: ThreadedBackend;
  /** Another workbench on the same store: a colleague's, or the CLI's. */
  let colleague: Service;

  /** The briefing a workbench opened just now builds: a new connection, nothing prepared, nothing kept. */
  async function cold(): Promise<BriefPreview> {
    const fresh = openWorkbench(place.location, 'cli');
    try {
      return (await dispatch(fresh, 'briefHtml', FIRST_BRIEF_ARGS)) as BriefPreview;
    } finally {
      fresh.ctx.db.close();
    }
  }
  const shellBrief = async () => (await backend.call('briefHtml', FIRST_BRIEF_ARGS)) as BriefPreview;
  const expectSameAsCold = async (preview: BriefPreview) => {
    const built = await cold();
    // The document itself, byte for byte, and everything said beside it.
    expect(preview.html === built.html).toBe(true);
    expect(preview).toEqual(built);
  };
  const linkedTarget = async (indicator: string) => ((await backend.call('listTargets', {})) as Target[]).find((t) => t.indicator === indicator)!;

  beforeAll(async () => {
    place = await freshPlace(engine, 'wb_brief_first');
    const setup = openWorkbench(place.location, 'web', { create: true });
    try {
      await dispatch(setup, 'commitImport', { file: csvFile('first.csv', FIRST_FILE) });
      await dispatch(setup, 'autoLink', {});
    } finally {
      setup.ctx.db.close();
    }
    colleague = openWorkbench(place.location, 'cli');
    uploads = makeTmpDir('wb-brief-first-uploads-');
    backend = await startThreadedBackend({ storePath: place.location, shell: 'web', user: 'tester', uploadsDir: uploads });
  }, 180_000);
  afterAll(async () => {
    await backend?.close();
    colleague?.ctx.db.close();
    removeDir(uploads);
    await place?.remove();
  });

  it('prepares the first preview once the analyst leaves the first screen, and it is the cold build', async () => {
    await backend.call('listTargets', {});
    // The analyst goes to 执行情况: the heavy thread starts and prepares the briefing meanwhile.
    await backend.call('variance', {});
    await backend.briefingPrepared;
    const first = await shellBrief();
    // A briefing with its charts: the growth and completion charts and the trends, none left out.
    expect(first.charts).toBeGreaterThanOrEqual(6);
    expect(first.chartsLeftOut).toBe(0);
    expect(first.html).toContain('<svg');
    await expectSameAsCold(first);
    // Asked again with nothing changed: the same document.
    expect((await shellBrief()).html === first.html).toBe(true);
  }, 180_000);

  it('builds it again after an edit through the shell and after an edit by another connection, as a cold workbench does', async () => {
    const before = await shellBrief();
    const growth = await linkedTarget('规模以上工业增加值');
    await backend.call('editTargets', { edits: [{ targetId: growth.id, field: 'value', value: 7.5 }] });
    const edited = await shellBrief();
    expect(edited.html).not.toBe(before.html);
    await expectSameAsCold(edited);
    const oil = await linkedTarget('原油产量');
    await dispatch(colleague, 'editTargets', { edits: [{ targetId: oil.id, field: 'value', value: 330 }] });
    const byColleague = await shellBrief();
    expect(byColleague.html).not.toBe(edited.html);
    await expectSameAsCold(byColleague);
  }, 180_000);

  it('builds it again after an import through the shell and after its undo, as a cold workbench does', async () => {
    const before = await shellBrief();
    const commit = (await backend.call('commitImport', { file: csvFile('second.csv', SECOND_FILE) })) as CommitImportResult;
    const imported = await shellBrief();
    expect(imported.asOf).toBe('2025-10');
    expect(imported.html).not.toBe(before.html);
    await expectSameAsCold(imported);
    await backend.call('undoBatch', { batchId: commit.batchId });
    const undone = await shellBrief();
    expect(undone.asOf).toBe(before.asOf);
    // The store is as it was before the import: so is the document.
    expect(undone.html === before.html).toBe(true);
    await expectSameAsCold(undone);
  }, 180_000);
});
