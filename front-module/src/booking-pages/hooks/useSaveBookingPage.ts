import { useState } from 'react';
import { useSetRecoilState } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { bookingPagesState } from '../../state/booking-pages.state';
import { CREATE_BOOKING_PAGE_MUTATION, UPDATE_BOOKING_PAGE_MUTATION } from '../booking-pages.documents';
import type { BookingPage, BookingPageInput } from '../booking-pages.types';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Creates or updates a page; the saved page replaces its row in the list. A refusal is kept as `error`, in the server's words. */
export function useSaveBookingPage(host: FrontHost) {
  const setPages = useSetRecoilState(bookingPagesState);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async (pageId: string | null, input: BookingPageInput): Promise<BookingPage | null> => {
    setSaving(true);
    setError(null);
    try {
      const saved = pageId
        ? (await host.graphql<{ updateMicrosoftBookingPage: BookingPage }>(UPDATE_BOOKING_PAGE_MUTATION, { id: pageId, input })).updateMicrosoftBookingPage
        : (await host.graphql<{ createMicrosoftBookingPage: BookingPage }>(CREATE_BOOKING_PAGE_MUTATION, { input })).createMicrosoftBookingPage;
      setPages((pages) => (pages?.some((page) => page.id === saved.id) ? pages.map((page) => (page.id === saved.id ? saved : page)) : [...(pages ?? []), saved]));
      return saved;
    } catch (failure) {
      setError(message(failure));
      return null;
    } finally {
      setSaving(false);
    }
  };

  return { save, saving, error, clearError: () => setError(null) };
}
