// Runs the monthly update's calls between the steps of monthlyUpdateState: preview the chosen file, commit it,
// accept the confident suggestions, analyse at the new month, write the hand-on files.
import { useCallback, useReducer, useRef } from 'react';
import type { FileInput, WorkbenchClient } from '../../shared/contract';
import type { Target } from '../../shared/domain/target';
import { ClientError } from '../client/createClient';
import { fileForCall } from '../client/transport';
import { writeHandOnFiles } from './handOnFiles';
import { confidentSuggestions, initialMonthlyUpdate, monthlyUpdateReducer } from './monthlyUpdateState';

const asFailure = (e: unknown) => (e instanceof ClientError ? e.wire : e instanceof Error ? e.message : String(e));

export function useMonthlyUpdate(client: WorkbenchClient) {
  const [state, dispatch] = useReducer(monthlyUpdateReducer, initialMonthlyUpdate);
  const file = useRef<FileInput | null>(null);
  const targets = useRef<Map<number, Target>>(new Map());

  const choose = useCallback(
    async (picked: File) => {
      dispatch({ type: 'chosen', fileName: picked.name });
      try {
        // Uploaded (browser shell) or granted (desktop app) once; preview and commit name the same file.
        file.current = await fileForCall(picked);
        dispatch({ type: 'previewed', preview: await client.call('previewImport', { file: file.current }) });
      } catch (e) {
        dispatch({ type: 'failed', error: asFailure(e) });
      }
    },
    [client],
  );

  const analyse = useCallback(async () => {
    const [variance, ts] = await Promise.all([client.call('variance', {}), client.call('listTargets', {})]);
    targets.current = new Map(ts.map((t) => [t.id, t]));
    return variance;
  }, [client]);

  const commit = useCallback(
    async (skipInvalid: boolean) => {
      if (!file.current) return;
      dispatch({ type: 'committing' });
      try {
        const result = await client.call('commitImport', { file: file.current, skipInvalid });
        // New series: the confident suggestions are linked at once (采纳建议); the rest wait for the analyst.
        const confident = confidentSuggestions(await client.call('suggestLinks', { unlinkedOnly: true }));
        const linked = confident.length > 0 ? (await client.call('autoLink', { targetIds: confident.map((s) => s.targetId) })).linked : [];
        dispatch({ type: 'committed', commit: result, autoLinked: linked, variance: await analyse() });
      } catch (e) {
        dispatch({ type: 'failed', error: asFailure(e) });
      }
    },
    [client, analyse],
  );

  /** After the analyst accepted more suggestions: the variance again at the same data. */
  const reanalyse = useCallback(async () => {
    try {
      dispatch({ type: 'varianceAgain', variance: await analyse() });
    } catch (e) {
      dispatch({ type: 'failed', error: asFailure(e) });
    }
  }, [analyse]);

  const handOn = useCallback(
    async (asOf: string) => {
      dispatch({ type: 'handingOn' });
      try {
        dispatch({ type: 'handedOn', files: await writeHandOnFiles(client, asOf) });
      } catch (e) {
        dispatch({ type: 'failed', error: asFailure(e) });
      }
    },
    [client],
  );

  return {
    state,
    targets: targets.current,
    choose,
    commit,
    reanalyse,
    handOn,
    setSkipInvalid: (value: boolean) => dispatch({ type: 'skipInvalid', value }),
    restart: () => dispatch({ type: 'restart' }),
  };
}
