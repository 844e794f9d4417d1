// The load run (`npm run bench -- load`): 10 simulated analysts, each a process with its own service and
// connection, edit targets (mostly the same few), link series and import small files against one server for
// 60 s. Every write is saved or refused with a message; afterwards the store is checked: every saved edit is
// in the history with its author, each field holds the last saved edit's value, every link is one an analyst
// saved, every import batch is whole (its observation count matches its rows and what its analyst was told),
// and nothing was written that nobody was told about. The vitest form runs 3 analysts for a few seconds
// (tests/integration/load-run.test.ts).
import { spawn } from 'node:child_process';
import { openWorkbench } from '../electron/openWorkbench';
import { dispatch } from '../electron/service/service';
import { openPgStore } from '../electron/store/pg/openPgStore';
import { getTarget } from '../electron/store/targetsRepo';
import type { CommitImportResult } from '../shared/contract/importCalls';
import { LOAD_ANALYST_FLAG, smallImportCsv, type AnalystConfig, type AnalystReport } from './loadAnalyst';
import { withBenchServer } from './pgCluster';
import { printHeading } from './report';

export interface LoadOptions {
  /** An empty database on the server (admin role): set up here as a workbench store. */
  url: string;
  analysts: number;
  seconds: number;
  pauseMs?: number;
  /** Between looking at a target and saving (default 100 ms). */
  thinkMs?: number;
  /** How to start one analyst process: its command and arguments, given the config as JSON. */
  command: (configJson: string) => { cmd: string; args: string[] };
}

export interface LoadResult {
  reports: AnalystReport[];
  /** Every way the store disagrees with what the analysts were told (empty when nothing was lost). */
  problems: string[];
  /** Rows checked afterwards. */
  checked: { edits: number; fields: number; links: number; batches: number; observations: number; refusals: number };
  seconds: number;
}

const IMPORT_SERIES = ['负荷测试原煤产量当期值(万吨)', '负荷测试发电量当期值(亿千瓦时)', '负荷测试粗钢产量当期值(万吨)'];
const LINK_SERIES = ['负荷测试工业增加值累计增长(%)', '负荷测试固定资产投资累计增长(%)', '负荷测试社会消费品零售总额累计增长(%)', '负荷测试出口总额累计增长(%)'];

/** Sets up the store: the seeded plan, series to link, and which targets each kind of work uses. */
const debug = (m: string) => {
  if (process.env.WB_LOAD_DEBUG) process.stderr.write(`[load] ${m}\n`);
};

async function prepare(url: string): Promise<Omit<AnalystConfig, 'url' | 'user' | 'index' | 'startAt' | 'seconds' | 'pauseMs' | 'thinkMs'>> {
  process.env.PLAN_WORKBENCH_USER = 'setup';
  const service = openWorkbench(url, 'cli', { create: true });
  try {
    const months = Array.from({ length: 12 }, (_, i) => `2025年${i + 1}月`);
    const csv = [`指标,${months.join(',')}`, ...LINK_SERIES.map((n, s) => [n, ...months.map((_, m) => 5 + s + m / 10)].join(','))].join('\n');
    const base = (await dispatch(service, 'commitImport', { file: { fileName: 'setup.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64') } })) as CommitImportResult;
    debug('setup import done');
    const db = service.ctx.db;
    const seriesIds = db.prepare('SELECT id FROM series ORDER BY id').pluck().all() as number[];
    if (base.batchId === null || seriesIds.length !== LINK_SERIES.length) throw new Error('load run: the setup import wrote no series');
    const first = smallImportCsv(IMPORT_SERIES, 0, 0);
    await dispatch(service, 'commitImport', { file: { fileName: 'setup-2.csv', dataBase64: Buffer.from(first, 'utf8').toString('base64') } });
    const targets = (await dispatch(service, 'listTargets', {})) as { id: number; kind: string; unit: string | null }[];
    const editable = targets.filter((t) => t.kind !== 'task').map((t) => t.id);
    // Targets these series can measure: a setLink the service accepts (growth rates in %).
    const linkTargets: number[] = [];
    for (const t of targets.filter((x) => x.kind === 'growth_rate' && x.unit === '%')) {
      try {
        await dispatch(service, 'setLink', { targetId: t.id, seriesId: seriesIds[0] });
        await dispatch(service, 'setLink', { targetId: t.id, seriesId: null });
        linkTargets.push(t.id);
      } catch {
        // a target these series cannot measure: not linked in the run
      }
      if (linkTargets.length === 8) break;
    }
    debug(`link targets ${linkTargets.length}`);
    if (editable.length < 8 || linkTargets.length === 0) throw new Error('load run: the seeded plan has too few targets to work on');
    return { hotTargets: editable.slice(0, 4), otherTargets: editable.slice(4, 40), linkTargets, linkSeries: seriesIds, importSeries: IMPORT_SERIES };
  } finally {
    service.ctx.db.close();
    delete process.env.PLAN_WORKBENCH_USER;
  }
}

function runChild(cmd: { cmd: string; args: string[] }): Promise<AnalystReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd.cmd, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (process.env.WB_LOAD_DEBUG) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('{')) reject(new Error(`analyst exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(last) as AnalystReport);
    });
  });
}

/** Checks the store against what the analysts were told. */
export function verifyLoad(url: string, reports: AnalystReport[]): { problems: string[]; checked: LoadResult['checked'] } {
  const db = openPgStore(url);
  const problems: string[] = [];
  const say = (p: string) => {
    if (problems.length < 50) problems.push(p);
  };
  try {
    const users = reports.map((r) => r.user);
    const marks = users.map(() => '?').join(', ');
    // Edits: every saved one in the history with its author; nothing in the history that nobody saved.
    const rows = db.prepare(`SELECT id, group_id, target_id, field, new_value, "user" FROM edits WHERE "user" IN (${marks}) ORDER BY id`).all(...users) as {
      id: number; group_id: number; target_id: number; field: string; new_value: string; user: string;
    }[];
    const key = (g: number, t: number, f: string) => `${g}/${t}/${f}`;
    const history = new Map(rows.map((r) => [key(r.group_id, r.target_id, r.field), r]));
    let savedEdits = 0;
    for (const rep of reports) {
      for (const e of rep.edits) {
        savedEdits++;
        const row = history.get(key(e.groupId, e.targetId, e.field));
        if (!row) say(`${rep.user}: saved edit ${e.field} of target ${e.targetId} (group ${e.groupId}) is not in the history`);
        else if (row.user !== rep.user || row.new_value !== JSON.stringify(e.value)) say(`${rep.user}: history of group ${e.groupId} says ${row.user} set ${row.new_value}, not ${JSON.stringify(e.value)}`);
      }
    }
    if (rows.length !== savedEdits) say(`the history holds ${rows.length} edits by the analysts, they were told of ${savedEdits}`);
    // Each field holds its last edit's value (the history's order is the order of commits: one writer at a time).
    const last = new Map<string, (typeof rows)[number]>();
    for (const r of rows) last.set(`${r.target_id}/${r.field}`, r);
    for (const [field, r] of last) {
      const current = (getTarget(db, r.target_id) as unknown as Record<string, unknown>)[r.field] ?? null;
      if (JSON.stringify(current) !== r.new_value) say(`target ${field} holds ${JSON.stringify(current)}, its last edit set ${r.new_value}`);
    }
    // Links: each linked target's series is one an analyst saved for it (and by that analyst, where links record authors).
    const linkTargets = [...new Set(reports.flatMap((r) => r.links.map((l) => l.targetId)))];
    const linked = linkTargets.length === 0 ? [] : (db.prepare(`SELECT target_id, series_id, created_by FROM links WHERE target_id IN (${linkTargets.map(() => '?').join(', ')})`).all(...linkTargets) as { target_id: number; series_id: number; created_by: string }[]);
    const savedBy = new Map<string, Set<string>>();
    for (const r of reports) for (const l of r.links) (savedBy.get(`${l.targetId}/${l.seriesId}`) ?? savedBy.set(`${l.targetId}/${l.seriesId}`, new Set()).get(`${l.targetId}/${l.seriesId}`)!).add(r.user);
    for (const l of linked) {
      const by = savedBy.get(`${l.target_id}/${l.series_id}`);
      if (!by) say(`target ${l.target_id} is linked to series ${l.series_id}, which no analyst saved`);
      else if (l.created_by && !by.has(l.created_by)) say(`link of target ${l.target_id} to series ${l.series_id} names ${l.created_by}, who did not save it`);
    }
    if (linked.length !== linkTargets.length) say(`${linkTargets.length} targets were linked, ${linked.length} hold a link`);
    // Refused edits are recorded where the workbench records them (issue 14: edit_refusals), one row per refused field.
    const refusedRows = db.prepare(`SELECT COUNT(*) FROM edit_refusals WHERE "user" IN (${marks})`).pluck().get(...users) as number;
    const conflicts = reports.reduce((n, r) => n + Object.entries(r.refused).filter(([k]) => k.startsWith('edit conflict')).reduce((m, [, c]) => m + c, 0), 0);
    if (refusedRows !== conflicts) say(`${refusedRows} refused edits recorded, the analysts were refused ${conflicts} for conflicts`);
    // Imports: every batch whole, as its analyst was told, and no batch nobody was told of.
    const batches = db.prepare(`SELECT b.id, b.file_name, b.observation_count, b.imported_by, (SELECT COUNT(*) FROM observations o WHERE o.batch_id = b.id) AS n FROM import_batches b WHERE b.file_name <> 'setup.csv' AND b.file_name <> 'setup-2.csv' ORDER BY b.id`).all() as {
      id: number; file_name: string; observation_count: number; imported_by: string; n: number;
    }[];
    const told = new Map(reports.flatMap((r) => r.imports.map((i) => [i.batchId, { ...i, user: r.user }] as const)));
    let observations = 0;
    for (const b of batches) {
      observations += b.n;
      const t = told.get(b.id);
      if (!t) say(`batch ${b.id} (${b.file_name}) was written but nobody was told it was saved`);
      else if (t.observationCount !== b.n || b.observation_count !== b.n || t.fileName !== b.file_name) say(`batch ${b.id}: ${b.n} rows, recorded ${b.observation_count}, its analyst was told ${t.observationCount}`);
      else if (b.imported_by && b.imported_by !== t.user) say(`batch ${b.id} names ${b.imported_by} as its importer, not ${t.user}`);
    }
    if (batches.length !== told.size) say(`${batches.length} batches in the store, the analysts were told of ${told.size}`);
    const orphans = db.prepare('SELECT COUNT(*) FROM observations o WHERE NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = o.batch_id)').pluck().get() as number;
    if (orphans > 0) say(`${orphans} observations belong to no batch`);
    return { problems, checked: { edits: rows.length, fields: last.size, links: linked.length, batches: batches.length, observations, refusals: refusedRows } };
  } finally {
    db.close();
  }
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const shared = await prepare(options.url);
  // Every analyst opens the store first, then all begin together.
  const startAt = Date.now() + 3_000 + options.analysts * 400;
  const configs: AnalystConfig[] = Array.from({ length: options.analysts }, (_, i) => ({
    ...shared,
    url: options.url,
    user: `analyst${String(i + 1).padStart(2, '0')}`,
    index: i + 1,
    startAt,
    seconds: options.seconds,
    pauseMs: options.pauseMs ?? 0,
    thinkMs: options.thinkMs ?? 100,
  }));
  debug('analysts starting');
  // Wait for every analyst even when one fails, so none is left running against the server.
  const settled = await Promise.allSettled(configs.map((c) => runChild(options.command(JSON.stringify(c)))));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const reports = settled.map((s) => (s as PromiseFulfilledResult<AnalystReport>).value);
  debug('verifying');
  const { problems, checked } = verifyLoad(options.url, reports);
  return { reports, problems, checked, seconds: options.seconds };
}

/** The counts by kind, summed over the analysts. */
export function summarise(result: LoadResult): { saved: Record<string, number>; refused: Record<string, number>; examples: Record<string, string>; unexpected: string[] } {
  const saved: Record<string, number> = { edit: 0, link: 0, import: 0 };
  const refused: Record<string, number> = {};
  const examples: Record<string, string> = {};
  for (const r of result.reports) {
    for (const [k, n] of Object.entries(r.saved)) saved[k] += n;
    for (const [k, n] of Object.entries(r.refused)) refused[k] = (refused[k] ?? 0) + n;
    Object.assign(examples, r.refusalExamples);
  }
  return { saved, refused, examples, unexpected: result.reports.flatMap((r) => r.unexpected.map((u) => `${r.user}: ${u}`)) };
}

const ANALYSTS = 10;
const SECONDS = 60;

export async function benchLoad(): Promise<void> {
  printHeading(`Load run: ${ANALYSTS} analysts (one process and connection each) editing, linking and importing for ${SECONDS} s against one server`);
  // The same benchmark program again (build/bench.mjs, or bench/run.ts under tsx with its loader flags).
  const command = (json: string) => ({ cmd: process.execPath, args: [...process.execArgv, process.argv[1], LOAD_ANALYST_FLAG, json] });
  await withBenchServer(async (server) => {
    // Baseline: one analyst alone on the same server, same work, for a sixth of the time.
    const alone = await server.createDatabase('wb_load_alone');
    let aloneRate = 0;
    try {
      const one = await runLoad({ url: alone.url, analysts: 1, seconds: SECONDS / 6, command });
      aloneRate = one.reports[0].calls / (one.reports[0].workedMs / 1000);
      if (one.problems.length > 0) process.exitCode = 1;
    } finally {
      await server.dropDatabase(alone.name);
    }
    const d = await server.createDatabase('wb_load');
    try {
      const result = await runLoad({ url: d.url, analysts: ANALYSTS, seconds: SECONDS, command });
      const s = summarise(result);
      const savedTotal = s.saved.edit + s.saved.link + s.saved.import;
      const refusedTotal = Object.values(s.refused).reduce((a, b) => a + b, 0);
      const calls = result.reports.reduce((n, r) => n + r.calls, 0);
      const worked = Math.max(...result.reports.map((r) => r.workedMs)) / 1000;
      const line = (t: string) => process.stdout.write(`  ${t}\n`);
      line(`calls ${calls.toLocaleString()} in ${worked.toFixed(1)} s: ${(calls / worked).toFixed(1)} calls/s (×${(calls / worked / aloneRate).toFixed(2)} of one analyst alone, ${aloneRate.toFixed(1)} calls/s), ${(savedTotal / worked).toFixed(1)} saved writes/s`);
      line(`saved: ${s.saved.edit} edits, ${s.saved.link} links, ${s.saved.import} imports (${result.checked.observations.toLocaleString()} observations)`);
      line(`refused with a message: ${refusedTotal}${Object.entries(s.refused).map(([k, n]) => `\n    ${n} × ${k} — e.g. ${s.examples[k]?.split('\n')[0]}`).join('')}`);
      line(`errors without a message: ${s.unexpected.length}${s.unexpected.slice(0, 5).map((u) => `\n    ${u}`).join('')}`);
      for (const r of result.reports) line(`  ${r.user}: ${r.calls} calls, saved ${r.saved.edit}/${r.saved.link}/${r.saved.import} (edits/links/imports), refused ${Object.values(r.refused).reduce((a, b) => a + b, 0)}`);
      line(`checked afterwards: ${result.checked.edits} history rows, ${result.checked.fields} fields, ${result.checked.links} links, ${result.checked.batches} batches, ${result.checked.refusals} recorded refusals`);
      line(result.problems.length === 0 && s.unexpected.length === 0 ? 'none lost, nothing half-written: OK' : `PROBLEMS (${result.problems.length}):\n    ${result.problems.join('\n    ')}`);
      if (result.problems.length > 0 || s.unexpected.length > 0) process.exitCode = 1;
    } finally {
      await server.dropDatabase(d.name);
    }
  });
}
