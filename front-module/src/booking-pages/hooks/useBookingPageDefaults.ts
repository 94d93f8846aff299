import { useEffect, useState } from 'react';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { BOOKING_PAGE_DEFAULTS_QUERY } from '../booking-pages.documents';
import type { BookingPageDefaults } from '../booking-pages.types';

/** What Outlook suggests for a new page on `connectedAccountId` (null: not asked, or still loading). */
export function useBookingPageDefaults(host: FrontHost, connectedAccountId: string | null) {
  const [defaults, setDefaults] = useState<{ accountId: string; value: BookingPageDefaults } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!connectedAccountId) return undefined;
    let live = true;
    setError(null);
    host
      .graphql<{ microsoftBookingPageDefaults: BookingPageDefaults }>(BOOKING_PAGE_DEFAULTS_QUERY, { connectedAccountId })
      .then((data) => live && setDefaults({ accountId: connectedAccountId, value: data.microsoftBookingPageDefaults }))
      .catch((failure: unknown) => live && setError(failure instanceof Error ? failure.message : String(failure)));
    return () => {
      live = false;
    };
  }, [host, connectedAccountId]);
  return { defaults: defaults?.accountId === connectedAccountId ? defaults.value : null, error };
}
