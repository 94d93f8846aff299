import { useCallback, useState } from 'react';
import { useSetRecoilState } from 'recoil';
import { DISCONNECT_ACCOUNT_MUTATION } from '../../graphql/microsoft-account.documents';
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
        setAccounts((accounts) => (accounts ?? []).filter((account) => account.id !== connectedAccountId));
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
