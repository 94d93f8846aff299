import { useCallback, useEffect, useState } from 'react';
import { useRecoilState, useSetRecoilState } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { bookingAccountsState, bookingPagesState } from '../../state/booking-pages.state';
import { BOOKING_ACCOUNTS_QUERY, BOOKING_PAGES_QUERY } from '../booking-pages.documents';
import type { BookingAccount, BookingPage } from '../booking-pages.types';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Loads the member's booking pages and accounts into Recoil on mount. */
export function useBookingPages(host: FrontHost) {
  const [pages, setPages] = useRecoilState(bookingPagesState);
  const setAccounts = useSetRecoilState(bookingAccountsState);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [pageData, accountData] = await Promise.all([
        host.graphql<{ microsoftBookingPages: BookingPage[] }>(BOOKING_PAGES_QUERY),
        host.graphql<{ microsoftAccounts: BookingAccount[] }>(BOOKING_ACCOUNTS_QUERY),
      ]);
      setPages(pageData.microsoftBookingPages);
      setAccounts(accountData.microsoftAccounts);
      setLoadError(null);
    } catch (error) {
      setLoadError(message(error));
    }
  }, [host, setPages, setAccounts]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { pages, loadError, reload };
}
