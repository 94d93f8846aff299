import { useCallback, useState } from 'react';
import type { MicrosoftFeature } from '@m365/shared-types';
import { CREATE_CONNECT_LINK_MUTATION } from '../../graphql/microsoft-account.documents';
import type { FrontHost } from '../../plugin-front/plugin-front.types';

const SETTINGS_ACCOUNTS_PATH = '/settings/accounts';

/**
 * Starts the server's connect flow. The link is a page to navigate to (it redirects to Microsoft's consent),
 * not something to fetch. A login hint makes Microsoft preselect the account when reconnecting or granting more.
 */
export function useConnectMicrosoft(host: FrontHost) {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /**
   * Without `enable`, connects (or reconnects) asking for every optional scope. With it, "Enable" asks Microsoft for
   * just that feature's missing scopes on that account (incremental consent).
   */
  const connect = useCallback(
    async (loginHint?: string, enable?: { connectedAccountId: string; feature: MicrosoftFeature }) => {
      setStarting(true);
      setError(null);
      try {
        const { createMicrosoftConnectLink } = await host.graphql<{ createMicrosoftConnectLink: { url: string } }>(CREATE_CONNECT_LINK_MUTATION, {
          redirectLocation: SETTINGS_ACCOUNTS_PATH,
        });
        const url = new URL(createMicrosoftConnectLink.url);
        if (loginHint) url.searchParams.set('loginHint', loginHint);
        if (enable) {
          url.searchParams.set('connectedAccountId', enable.connectedAccountId);
          url.searchParams.set('feature', enable.feature);
        }
        window.location.assign(url.toString());
      } catch (cause) {
        setError(cause instanceof Error ? cause.message : String(cause));
        setStarting(false);
      }
    },
    [host],
  );

  return { connect, starting, error };
}
