import { useEffect, useMemo, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { OUT_OF_OFFICE_QUERY } from '../compose.documents';
import type { OutOfOfficeAnswer, OutOfOfficeNotice } from '../compose.types';

const DEBOUNCE_MS = 300;

/** Out-of-office notices by lower-cased address for these addresses (the server caches mail tips for minutes). */
export function useOutOfOffice(host: FrontHost, addresses: string[], connectedAccountId?: string | null): Map<string, OutOfOfficeNotice> {
  const key = useMemo(() => [...new Set(addresses.map((address) => address.toLowerCase()))].sort().join('\n'), [addresses]);
  const [notices, setNotices] = useState<Map<string, OutOfOfficeNotice>>(new Map());
  useEffect(() => {
    if (!key) {
      setNotices(new Map());
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const data = await host.graphql<{ microsoftOutOfOffice: OutOfOfficeAnswer }>(OUT_OF_OFFICE_QUERY, { addresses: key.split('\n'), connectedAccountId: connectedAccountId ?? null }, { signal: abort.signal });
        if (!abort.signal.aborted) setNotices(new Map(data.microsoftOutOfOffice.notices.map((notice) => [notice.address.toLowerCase(), notice])));
      } catch {
        // A badge is a hint: none when the call fails.
      }
    }, DEBOUNCE_MS);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [host, key, connectedAccountId]);
  return notices;
}
