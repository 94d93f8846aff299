import { useRecoilCallback } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { pageBookingsState } from '../../state/booking-pages.state';
import { BOOKINGS_QUERY } from '../booking-pages.documents';
import type { Booking } from '../booking-pages.types';

/** Loads a page's bookings into Recoil (when the member opens them, and again on demand). */
export function usePageBookings(host: FrontHost) {
  return useRecoilCallback(
    ({ set }) =>
      async (pageId: string) => {
        set(pageBookingsState(pageId), (state) => ({ ...state, status: 'loading' as const, error: null }));
        try {
          const data = await host.graphql<{ microsoftBookings: Booking[] }>(BOOKINGS_QUERY, { pageId });
          set(pageBookingsState(pageId), { status: 'loaded', bookings: data.microsoftBookings, error: null });
        } catch (failure) {
          set(pageBookingsState(pageId), (state) => ({ ...state, status: 'failed' as const, error: failure instanceof Error ? failure.message : String(failure) }));
        }
      },
    [host],
  );
}
