// A number that goes up when the service reports that the store changed (an import finished, a link was set, a plan
// was committed — in this window or another one), so a view can reload what it shows without polling. Bursts of
// changes are folded into one reload.
import { useEffect, useState } from 'react';
import type { ServiceEvent } from '../../shared/contract';
import { onServiceEvent } from './transport';

const SETTLE_MS = 250;

/** `relevant` is given the call that wrote (`colleague` for another workbench's commit) and the whole event. */
export function useStoreVersion(relevant: (by: string, event: Extract<ServiceEvent, { type: 'changed' }>) => boolean = () => true): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const stop = onServiceEvent((event) => {
      if (event.type !== 'changed' || !relevant(event.by, event)) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), SETTLE_MS);
    });
    return () => {
      stop();
      if (timer) clearTimeout(timer);
    };
    // Subscribed once: `relevant` is read when an event arrives, so a new function each render must not resubscribe.
  }, []);
  return version;
}
