// The service in worker threads, behind one ServiceBackend: a `calls` thread for the quick calls (targets, links,
// variance), a `heavy` thread for calls that read or write whole files (preview/commit of an import, plan
// extraction, the workbook, the briefing), and one thread per import job, which cancel may terminate midway
// (the job writes only in its last step, in one transaction, so a terminated job has written nothing).
// The thread that owns this object (the browser shell's, the desktop app's service process) holds no store, so
// it keeps answering — listTargets while a million-cell import parses — and pushes events as they come.
import { Worker } from 'node:worker_threads';
import crypto from 'node:crypto';
import path from 'node:path';
import type { JobStatus } from '../../../shared/contract/importCalls';
import { WorkbenchError, toWireError, type WireError } from '../../../shared/errors';
import { EventHub, type ServiceBackend } from './backend';
import type { FromThread, HostServiceName, HostServices, ThreadConfig, ToThread } from './threadProtocol';
import { workerEntry } from './workerEntry';
import { jsonOfResult } from './answerJson';
import { FIRST_SCREEN_CALLS as FIRST_SCREEN } from '../firstScreenCalls';

export interface ThreadedBackendOptions {
  storePath: string;
  /** May the store be created where none exists? Only the shell's default store (see openWorkbench). */
  create?: boolean;
  defaultFolder?: string;
  shell: 'web' | 'electron';
  user: string;
  uploadsDir?: string;
  /** The desktop app prints PDFs and rasterises charts with Electron's Chromium in its main process; elsewhere the
   * threads use headless Chromium. */
  hostServices?: Partial<HostServices>;
}

export interface ThreadedBackend extends ServiceBackend {
  /** The desktop app's open dialog returned this path: calls may now read it. */
  grant(filePath: string): void;
  /** Settles once the heavy thread has prepared the briefing's first preview (tests compare it with a cold build). */
  readonly briefingPrepared: Promise<void>;
}

/** Calls that read or write whole files run beside the quick calls, never in front of them. */
export const HEAVY_CALLS: ReadonlySet<string> = new Set([
  'previewImport',
  'commitImport',
  'extractPlan',
  'commitPlan',
  'exportWorkbook',
  'exportGridView',
  'readReturnedWorkbook',
  'briefHtml',
  'briefPdf',
  'reportDocx',
  'briefDocx',
  'handOn',
]);

/** The calls the first screen (计划目标, renderer/views/TargetsView.tsx) makes: the analyst is still on it. */
const FIRST_SCREEN_CALLS: ReadonlySet<string> = new Set(FIRST_SCREEN.map(([name]) => name));

/** Finished jobs are kept for a late jobStatus, at most this many. */
const KEEP_FINISHED_JOBS = 20;
/** Server sessions of ended import jobs stay known as this workbench's for a while: their commit's notice comes after. */
const KEEP_SESSIONS = 64;
const MAX_RUNNING_JOBS = 4;
/**
 * The heavy thread starts (unless a heavy call or leaving the first screen started it) and prepares the briefing's
 * first preview once the calls thread has had nothing to answer for this long: the first screen has its rows and the
 * browser has drawn them, so the preparation takes no core from what the analyst is waiting for on a 2-core machine.
 */
const WARM_AFTER_IDLE_MS = 1000;

/** An error as a thread sent it: worded, and logged there with its stack if it was internal. */
function wireToError(e: WireError): WorkbenchError {
  const err = new WorkbenchError(e.code, e.message || '内部错误 / Internal error', e.details);
  (err as { reported?: boolean }).reported = true;
  return err;
}

/** One worker thread answering calls in order. */
class CallThread {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: never) => void; reject: (e: unknown) => void; name: string }>();
  readonly ready: Promise<void>;
  private failure: WorkbenchError | null = null;
  /** Told when a call is sent (`true`) and when the last pending one has been answered (`false`). */
  onBusy: ((busy: boolean) => void) | null = null;

  constructor(
    readonly worker: Worker,
    private readonly onMessage: (m: FromThread, thread: CallThread) => void,
    private readonly onChanged: (by: string) => void,
    private readonly onSession: (processId: number) => void,
  ) {
    this.ready = new Promise((resolve, reject) => {
      worker.on('message', (m: FromThread) => {
        if (m.type === 'ready') {
          if (m.session !== undefined) this.onSession(m.session);
          resolve();
        }
        else if (m.type === 'fatal') {
          this.failure = wireToError(m.error);
          reject(this.failure);
        } else if (m.type === 'reply') {
          const p = this.pending.get(m.id);
          this.pending.delete(m.id);
          if (!p) return;
          if (m.changed) this.onChanged(p.name);
          if (m.error) p.reject(wireToError(m.error));
          else p.resolve((m.json ?? m.result) as never);
          if (this.pending.size === 0) this.onBusy?.(false);
        } else this.onMessage(m, this);
      });
      worker.on('error', (e) => {
        this.failure = new WorkbenchError('internal', `服务线程出错 / The service thread failed: ${e.message}`);
        reject(this.failure);
        this.failAll(this.failure);
      });
      worker.on('exit', () => this.failAll(this.failure ?? new WorkbenchError('internal', '服务线程已退出 / The service thread has stopped')));
    });
  }

  private failAll(e: WorkbenchError): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Calls sent and not answered yet. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** The call's result, or with `json` the UTF-8 bytes of its JSON, written in the thread. */
  call(name: string, args: unknown): Promise<unknown>;
  call(name: string, args: unknown, json: true): Promise<Uint8Array>;
  call(name: string, args: unknown, json = false): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    this.onBusy?.(true);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, name });
      this.worker.postMessage({ type: 'call', id, name, args, ...(json ? { json } : {}) } satisfies ToThread);
    });
  }
}

interface JobEntry {
  status: JobStatus;
  worker: Worker | null;
}

export async function startThreadedBackend(opts: ThreadedBackendOptions): Promise<ThreadedBackend> {
  const hub = new EventHub();
  const granted = new Set<string>();
  const jobs = new Map<string, JobEntry>();
  const entry = workerEntry();
  let create = opts.create ?? false;
  const config = (listen = false, warm = false): ThreadConfig => ({
    listen,
    warm,
    // The calls thread (the one that listens) reads the first screen's answers as soon as it is ready.
    prime: listen,
    storePath: opts.storePath,
    create,
    defaultFolder: opts.defaultFolder,
    shell: opts.shell,
    user: opts.user,
    uploadsDir: opts.uploadsDir,
    grantedPaths: [...granted],
    hostServices: Object.keys(opts.hostServices ?? {}) as HostServiceName[],
  });
  const spawn = (listen = false, warm = false) => new Worker(entry, { workerData: config(listen, warm) });

  // A thread asks the host to print or rasterise (desktop app) — answered on the same thread.
  const answerRequest = (worker: Worker, id: number, kind: HostServiceName, payload: unknown) => {
    const fn = opts.hostServices?.[kind] as ((p: unknown) => Promise<unknown>) | undefined;
    const reply = (m: ToThread) => worker.postMessage(m);
    if (!fn) return reply({ type: 'hostReply', id, error: { code: 'internal', message: `此处不提供 ${kind} / ${kind} is not available here` } });
    fn(payload).then(
      (result) => reply({ type: 'hostReply', id, result }),
      (e: unknown) => reply({ type: 'hostReply', id, error: toWireError(e) }),
    );
  };
  let briefingPrepared: () => void = () => undefined;
  const prepared = new Promise<void>((resolve) => (briefingPrepared = resolve));
  const onThreadMessage = (m: FromThread, thread: CallThread) => {
    if (m.type === 'event') hub.emit(m.event);
    else if (m.type === 'hostRequest') answerRequest(thread.worker, m.id, m.kind, m.payload);
    else if (m.type === 'prepared') briefingPrepared();
  };
  const changed = (by: string) => hub.emit({ type: 'changed', by });

  // On a server, the calls thread listens for commits; those of this workbench's own sessions (every thread's,
  // and the import jobs') are not a colleague's, and already said `changed` when their call answered.
  const sessions: number[] = [];
  let calls: CallThread | null = null;
  const ownSession = (processId: number) => {
    sessions.push(processId);
    if (sessions.length > KEEP_SESSIONS) sessions.splice(2, 1); // the calls and heavy threads' stay
    calls?.worker.postMessage({ type: 'ownSessions', processIds: [...sessions] } satisfies ToThread);
  };

  // The calls thread opens (and on first start migrates and seeds) the store before any other thread opens it.
  const callsThread = new CallThread(spawn(true), onThreadMessage, changed, ownSession);
  await callsThread.ready;
  calls = callsThread;
  // It exists now: no other thread creates anything.
  create = false;
  // The heavy thread starts with the first heavy call or once the calls thread has been idle, whichever comes first,
  // and is never waited for (a call made before it is ready waits in its port): its module load and store open (a few
  // hundred ms of CPU) would otherwise stand between launch and the first target rows, or take a core from the first
  // calls or from the drawing of the first rows on a 2-core machine. Started by idleness, it then prepares the
  // briefing's first preview (serviceThread.ts `warm`, warmUp.ts).
  let heavyThread: CallThread | null = null;
  const heavy = (): CallThread => {
    if (!heavyThread) {
      const thread = new CallThread(spawn(false, true), onThreadMessage, changed, ownSession);
      heavyThread = thread;
      // A heavy thread that cannot open the store fails the calls made to it, with its message; nobody awaits this.
      thread.ready.catch(() => undefined);
    }
    return heavyThread;
  };
  // Once the analyst leaves the first screen (a call other than its own, after its listTargets), the heavy thread
  // starts and prepares the briefing's first preview (serviceThread.ts `warm`, warmUp.ts) while the calls thread
  // answers the view the analyst went to: a cold heavy thread costs the first briefing over a second (its start, the
  // chart renderer's load and first charts, the briefing's own reads; measured with --cpu-prof, issue 12). Not
  // earlier: while the first rows are being drawn the browser needs the cores. The counted series list is not read
  // ahead: the briefing does not read it (the workbook and the report do, when asked), and reading it when the calls
  // thread fell idle (a third of a second at 20,000 series) delayed the next heavy call by as much.
  let listTargetsAnswered = false;
  let preparing = false;
  const prepareBriefing = () => {
    if (preparing) return;
    preparing = true;
    heavy().worker.postMessage({ type: 'warm' } satisfies ToThread);
  };
  const leftFirstScreen = (name: string) => {
    if (listTargetsAnswered && !FIRST_SCREEN_CALLS.has(name)) prepareBriefing();
  };
  let warmTimer: NodeJS.Timeout | undefined;
  callsThread.onBusy = (busy) => {
    clearTimeout(warmTimer);
    if (busy) return;
    warmTimer = setTimeout(() => {
      callsThread.onBusy = null;
      prepareBriefing();
    }, WARM_AFTER_IDLE_MS).unref();
  };

  const setJob = (jobId: string, status: JobStatus) => {
    const job = jobs.get(jobId);
    if (!job) return;
    job.status = { ...status, jobId };
    const { result: _result, ...shown } = job.status;
    hub.emit({ type: 'job', status: shown });
  };

  const pruneJobs = () => {
    const finished = [...jobs.entries()].filter(([, j]) => j.status.done);
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED_JOBS))) jobs.delete(id);
  };

  function startJob(args: unknown): { jobId: string } {
    pruneJobs();
    const running = [...jobs.values()].filter((j) => !j.status.done).length;
    if (running >= MAX_RUNNING_JOBS) {
      throw new WorkbenchError('conflict', `已有 ${running} 个导入任务在进行，请稍候 / ${running} import jobs are already running; please wait`);
    }
    const jobId = crypto.randomUUID();
    const worker = spawn();
    const job: JobEntry = { status: { jobId, phase: 'queued', fraction: 0, done: false }, worker };
    jobs.set(jobId, job);
    worker.on('message', (m: FromThread) => {
      if (job.status.done) return; // cancelled meanwhile: later news of the thread is not the job's any more
      if (m.type === 'ready') {
        if (m.session !== undefined) ownSession(m.session);
        worker.postMessage({ type: 'job', args } satisfies ToThread);
      }
      else if (m.type === 'event' && m.event.type === 'job') setJob(jobId, { ...m.event.status, jobId });
      else if (m.type === 'hostRequest') answerRequest(worker, m.id, m.kind, m.payload);
      else if (m.type === 'jobStatus') {
        setJob(jobId, m.status);
        if (m.status.phase === 'done' && m.status.result?.action === 'commit') changed('startImport');
      } else if (m.type === 'fatal') setJob(jobId, { jobId, phase: 'failed', fraction: 0, done: true, error: m.error });
    });
    worker.on('error', (e) => {
      if (!job.status.done) setJob(jobId, { jobId, phase: 'failed', fraction: job.status.fraction, done: true, error: toWireError(e) });
    });
    worker.on('exit', () => {
      job.worker = null;
      if (!job.status.done) setJob(jobId, { jobId, phase: 'failed', fraction: job.status.fraction, done: true, error: { code: 'internal', message: '导入线程意外退出 / The import thread stopped unexpectedly' } });
    });
    return { jobId };
  }

  function jobOf(jobId: string): JobEntry {
    const job = jobs.get(jobId);
    if (!job) throw new WorkbenchError('not_found', `任务 ${jobId.slice(0, 64)} 不存在或已过期 / Job ${jobId.slice(0, 64)} does not exist or has expired`);
    return job;
  }

  function cancelJob(jobId: string): JobStatus {
    const job = jobOf(jobId);
    // While committing, the one transaction runs to its end: the result stands (and the status will say so).
    if (!job.status.done && job.status.phase !== 'committing') {
      const worker = job.worker;
      setJob(jobId, { ...job.status, phase: 'cancelled', done: true });
      // Terminating stops a parse midway, inside SheetJS or the CSV reader; the thread has written nothing.
      void worker?.terminate();
    }
    return job.status;
  }

  // The job calls' schemas load with their first use: this thread (the browser shell's) never loads zod and the
  // whole contract at start, only the service threads do.
  async function validated(name: 'startImport' | 'jobStatus' | 'cancelJob', args: unknown) {
    const { importCalls } = await import('../../../shared/contract/importCalls');
    const parsed = importCalls[name].args.safeParse(args ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(参数)'}: ${i.message}`).join('; ');
      throw new WorkbenchError('bad_request', `参数不正确（${name}） / Invalid arguments for ${name}: ${issues}`, parsed.error.issues);
    }
    return parsed.data;
  }

  /** One call: the job calls answered here, the rest sent to their thread (with `json`, answered as bytes there). */
  async function route(name: string, args: unknown, json: boolean): Promise<unknown> {
    if (name === 'startImport') {
      await validated(name, args);
      return startJob(args);
    }
    if (name === 'jobStatus') return jobOf(((await validated(name, args)) as { jobId: string }).jobId).status;
    if (name === 'cancelJob') return cancelJob(((await validated(name, args)) as { jobId: string }).jobId);
    // A list call (listSeries, the picker) is answered by the calls thread from the store's kept counts
    // (electron/store/seriesCounts.ts), never from the heavy thread.
    leftFirstScreen(name);
    // Anything else, unknown names included (the calls thread refuses those with the usual message).
    const thread = HEAVY_CALLS.has(name) ? heavy() : callsThread;
    const answer = json ? thread.call(name, args, true) : thread.call(name, args);
    // Only once the first screen has its targets does a call of another view count as leaving it (leftFirstScreen).
    // The heavy thread is not started here: the browser is still drawing the first rows (a few hundred ms of a core,
    // at 2,000 targets) and the thread's start-up and the chart renderer's warm-up would take that core.
    if (name === 'listTargets' && !listTargetsAnswered) {
      void answer.then(
        () => {
          listTargetsAnswered = true;
        },
        () => undefined,
      );
    }
    return answer;
  }

  const HOST_CALLS: ReadonlySet<string> = new Set(['startImport', 'jobStatus', 'cancelJob']);

  return {
    uploadsDir: opts.uploadsDir,
    briefingPrepared: prepared,
    call: (name, args) => route(name, args, false),
    // The job calls are answered in this thread, as objects: their JSON is written here.
    callJson: async (name, args) => (HOST_CALLS.has(name) ? jsonOfResult(await route(name, args, false)) : (route(name, args, true) as Promise<Uint8Array>)),
    subscribe: (listener) => hub.subscribe(listener),
    grant(filePath) {
      const resolved = path.resolve(filePath);
      granted.add(resolved);
      // A heavy thread not started yet gets every grant in its start-up data (config).
      for (const t of [callsThread, heavyThread]) t?.worker.postMessage({ type: 'grant', path: resolved } satisfies ToThread);
    },
    async close() {
      clearTimeout(warmTimer);
      for (const j of jobs.values()) await j.worker?.terminate();
      await Promise.all([callsThread.worker.terminate(), heavyThread?.worker.terminate()]);
    },
  };
}
