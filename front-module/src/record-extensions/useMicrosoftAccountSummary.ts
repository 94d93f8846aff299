import { useEffect } from 'react';
import { useRecoilState } from 'recoil';
import { accountStatus, type AccountStatus } from '../accounts/account-sync-status';
import { MICROSOFT_ACCOUNTS_QUERY } from '../graphql/microsoft-account.documents';
import type { MicrosoftAccount } from '../graphql/microsoft-account.types';
import type { FrontHost } from '../plugin-front/plugin-front.types';
import { microsoftAccountsState } from '../state/microsoft-accounts.state';

/** The accounts for record-page extensions: loaded once, shared with Settings through Recoil. */
export function useMicrosoftAccountSummary(host: FrontHost): { accounts: MicrosoftAccount[] | null; statuses: AccountStatus[] } {
  const [accounts, setAccounts] = useRecoilState(microsoftAccountsState);
  useEffect(() => {
    if (accounts !== null) return;
    host
      .graphql<{ microsoftAccounts: MicrosoftAccount[] }>(MICROSOFT_ACCOUNTS_QUERY)
      .then((data) => setAccounts(data.microsoftAccounts))
      .catch(() => undefined);
  }, [accounts, host, setAccounts]);
  return { accounts, statuses: (accounts ?? []).map(accountStatus) };
}
