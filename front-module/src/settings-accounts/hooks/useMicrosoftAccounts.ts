import { useCallback, useEffect } from 'react';
import { useRecoilState } from 'recoil';
import { accountStatus } from '../../accounts/account-sync-status';
import { MICROSOFT_ACCOUNTS_QUERY } from '../../graphql/microsoft-account.documents';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { microsoftAccountsLoadErrorState, microsoftAccountsState } from '../../state/microsoft-accounts.state';

const POLL_WHILE_IMPORTING_MS = 5000;

/** Loads the member's accounts into Recoil on mount, and keeps refreshing while one is importing. */
export function useMicrosoftAccounts(host: FrontHost) {
  const [accounts, setAccounts] = useRecoilState(microsoftAccountsState);
  const [loadError, setLoadError] = useRecoilState(microsoftAccountsLoadErrorState);

  const reload = useCallback(async () => {
    try {
      const data = await host.graphql<{ microsoftAccounts: MicrosoftAccount[] }>(MICROSOFT_ACCOUNTS_QUERY);
      setAccounts(data.microsoftAccounts);
      setLoadError(null);
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  }, [host, setAccounts, setLoadError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const importing = (accounts ?? []).some((account) => accountStatus(account).kind === 'IMPORTING');
  useEffect(() => {
    if (!importing) return undefined;
    const timer = setInterval(() => void reload(), POLL_WHILE_IMPORTING_MS);
    return () => clearInterval(timer);
  }, [importing, reload]);

  return { accounts, loadError, reload };
}
