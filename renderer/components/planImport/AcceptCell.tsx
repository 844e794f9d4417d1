// The accept box of one proposed target: unticked means the row is rejected and will not be committed.
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { ProposalRow } from '../../grid/proposalColumns';
import { useI18n } from '../../i18n';

export interface AcceptContext {
  toggleAccepted: (no: number) => void;
}

export function AcceptCell(props: CustomCellRendererProps<ProposalRow, boolean, AcceptContext>) {
  const { t } = useI18n();
  const row = props.data;
  if (!row) return null;
  // Review results and outlook goals are shown for context; they cannot become this year's targets.
  if ((row.scope ?? 'plan_year') !== 'plan_year') return <span className="muted" title={t('回顾或远景条目不导入', 'Review and outlook items are not imported')}>—</span>;
  return (
    <input
      type="checkbox"
      className="accept-box"
      checked={row.accepted}
      onChange={() => props.context.toggleAccepted(row.no)}
      aria-label={t(`接受第 ${row.no} 项`, `Accept proposal ${row.no}`)}
      data-testid={`accept-${row.no}`}
    />
  );
}
