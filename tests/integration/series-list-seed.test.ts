// The browser shell's threads: once the analyst leaves the first screen, the heavy thread starts (and prepares the
// briefing) beside the calls thread, which reads the series list from the store's kept counts (threadedBackend.ts).
// Whatever the timing, the list the series view is answered with must be exactly the list a fresh connection counts:
// right after start, after an import through the shell, and when another connection commits meanwhile.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitImport, listSeries } from '../../electron/import/commitImport';
import { parseStatisticsFile } from '../../electron/import/parseFile';
import { openStoreAt, openWorkbench } from '../../electron/openWorkbench';
import { startThreadedBackend, type ThreadedBackend } from '../../electron/service/host/threadedBackend';
import type { Series } from '../../shared/domain/series';
import { makeTmpDir, removeDir } from '../helpers/tmp';
import { wideCsv } from '../helpers/wideCsv';
import { sha256 } from './helpers/importStore';

let dir: string;
let storePath: string;
let uploads: string;
let backend: ThreadedBackend | null = null;

/** The list as a fresh connection counts it. */
function counted(): Series[] {
  const db = openStoreAt(storePath);
  try {
    return listSeries(db);
  } finally {
    db.close();
  }
}

/** Commits a file on a connection of its own (a colleague, or the store as it was before the shell started). */
async function commitElsewhere(name: string, text: string): Promise<void> {
  const db = openStoreAt(storePath);
  try {
    const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
    commitImport(db, await parseStatisticsFile(bytes, name), { fileName: name, fileHash: sha256(bytes), skipInvalid: false });
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = makeTmpDir('wb-seed-');
  storePath = path.join(dir, 'w.sqlite');
  uploads = path.join(dir, 'uploads');
  fs.mkdirSync(uploads);
  openWorkbench(storePath, 'cli', { create: true }).ctx.db.close();
  await commitElsewhere('first.csv', wideCsv(300, 14));
  // A revision of the newest months of some series, and a region of its own.
  await commitElsewhere('revised.csv', wideCsv(40, 3).replace(/,(\d+(?:\.\d+)?)(?=,|\n)/g, (_, v: string) => `,${Number(v) + 0.5}`));
  await commitElsewhere('other-region.csv', wideCsv(20, 5, '江西省'));
});
afterEach(async () => {
  await backend?.close();
  backend = null;
  removeDir(dir);
});

const start = async () => (backend = await startThreadedBackend({ storePath, shell: 'web', user: 'tester', uploadsDir: uploads }));

describe('series list counted by the heavy thread for the calls thread', () => {
  it('answers the series view with exactly the list a fresh connection counts, before and after an import', async () => {
    const shell = await start();
    await shell.call('listTargets', {});
    // The analyst goes to 执行情况 (the count is asked for), then to 序列.
    await shell.call('variance', {});
    const list = (await shell.call('listSeries', {})) as Series[];
    expect(list).toEqual(counted());
    expect(list.length).toBe(320);
    // 测试指标0 in both regions: 14 months (three of them revised) and 5 months.
    expect(list.filter((s) => s.name === '测试指标0').map((s) => s.observationCount).sort((a, b) => a - b)).toEqual([5, 14]);
    // The picker reads the same list.
    const target = ((await shell.call('listTargets', {})) as { id: number; kind: string }[]).find((t) => t.kind !== 'task')!;
    expect(((await shell.call('linkCandidates', { targetId: target.id, query: '测试指标1' })) as { totalMatches: number }).totalMatches).toBeGreaterThan(0);
    // An import through the shell: the list is counted again, and still exact.
    const uploadId = crypto.randomUUID();
    fs.writeFileSync(path.join(uploads, uploadId), wideCsv(310, 2).replace('2025年11月', '2026年1月').replace('2025年12月', '2026年2月'));
    await shell.call('commitImport', { file: { fileName: 'later.csv', uploadId }, skipInvalid: true });
    const after = (await shell.call('listSeries', {})) as Series[];
    expect(after).toEqual(counted());
    expect(after.find((s) => s.name === '测试指标305')).toMatchObject({ observationCount: 2, firstPeriod: '2026-01' });
  }, 120_000);

  it('gives the fresh count when another connection commits while the heavy thread counts', async () => {
    const shell = await start();
    await shell.call('listTargets', {});
    await shell.call('variance', {});
    // Lands before, during or after the count: a list counted before it is refused by the calls thread.
    await commitElsewhere('colleague.csv', wideCsv(330, 1, '江西省').replace('2025年12月', '2026年3月'));
    expect((await shell.call('listSeries', {})) as Series[]).toEqual(counted());
  }, 120_000);
});
