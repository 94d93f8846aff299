import { useEffect } from 'react';
import { useSetRecoilState } from 'recoil';
import { connectErrorFromQuery, withoutCallbackParams } from '../../accounts/connect-error-message';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { connectErrorState } from '../../state/connect-error.state';

/** Moves the callback's error from the URL into state, and cleans the URL so a reload does not repeat it. */
export function useConnectErrorFromQuery(host: FrontHost, query: URLSearchParams, path: string) {
  const setConnectError = useSetRecoilState(connectErrorState);
  const search = query.toString();

  useEffect(() => {
    const params = new URLSearchParams(search);
    if (!params.has('microsoftError') && !params.has('connectedAccountId')) return;
    const error = connectErrorFromQuery(params);
    setConnectError(error);
    const rest = withoutCallbackParams(params).toString();
    host.navigate(rest ? `${path}?${rest}` : path, { replace: true });
  }, [host, path, search, setConnectError]);
}
