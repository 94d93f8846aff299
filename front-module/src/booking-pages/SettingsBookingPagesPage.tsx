import { useRecoilValue, useSetRecoilState } from 'recoil';
import type { SettingsPageProps } from '../plugin-front/plugin-front.types';
import { bookingAccountsState, bookingPageEditorState } from '../state/booking-pages.state';
import { canHostBookingPages } from './booking-account';
import { BookingPageCard } from './components/BookingPageCard';
import { BookingPageEditor } from './components/BookingPageEditor';
import { DeleteBookingPageDialog } from './components/DeleteBookingPageDialog';
import { useBookingPages } from './hooks/useBookingPages';

/** Settings → Booking pages: the member's public pages where outsiders book time on their Outlook calendar. */
export function SettingsBookingPagesPage({ host }: SettingsPageProps) {
  const { pages, loadError } = useBookingPages(host);
  const accounts = useRecoilValue(bookingAccountsState);
  const editing = useRecoilValue(bookingPageEditorState);
  const setEditing = useSetRecoilState(bookingPageEditorState);
  const canCreate = (accounts ?? []).some(canHostBookingPages);
  const handleOf = (accountId: string) => accounts?.find((account) => account.id === accountId)?.handle ?? null;

  return (
    <div className="m365-settings-page" data-testid="settings-booking-pages">
      {editing ? (
        <BookingPageEditor key={editing} host={host} pageId={editing === 'new' ? null : editing} />
      ) : (
        <>
          <header className="m365-page-header">
            <h1>Booking pages</h1>
            <p className="m365-muted">Share a link where people book a meeting with you at a time your Outlook calendar has free.</p>
          </header>
          <section className="m365-section">
            <div className="m365-section-header">
              <div>
                <h2>Your pages</h2>
                <p className="m365-muted">Each page has its own address, meeting lengths and hours.</p>
              </div>
              <button type="button" className="m365-button m365-button-primary" onClick={() => setEditing('new')} disabled={!canCreate} data-testid="new-booking-page">
                New booking page
              </button>
            </div>
            {accounts && !canCreate && (
              <p className="m365-banner-warning" data-testid="booking-pages-no-account">
                Connect a Microsoft account and let it use your calendar (Settings → Accounts) to create a booking page.
              </p>
            )}
            {loadError && <div className="m365-banner m365-banner-error">Could not load booking pages: {loadError}</div>}
            {pages === null && !loadError && <p className="m365-muted">Loading booking pages…</p>}
            {pages?.length === 0 && (
              <div className="m365-empty" data-testid="booking-pages-empty">
                <strong>No booking page yet</strong>
                <span className="m365-muted">Create one and send its link to whoever should book time with you.</span>
              </div>
            )}
            <div className="m365-account-list" data-testid="booking-page-list">
              {pages?.map((page) => <BookingPageCard key={page.id} host={host} page={page} accountHandle={handleOf(page.connectedAccountId)} />)}
            </div>
          </section>
        </>
      )}
      <DeleteBookingPageDialog host={host} />
    </div>
  );
}
