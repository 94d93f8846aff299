import { atom, atomFamily } from 'recoil';
import type { Booking, BookingAccount, BookingPage } from '../booking-pages/booking-pages.types';

/** The member's booking pages; null until the first load. */
export const bookingPagesState = atom<BookingPage[] | null>({ key: 'm365/bookingPages', default: null });

/** The member's accounts with their calendars, for the editor; null until loaded. */
export const bookingAccountsState = atom<BookingAccount[] | null>({ key: 'm365/bookingAccounts', default: null });

/** The page open in the editor: 'new', a page id, or null for the list. */
export const bookingPageEditorState = atom<string | null>({ key: 'm365/bookingPageEditor', default: null });

/** The page whose delete confirmation is open. */
export const bookingPageToDeleteState = atom<string | null>({ key: 'm365/bookingPageToDelete', default: null });

export interface PageBookingsState {
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  bookings: Booking[];
  error: string | null;
}

/** Per page id: its bookings, loaded when the member opens them. */
export const pageBookingsState = atomFamily<PageBookingsState, string>({ key: 'm365/pageBookings', default: { status: 'idle', bookings: [], error: null } });

/** Per page id: an "enabled" switch the server has not confirmed, or the reason it refused. */
export const bookingPageToggleState = atomFamily<{ pending: boolean | null; error: string | null }, string>({
  key: 'm365/bookingPageToggle',
  default: { pending: null, error: null },
});
