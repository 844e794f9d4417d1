// Runs an import (preview or commit) as a service job: starts it, follows the progress the service pushes for the
// progress bar (no polling), and lets the analyst cancel it. Resolves with the result, null when cancelled; rejects
// with the job's error.
import { useCallback, useRef, useState } from 'react';
import type { CallArgs, WorkbenchClient } from '../../shared/contract';
import type { ImportJobResult, JobStatus } from '../../shared/contract/importCalls';
import { ClientError } from '../client/createClient';
import { onServiceEvent } from '../client/transport';

type Shown = Omit<JobStatus, 'result'>;

/** Resolves when the pushed status of this job says it is done (events of other jobs are ignored). */
function jobEnd(jobId: () => string | null, onProgress: (s: Shown) => void): { done: Promise<Shown>; stop: () => void } {
  let stop = () => undefined as void;
  const done = new Promise<Shown>((resolve) => {
    const early: Shown[] = [];
    stop = onServiceEvent((event) => {
      if (event.type !== 'job') return;
      const id = jobId();
      // Events can arrive before startImport has answered with the id: keep them until it is known.
      if (id === null) {
        early.push(event.status);
        return;
      }
      for (const s of [...early.splice(0), event.status]) {
        if (s.jobId !== id) continue;
        onProgress(s);
        if (s.done) resolve(s);
      }
    });
  });
  return { done, stop };
}

export function useImportJob(client: WorkbenchClient) {
  const [status, setStatus] = useState<Shown | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(
    async (args: CallArgs<'startImport'>): Promise<ImportJobResult | null> => {
      let jobId: string | null = null;
      const end = jobEnd(() => jobId, setStatus);
      try {
        ({ jobId } = await client.call('startImport', args));
        current.current = jobId;
        setStatus({ jobId, phase: 'queued', fraction: 0, done: false });
        // The job may have ended before we listened: its status then says so at once.
        const now = await client.call('jobStatus', { jobId });
        if (!now.done) await end.done;
        // The result (a preview can be large) is read once, when the job is done.
        const s = now.done ? now : await client.call('jobStatus', { jobId });
        if (s.phase === 'done' && s.result) return s.result;
        if (s.phase === 'cancelled') return null;
        throw new ClientError(s.error ?? { code: 'internal', message: '导入任务失败 / The import job failed' });
      } finally {
        end.stop();
        current.current = null;
        setStatus(null);
      }
    },
    [client],
  );

  const cancel = useCallback(async () => {
    if (current.current) await client.call('cancelJob', { jobId: current.current });
  }, [client]);

  return { status, running: status !== null, run, cancel };
}
