// A line in the title bar when a colleague's change on the server has just reloaded the open view (issue 14):
// who, and what they changed. It fades after a few seconds; the views reload by themselves (useStoreVersion).
import { useEffect, useState } from 'react';
import type { ServiceEvent } from '../../shared/contract';
import { colleagueNotice, isColleagueChange } from '../client/colleagueNotice';
import { onServiceEvent } from '../client/transport';
import { useI18n } from '../i18n';

const SHOWN_MS = 8000;

export function ColleagueNotice() {
  const { t } = useI18n();
  const [last, setLast] = useState<Extract<ServiceEvent, { type: 'changed' }> | null>(null);
  useEffect(() => onServiceEvent((e) => isColleagueChange(e) && setLast(e)), []);
  useEffect(() => {
    if (!last) return;
    const timer = setTimeout(() => setLast(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [last]);
  if (!last) return null;
  return (
    <span className="colleague-notice" role="status" data-testid="colleague-notice">
      {colleagueNotice(last, t)}
    </span>
  );
}
