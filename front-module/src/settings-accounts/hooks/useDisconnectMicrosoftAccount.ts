import { useCallback, useState } from 'react';
import { useSetRecoilState } from 'recoil';
import { DISCONNECT_ACCOUNT_MUTATION, MICROSOFT_ACCOUNTS_QUERY } from '../../graphql/microsoft-account.documents';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { accountToDisconnectState } from '../../state/account-to-disconnect.state';
import { microsoftAccountsState } from '../../state/microsoft-accounts.state';

export function useDisconnectMicrosoftAccount(host: FrontHost) {
  const setAccounts = useSetRecoilState(microsoftAccountsState);
  const setAccountToDisconnect = useSetRecoilState(accountToDisconnectState);
  const [disconnecting, setDisconnecting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const disconnect = useCallback(
    async (connectedAccountId: string) => {
      setDisconnecting(true);
      setError(null);
      try {
        await host.graphql(DISCONNECT_ACCOUNT_MUTATION, { connectedAccountId });
        // Done, or still under way (Microsoft unreachable): the list says which ("Disconnecting…" until it is done).
        const listed = await host.graphql<{ microsoftAccounts: MicrosoftAccount[] }>(MICROSOFT_ACCOUNTS_QUERY).catch(() => null);
        setAccounts((accounts) => listed?.microsoftAccounts ?? (accounts ?? []).filter((account) => account.id !== connectedAccountId));
        setAccountToDisconnect(null);
      } catch (cause) {
        setError(cause instanceof Error ? cause.message : String(cause));
      } finally {
        setDisconnecting(false);
      }
    },
    [host, setAccounts, setAccountToDisconnect],
  );

  return { disconnect, disconnecting, error };
}
