import { useRecoilCallback } from 'recoil';
import { MessageChannelSyncStage, SyncStatus } from '@m365/shared-types';
import { RETRY_MESSAGE_SYNC_MUTATION } from '../../graphql/microsoft-account.documents';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { messageSyncRetryState } from '../../state/mail-sync.state';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';

/**
 * "Retry" on a failed mail sync: the server puts the channel back in the queue (NOT_SYNCED, list fetch pending).
 * The same change is made here, which makes Settings → Accounts poll until the pass is over.
 */
export function useRetryMessageSync(host: FrontHost) {
  return useRecoilCallback(
    ({ set }) =>
      async (messageChannelId: string) => {
        set(messageSyncRetryState(messageChannelId), { status: 'retrying', error: null });
        try {
          const { retryMicrosoftMessageSync } = await host.graphql<{ retryMicrosoftMessageSync: boolean | null }>(RETRY_MESSAGE_SYNC_MUTATION, { messageChannelId });
          if (retryMicrosoftMessageSync === false) throw new Error('The server did not restart the sync.');
          set(microsoftAccountsState, (accounts) =>
            (accounts ?? []).map((account) =>
              account.messageChannel?.id === messageChannelId
                ? { ...account, messageChannel: { ...account.messageChannel, syncStatus: SyncStatus.NOT_SYNCED, syncStage: MessageChannelSyncStage.MESSAGE_LIST_FETCH_PENDING } }
                : account,
            ),
          );
          set(messageSyncRetryState(messageChannelId), { status: 'idle', error: null });
        } catch (cause) {
          set(messageSyncRetryState(messageChannelId), { status: 'failed', error: cause instanceof Error ? cause.message : String(cause) });
        }
      },
    [host],
  );
}
