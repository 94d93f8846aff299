import { useRecoilCallback } from 'recoil';
import { withFolderSynced } from '../../accounts/folder-tree';
import { SET_MESSAGE_FOLDER_SYNCED_MUTATION } from '../../graphql/microsoft-account.documents';
import type { MicrosoftAccount, MicrosoftMessageFolder } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { folderToggleErrorState, pendingFolderSyncedState } from '../../state/mail-sync.state';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';

const updateFolders = (accounts: MicrosoftAccount[] | null, channelId: string, change: (folders: MicrosoftMessageFolder[]) => MicrosoftMessageFolder[]) =>
  (accounts ?? []).map((account) =>
    account.messageChannel?.id === channelId ? { ...account, messageChannel: { ...account.messageChannel, messageFolders: change(account.messageChannel.messageFolders) } } : account,
  );

/** A folder's toggle under "Selected folders": flipped at once, sent to the server, flipped back if it refuses. */
export function useMessageFolderSynced(host: FrontHost) {
  return useRecoilCallback(
    ({ set }) =>
      async (messageChannelId: string, folder: MicrosoftMessageFolder, isSynced: boolean) => {
        set(folderToggleErrorState(messageChannelId), null);
        set(pendingFolderSyncedState(folder.id), isSynced);
        set(microsoftAccountsState, (accounts) => updateFolders(accounts, messageChannelId, (folders) => withFolderSynced(folders, folder.id, isSynced)));
        try {
          const { setMicrosoftMessageFolderSynced: saved } = await host.graphql<{ setMicrosoftMessageFolderSynced: MicrosoftMessageFolder }>(SET_MESSAGE_FOLDER_SYNCED_MUTATION, {
            messageChannelId,
            messageFolderId: folder.id,
            isSynced,
          });
          set(microsoftAccountsState, (accounts) => updateFolders(accounts, messageChannelId, (folders) => folders.map((each) => (each.id === saved.id ? { ...each, ...saved } : each))));
        } catch (cause) {
          set(microsoftAccountsState, (accounts) => updateFolders(accounts, messageChannelId, (folders) => withFolderSynced(folders, folder.id, folder.isSynced)));
          const reason = cause instanceof Error ? cause.message : String(cause);
          set(folderToggleErrorState(messageChannelId), `Could not ${isSynced ? 'include' : 'leave out'} “${folder.name}”: ${reason}`);
        } finally {
          set(pendingFolderSyncedState(folder.id), null);
        }
      },
    [host],
  );
}
