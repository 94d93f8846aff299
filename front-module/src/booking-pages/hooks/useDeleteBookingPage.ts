import { useState } from 'react';
import { useSetRecoilState } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { bookingPageEditorState, bookingPagesState, bookingPageToDeleteState } from '../../state/booking-pages.state';
import { DELETE_BOOKING_PAGE_MUTATION } from '../booking-pages.documents';

export function useDeleteBookingPage(host: FrontHost) {
  const setPages = useSetRecoilState(bookingPagesState);
  const setToDelete = useSetRecoilState(bookingPageToDeleteState);
  const setEditing = useSetRecoilState(bookingPageEditorState);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async (pageId: string) => {
    setDeleting(true);
    setError(null);
    try {
      await host.graphql<{ deleteMicrosoftBookingPage: boolean }>(DELETE_BOOKING_PAGE_MUTATION, { id: pageId });
      setPages((pages) => (pages ?? []).filter((page) => page.id !== pageId));
      setToDelete(null);
      setEditing((editing) => (editing === pageId ? null : editing));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setDeleting(false);
    }
  };

  return { remove, deleting, error };
}
