import { useRecoilValue, useSetRecoilState } from 'recoil';
import { MicrosoftAccountType, SyncChannelKind } from '@m365/shared-types';
import { messageChannelSyncKey } from '../../accounts/sync-run-view';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { accountStatusSelector } from '../../state/account-status.selector';
import { accountToDisconnectState } from '../../state/account-to-disconnect.state';
import { MicrosoftIcon } from '../../ui/MicrosoftIcon';
import { useChannelSettings } from '../hooks/useChannelSettings';
import { useMessageFolderSynced } from '../hooks/useMessageFolderSynced';
import { useRetryMessageSync } from '../hooks/useRetryMessageSync';
import { CalendarChannelSettings } from './CalendarChannelSettings';
import { EmailChannelSettings } from './EmailChannelSettings';
import { SyncLog } from './SyncLog';
import { FeatureList } from './FeatureList';
import { PushStatusIndicator } from './PushStatusIndicator';
import { SyncStatusBadge } from './SyncStatusBadge';

interface MicrosoftAccountCardProps {
  account: MicrosoftAccount;
  host: FrontHost;
  connecting: boolean;
  onReconnect(loginHint: string): void;
}

export function MicrosoftAccountCard({ account, host, connecting, onReconnect }: MicrosoftAccountCardProps) {
  const status = useRecoilValue(accountStatusSelector(account.id));
  const askToDisconnect = useSetRecoilState(accountToDisconnectState);
  const { saveMessageChannel, saveCalendarChannel } = useChannelSettings(host);
  const retryMessageSync = useRetryMessageSync(host);
  const setFolderSynced = useMessageFolderSynced(host);
  const reconnect = () => onReconnect(account.handle);
  const messageChannelId = account.messageChannel?.id;

  return (
    <article className="m365-card" data-testid="microsoft-account" data-account-id={account.id}>
      <header className="m365-card-header">
        <MicrosoftIcon size={24} />
        <div className="m365-card-identity">
          <span className="m365-card-handle" data-testid="account-handle">
            {account.handle}
          </span>
          <span className="m365-card-meta" data-testid="account-type">
            {account.accountType === MicrosoftAccountType.PERSONAL ? 'Personal' : 'Work or school'}
            {status?.detail && <span className="m365-card-detail"> · {status.detail}</span>}
            {account.messageChannel && (
              <>
                {' · '}
                <PushStatusIndicator channel={account.messageChannel} testId="account-push-status" />
              </>
            )}
          </span>
        </div>
        {status && <SyncStatusBadge status={status} testId="account-status" />}
        <div className="m365-card-actions">
          {status?.kind === 'RECONNECT_NEEDED' && (
            <button type="button" className="m365-button m365-button-primary m365-button-small" onClick={reconnect} disabled={connecting} data-testid="reconnect-account">
              Reconnect
            </button>
          )}
          <button type="button" className="m365-button m365-button-danger-ghost m365-button-small" onClick={() => askToDisconnect(account.id)} data-testid="disconnect-account">
            Disconnect
          </button>
        </div>
      </header>
      <div className="m365-card-body">
        <FeatureList account={account} onGrantAccess={reconnect} granting={connecting} />
        {account.messageChannel ? (
          <EmailChannelSettings
            channel={account.messageChannel}
            onSave={(input) => void saveMessageChannel(messageChannelId!, input)}
            onRetry={() => void retryMessageSync(messageChannelId!)}
            onToggleFolder={(folder, isSynced) => void setFolderSynced(messageChannelId!, folder, isSynced)}
          >
            <SyncLog host={host} channelKind={SyncChannelKind.MESSAGE} channelId={account.messageChannel.id} refreshKey={messageChannelSyncKey(account.messageChannel)} />
          </EmailChannelSettings>
        ) : (
          <p className="m365-muted" data-testid="email-settings-unavailable">Emails are not synced: grant Mail access to import them.</p>
        )}
        {account.calendarChannel ? (
          <CalendarChannelSettings channel={account.calendarChannel} onSave={(input) => void saveCalendarChannel(account.calendarChannel!.id, input)} />
        ) : (
          <p className="m365-muted" data-testid="calendar-settings-unavailable">The calendar is not synced: grant Calendar access to import it.</p>
        )}
      </div>
    </article>
  );
}
