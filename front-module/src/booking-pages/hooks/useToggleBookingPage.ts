import { useRecoilCallback } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { bookingPagesState, bookingPageToggleState } from '../../state/booking-pages.state';
import { bookingPageInputOf } from '../booking-page-form';
import { UPDATE_BOOKING_PAGE_MUTATION } from '../booking-pages.documents';
import type { BookingPage } from '../booking-pages.types';

/** Turns a page on or off from the list: shown at once as pending, confirmed by the server's page, or back with the reason. */
export function useToggleBookingPage(host: FrontHost) {
  return useRecoilCallback(
    ({ set }) =>
      async (page: BookingPage, enabled: boolean) => {
        set(bookingPageToggleState(page.id), { pending: enabled, error: null });
        try {
          const data = await host.graphql<{ updateMicrosoftBookingPage: BookingPage }>(UPDATE_BOOKING_PAGE_MUTATION, {
            id: page.id,
            input: { ...bookingPageInputOf(page), enabled },
          });
          const saved = data.updateMicrosoftBookingPage;
          set(bookingPagesState, (pages) => (pages ?? []).map((each) => (each.id === saved.id ? saved : each)));
          set(bookingPageToggleState(page.id), { pending: null, error: null });
        } catch (failure) {
          set(bookingPageToggleState(page.id), { pending: null, error: failure instanceof Error ? failure.message : String(failure) });
        }
      },
    [host],
  );
}
