// What keeps large stores responsive: the series list in natural order, kept until the series change; the
// link picker's suggestions kept per target until the target or the series change; `import` printing a
// summary instead of every series.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkbench } from '../../electron/openWorkbench';
import { dispatch, type Service } from '../../electron/service/service';
import type { CommitImportResult, LinkCandidates } from '../../shared/contract';
import type { Series } from '../../shared/domain/series';
import type { Target } from '../../shared/domain/target';
import { runCliProcess } from '../helpers/cli';
import { makeTmpDir, removeDir } from '../helpers/tmp';

const csv = (fileName: string, text: string) => ({ fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') });

/** A wide CSV: one row per indicator `原煤产量N当期值(万吨)`, two months. */
function wideCsv(numbers: number[], base = 100): string {
  const rows = numbers.map((n) => `原煤产量${n}当期值(万吨),${base + n},${base + n + 1}`);
  return ['指标,2025年6月,2025年5月', ...rows].join('\n') + '\n';
}

let dir: string;
let service: Service;
beforeAll(() => {
  dir = makeTmpDir('wb-scale-');
  service = openWorkbench(path.join(dir, 'store.sqlite'), 'cli', { create: true });
});
afterAll(() => {
  service.ctx.db.close();
  removeDir(dir);
});

describe('series list', () => {
  it('is in natural order and follows imports and their undo', async () => {
    const first = (await dispatch(service, 'commitImport', { file: csv('a.csv', wideCsv([10, 2, 1, 21])) })) as CommitImportResult;
    const names = () => (service.handlers.listSeries({}) as Series[]).map((s) => s.name);
    expect(names()).toEqual(['原煤产量1', '原煤产量2', '原煤产量10', '原煤产量21']);
    // Asked again with nothing changed: the same content, in a new array (callers may sort their copy).
    const a = service.handlers.listSeries({}) as Series[];
    const b = service.handlers.listSeries({}) as Series[];
    expect(b).toEqual(a);
    expect(b).not.toBe(a);
    a.reverse();
    expect(names()[0]).toBe('原煤产量1');

    const second = (await dispatch(service, 'commitImport', { file: csv('b.csv', wideCsv([3, 100])) })) as CommitImportResult;
    expect(names()).toEqual(['原煤产量1', '原煤产量2', '原煤产量3', '原煤产量10', '原煤产量21', '原煤产量100']);
    await dispatch(service, 'undoBatch', { batchId: second.batchId });
    const after = service.handlers.listSeries({}) as Series[];
    expect(after.map((s) => s.name)).toEqual(['原煤产量1', '原煤产量2', '原煤产量10', '原煤产量21']);
    expect(after.every((s) => s.observationCount === 2 && s.lastBatchId === first.batchId)).toBe(true);
  });
});

describe('link picker', () => {
  it('ranks for the target as it is now, and searches the series as they are now', async () => {
    // 煤炭产量 is a level target of the seeded plan (亿吨); the series are 原煤产量N (万吨, convertible).
    const target = (service.handlers.listTargets({}) as Target[]).find((t) => t.indicator === '煤炭产量')!;
    const ask = async (query?: string) => (await dispatch(service, 'linkCandidates', { targetId: target.id, ...(query === undefined ? {} : { query }) })) as LinkCandidates;
    const opened = await ask();
    expect(opened.suggested.length).toBeGreaterThan(0);
    // Normalised names: 原煤 reads as 煤炭.
    expect(opened.suggested.every((s) => s.reason.includes('煤炭产量'))).toBe(true);
    expect((await ask('原煤产量2')).matches.map((m) => m.series.name)).toEqual(['原煤产量2', '原煤产量21']);
    expect((await ask('原煤产量2')).suggested).toEqual(opened.suggested);

    // Renaming the target's indicator ranks again (nothing like it among the series now).
    await dispatch(service, 'editTargets', { edits: [{ targetId: target.id, field: 'indicator', value: '旅游接待人次' }] });
    const renamed = await ask('原煤');
    expect(renamed.suggested).toEqual([]);
    expect(renamed.matches.length).toBe(4);
    await dispatch(service, 'undo', {});
    expect((await ask('原煤')).suggested).toEqual(opened.suggested);

    // New series are found at the next keystroke.
    await dispatch(service, 'commitImport', { file: csv('c.csv', wideCsv([29])) });
    expect((await ask('原煤产量2')).matches.map((m) => m.series.name)).toEqual(['原煤产量2', '原煤产量21', '原煤产量29']);
    expect((await ask('原煤产量2')).totalMatches).toBe(3);
  });
});

describe('import in a terminal', () => {
  it('lists the first 20 series and says how many more --json holds', () => {
    const file = path.join(dir, 'many.csv');
    fs.writeFileSync(file, wideCsv(Array.from({ length: 45 }, (_, i) => i + 1), 500));
    const db = path.join(dir, 'cli.sqlite');
    expect(runCliProcess(['init', '--db', db]).code).toBe(0);
    const r = runCliProcess(['import', file, '--db', db]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const listed = r.stdout.split('\n').filter((l) => /^\s+(新建|延续) \/ (new|continues)\b.*原煤产量\d+/.test(l));
    expect(listed).toHaveLength(20);
    expect(r.stdout).toContain('… 另有 25 个，完整列表见 --json / … and 25 more; --json lists all');
    const json = runCliProcess(['series', '--json', '--db', db]);
    expect((JSON.parse(json.stdout) as unknown[]).length).toBe(45);
  });
});
