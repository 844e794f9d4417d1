// The progress of a running import job, with a cancel button (cancelling before the commit writes nothing).
import type { JobStatus } from '../../shared/contract/importCalls';
import { useI18n } from '../i18n';

const PHASES: Record<JobStatus['phase'], [string, string]> = {
  queued: ['排队中', 'Queued'],
  reading: ['读取文件', 'Reading the file'],
  parsing: ['识别表格', 'Reading the sheets'],
  committing: ['写入数据库', 'Writing to the store'],
  done: ['完成', 'Done'],
  failed: ['失败', 'Failed'],
  cancelled: ['已取消', 'Cancelled'],
};

export function JobProgress({ status, onCancel }: { status: JobStatus; onCancel: () => void }) {
  const { t } = useI18n();
  const pct = Math.round(status.fraction * 100);
  const [zh, en] = PHASES[status.phase];
  return (
    <div className="job-progress" data-testid="job-progress">
      <span className="job-phase">{t(zh, en)}</span>
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="job-pct">{pct}%</span>
      <button type="button" className="button" onClick={onCancel} disabled={status.phase === 'committing'}>
        {t('取消', 'Cancel')}
      </button>
    </div>
  );
}
