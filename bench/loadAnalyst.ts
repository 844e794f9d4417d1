// One simulated analyst of the load run (load.ts), in a process of its own with its own service and its own
// connection to the server: for the given seconds it edits targets (mostly a few that every analyst edits),
// links series and imports small files, through the contract as a shell calls it (dispatch validates the
// arguments). Every call ends saved or refused; what was saved is reported exactly, so the coordinator can
// check afterwards that the store holds all of it and nothing else.
import { openWorkbench } from '../electron/openWorkbench';
import { dispatch, type Service } from '../electron/service/service';
import { WorkbenchError } from '../shared/errors';
import { contract } from '../shared/contract';
import type { Target } from '../shared/domain/target';
import type { CommitImportResult } from '../shared/contract/importCalls';
import { rng } from './varianceWorkload';

export interface AnalystConfig {
  url: string;
  user: string;
  /** 1-based; makes every value this analyst writes distinct from everyone else's. */
  index: number;
  /** Epoch ms to start at (all analysts together), and how long to work. */
  startAt: number;
  seconds: number;
  /** Targets every analyst edits (conflicts are likely) and the rest of the plan's targets. */
  hotTargets: number[];
  otherTargets: number[];
  /** Targets that may be linked, and the series they may be linked to. */
  linkTargets: number[];
  linkSeries: number[];
  /** Series names the small imports revise (shared by all analysts). */
  importSeries: string[];
  /** Pause between calls, as a person's (ms; 0 in the bench: work as fast as the server allows). */
  pauseMs: number;
  /** Time between looking at a target and saving the edit (ms): the window in which a colleague's save conflicts. */
  thinkMs: number;
}

export interface SavedEdit {
  targetId: number;
  field: 'value' | 'notes';
  value: number | string;
  groupId: number;
}

export interface AnalystReport {
  user: string;
  saved: { edit: number; link: number; import: number };
  /** Refusals by kind (`kind:code`), each with a message; the first message of each kind, as an example. */
  refused: Record<string, number>;
  refusalExamples: Record<string, string>;
  /** Errors that were not a refusal with a message (none may happen). */
  unexpected: string[];
  edits: SavedEdit[];
  links: { targetId: number; seriesId: number }[];
  imports: { batchId: number; observationCount: number; fileName: string }[];
  /** Calls made, and the time spent working (ms). */
  calls: number;
  workedMs: number;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `2025年${i + 1}月`);

/** A small NBS-style wide CSV: the shared series over 2025's months, with values no one else writes. */
export function smallImportCsv(series: readonly string[], index: number, seq: number): string {
  const lines = [`指标,${MONTHS.join(',')}`];
  series.forEach((name, s) => lines.push([name, ...MONTHS.map((_, m) => (index * 100_000 + seq * 100 + s * 12 + m + 1) / 10)].join(',')));
  return `${lines.join('\n')}\n`;
}

function kindOf(e: unknown): string | null {
  if (!(e instanceof WorkbenchError) || !e.message) return null;
  const key = (e as { key?: unknown }).key;
  return typeof key === 'string' ? `${e.code}:${key}` : e.code;
}

export async function runAnalyst(cfg: AnalystConfig): Promise<AnalystReport> {
  process.env.PLAN_WORKBENCH_USER = cfg.user;
  const service: Service = openWorkbench(cfg.url, 'cli');
  const report: AnalystReport = { user: cfg.user, saved: { edit: 0, link: 0, import: 0 }, refused: {}, refusalExamples: {}, unexpected: [], edits: [], links: [], imports: [], calls: 0, workedMs: 0 };
  const rand = rng(cfg.index * 7919 + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length) % xs.length];
  const call = (name: string, args: unknown) => dispatch(service, name, args);
  // Whether this workbench's edits carry what the editor saw (issue 14's conflict check); older contracts refuse the field.
  const sendsSeen = contract.editTargets.args.safeParse({ edits: [{ targetId: 1, field: 'notes', value: 'x', seen: 'y' }] }).success;
  try {
    while (Date.now() < cfg.startAt) await new Promise((r) => setTimeout(r, Math.min(50, cfg.startAt - Date.now())));
    const t0 = Date.now();
    const end = t0 + cfg.seconds * 1000;
    let seq = 0;
    // The first three calls are one of each kind, however slow the machine, so that every kind is exercised.
    const FIRST: readonly ('edit' | 'link' | 'import')[] = ['edit', 'link', 'import'];
    while (Date.now() < end || seq < FIRST.length) {
      seq++;
      const roll = rand();
      const what = FIRST[seq - 1] ?? (roll < 0.7 ? 'edit' : roll < 0.85 ? 'link' : 'import');
      report.calls++;
      try {
        if (what === 'edit') {
          // The first edit of every analyst is the same field of the same target, at the same moment.
          const targetId = seq === 1 ? cfg.hotTargets[0] : rand() < 0.75 ? pick(cfg.hotTargets) : pick(cfg.otherTargets);
          const field = seq === 1 || rand() < 0.6 ? 'value' : 'notes';
          const value = field === 'value' ? cfg.index * 1_000_000 + seq : `${cfg.user} 第${seq}次修改 "备注" 'note'`;
          // As the grid does: the analyst looks at the target, then saves, saying what was shown (a colleague may
          // have saved the same field in between: then the save is refused, not overwriting theirs).
          const shown = ((await call('listTargets', {})) as Target[]).find((t) => t.id === targetId);
          if (cfg.thinkMs > 0) await new Promise((r) => setTimeout(r, cfg.thinkMs * (0.5 + rand())));
          const edit = { targetId, field, value, ...(sendsSeen ? { seen: shown?.[field] ?? null } : {}) };
          const r = (await call('editTargets', { edits: [edit], source: 'grid' })) as { groupId: number | null };
          if (r.groupId !== null) {
            report.edits.push({ targetId, field, value, groupId: r.groupId });
            report.saved.edit++;
          }
        } else if (what === 'link') {
          const targetId = pick(cfg.linkTargets);
          const seriesId = pick(cfg.linkSeries);
          await call('setLink', { targetId, seriesId });
          report.links.push({ targetId, seriesId });
          report.saved.link++;
        } else {
          const fileName = `${cfg.user}-${seq}.csv`;
          const text = smallImportCsv(cfg.importSeries, cfg.index, seq);
          const r = (await call('commitImport', { file: { fileName, dataBase64: Buffer.from(text, 'utf8').toString('base64') } })) as CommitImportResult;
          if (r.batchId !== null) {
            report.imports.push({ batchId: r.batchId, observationCount: r.observationCount, fileName });
            report.saved.import++;
          }
        }
      } catch (e) {
        const kind = kindOf(e);
        if (kind === null) {
          report.unexpected.push(`${what}: ${(e as Error)?.name}: ${(e as Error)?.message}`.slice(0, 500));
        } else {
          const k = `${what} ${kind}`;
          report.refused[k] = (report.refused[k] ?? 0) + 1;
          report.refusalExamples[k] ??= (e as Error).message.slice(0, 300);
        }
      }
      if (cfg.pauseMs > 0) await new Promise((r) => setTimeout(r, cfg.pauseMs * (0.5 + rand())));
    }
    report.workedMs = Date.now() - t0;
    return report;
  } finally {
    service.ctx.db.close();
  }
}

/** The child side: `bench --load-analyst CONFIG_JSON` prints its report as the last line of its output. */
export const LOAD_ANALYST_FLAG = '--load-analyst';
export async function analystMain(args: string[]): Promise<void> {
  const report = await runAnalyst(JSON.parse(args[0]) as AnalystConfig);
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
