import { useRecoilValue } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { pageBookingsState } from '../../state/booking-pages.state';
import { bookingStatusLabel, bookingWhen } from '../booking-page-labels';
import { usePageBookings } from '../hooks/usePageBookings';

/** "Bookings": the page's bookings, loaded when the disclosure opens. */
export function PageBookings({ host, pageId }: { host: FrontHost; pageId: string }) {
  const state = useRecoilValue(pageBookingsState(pageId));
  const load = usePageBookings(host);
  const confirmed = state.bookings.filter((booking) => booking.status === 'CONFIRMED').length;
  return (
    <details className="m365-sync-log" data-testid="page-bookings" onToggle={(event) => (event.currentTarget as HTMLDetailsElement).open && void load(pageId)}>
      <summary className="m365-sync-log-summary">
        Bookings {state.status === 'loaded' && <span className="m365-sync-log-count">({confirmed} confirmed)</span>}
      </summary>
      {state.status === 'loading' && <p className="m365-muted">Loading bookings…</p>}
      {state.status === 'failed' && <p className="m365-form-error">Could not load bookings: {state.error}</p>}
      {state.status === 'loaded' && state.bookings.length === 0 && <p className="m365-muted">Nobody has booked this page yet.</p>}
      {state.bookings.length > 0 && (
        <ul className="m365-sync-log-list">
          {state.bookings.map((booking) => (
            <li key={booking.id} className={`m365-sync-run${booking.status === 'CANCELLED' ? ' is-cancelled' : ''}`} data-testid="page-booking" data-status={booking.status}>
              <div className="m365-sync-run-line">
                <span className="m365-sync-run-title">{booking.guestName}</span>
                <span className="m365-sync-run-outcome">{booking.guestEmail}</span>
                <span className="m365-sync-run-when">{bookingWhen(booking.start, booking.end)}</span>
              </div>
              <p className="m365-sync-run-note">
                {bookingStatusLabel(booking.status)}
                {booking.joinUrl && booking.status === 'CONFIRMED' && (
                  <>
                    {' · '}
                    <a href={booking.joinUrl} target="_blank" rel="noopener noreferrer">
                      Teams link
                    </a>
                  </>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
