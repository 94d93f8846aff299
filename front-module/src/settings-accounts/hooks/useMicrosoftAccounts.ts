import { useCallback, useEffect, useState } from 'react';
import { useRecoilState, useRecoilValue } from 'recoil';
import { needsPushPolling } from '../../accounts/push-status';
import { MICROSOFT_ACCOUNTS_QUERY } from '../../graphql/microsoft-account.documents';
import type { MicrosoftAccount } from '../../graphql/microsoft-account.types';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { syncPollingSelector } from '../../state/mail-sync.state';
import { microsoftAccountsLoadErrorState, microsoftAccountsState } from '../../state/microsoft-accounts.state';

const POLL_WHILE_IMPORTING_MS = 2000;
/** How long after the page opens it keeps looking for a subscription that has not started yet (it is made just after connecting). */
const PUSH_GRACE_MS = 30_000;

/** True for the first `ms` after mount. */
function useWithinFirst(ms: number): boolean {
  const [within, setWithin] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setWithin(false), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return within;
}

/**
 * Loads the member's accounts into Recoil on mount, and refreshes them every ~2 s while a channel imports or waits in
 * the queue, or while real-time push is starting.
 */
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

  const withinPushGrace = useWithinFirst(PUSH_GRACE_MS);
  const disconnecting = (accounts ?? []).some((account) => account.disconnecting);
  const polling = useRecoilValue(syncPollingSelector) || needsPushPolling(accounts ?? [], withinPushGrace) || disconnecting;
  useEffect(() => {
    if (!polling) return undefined;
    // One refresh at a time: the next is scheduled when the previous one answered.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const tick = () => {
      timer = setTimeout(() => {
        void reload().finally(() => {
          if (!stopped) tick();
        });
      }, POLL_WHILE_IMPORTING_MS);
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [polling, reload]);

  return { accounts, loadError, reload };
}
