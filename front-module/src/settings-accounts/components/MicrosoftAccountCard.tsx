import { useRecoilValue, useSetRecoilState } from 'recoil';
import { MicrosoftAccountType, MicrosoftFeature, SyncChannelKind } from '@m365/shared-types';
import { channelSyncKey } from '../../accounts/sync-run-view';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { accountStatusSelector } from '../../state/account-status.selector';
import { accountToDisconnectState } from '../../state/account-to-disconnect.state';
import { MicrosoftIcon } from '../../ui/MicrosoftIcon';
import { useCalendarSynced } from '../hooks/useCalendarSynced';
import { useChannelSettings } from '../hooks/useChannelSettings';
import { useMessageFolderSynced } from '../hooks/useMessageFolderSynced';
import { useRetryCalendarSync, useRetryMessageSync } from '../hooks/useRetryChannelSync';
import { CalendarChannelSettings } from './CalendarChannelSettings';
import { ContactSyncSettings } from './ContactSyncSettings';
import { useContactSyncSettings } from '../hooks/useContactSyncSettings';
import { EmailChannelSettings } from './EmailChannelSettings';
import { SyncLog } from './SyncLog';
import { TodoSyncSettings } from './TodoSyncSettings';
import { FeatureList } from './FeatureList';
import { SharePointOrgSettings } from '../../files/components/SharePointOrgSettings';
import { PushStatusIndicator } from './PushStatusIndicator';
import { SyncStatusBadge } from './SyncStatusBadge';

interface MicrosoftAccountCardProps {
  account: MicrosoftAccount;
  host: FrontHost;
  connecting: boolean;
  onReconnect(loginHint: string): void;
  onEnableFeature(feature: MicrosoftFeature): void;
}

export function MicrosoftAccountCard(props: MicrosoftAccountCardProps) {
  return props.account.disconnecting ? <DisconnectingAccountCard account={props.account} /> : <ConnectedAccountCard {...props} />;
}

/** A disconnect under way (Microsoft unreachable, or a restart in between): nothing to change, it finishes on its own. */
function DisconnectingAccountCard({ account }: { account: MicrosoftAccount }) {
  return (
    <article className="m365-card" data-testid="microsoft-account" data-account-id={account.id} data-disconnecting="true">
      <header className="m365-card-header">
        <MicrosoftIcon size={24} />
        <div className="m365-card-identity">
          <span className="m365-card-handle" data-testid="account-handle">
            {account.handle}
          </span>
        </div>
        <span className="m365-badge m365-badge-gray" data-testid="account-disconnecting" role="status">
          <span className="m365-spinner" aria-hidden="true" />
          Disconnecting…
        </span>
      </header>
      <div className="m365-card-body">
        <p className="m365-muted">Removing from the CRM everything this account brought. Its mail and calendar stay in Microsoft 365.</p>
      </div>
    </article>
  );
}

function ConnectedAccountCard({ account, host, connecting, onReconnect, onEnableFeature }: MicrosoftAccountCardProps) {
  const status = useRecoilValue(accountStatusSelector(account.id));
  const askToDisconnect = useSetRecoilState(accountToDisconnectState);
  const { saveMessageChannel, saveCalendarChannel } = useChannelSettings(host);
  const retryMessageSync = useRetryMessageSync(host);
  const retryCalendarSync = useRetryCalendarSync(host);
  const setFolderSynced = useMessageFolderSynced(host);
  const setCalendarSynced = useCalendarSynced(host);
  const { saveContactSync, retryContactSync } = useContactSyncSettings(host);
  const reconnect = () => onReconnect(account.handle);
  const messageChannelId = account.messageChannel?.id;
  const todoGranted = account.features.some((feature) => feature.feature === MicrosoftFeature.TODO && feature.granted);

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
        <FeatureList account={account} onEnable={onEnableFeature} enabling={connecting} />
        {account.messageChannel ? (
          <EmailChannelSettings
            channel={account.messageChannel}
            onSave={(input) => void saveMessageChannel(messageChannelId!, input)}
            onRetry={() => void retryMessageSync(messageChannelId!)}
            onToggleFolder={(folder, isSynced) => void setFolderSynced(messageChannelId!, folder, isSynced)}
          >
            <SyncLog host={host} channelKind={SyncChannelKind.MESSAGE} channelId={account.messageChannel.id} refreshKey={channelSyncKey(account.messageChannel)} />
          </EmailChannelSettings>
        ) : (
          <p className="m365-muted" data-testid="email-settings-unavailable">Emails are not synced: grant Mail access to import them.</p>
        )}
        {account.calendarChannel ? (
          <CalendarChannelSettings
            channel={account.calendarChannel}
            onSave={(input) => void saveCalendarChannel(account.calendarChannel!.id, input)}
            onToggleCalendar={(calendar, isSynced) => void setCalendarSynced(account.calendarChannel!.id, calendar, isSynced)}
            onRetry={() => void retryCalendarSync(account.calendarChannel!.id)}
          >
            <SyncLog host={host} channelKind={SyncChannelKind.CALENDAR} channelId={account.calendarChannel.id} refreshKey={channelSyncKey(account.calendarChannel)} />
          </CalendarChannelSettings>
        ) : (
          <p className="m365-muted" data-testid="calendar-settings-unavailable">The calendar is not synced: grant Calendar access to import it.</p>
        )}
        {account.contactSync ? (
          <ContactSyncSettings
            accountId={account.id}
            sync={account.contactSync}
            host={host}
            onSave={(input) => void saveContactSync(account.id, input)}
            onRetry={() => void retryContactSync(account.id)}
          />
        ) : (
          <p className="m365-muted" data-testid="contacts-settings-unavailable">Contacts are not synced: grant Contacts access to keep Outlook contacts and CRM people in step.</p>
        )}
        {todoGranted ? (
          <TodoSyncSettings accountId={account.id} host={host} />
        ) : (
          <p className="m365-muted" data-testid="todo-settings-unavailable">Tasks are not synced to Microsoft To Do: grant To Do access to sync CRM tasks with To Do.</p>
        )}
        <SharePointOrgSettings host={host} accountId={account.id} />
      </div>
    </article>
  );
}
