import { useRecoilCallback } from 'recoil';
import { RETRY_CONTACT_SYNC_MUTATION, UPDATE_CONTACT_SYNC_MUTATION } from '../../graphql/microsoft-account.documents';
import type { ContactSyncSettings, MicrosoftAccount, MicrosoftContactSync } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';
import { channelSaveState } from '../../state/saving-channel.state';

const replaceSync = (accounts: MicrosoftAccount[] | null, accountId: string, change: Partial<MicrosoftContactSync>) =>
  (accounts ?? []).map((account) => (account.id === accountId && account.contactSync ? { ...account, contactSync: { ...account.contactSync, ...change } } : account));

/** The contacts policy and folder: shown at once, sent to the server (which walks the folders again), rolled back if it refuses. */
export function useContactSyncSettings(host: FrontHost) {
  const save = useRecoilCallback(
    ({ set, snapshot }) =>
      async (accountId: string, input: ContactSyncSettings) => {
        const before = await snapshot.getPromise(microsoftAccountsState);
        const optimistic: Partial<MicrosoftContactSync> = {};
        if (input.creationPolicy) optimistic.creationPolicy = input.creationPolicy;
        if (input.allFolders) optimistic.folderExternalId = null;
        else if (input.folderExternalId) optimistic.folderExternalId = input.folderExternalId;
        set(microsoftAccountsState, replaceSync(before, accountId, optimistic));
        const key = `contacts:${accountId}`;
        set(channelSaveState(key), 'saving');
        try {
          const { updateMicrosoftContactSyncSettings: saved } = await host.graphql<{ updateMicrosoftContactSyncSettings: MicrosoftContactSync }>(UPDATE_CONTACT_SYNC_MUTATION, { connectedAccountId: accountId, input });
          set(microsoftAccountsState, (accounts) => replaceSync(accounts, accountId, saved));
          set(channelSaveState(key), 'saved');
        } catch {
          set(microsoftAccountsState, before);
          set(channelSaveState(key), 'failed');
        }
      },
    [host],
  );
  const retry = async (accountId: string) => {
    await host.graphql(RETRY_CONTACT_SYNC_MUTATION, { connectedAccountId: accountId }).catch(() => undefined);
  };
  return { saveContactSync: save, retryContactSync: retry };
}
