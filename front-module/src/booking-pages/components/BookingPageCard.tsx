import { useRecoilValue, useSetRecoilState } from 'recoil';
import type { FrontHost } from '../../plugin-front/plugin-front.types';
import { bookingPageEditorState, bookingPageToDeleteState, bookingPageToggleState } from '../../state/booking-pages.state';
import { durationsLabel, locationLabel } from '../booking-page-labels';
import type { BookingPage } from '../booking-pages.types';
import { useToggleBookingPage } from '../hooks/useToggleBookingPage';
import { CopyLinkButton } from './CopyLinkButton';
import { PageBookings } from './PageBookings';

/** One booking page in the list: its link, whether guests can book it, what it offers, and its bookings. */
export function BookingPageCard({ host, page, accountHandle }: { host: FrontHost; page: BookingPage; accountHandle: string | null }) {
  const toggle = useRecoilValue(bookingPageToggleState(page.id));
  const setToggle = useToggleBookingPage(host);
  const edit = useSetRecoilState(bookingPageEditorState);
  const askDelete = useSetRecoilState(bookingPageToDeleteState);
  const enabled = toggle.pending ?? page.enabled;
  const titleId = `m365-booking-page-${page.id}`;
  return (
    <article className="m365-card" data-testid="booking-page" data-slug={page.slug} aria-labelledby={titleId}>
      <header className="m365-card-header">
        <div className="m365-card-identity">
          <span className="m365-card-handle" id={titleId} data-testid="booking-page-title">
            {page.title}
          </span>
          <span className="m365-card-meta">
            {durationsLabel(page.durationsMinutes)} · {locationLabel(page)}
            {accountHandle && ` · ${accountHandle}`}
          </span>
        </div>
        <label className="m365-booking-enabled">
          <span className="m365-toggle-label">{enabled ? 'Open for booking' : 'Closed'}</span>
          <input
            type="checkbox"
            role="switch"
            className="m365-toggle"
            checked={enabled}
            disabled={toggle.pending !== null}
            aria-label={`Guests can book ${page.title}`}
            onChange={(event) => void setToggle(page, event.target.checked)}
            data-testid="booking-page-enabled"
          />
        </label>
      </header>
      <div className="m365-subsection">
        <div className="m365-booking-link">
          <a href={page.publicUrl} target="_blank" rel="noopener noreferrer" data-testid="booking-page-link">
            {page.publicUrl}
          </a>
          <CopyLinkButton url={page.publicUrl} testId="booking-page-copy" />
        </div>
        {toggle.error && <p className="m365-form-error">Could not change it: {toggle.error}</p>}
        {page.locationFallback && (
          <p className="m365-banner-warning" data-testid="booking-page-fallback">
            <strong>Teams meeting unavailable.</strong> {page.locationFallback}
          </p>
        )}
        {!page.confirmationsAvailable && (
          <p className="m365-field-caption" data-testid="booking-page-no-confirmations">
            {page.confirmationsUnavailableReason ?? 'Confirmation emails will not be sent'}
          </p>
        )}
        <PageBookings host={host} pageId={page.id} />
        <div className="m365-card-actions">
          <button type="button" className="m365-button m365-button-secondary m365-button-small" onClick={() => edit(page.id)} aria-label={`Edit ${page.title}`} data-testid="booking-page-edit">
            Edit
          </button>
          <button type="button" className="m365-button m365-button-danger-ghost m365-button-small" onClick={() => askDelete(page.id)} aria-label={`Delete ${page.title}`} data-testid="booking-page-delete">
            Delete
          </button>
        </div>
      </div>
    </article>
  );
}
