import { useRecoilCallback } from 'recoil';
import { CalendarChannelSyncStage, MessageChannelSyncStage, SyncStatus } from '@m365/shared-types';
import { RETRY_CALENDAR_SYNC_MUTATION, RETRY_MESSAGE_SYNC_MUTATION } from '../../graphql/microsoft-account.documents';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { channelSyncRetryState } from '../../state/mail-sync.state';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';

interface RetryKind {
  mutation: string;
  field: string;
  variable: string;
  /** The account with its channel back in the queue, as the server has just put it. */
  queued(account: MicrosoftAccount, channelId: string): MicrosoftAccount;
}

const MAIL: RetryKind = {
  mutation: RETRY_MESSAGE_SYNC_MUTATION,
  field: 'retryMicrosoftMessageSync',
  variable: 'messageChannelId',
  queued: (account, channelId) =>
    account.messageChannel?.id === channelId
      ? { ...account, messageChannel: { ...account.messageChannel, syncStatus: SyncStatus.NOT_SYNCED, syncStage: MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING } }
      : account,
};

const CALENDAR: RetryKind = {
  mutation: RETRY_CALENDAR_SYNC_MUTATION,
  field: 'retryMicrosoftCalendarSync',
  variable: 'calendarChannelId',
  queued: (account, channelId) =>
    account.calendarChannel?.id === channelId
      ? { ...account, calendarChannel: { ...account.calendarChannel, syncStatus: SyncStatus.NOT_SYNCED, syncStage: CalendarChannelSyncStage.CALENDAR_EVENT_LIST_FETCH_PENDING } }
      : account,
};

/**
 * "Retry" on a failed sync: the server puts the channel back in the queue (NOT_SYNCED, list fetch pending). The same
 * change is made here, which makes Settings → Accounts poll until the pass is over.
 */
function useRetry(host: FrontHost, kind: RetryKind) {
  return useRecoilCallback(
    ({ set }) =>
      async (channelId: string) => {
        set(channelSyncRetryState(channelId), { status: 'retrying', error: null });
        try {
          const answer = await host.graphql<Record<string, boolean | null>>(kind.mutation, { [kind.variable]: channelId });
          if (answer[kind.field] === false) throw new Error('The server did not restart the sync.');
          set(microsoftAccountsState, (accounts) => (accounts ?? []).map((account) => kind.queued(account, channelId)));
          set(channelSyncRetryState(channelId), { status: 'idle', error: null });
        } catch (cause) {
          set(channelSyncRetryState(channelId), { status: 'failed', error: cause instanceof Error ? cause.message : String(cause) });
        }
      },
    [host, kind],
  );
}

export const useRetryMessageSync = (host: FrontHost) => useRetry(host, MAIL);
export const useRetryCalendarSync = (host: FrontHost) => useRetry(host, CALENDAR);
