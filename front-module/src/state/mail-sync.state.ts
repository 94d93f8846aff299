import { atomFamily, selector } from 'recoil';
import { needsSyncPolling } from '../accounts/import-progress';
import { microsoftAccountsState } from './microsoft-accounts.state';

export interface RetryState {
  status: 'idle' | 'retrying' | 'failed';
  error: string | null;
}

/** Per channel id (mail or calendar): the member's last "Retry" of a failed sync. */
export const channelSyncRetryState = atomFamily<RetryState, string>({ key: 'm365/channelSyncRetry', default: { status: 'idle', error: null } });

/** Per folder id: the isSynced value the member just chose, while the server has not confirmed it (null when nothing is pending). */
export const pendingFolderSyncedState = atomFamily<boolean | null, string>({ key: 'm365/pendingFolderSynced', default: null });

/** Per message channel id: why the last folder toggle did not stick, until the next one. */
export const folderToggleErrorState = atomFamily<string | null, string>({ key: 'm365/folderToggleError', default: null });

/** Whether Settings → Accounts should keep refreshing: some channel is importing or queued. */
export const syncPollingSelector = selector<boolean>({
  key: 'm365/syncPolling',
  get: ({ get }) => needsSyncPolling(get(microsoftAccountsState) ?? []),
});
