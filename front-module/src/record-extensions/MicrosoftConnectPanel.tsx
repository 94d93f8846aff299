import type { RecordSlotProps } from '../plugin-front/plugin-front.types';
import { MicrosoftIcon } from '../ui/MicrosoftIcon';
import { useMicrosoftAccountSummary } from './useMicrosoftAccountSummary';

const NOUN = { person: 'this person', company: 'this company' } as const;

/** Invites the member to connect (or reconnect) Microsoft when nothing can fill this record's Emails and Calendar. */
export function MicrosoftConnectPanel({ host, objectName }: RecordSlotProps) {
  const { accounts, statuses } = useMicrosoftAccountSummary(host);
  if (accounts === null) return null;
  const needsReconnect = statuses.some((status) => status.kind === 'RECONNECT_NEEDED');
  if (accounts.length > 0 && !needsReconnect) return null;
  return (
    <div className="m365-panel" data-testid="microsoft-connect-panel">
      <div className="m365-panel-title">
        <MicrosoftIcon size={16} /> Microsoft 365
      </div>
      <p className="m365-muted">
        {needsReconnect
          ? 'Your Microsoft account needs to be reconnected before new emails and events sync.'
          : `Connect Microsoft to see your emails and meetings with ${NOUN[objectName]}.`}
      </p>
      <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={() => host.navigate('/settings/accounts')}>
        {needsReconnect ? 'Reconnect in Settings' : 'Connect in Settings'}
      </button>
    </div>
  );
}
