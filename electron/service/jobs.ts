// Long work (parsing a large statistics file) as a job: the call that starts it returns at once with an id, the
// work runs in steps with a yield to the event loop between them (so the browser shell keeps answering), and the
// caller polls its status or cancels it. Cancelling takes effect at the next step; work that writes must do so in
// its last step, in one transaction, so a cancelled job has written nothing.
import crypto from 'node:crypto';
import type { ImportJobResult, JobPhase, JobStatus } from '../../shared/contract/importCalls';
import { toWireError, WorkbenchError } from '../../shared/errors';

export interface JobControl {
  /** Reports progress, then yields to the event loop; throws if the job was cancelled meanwhile. */
  step: (phase: Exclude<JobPhase, 'queued' | 'done' | 'failed' | 'cancelled'>, fraction: number) => Promise<void>;
}

interface Job {
  status: JobStatus;
  cancelRequested: boolean;
  finishedAt: number | null;
}

/** Finished jobs are kept this long for a late poll, and at most this many. */
const KEEP_FINISHED_MS = 30 * 60 * 1000;
const MAX_FINISHED = 20;
/** More running jobs than this is a runaway client, not an analyst. */
const MAX_RUNNING = 4;

class JobCancelled extends Error {}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly now: () => number = Date.now,
    /** Told of every change of a job's status (the shells push it to the renderer instead of being polled). */
    private readonly onChange: (status: JobStatus) => void = () => undefined,
  ) {}

  start(work: (ctl: JobControl) => Promise<ImportJobResult>): string {
    this.prune();
    const running = [...this.jobs.values()].filter((j) => !j.status.done).length;
    if (running >= MAX_RUNNING) {
      throw new WorkbenchError('conflict', `已有 ${running} 个导入任务在进行，请稍候 / ${running} import jobs are already running; please wait`);
    }
    const jobId = crypto.randomUUID();
    const job: Job = { status: { jobId, phase: 'queued', fraction: 0, done: false }, cancelRequested: false, finishedAt: null };
    this.jobs.set(jobId, job);
    this.onChange(job.status);
    const ctl: JobControl = {
      step: async (phase, fraction) => {
        if (job.cancelRequested) throw new JobCancelled();
        job.status = { ...job.status, phase, fraction: Math.max(job.status.fraction, Math.min(1, fraction)) };
        this.onChange(job.status);
        await yieldToEventLoop();
        if (job.cancelRequested) throw new JobCancelled();
      },
    };
    // Start on the next turn of the event loop so the caller receives the id before any work happens.
    void yieldToEventLoop()
      .then(() => {
        if (job.cancelRequested) throw new JobCancelled();
        return work(ctl);
      })
      .then(
        (result) => this.finish(job, { phase: 'done', fraction: 1, result }),
        (e: unknown) => this.finish(job, e instanceof JobCancelled ? { phase: 'cancelled' } : { phase: 'failed', error: toWireError(e) }),
      );
    return jobId;
  }

  status(jobId: string): JobStatus {
    return this.get(jobId).status;
  }

  /** Asks the job to stop; returns its status (a job already finished stays as it ended). */
  cancel(jobId: string): JobStatus {
    const job = this.get(jobId);
    if (!job.status.done) {
      job.cancelRequested = true;
      // Shown at once; the work stops at its next step and the phase stays cancelled.
      job.status = { ...job.status, phase: 'cancelled', done: true };
      this.onChange(job.status);
    }
    return job.status;
  }

  private finish(job: Job, end: Partial<JobStatus> & { phase: JobPhase }): void {
    // A cancel that arrived while the last (writing) step ran cannot be honoured: the result stands, and says so.
    if (job.cancelRequested && end.phase !== 'done') end = { phase: 'cancelled' };
    job.status = { ...job.status, ...end, done: true };
    job.finishedAt = this.now();
    this.onChange(job.status);
  }

  private get(jobId: string): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new WorkbenchError('not_found', `任务 ${jobId.slice(0, 64)} 不存在或已过期 / Job ${jobId.slice(0, 64)} does not exist or has expired`);
    return job;
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, j]) => j.finishedAt !== null);
    const cutoff = this.now() - KEEP_FINISHED_MS;
    finished.forEach(([id, j], i) => {
      if ((j.finishedAt ?? 0) < cutoff || i < finished.length - MAX_FINISHED) this.jobs.delete(id);
    });
  }
}
