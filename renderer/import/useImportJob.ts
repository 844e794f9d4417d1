// Runs an import (preview or commit) as a service job: starts it, polls its progress for the progress bar, and
// lets the analyst cancel it. Resolves with the result, null when cancelled; rejects with the job's error.
import { useCallback, useRef, useState } from 'react';
import type { CallArgs, WorkbenchClient } from '../../shared/contract';
import type { ImportJobResult, JobStatus } from '../../shared/contract/importCalls';
import { ClientError } from '../client/createClient';

const POLL_MS = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useImportJob(client: WorkbenchClient) {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(
    async (args: CallArgs<'startImport'>): Promise<ImportJobResult | null> => {
      const { jobId } = await client.call('startImport', args);
      current.current = jobId;
      setStatus({ jobId, phase: 'queued', fraction: 0, done: false });
      try {
        for (;;) {
          await sleep(POLL_MS);
          const s = await client.call('jobStatus', { jobId });
          setStatus(s);
          if (!s.done) continue;
          if (s.phase === 'done' && s.result) return s.result;
          if (s.phase === 'cancelled') return null;
          throw new ClientError(s.error ?? { code: 'internal', message: '导入任务失败 / The import job failed' });
        }
      } finally {
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
