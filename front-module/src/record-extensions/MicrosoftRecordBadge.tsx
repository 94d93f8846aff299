import type { RecordSlotProps } from '../plugin-front/plugin-front.types';
import { SyncStatusBadge } from '../settings-accounts/components/SyncStatusBadge';
import { MicrosoftIcon } from '../ui/MicrosoftIcon';
import { useMicrosoftAccountSummary } from './useMicrosoftAccountSummary';

/** On a record: whether the member's Microsoft mail and calendar feed its Emails and Calendar tabs. */
export function MicrosoftRecordBadge({ host }: RecordSlotProps) {
  const { statuses } = useMicrosoftAccountSummary(host);
  const first = statuses[0];
  if (!first) return null;
  return (
    <span className="m365-record-badge" data-testid="microsoft-record-badge">
      <MicrosoftIcon size={12} /> Microsoft 365 <SyncStatusBadge status={first} />
    </span>
  );
}
